// The state Gloss's markdown plugins share, under one namespaced `env.gloss` key.
import type { ContentProblem } from "../core/errors.ts";
import { messagesFor } from "../core/messages/index.ts";
import type { ImageFile, ImageRefusal } from "../content/images.ts";
import type { ImagePlan } from "./image-plan.ts";

/** What a quotation needs to know about the story it quotes. */
export interface QuotedSource {
  id: string;
  title: string;
  url: string;
  /** A snapshot of the story (e.g. in a web archive), when one is recorded. */
  archived?: string | undefined;
  /** The archived copy leads: the original is recorded as no longer available. */
  leadArchived?: boolean | undefined;
  /** What readers are told about the original's availability, when it is recorded down. */
  linkNote?: string | undefined;
  outletName: string;
  dateIso: string;
  dateText: string;
  /** This site's page about the source. */
  pageUrl: string;
}

/** One quoted passage (a paragraph inside an attributed quotation). */
export interface QuotedPassage {
  sourceId: string;
  /** The passage's text, whitespace-normalised. */
  text: string;
  /** 1-based line in the post file. */
  line: number;
  /** Anchor id of the quotation in the post page. */
  anchor: string;
  /**
   * `passageKey(text)`: where quotations of the same words meet in the quote index
   * (lib/catalog/quote-index.ts). Made once, with the render, and kept with it between builds.
   */
  key: string;
}

/** Key under which two quotations of the same words meet: case, quotes and spaces folded. */
export function passageKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[“”„"]/g, '"')
    .replace(/[‘’']/g, "'")
    .replace(/[—–]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/** A top-level heading of the post, for its table of contents. */
export interface HeadingEntry {
  level: number;
  id: string;
  text: string;
}

export interface GlossRenderState {
  /** File the markdown came from, for error messages. */
  file: string;
  /** Lines before the body in the file (front matter), so token lines become file lines. */
  lineOffset: number;
  /** Prefix for generated ids, so two posts on one page never collide. */
  idPrefix: string;
  lookupSource: (id: string) => QuotedSource | undefined;
  /** The sources registry as named in messages. */
  sourcesFile: string;
  /** "did you mean `x`?" for an unknown source id, when one is near (lib/core/suggest.ts). */
  suggestSource?: ((id: string) => string | undefined) | undefined;
  problems: ContentProblem[];
  passages: QuotedPassage[];
  words: { quoted: number; commentary: number };
  /** Ids of the sources actually quoted, in order of first quotation. */
  quotedSourceIds: string[];
  /** Text of the first paragraph of the author's own words (for summaries). */
  firstParagraph: string;
  /** The post's own headings (not those inside quotations or lists), in order. */
  headings: HeadingEntry[];
  /** Reads an image the post shows (`src` as written); without it, images render as written. */
  readImage?: ((src: string) => ImageFile | ImageRefusal) | undefined;
  /** The post's images, in order, as the build must make them. */
  images: ImagePlan[];
  /** The words of quotation captions, in the site's language. */
  labels: QuotationLabels;
}

/** What a quotation's caption and elision marks say (lib/core/messages/: the `quote.*` keys). */
export interface QuotationLabels {
  from: string;
  archivedCopy: string;
  /** The original's link, when the archived copy leads. */
  originalAddress: string;
  allQuotes: string;
  /** With `{id}`. */
  unknownSource: string;
  elision: string;
}

export function quotationLabels(language: string): QuotationLabels {
  const { text } = messagesFor(language);
  return { from: text["quote.from"], archivedCopy: text["post.archivedCopy"], originalAddress: text["link.originalAddress"], allQuotes: text["quote.allQuotes"], unknownSource: text["quote.unknownSource"], elision: text["quote.elision"] };
}

export interface GlossEnv {
  gloss?: GlossRenderState;
}

export function createRenderState(
  init: Pick<GlossRenderState, "file" | "lineOffset" | "idPrefix" | "lookupSource"> & Partial<Pick<GlossRenderState, "sourcesFile" | "suggestSource" | "labels" | "readImage">>,
): GlossRenderState {
  return { sourcesFile: "_data/sources.yaml", labels: quotationLabels("en"), ...init, problems: [], passages: [], words: { quoted: 0, commentary: 0 }, quotedSourceIds: [], firstParagraph: "", headings: [], images: [] };
}

const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;
// The same words for text whose letters and digits are all ASCII (around them: ASCII, curly
// quotes, dashes, ellipses, no-break spaces, none of which is a letter or digit). Unicode
// property classes make the general pattern about four times slower, on every paragraph.
const PLAIN = /^[\x00-\x7f\u00a0\u2013\u2014\u2018-\u201f\u2026]*$/;
const PLAIN_WORD = /[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*/g;

export function countWords(text: string): number {
  return text.match(PLAIN.test(text) ? PLAIN_WORD : WORD)?.length ?? 0;
}
