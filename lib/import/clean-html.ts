// An exported post's HTML, made safe and plain before it becomes Markdown: hostile elements
// dropped (scripts, styles, forms, objects), images and embedded media turned into links (the
// CSP refuses remote images and frames), unsafe links unwrapped, WordPress's paragraphs without
// <p> (wpautop) restored, and each top-level blockquote given its source when a link names one.
import { DomUtils, ElementType, parseDocument } from "htmlparser2";
import type { ChildNode, Element, Text } from "domhandler";
import { isSafeLink } from "../markdown/safe-links.ts";

/** Dropped with everything inside them. */
const DROPPED = new Set(["script", "style", "noscript", "template", "form", "input", "button", "select", "textarea", "object", "embed", "applet", "svg", "math", "link", "meta", "base", "head", "title", "frameset", "frame", "canvas", "dialog", "map"]);
/** Kept as elements (without attributes, except a link's href); anything else is unwrapped. */
const KEPT = new Set(["p", "br", "a", "em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup", "ul", "ol", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "code", "hr", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "figure", "figcaption", "cite", "q", "abbr", "small", "dl", "dt", "dd", "div", "span", "kbd", "mark"]);
/** Elements that end a run of inline content (for wpautop and for "the paragraph before"). */
const BLOCK = new Set(["p", "div", "blockquote", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "figure", "hr", "section", "article", "aside", "header", "footer", "address", "iframe", "video", "audio", "center", "nav", "main", "details"]);
const MEDIA = new Set(["iframe", "video", "audio"]);
/** Block elements that hold other blocks (the rest hold inline content only). */
const FLOW = new Set(["div", "section", "article", "aside", "header", "footer", "main", "nav", "center", "figure", "details", "address"]);
/** A link after a quote names its source only when at most this many words come before it ("— via", "Source:"). */
const AFTER_LEAD_WORDS = 3;

export interface FoundLink {
  href: string;
  text: string;
}

export interface CleanContext {
  /** The post's old address, to resolve relative links and images. */
  base: string | undefined;
  /** WordPress content: blank lines are paragraph breaks. */
  autop: boolean;
  /** The source id for a quoted story's link, or undefined when the link names no story. */
  attribute(link: FoundLink, position: "inside" | "before" | "after"): string | undefined;
}

export interface CleanResult {
  html: string;
  images: string[];
  media: string[];
  /** What was dropped or neutralised, e.g. `<script>`, `javascript: link`. */
  dropped: string[];
  quotes: { attributed: number; plain: string[] };
}

const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (text: string) => escapeText(text).replace(/"/g, "&quot;");

function resolve(url: string, base: string | undefined): string | undefined {
  const trimmed = url.trim();
  if (!trimmed) return undefined;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : undefined;
  }
}

const isWeb = (url: string | undefined): url is string => !!url && /^https?:\/\//i.test(url);
const textOf = (nodes: ChildNode[]) => DomUtils.textContent(nodes).replace(/\s+/g, " ").trim();
// domutils 4 no longer re-exports domhandler's type guards; these are the same tests.
const isTag = (node: ChildNode): node is Element => node.type === ElementType.Tag || node.type === ElementType.Script || node.type === ElementType.Style;
const isText = (node: ChildNode): node is Text => node.type === ElementType.Text;
const isBlock = (node: ChildNode) => isTag(node) && BLOCK.has(node.name);
const isLineBreak = (node: ChildNode) => isTag(node) && node.name === "br";
const isBlank = (node: ChildNode) => (isText(node) && node.data.trim() === "") || node.type === ElementType.Comment;

type Block = { kind: "element"; node: Element } | { kind: "run"; nodes: ChildNode[] };

/** Links (http(s) only) in document order inside some nodes. */
function links(nodes: ChildNode[], base: string | undefined): FoundLink[] {
  return DomUtils.findAll((el) => el.name === "a", nodes).flatMap((a) => {
    const href = resolve(a.attribs.href ?? "", base);
    return isWeb(href) ? [{ href, text: textOf(a.children) }] : [];
  });
}

