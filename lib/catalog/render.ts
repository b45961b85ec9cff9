// Rendering post bodies: Markdown to HTML through the one markdown-it instance, with what the
// render learns on the way (quoted passages, word counts, the opening for a summary). A memo
// keeps renders across dev-server rebuilds; a production build renders each post once.
import { didYouMean } from "../core/suggest.ts";
import type { PostFile } from "../content/read.ts";
import type { ContentProblem } from "../core/errors.ts";
import { isRefusal, type ImageReader } from "../content/images.ts";
import { createMarkdown } from "../markdown/index.ts";
import { createRenderState, quotationLabels, type GlossRenderState, type QuotedSource } from "../markdown/env.ts";
import { tableOfContents, type TocEntry } from "../markdown/headings.ts";
import { planShareImage, type ImagePlan } from "../markdown/image-plan.ts";
import type { Source } from "./model.ts";

/**
 * Rendered post bodies by PostFile object (the dev server keeps a file's PostFile while the
 * file is unchanged), valid while `key` (the registries the render read: sources and outlets
 * for quotation captions) is unchanged. A production build has none.
 */
export interface RenderMemo {
  key: string;
  rendered: WeakMap<RenderInput, Rendered>;
}

/** What a render reads of a file: a post's, or a standalone page's (lib/content/pages.ts). */
export type RenderInput = Pick<PostFile, "file" | "lineOffset" | "body"> & { data: { description?: string | undefined; toc?: boolean | undefined } };

export interface Rendered {
  key: string;
  html: string;
  state: GlossRenderState;
  summary: string;
  /** The table of contents of a `toc: true` post with two headings or more. */
  toc: TocEntry[] | undefined;
}

/**
 * What a post's render leaves that the catalog reads: kept between production builds
 * (lib/pipeline/render-store.ts), so a warm build renders only the bodies that changed.
 */
export interface StoredRender {
  html: string;
  summary: string;
  toc: TocEntry[] | undefined;
  state: Pick<GlossRenderState, "passages" | "words" | "quotedSourceIds" | "firstParagraph" | "headings" | "images">;
}

/** The fields of a render's state that the catalog reads, and so that a stored render keeps. */
export function storedState(state: StoredRender["state"]): StoredRender["state"] {
  const { passages, words, quotedSourceIds, firstParagraph, headings, images } = state;
  return { passages, words, quotedSourceIds, firstParagraph, headings, images };
}

/**
 * Renders kept from the build before, by file and what its render reads of it (the body, where
 * its lines start, its description and `toc`). The caller keys the whole store by everything
 * else a render reads (the registries, the settings, images, Gloss's code): a change there
 * makes every render stale.
 */
export interface RenderStore {
  /** The file's render as the build before made it, when what the render reads is unchanged. */
  take(input: RenderInput): StoredRender | undefined;
  /** A render made or taken in this build, for the next one (renders with problems are not kept). */
  keep(input: RenderInput, render: StoredRender): void;
}

/** Where an object made by `withHtml` keeps the render whose HTML it shows. */
const RENDER = Symbol("render");

/**
 * The prototype of what `withHtml` makes: `html` is read from the render, a getter here, not
 * enumerable, so copies (`{ ...post }`) do not read it (a render taken from the store reads its
 * HTML only when a page asks for it: lib/pipeline/render-store.ts). Setting it gives the object
 * a render of its own with that HTML. Kept on one prototype, not as an own getter on each object
 * (a function of its own each gave every post a hidden class of its own), so all the posts of a
 * build share one shape, and reading or copying one stays quick.
 */
export const renderedHtml: { html: string } = Object.defineProperty({} as { html: string }, "html", {
  configurable: true,
  enumerable: false,
  get(this: { [RENDER]: Pick<StoredRender, "html"> }) {
    return this[RENDER].html;
  },
  set(this: { [RENDER]: Pick<StoredRender, "html"> }, html: string) {
    this[RENDER] = { html };
  },
});

/**
 * What holds `render`'s HTML for an object made from it, and nothing else of it (a render's state
 * is held by its post where the post needs it; the whole render kept by each post took 136 MiB
 * more at 10,000 posts): the holder of a render made by `withHtml`, the store's getter on an
 * object of its own, or the string.
 */
function htmlHolder(render: Pick<StoredRender, "html"> & { [RENDER]?: Pick<StoredRender, "html"> }): Pick<StoredRender, "html"> {
  if (render[RENDER]) return render[RENDER];
  const own = Object.getOwnPropertyDescriptor(render, "html");
  return own?.get ? (Object.defineProperty({}, "html", own) as Pick<StoredRender, "html">) : { html: render.html };
}

