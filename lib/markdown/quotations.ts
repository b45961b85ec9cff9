// Attributed quotations: a blockquote whose first line is `[!quote <source-id>]` quotes that
// source. It renders as <figure class="h-cite"> + <blockquote cite> + <figcaption>, keeps
// elisions ("[…]") as marked elisions, and records each quoted passage for the quote index.
import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { format } from "../core/messages/index.ts";
import { countWords, passageKey, quotationLabels, type GlossEnv, type QuotationLabels, type QuotedSource } from "./env.ts";

export interface QuotationOptions {
  /** The marker word: `[!quote id]`. Matched without regard to case, like GitHub's `[!NOTE]`. */
  marker: string;
  /** Tooltip (and accessible description) of an elision mark; default: the site language's `quote.elision`. */
  elisionTitle?: string | undefined;
}
const defaults = { marker: "quote" } satisfies QuotationOptions;

/** What the marking rule attaches to a quotation's tokens (`token.meta.glossQuote`). */
export interface QuoteMeta {
  /** The source id as written. */
  id: string;
  source: QuotedSource | undefined;
  /** Anchor id of the <figure>, for links from the source page. */
  anchor: string;
}

/** `[…]` or `[...]`: an author's cut inside a quotation. */
const ELISION = /\[(?:…|\.\.\.)\]/g;
const ELISION_TEXT = "[…]";

