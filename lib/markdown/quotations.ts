// Attributed quotations: a blockquote whose first line is `[!quote <source-id>]` quotes that
// source. It renders as <figure class="h-cite"> + <blockquote cite> + <figcaption>, keeps
// elisions ("[…]") as marked elisions, and records each quoted passage for the quote index.
import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { countWords, type GlossEnv, type QuotedSource } from "./env.ts";

export interface QuotationOptions {
  /** The marker word: `[!quote id]`. */
  marker: string;
}
const defaults = { marker: "quote" } satisfies QuotationOptions;

type QuoteMeta = {
  glossQuote: { id: string; source: QuotedSource | undefined; anchor: string };
};
const ELISION = /\[(?:…|\.\.\.)\]/g;

function quoteMeta(token: Token): QuoteMeta["glossQuote"] | undefined {
  return (token.meta as Partial<QuoteMeta> | null)?.glossQuote;
}

export function quotations(md: MarkdownIt, options: Partial<QuotationOptions> = {}): void {
  const { marker } = { ...defaults, ...options };
  const markerLine = new RegExp(`^\\[!${marker}\\s+([^\\]\\s]*)\\s*\\][ \\t]*(?:\\n|$)`);

  // 1. After block parsing: find marked blockquotes, strip the marker, attach the source.
  md.core.ruler.after("block", "gloss_quote_mark", (state: StateCore) => {
    const gloss = (state.env as GlossEnv).gloss;
    const tokens = state.tokens;
    let count = 0;
    for (let i = 0; i < tokens.length; i += 1) {
      const open = tokens[i];
      const inline = tokens[i + 2];
      if (open?.type !== "blockquote_open" || tokens[i + 1]?.type !== "paragraph_open" || inline?.type !== "inline") continue;
      const match = markerLine.exec(inline.content);
      if (!match) continue;
      const id = match[1] ?? "";
      inline.content = inline.content.slice(match[0].length);
      if (inline.content.trim() === "") tokens.splice(i + 1, 3);
      else if (tokens[i + 1]?.map) tokens[i + 1]!.map![0] += 1; // the quoted text starts below the marker
      const source = gloss?.lookupSource(id);
      if (gloss && !source) {
        gloss.problems.push({
          file: gloss.file,
          line: (open.map?.[0] ?? 0) + 1 + gloss.lineOffset,
          field: "quotation",
          expected: "a source id from _data/sources.yaml",
          got: id ? JSON.stringify(id) : "no id",
          hint: `write > [!${marker} <source-id>]`,
        });
      }
      count += 1;
      const anchor = `${gloss?.idPrefix ?? ""}q${count}`;
      const meta: QuoteMeta = { glossQuote: { id, source, anchor } };
      open.meta = meta;
      for (let j = i + 1, depth = 1; j < tokens.length; j += 1) {
        const t = tokens[j]!;
        if (t.type === "blockquote_open") depth += 1;
        if (t.type === "blockquote_close" && --depth === 0) {
          t.meta = meta;
          break;
        }
      }
    }
  });

  // 2. After inline parsing: mark elisions inside quotations, count words, record passages.
  md.core.ruler.after("inline", "gloss_quote_collect", (state: StateCore) => {
    const gloss = (state.env as GlossEnv).gloss;
    const stack: QuoteMeta["glossQuote"][] = [];
    // Any blockquote counts as quoted words; only attributed ones record passages.
    let blockquoteDepth = 0;
    let paragraphLine = 0;
    let paragraphOpen = false;
    for (const token of state.tokens) {
      if (token.type === "paragraph_close") paragraphOpen = false;
      const meta = quoteMeta(token);
      if (token.type === "blockquote_open") {
        blockquoteDepth += 1;
        if (meta) stack.push(meta);
      }
      if (token.type === "blockquote_close") {
        blockquoteDepth -= 1;
        if (meta) stack.pop();
      }
      if (token.type === "paragraph_open") {
        paragraphOpen = true;
        paragraphLine = token.map?.[0] ?? paragraphLine;
      }
      if (token.type !== "inline" || !token.children) continue;
      const quote = stack[stack.length - 1];
      const text = inlineText(token.children);
      if (!quote && blockquoteDepth > 0) {
        if (gloss) gloss.words.quoted += countWords(text);
        continue;
      }
      if (!quote) {
        if (gloss) {
          gloss.words.commentary += countWords(text);
          if (!gloss.firstParagraph && paragraphOpen) gloss.firstParagraph = text.replace(/\s+/g, " ").trim();
        }
        continue;
      }
      token.children = splitElisions(token.children, state);
      if (!gloss) continue;
      const passage = text.replace(ELISION, " ").replace(/\s+/g, " ").trim();
      gloss.words.quoted += countWords(passage);
      if (quote.source && passage && countWords(passage) > 0) {
        gloss.passages.push({ sourceId: quote.id, text: passage, line: paragraphLine + 1 + gloss.lineOffset, anchor: quote.anchor });
        if (!gloss.quotedSourceIds.includes(quote.id)) gloss.quotedSourceIds.push(quote.id);
      }
    }
  });

  md.renderer.rules.blockquote_open = (tokens, idx, opts, env, self) => {
    const quote = quoteMeta(tokens[idx]!);
    if (!quote) return self.renderToken(tokens, idx, opts);
    const esc = md.utils.escapeHtml;
    const cite = quote.source ? ` cite="${esc(quote.source.url)}"` : "";
    return `<figure class="quotation h-cite" id="${esc(quote.anchor)}">\n<blockquote class="p-content"${cite}>\n`;
  };
  md.renderer.rules.blockquote_close = (tokens, idx, opts, env, self) => {
    const quote = quoteMeta(tokens[idx]!);
    if (!quote) return self.renderToken(tokens, idx, opts);
    return `</blockquote>\n${renderCaption(md, quote.source, quote.id)}</figure>\n`;
  };
  md.renderer.rules.gloss_elision = (tokens, idx) =>
    `<span class="elision" title="Text omitted by the author">${md.utils.escapeHtml(tokens[idx]!.content)}</span>`;
}

