// Streaming an export file: fs.createReadStream → saxes, one record (<item> or <entry>) at a
// time as a small element tree. The file is never held whole; each record is handed over and
// forgotten before the next one is read. Channel/feed-level elements (site title, link, authors
// of a WordPress export) are handed over the same way, as "head" records.
import { createReadStream } from "node:fs";
import { SaxesParser, type SaxesTagNS } from "saxes";

export const NS = {
  atom: "http://www.w3.org/2005/Atom",
  content: "http://purl.org/rss/1.0/modules/content/",
  dc: "http://purl.org/dc/elements/1.1/",
  app: "http://purl.org/atom/app#",
  bloggerType: "http://schemas.google.com/blogger/2018",
  gdata: "http://schemas.google.com/g/2005",
} as const;

/** WordPress's namespace carries the WXR version (`http://wordpress.org/export/1.2/`). */
export const isWordPressNs = (uri: string) => /^https?:\/\/wordpress\.org\/export\/[\d.]+\/$/.test(uri);

export interface XmlNode {
  uri: string;
  local: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Text and CDATA directly inside this element. */
  text: string;
  /** Serialised children, kept only under an Atom `<content type="xhtml">`. */
  xhtml?: string;
}

export interface XmlRoot {
  uri: string;
  local: string;
  /** Namespace URIs declared on the root element. */
  namespaces: string[];
}

export type RecordKind = "item" | "head";

/** The first child of `node` with that name (and namespace, when given). */
export function child(node: XmlNode, local: string, uri = ""): XmlNode | undefined {
  return node.children.find((c) => c.local === local && c.uri === uri);
}
export function childText(node: XmlNode, local: string, uri = ""): string {
  return child(node, local, uri)?.text.trim() ?? "";
}
export function childrenNamed(node: XmlNode, local: string, uri = ""): XmlNode[] {
  return node.children.filter((c) => c.local === local && c.uri === uri);
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export interface StreamHandlers {
  root(root: XmlRoot): void;
  /** A record: an <item>/<entry> (kind "item") or another element under the channel/feed. Return false to stop reading. */
  record(kind: RecordKind, node: XmlNode): boolean | void;
}

export class XmlStreamError extends Error {}
export class XmlEncodingError extends Error {}

/**
 * Reads `file` as a stream and calls `handlers.record` for each record as soon as it closes.
 * Records are the children of `<rss><channel>` or of `<feed>`. Stops early when a handler returns false.
 */
export async function streamRecords(file: string, handlers: StreamHandlers): Promise<{ bytes: number }> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlNode[] = [];
  /** Depth at which records sit: 2 under <rss><channel>, 1 under <feed>. */
  let recordDepth = 1;
  let stopped = false;
  let xhtmlDepth = -1;
  let xhtml = "";
  let failure: Error | undefined;

  parser.on("opentag", (tag: SaxesTagNS) => {
    const depth = stack.length;
    if (depth === 0) {
      handlers.root({ uri: tag.uri, local: tag.local, namespaces: Object.values(tag.ns) });
      if (tag.local === "rss") recordDepth = 2;
    }
    if (xhtmlDepth >= 0) {
      const attrs = Object.values(tag.attributes)
        .filter((a) => !a.name.startsWith("xmlns"))
        .map((a) => ` ${a.local}="${escapeXml(a.value)}"`)
        .join("");
      xhtml += `<${tag.local}${attrs}>`;
    }
    const attrs: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) attrs[attribute.local] = attribute.value;
    stack.push({ uri: tag.uri, local: tag.local, attrs, children: [], text: "" });
    if (tag.local === "content" && tag.uri === NS.atom && attrs.type === "xhtml") {
      xhtmlDepth = stack.length;
      xhtml = "";
    }
  });
  const onText = (text: string) => {
    const top = stack[stack.length - 1];
    if (!top || stack.length <= recordDepth) return;
    top.text += text;
    if (xhtmlDepth >= 0 && stack.length > xhtmlDepth) xhtml += escapeXml(text);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", () => {
    const node = stack.pop()!;
    if (xhtmlDepth >= 0) {
      if (stack.length + 1 === xhtmlDepth) {
        node.xhtml = xhtml;
        xhtmlDepth = -1;
      } else if (!node.children.length && !node.text && /^(br|hr|img)$/.test(node.local)) {
        xhtml = xhtml.replace(new RegExp(`<${node.local}([^<]*)>$`), `<${node.local}$1 />`);
      } else xhtml += `</${node.local}>`;
    }
    const parent = stack[stack.length - 1];
    if (stack.length === recordDepth) {
      if (stopped) return;
      const kind: RecordKind = (node.local === "item" && node.uri === "") || (node.local === "entry" && node.uri === NS.atom) ? "item" : "head";
      if (handlers.record(kind, node) === false) stopped = true;
    } else if (parent && stack.length > recordDepth) parent.children.push(node);
  });
  parser.on("xmldecl", (decl) => {
    // The file is decoded as UTF-8 (what WordPress and Blogger write); another encoding would be misread.
    if (decl.encoding && !/^utf-?8$/i.test(decl.encoding)) {
      failure ??= new XmlEncodingError(`expected a UTF-8 export, got one declared as ${decl.encoding} (convert it first, e.g. iconv -f ${decl.encoding} -t UTF-8)`);
      stopped = true;
    }
  });
  parser.on("error", (error) => {
    failure ??= new XmlStreamError(error.message);
  });

  const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 256 * 1024 });
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      bytes += Buffer.byteLength(chunk);
      parser.write(chunk);
      if (failure) throw failure;
      if (stopped) break;
    }
    if (!stopped) parser.close();
    if (failure) throw failure;
  } finally {
    stream.destroy();
  }
  return { bytes };
}