function quoteMeta(token: Token): QuoteMeta | undefined {
  return (token.meta as { glossQuote?: QuoteMeta } | null)?.glossQuote;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Only http(s) URLs become links; anything else a caller passes in is shown as nothing. */
function isWebUrl(url: string | undefined): url is string {
  return typeof url === "string" && /^https?:\/\//i.test(url);
}

export function quotations(md: MarkdownIt, options: Partial<QuotationOptions> = {}): void {
  const { marker, elisionTitle }: QuotationOptions = { ...defaults, ...options };
  const word = escapeRegExp(marker);
  // Anything that starts like a marker is one; if it is not well-formed, the author hears why.
  const looksLikeMarker = new RegExp(`^\\[!${word}(?=[\\s\\]])`, "i");
  const markerLine = new RegExp(`^\\[!${word}(?:[ \\t]+([^\\s\\]]+))?[ \\t]*\\][ \\t]*$`, "i");

  // A core rule, not a block rule: markdown-it's own blockquote rule already parses the
  // structure (nesting, lists, lazy lines); we only recognise the marker and wrap the result.
  md.core.ruler.after("block", "gloss_quote_mark", (state: StateCore) => {
    const gloss = (state.env as GlossEnv).gloss;
    const tokens = state.tokens;
    const wrapped: Token[] = [];
    const closing = new Map<Token, QuoteMeta>();
    let count = 0;
    for (let i = 0; i < tokens.length; i += 1) {
      const open = tokens[i]!;
      const quote = closing.get(open);
      if (quote) {
        wrapped.push(open, blockToken(state, "gloss_quote_caption", "figcaption", 0, open.level, quote));
        wrapped.push(blockToken(state, "gloss_quote_close", "figure", -1, open.level, quote));
        continue;
      }
      const paragraph = tokens[i + 1];
      const inline = tokens[i + 2];
      if (open.type !== "blockquote_open" || paragraph?.type !== "paragraph_open" || inline?.type !== "inline" || !looksLikeMarker.test(inline.content)) {
        wrapped.push(open);
        continue;
      }
      const firstLine = inline.content.split("\n", 1)[0]!;
      const line = (open.map?.[0] ?? 0) + 1 + (gloss?.lineOffset ?? 0);
      const match = markerLine.exec(firstLine);
      if (!match) {
        gloss?.problems.push({
          file: gloss.file,
          line,
          field: "quotation",
          expected: `[!${marker} <source-id>] alone on the first line of the quotation`,
          got: JSON.stringify(firstLine.length > 60 ? `${firstLine.slice(0, 57)}...` : firstLine),
          hint: "put the quoted text on the next line, starting with >",
        });
        wrapped.push(open);
        continue;
      }
      const id = match[1] ?? "";
      const source = gloss?.lookupSource(id);
      if (gloss && !source) {
        gloss.problems.push({
          file: gloss.file,
          line,
          field: "quotation",
          expected: `a source id from ${gloss.sourcesFile}`,
          got: id ? JSON.stringify(id) : "no id",
          hint: (id && gloss.suggestSource?.(id)) || `write > [!${marker} <source-id>]`,
        });
      }
      count += 1;
      const meta: QuoteMeta = { id, source, anchor: `${gloss?.idPrefix ?? ""}q${count}` };

      // Strip the marker line; drop its paragraph when nothing else was in it.
      const rest = inline.content.slice(firstLine.length + 1);
      if (rest.trim() === "") tokens.splice(i + 1, 3);
      else {
        inline.content = rest;
        for (const token of [paragraph, inline]) if (token.map) token.map[0] += 1; // the text starts below the marker
      }

      if (tokens[i + 1]?.type === "blockquote_close") {
        gloss?.problems.push({ file: gloss.file, line, field: "quotation", expected: "the quoted text after the marker line", got: "an empty quotation", hint: "continue the quotation on lines starting with >" });
      }
      open.attrJoin("class", "p-content");
      if (source && isWebUrl(source.url)) open.attrSet("cite", source.url);
      wrapped.push(blockToken(state, "gloss_quote_open", "figure", 1, open.level, meta), open);
      for (let j = i + 1, depth = 1; j < tokens.length; j += 1) {
        const t = tokens[j]!;
        if (t.type === "blockquote_open") depth += 1;
        if (t.type === "blockquote_close" && --depth === 0) {
          closing.set(t, meta);
          break;
        }
      }
    }
    state.tokens = wrapped;
  });

  // Last of all (after text_join has merged escapes and entities into plain text): mark
  // elisions inside quotations, count quoted and own words, record each quoted passage.
  md.core.ruler.push("gloss_quote_collect", (state: StateCore) => {
    const gloss = (state.env as GlossEnv).gloss;
    const quotes: QuoteMeta[] = [];
    // Words of any blockquote count as quoted; only attributed quotations record passages.
    let plainDepth = 0;
    let paragraphDepth = 0;
    for (const token of state.tokens) {
      if (token.type === "gloss_quote_open") quotes.push(quoteMeta(token)!);
      else if (token.type === "gloss_quote_close") quotes.pop();
      else if (token.type === "blockquote_open" && quotes.length === 0) plainDepth += 1;
      else if (token.type === "blockquote_close" && plainDepth > 0 && quotes.length === 0) plainDepth -= 1;
      else if (token.type === "paragraph_open") paragraphDepth += 1;
      else if (token.type === "paragraph_close") paragraphDepth -= 1;
      const quote = quotes[quotes.length - 1];
      if (gloss && (token.type === "fence" || token.type === "code_block")) {
        if (quote || plainDepth > 0) gloss.words.quoted += countWords(token.content);
        else gloss.words.commentary += countWords(token.content);
      }
      if (token.type !== "inline" || !token.children) continue;

      if (quote) token.children = splitElisions(token.children, state);
      if (!gloss) continue;
      const text = inlineText(token.children).replace(/\s+/g, " ").trim();
      if (!quote && plainDepth > 0) {
        gloss.words.quoted += countWords(text);
      } else if (!quote) {
        gloss.words.commentary += countWords(text);
        if (!gloss.firstParagraph && paragraphDepth > 0) gloss.firstParagraph = text;
      } else {
        const words = countWords(text.replace(ELISION, " "));
        gloss.words.quoted += words;
        if (!quote.source || words === 0) continue;
        const passage = text.replace(ELISION, ELISION_TEXT);
        gloss.passages.push({ sourceId: quote.id, text: passage, line: (token.map?.[0] ?? 0) + 1 + gloss.lineOffset, anchor: quote.anchor, key: passageKey(passage) });
        if (!gloss.quotedSourceIds.includes(quote.id)) gloss.quotedSourceIds.push(quote.id);
      }
    }
  });

  // Named renderer rules, so a theme can override any part of the output.
  const esc = md.utils.escapeHtml;
  md.renderer.rules.gloss_quote_open = (tokens, idx) => {
    const quote = quoteMeta(tokens[idx]!)!;
    return `<figure class="quotation h-cite" id="${esc(quote.anchor)}">\n`;
  };
  // The caption's words: the render state's, in the site's language (English without one).
  const labelsOf = (env: unknown) => (env as GlossEnv).gloss?.labels ?? quotationLabels("en");
  md.renderer.rules.gloss_quote_caption = (tokens, idx, _options, env) => renderCaption(esc, quoteMeta(tokens[idx]!)!, labelsOf(env));
  md.renderer.rules.gloss_quote_close = () => "</figure>\n";
  md.renderer.rules.gloss_elision = (tokens, idx, _options, env) =>
    `<span class="elision" title="${esc(elisionTitle ?? labelsOf(env).elision)}">${esc(tokens[idx]!.content)}</span>`;
}

function renderCaption(esc: (text: string) => string, { source, id }: QuoteMeta, labels: QuotationLabels): string {
  if (!source) return `<figcaption>${esc(format(labels.unknownSource, { id }))}</figcaption>\n`;
  const link = (href: string, className: string, text: string) => `<a class="${className}" href="${esc(href)}" rel="noopener external">${text}</a>`;
  const date = `<time class="dt-published" datetime="${esc(source.dateIso)}">${esc(source.dateText)}</time>`;
  const note = source.linkNote ? ` · <span class="link-note">${esc(source.linkNote)}</span>` : "";
  let story: string;
  if (source.leadArchived && isWebUrl(source.archived)) {
    // The original is recorded gone: the title leads to the archived copy, the original follows the note.
    const original = isWebUrl(source.url) ? ` · ${link(source.url, "u-url external", esc(labels.originalAddress))}` : "";
    story = `<cite>${link(source.archived, "p-name quotation-archived external", esc(source.title))}</cite> (${esc(labels.archivedCopy)}), ${date}${note}${original}`;
  } else {
    const title = isWebUrl(source.url) ? link(source.url, "p-name u-url external", esc(source.title)) : `<span class="p-name">${esc(source.title)}</span>`;
    const archived = isWebUrl(source.archived) ? ` · ${link(source.archived, "quotation-archived external", esc(labels.archivedCopy))}` : "";
    story = `<cite>${title}</cite>, ${date}${archived}${note}`;
  }
  return (
    `<figcaption class="quotation-source">${esc(labels.from)} <span class="p-publication">${esc(source.outletName)}</span>, ${story} ` +
    `<a class="quotation-about" href="${esc(source.pageUrl)}">${esc(labels.allQuotes)}</a></figcaption>\n`
  );
}

function blockToken(state: StateCore, type: string, tag: string, nesting: -1 | 0 | 1, level: number, quote: QuoteMeta): Token {
  const token = new state.Token(type, tag, nesting);
  token.block = true;
  token.level = level;
  token.meta = { glossQuote: quote };
  return token;
}

/** The words a reader sees in an inline run (markup and elision marks included as text). */
function inlineText(children: readonly Token[]): string {
  let text = "";
  for (const child of children) {
    if (child.type === "text" || child.type === "text_special" || child.type === "code_inline" || child.type === "gloss_elision") text += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") text += "\n";
    else if (child.type === "image") text += child.content;
  }
  return text;
}

function splitElisions(children: Token[], state: StateCore): Token[] {
  const out: Token[] = [];
  for (const child of children) {
    if (child.type !== "text" || child.content.search(ELISION) === -1) {
      out.push(child);
      continue;
    }
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