function renderCaption(md: MarkdownIt, source: QuotedSource | undefined, id: string): string {
  const esc = md.utils.escapeHtml;
  if (!source) return `<figcaption>Unknown source ${esc(id)}</figcaption>\n`;
  return (
    `<figcaption class="quotation-source">From <span class="p-publication">${esc(source.outletName)}</span>, ` +
    `<cite><a class="p-name u-url external" href="${esc(source.url)}" rel="noopener external">${esc(source.title)}</a></cite>, ` +
    `<time class="dt-published" datetime="${esc(source.dateIso)}">${esc(source.dateText)}</time> ` +
    `<a class="quotation-about" href="${esc(source.pageUrl)}">(all quotes from this story)</a></figcaption>\n`
  );
}

function inlineText(children: readonly Token[]): string {
  let text = "";
  for (const child of children) {
    if (child.type === "text" || child.type === "code_inline") text += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") text += "\n";
    else if (child.type === "image") text += child.content;
  }
  return text;
}

function splitElisions(children: Token[], state: StateCore): Token[] {
  const out: Token[] = [];
  for (const child of children) {
    if (child.type !== "text" || !ELISION.test(child.content)) {
      out.push(child);
      continue;
    }
    ELISION.lastIndex = 0;
    let last = 0;
    for (const match of child.content.matchAll(ELISION)) {
      const before = child.content.slice(last, match.index);
      if (before) out.push(textToken(state, before));
      const elision = new state.Token("gloss_elision", "", 0);
      elision.content = match[0];
      out.push(elision);
      last = match.index + match[0].length;
    }
    const after = child.content.slice(last);
    if (after) out.push(textToken(state, after));
  }
  return out;
}

function textToken(state: StateCore, content: string): Token {
  const token = new state.Token("text", "", 0);
  token.content = content;
  return token;
}