/**
 * `target`'s fields, on an object of `prototype` (`renderedHtml`, or one made from it) whose
 * `html` is `render`'s as `render` holds it: a string, or the store's getter.
 */
export function withHtml<T extends object, P extends { html: string } = { html: string }>(target: T, render: Pick<StoredRender, "html">, prototype: P = renderedHtml as P): T & P {
  // Object.assign onto `Object.create(prototype)` would make an object of fifty fields a
  // dictionary; the literal given, with its prototype set, keeps the literal's shape.
  return Object.setPrototypeOf(Object.assign(target, { [RENDER]: htmlHolder(render) }), prototype) as T & P;
}

export function createRenderMemo(): RenderMemo {
  return { key: "", rendered: new WeakMap() };
}

const SUMMARY_WORDS = 40;

/**
 * Renders post bodies, through the memo when there is one, else through the store of the build
 * before when there is one; quotation captions read `sources`, images `readImage`.
 */
export function postRenderer(sources: ReadonlyMap<string, Source>, sourcesFile: string, memo: RenderMemo | undefined, language = "en", readImage?: ImageReader, store?: RenderStore): (file: RenderInput) => Rendered {
  const md = createMarkdown();
  const labels = quotationLabels(language);
  const lookupSource = (id: string): QuotedSource | undefined => {
    const s = sources.get(id);
    return s && { id, title: s.title, url: s.url, archived: s.archived, leadArchived: s.link.leadArchived, linkNote: s.link.note, outletName: s.outlet.name, dateIso: s.published.iso, dateText: s.published.text, pageUrl: s.pageUrl };
  };
  const suggestSource = (id: string) => didYouMean(id, sources.keys());
  return (file) => {
    const known = memo?.rendered.get(file);
    if (memo && known?.key === memo.key) return known;
    const newState = () => createRenderState({ file: file.file, lineOffset: file.lineOffset, idPrefix: "", lookupSource, sourcesFile, suggestSource, labels, readImage: readImage && ((src) => readImage(src, file.file)) });
    const stored = store?.take(file);
    if (stored) {
      store!.keep(file, stored);
      const state = Object.assign(newState(), storedState(stored.state));
      return withHtml({ key: memo?.key ?? "", state, summary: stored.summary, toc: stored.toc }, stored);
    }
    const state = newState();
    const html = md.render(file.body, { gloss: state });
    // markdown-it joins its output piece by piece: V8 keeps such a string as a tree of its pieces
    // (and keeps alive the source they were cut from) until it is read by index. Read once here,
    // it is one string from now on (2,000 posts kept in memory: 80 → 74 MiB of heap).
    html.charCodeAt(0);
    const toc = file.data.toc && state.headings.length >= 2 ? tableOfContents(state.headings) : undefined;
    const done = { key: memo?.key ?? "", html, state, summary: file.data.description ?? summarise(state.firstParagraph), toc };
    memo?.rendered.set(file, done);
    if (state.problems.length === 0) store?.keep(file, done);
    return done;
  };
}

/** The first SUMMARY_WORDS words of a paragraph, with " …" when cut. */
function summarise(text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length <= SUMMARY_WORDS ? words.join(" ") : `${words.slice(0, SUMMARY_WORDS).join(" ")} …`;
}

/** A post's own share image (`image:` and `imageAlt:`), or problems at those fields. */
export function shareImageOf(file: PostFile, readImage: ImageReader | undefined, problems: ContentProblem[]): { plan: ImagePlan; alt: string } | undefined {
  const { image, imageAlt } = file.data;
  if (image === undefined) {
    if (imageAlt !== undefined) problems.push({ file: file.file, field: "imageAlt", line: file.lineOf(["imageAlt"]), expected: "imageAlt only with image", got: "no image field", hint: "add image: <file>, or remove imageAlt" });
    return undefined;
  }
  if (imageAlt === undefined) {
    problems.push({ file: file.file, field: "image", line: file.lineOf(["image"]), expected: "imageAlt: a sentence saying what the image shows", got: "no imageAlt", hint: "link previews show it to readers who cannot see the image" });
  }
  if (!readImage) return undefined;
  const read = readImage(image, file.file);
  if (isRefusal(read)) {
    problems.push({ file: file.file, field: "image", line: file.lineOf(["image"]), ...read });
    return undefined;
  }
  if (read.format === "svg") {
    problems.push({ file: file.file, field: "image", line: file.lineOf(["image"]), expected: "a PNG, JPEG, GIF, WebP or AVIF image (link previews do not show SVG)", got: read.file, hint: "export the picture as PNG" });
    return undefined;
  }
  return imageAlt === undefined ? undefined : { plan: planShareImage(read), alt: imageAlt };
}
