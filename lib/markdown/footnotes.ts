// Footnotes (`text[^1]` … `[^1]: note`) through markdown-it-footnote, with Gloss's markup: a
// labelled section instead of a bare rule, back-links with an accessible name, and ids prefixed
// per post (`env.gloss.idPrefix`) so two posts on one page never share a footnote id.
import type { MarkdownIt, Token } from "markdown-it";
import footnote from "markdown-it-footnote";
import type { GlossEnv } from "./env.ts";

export interface FootnoteOptions {
  /** Accessible name of the list of notes at the end of the post. */
  sectionLabel: string;
  /** Accessible name of a note's link back to where it is cited; `{n}` is the note's number. */
  backLabel: string;
}
const defaults = { sectionLabel: "Footnotes", backLabel: "Back to the text of note {n}" } satisfies FootnoteOptions;

interface FootnoteMeta {
  id: number;
  subId: number;
  label?: string;
}

export function footnotes(md: MarkdownIt, options: Partial<FootnoteOptions> = {}): void {
  const { sectionLabel, backLabel } = { ...defaults, ...options };
  md.use(footnote);
  const esc = md.utils.escapeHtml;
  const meta = (tokens: Token[], idx: number) => tokens[idx]!.meta as unknown as FootnoteMeta;
  // `fn1`, or `my-post-fn1` under a prefix: the prefix Gloss gives every generated id.
  const noteId = (env: unknown, n: number) => {
    const prefix = (env as GlossEnv).gloss?.idPrefix ?? "";
    return { note: `${prefix}fn${n}`, ref: `${prefix}fnref${n}` };
  };
  md.renderer.rules.footnote_ref = (tokens, idx, _o, env) => {
    const { id, subId } = meta(tokens, idx);
    const ids = noteId(env, id + 1);
    const ref = subId > 0 ? `${ids.ref}-${subId}` : ids.ref;
    return `<sup class="footnote-ref"><a href="#${esc(ids.note)}" id="${esc(ref)}">[${id + 1}]</a></sup>`;
  };
  md.renderer.rules.footnote_block_open = () => `<section class="footnotes" aria-label="${esc(sectionLabel)}" data-pagefind-ignore>\n<ol class="footnotes-list">\n`;
  md.renderer.rules.footnote_open = (tokens, idx, _o, env) => `<li id="${esc(noteId(env, meta(tokens, idx).id + 1).note)}" class="footnote-item">`;
  md.renderer.rules.footnote_anchor = (tokens, idx, _o, env) => {
    const { id, subId } = meta(tokens, idx);
    const ids = noteId(env, id + 1);
    const ref = subId > 0 ? `${ids.ref}-${subId}` : ids.ref;
    const label = backLabel.replace("{n}", String(id + 1)) + (subId > 0 ? ` (reference ${subId + 1})` : "");
    return ` <a href="#${esc(ref)}" class="footnote-backref" aria-label="${esc(label)}">↩</a>`;
  };
}
