// Heading anchors and the table of contents. markdown-it-anchor gives every heading an id (Gloss's
// one slugify; never one of the ids the layouts or other plugins use) and each top-level heading
// a "#" link after it; a core rule records those headings for a `toc: true` post.
import type { MarkdownIt, Token } from "markdown-it";
import anchor from "markdown-it-anchor";
import { slugify } from "../core/slugs.ts";
import type { GlossEnv, HeadingEntry } from "./env.ts";

export interface HeadingOptions {
  /** Accessible name of a heading's "#" link; `{title}` is the heading's text. */
  linkLabel: string;
  /** Heading levels listed in a table of contents. */
  tocLevels: readonly number[];
}
const defaults = { linkLabel: "Link to the section “{title}”", tocLevels: [2, 3] } satisfies HeadingOptions;

/**
 * Ids a post page already uses (layouts/post.njk, base.njk, the header's search box), and the
 * patterns of ids other plugins generate (quotations `q1`, footnotes `fn1`/`fnref1`): a heading
 * that would slug to one of them gets `-section` added. tests/build/markdown-media.test.ts
 * checks the list against the built pages.
 */
export const PAGE_IDS: ReadonlySet<string> = new Set(["main", "sources-heading", "related-heading", "toc-heading", "site-search-q", "search-q", "not-found-q"]);
const GENERATED_ID = /^(?:q|fn|fnref)\d+(?:-\d+)?$/;

/** A heading's id: the slug of its text, kept clear of the page's own ids; `section` when the text has no letters. */
export function headingId(text: string): string {
  const slug = slugify(text) || "section";
  return PAGE_IDS.has(slug) || GENERATED_ID.test(slug) ? `${slug}-section` : slug;
}

export interface TocEntry {
  id: string;
  text: string;
  children: TocEntry[];
}

/** Headings in order → nested entries: a deeper heading goes under the last shallower one. */
export function tableOfContents(headings: readonly HeadingEntry[]): TocEntry[] {
  const root: TocEntry[] = [];
  const stack: { level: number; children: TocEntry[] }[] = [{ level: 0, children: root }];
  for (const heading of headings) {
    while (stack.length > 1 && stack[stack.length - 1]!.level >= heading.level) stack.pop();
    const entry: TocEntry = { id: heading.id, text: heading.text, children: [] };
    stack[stack.length - 1]!.children.push(entry);
    stack.push({ level: heading.level, children: entry.children });
  }
  return root;
}

function headingText(children: readonly Token[]): string {
  return children
    .filter((t) => t.type === "text" || t.type === "code_inline" || t.type === "text_special")
    .map((t) => t.content)
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

export function headings(md: MarkdownIt, options: Partial<HeadingOptions> = {}): void {
  const { linkLabel, tocLevels } = { ...defaults, ...options };
  const link = anchor.permalink.linkAfterHeader({
    style: "visually-hidden",
    assistiveText: (title) => linkLabel.replace("{title}", title),
    visuallyHiddenClass: "visually-hidden",
    class: "heading-anchor",
    symbol: "#",
    wrapper: ['<div class="heading">', "</div>"],
    renderAttrs: () => ({ "data-pagefind-ignore": "" }),
  });
  md.use(anchor, {
    level: 1,
    slugify: headingId,
    getTokensText: headingText,
    tabIndex: false,
    // Only the post's own headings get an id, a link and a place in the contents: a heading
    // inside a quotation or a list keeps exactly the markup it had.
    permalink: (slug, opts, state, idx) => {
      const open = state.tokens[idx]!;
      if (open.level !== 0) {
        open.attrs = open.attrs?.filter(([key]) => key !== "id") ?? null;
        return;
      }
      const level = Number(open.tag.slice(1));
      const gloss = (state.env as GlossEnv).gloss;
      if (gloss && tocLevels.includes(level)) gloss.headings.push({ level, id: slug, text: headingText(state.tokens[idx + 1]?.children ?? []) });
      link(slug, opts, state, idx);
    },
  });
}