export function cleanHtml(input: string, context: CleanContext): CleanResult {
  const result: CleanResult = { html: "", images: [], media: [], dropped: [], quotes: { attributed: 0, plain: [] } };
  const dom = parseDocument(input, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const drop = (what: string) => {
    if (!result.dropped.includes(what)) result.dropped.push(what);
  };

  /** Splits a container's children into blocks; in autop mode, blank lines split inline runs into paragraphs. */
  function blocksOf(children: ChildNode[]): Block[] {
    const blocks: Block[] = [];
    let run: ChildNode[] = [];
    const flush = () => {
      while (run.length && (isBlank(run[run.length - 1]!) || isLineBreak(run[run.length - 1]!))) run.pop();
      while (run.length && (isBlank(run[0]!) || isLineBreak(run[0]!))) run.shift();
      if (run.some((n) => !isBlank(n))) blocks.push({ kind: "run", nodes: run });
      run = [];
    };
    for (const node of children) {
      // Two line breaks in a row (Blogger's paragraphs) end a paragraph.
      if (isLineBreak(node)) {
        const last = run.findLastIndex((n) => !isBlank(n));
        if (last >= 0 && isLineBreak(run[last]!)) {
          run.splice(last);
          flush();
          continue;
        }
      }
      if (isBlock(node)) {
        flush();
        blocks.push({ kind: "element", node: node as Element });
      } else if (context.autop && isText(node) && /\n[ \t]*\n/.test(node.data)) {
        const parts = node.data.split(/\n[ \t]*\n/);
        parts.forEach((part, index) => {
          if (index > 0) flush();
          // A copy of the text node holding one paragraph's part (the tree itself is never changed).
          run.push({ ...node, data: part, type: node.type } as ChildNode);
        });
      } else run.push(node);
    }
    flush();
    return blocks;
  }

  function inline(nodes: ChildNode[], pre: boolean, inQuote = true): string {
    return nodes.map((node) => one(node, pre, inQuote)).join("");
  }

  function textNode(data: string, pre: boolean): string {
    const escaped = escapeText(data);
    // wpautop: a single newline inside a paragraph is a line break.
    return context.autop && !pre ? escaped.replace(/^\n+|\n+$/g, " ").replace(/\n/g, "<br>\n") : escaped;
  }

  function one(node: ChildNode, pre: boolean, inQuote: boolean): string {
    if (isText(node)) return textNode(node.data, pre);
    if (node.type === ElementType.CDATA) return escapeText(textOf(node.children));
    if (!isTag(node)) return ""; // comments (WordPress block markers), directives
    const name = node.name;
    if (DROPPED.has(name)) {
      drop(`<${name}>`);
      return "";
    }
    if (Object.keys(node.attribs).some((a) => a.startsWith("on"))) drop("event handler attributes");
    if (name === "img") {
      const src = resolve(node.attribs.src ?? "", context.base);
      const alt = (node.attribs.alt ?? "").trim();
      if (!isWeb(src)) {
        drop(/^\s*data:/i.test(node.attribs.src ?? "") ? "data: image" : "image with an unusable address");
        return alt ? escapeText(alt) : "";
      }
      result.images.push(src);
      return `<a href="${escapeAttr(src)}">${escapeText(alt ? `Image: ${alt}` : "Image")}</a> `;
    }
    if (MEDIA.has(name)) {
      const sourceEl = DomUtils.findOne((el) => el.name === "source" && !!el.attribs.src, node.children);
      const src = resolve(node.attribs.src ?? sourceEl?.attribs.src ?? "", context.base);
      if (!isWeb(src)) {
        drop(`<${name}> without a web address`);
        return "";
      }
      result.media.push(src);
      const label = `Embedded ${name === "iframe" ? "media" : name}: ${new URL(src).hostname}`;
      return `<p><a href="${escapeAttr(src)}">${escapeText(label)}</a></p>`;
    }
    if (name === "a") {
      const href = resolve(node.attribs.href ?? "", context.base);
      if (!href) return inline(node.children, pre);
      if (!isSafeLink(href)) {
        drop(`${href.split(":")[0]!.toLowerCase()}: link`);
        return inline(node.children, pre);
      }
      return `<a href="${escapeAttr(href)}">${inline(node.children, pre)}</a>`;
    }
    if (name === "blockquote") return blockquote(node, pre, inQuote, undefined);
    if (!KEPT.has(name)) return container(node.children, pre, inQuote);
    const isPre = pre || name === "pre";
    const inner = FLOW.has(name) ? container(node.children, isPre, inQuote) : inline(node.children, isPre, inQuote);
    return name === "br" || name === "hr" ? `<${name}>` : `<${name}>${inner}</${name}>`;
  }

  function blockquote(node: Element, pre: boolean, inQuote: boolean, outside: { before?: Block; after?: Block } | undefined): string {
    const inner = container(node.children, pre, true);
    if (inQuote) return `<blockquote>${inner}</blockquote>`;
    const within = links(node.children, context.base);
    const cited = links(DomUtils.findAll((el) => el.name === "cite" || el.name === "footer", node.children), context.base);
    const tries: Array<[FoundLink | undefined, "inside" | "before" | "after"]> = [
      [cited[cited.length - 1] ?? within[within.length - 1], "inside"],
      [outside?.before ? links(blockNodes(outside.before), context.base).at(-1) : undefined, "before"],
      [outside?.after ? leadingLink(blockNodes(outside.after), context.base) : undefined, "after"],
    ];
    for (const [link, position] of tries) {
      const id = link ? context.attribute(link, position) : undefined;
      if (id) {
        result.quotes.attributed += 1;
        return `<blockquote data-gloss-quote="${escapeAttr(id)}">${inner}</blockquote>`;
      }
    }
    const text = textOf(node.children);
    result.quotes.plain.push(text.length > 70 ? `${text.slice(0, 67)}...` : text);
    return `<blockquote>${inner}</blockquote>`;
  }

  function container(children: ChildNode[], pre: boolean, inQuote: boolean): string {
    const blocks = blocksOf(children);
    return blocks
      .map((block, index) => {
        if (block.kind === "run") {
          const html = inline(block.nodes, pre, inQuote);
          if (html.trim() === "") return "";
          return pre ? html : `<p>${html}</p>\n`;
        }
        if (block.node.name === "blockquote") {
          const around = { before: paragraphLike(blocks[index - 1]), after: paragraphLike(blocks[index + 1]) };
          return `${blockquote(block.node, pre, inQuote, around)}\n`;
        }
        return `${one(block.node, pre, inQuote)}\n`;
      })
      .join("");
  }

  result.html = container(dom.children, false, false);
  return result;
}

function blockNodes(block: Block): ChildNode[] {
  return block.kind === "run" ? block.nodes : [block.node];
}

/** The block next to a quote counts only when it is a paragraph (a <p> or a run of text). */
function paragraphLike(block: Block | undefined): Block | undefined {
  if (!block) return undefined;
  if (block.kind === "run") return block;
  return block.node.name === "p" ? block : undefined;
}

/** The paragraph's first link, when it opens the paragraph ("— <a>", "via <a>", "Source: <a>"). */
function leadingLink(nodes: ChildNode[], base: string | undefined): FoundLink | undefined {
  const first = DomUtils.findOne((el) => el.name === "a" && !!el.attribs.href, nodes);
  if (!first) return undefined;
  let lead = "";
  let found = false;
  const walk = (list: ChildNode[]) => {
    for (const node of list) {
      if (found) return;
      if (node === first) found = true;
      else if (isText(node)) lead += node.data;
      else if ("children" in node) walk(node.children as ChildNode[]);
    }
  };
  walk(nodes);
  if (lead.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length > AFTER_LEAD_WORDS) return undefined;
  return links([first], base)[0];
}
