// What an export's records mean: WordPress WXR items, Blogger export entries, RSS 2.0 items and
// Atom entries all become one ImportItem (or a reason to skip it). Element names follow
// WordPress's own exporter (wp-admin/includes/export.php) and Blogger's export (old: kind
// categories and app:draft; Takeout: blogger:type and blogger:status).
import { DateTime, FixedOffsetZone } from "luxon";
import { child, childrenNamed, childText, isWordPressNs, NS, type XmlNode, type XmlRoot } from "./xml-records.ts";

export const FORMATS = ["wordpress", "blogger", "feed"] as const;
export type ImportFormat = (typeof FORMATS)[number];

export interface ImportAuthor {
  /** Login, name or e-mail as the export gives it: the id is made from it. */
  key: string;
  /** Display name, when the export gives one. */
  name?: string;
  url?: string;
}

export interface ImportItem {
  /** Set when the record is not a post to import: what it is, and why it is left out. */
  skip?: { what: string; why: string };
  title: string;
  html: string;
  /** The post's address on the old site (absolute), when known. */
  link?: string;
  /** A slug the old site used (WordPress post_name), when known. */
  slugHint?: string;
  /** The date with the zone (offset) it was written in; undefined when the export has none. */
  date?: DateTime;
  /** How the date's zone is known, when it is not in the export itself. */
  dateNote?: string;
  status: "published" | "draft" | "scheduled";
  /** The old status when it is not simply published/draft (private, pending, password-protected). */
  statusNote?: string;
  author?: ImportAuthor;
  tags: string[];
  /** WordPress post_content: paragraphs by blank lines, without <p> (wpautop). */
  autop: boolean;
  /** Comments attached to the record, left out. */
  comments: number;
}

/** Site-level facts read from head records, before the first item. */
export interface ExportHead {
  title?: string;
  link?: string;
  /** WordPress authors by login: display names. */
  authors: Map<string, ImportAuthor>;
  /** The Atom feed's <id>, e.g. `tag:blogger.com,1999:blog-123`. */
  feedId?: string;
  /** The Atom feed's own <author>: the author of every entry that names none. */
  feedAuthor?: ImportAuthor;
}

export function detectFormat(root: XmlRoot, head: ExportHead): ImportFormat | undefined {
  if (root.local === "rss" && root.uri === "") return root.namespaces.some(isWordPressNs) ? "wordpress" : "feed";
  if (root.local === "feed" && root.uri === NS.atom) {
    const blogger = root.namespaces.includes(NS.bloggerType) || head.feedId?.startsWith("tag:blogger.com");
    return blogger ? "blogger" : "feed";
  }
  return undefined;
}

/** Whether an export of this root can be read as `format` (an explicit --from). */
export function rootFits(root: XmlRoot, format: ImportFormat): boolean {
  if (format === "wordpress") return root.local === "rss" && root.uri === "";
  if (format === "blogger") return root.local === "feed" && root.uri === NS.atom;
  return (root.local === "rss" && root.uri === "") || (root.local === "feed" && root.uri === NS.atom);
}

export function readHead(node: XmlNode, head: ExportHead): void {
  if (node.uri === "" && node.local === "title") head.title = node.text.trim();
  else if (node.uri === "" && node.local === "link") head.link = node.text.trim();
  else if (node.uri === NS.atom && node.local === "title") head.title = node.text.trim();
  else if (node.uri === NS.atom && node.local === "id") head.feedId = node.text.trim();
  else if (node.uri === NS.atom && node.local === "author") {
    const author = atomAuthor({ ...node, local: "entry", children: [node] });
    if (author) head.feedAuthor = author;
  }
  else if (node.uri === NS.atom && node.local === "link" && (node.attrs.rel ?? "alternate") === "alternate") head.link = node.attrs.href;
  else if (isWordPressNs(node.uri) && node.local === "author") {
    const login = childText(node, "author_login", node.uri);
    const name = childText(node, "author_display_name", node.uri);
    if (login) head.authors.set(login, { key: login, ...(name ? { name } : {}) });
  }
}

const ZERO_DATE = /^0000-00-00/;
const SQL_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** `2019-03-06 14:30:00` as milliseconds if it were UTC. Read by hand: luxon's parser was a tenth of the import's time. */
function sqlMillis(text: string): number | undefined {
  const m = SQL_DATE.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return new Date(ms).getUTCDate() === Number(m[3]) ? ms : undefined;
}

/** WXR: post_date is the site's local time, post_date_gmt the same moment in UTC; their difference is the zone's offset. */
function wordpressDate(item: XmlNode, wp: string, siteZone: string): { date?: DateTime; note?: string } {
  const local = childText(item, "post_date", wp);
  const gmt = childText(item, "post_date_gmt", wp);
  const localMs = local && !ZERO_DATE.test(local) ? sqlMillis(local) : undefined;
  const gmtMs = gmt && !ZERO_DATE.test(gmt) ? sqlMillis(gmt) : undefined;
  if (localMs !== undefined && gmtMs !== undefined) {
    const offset = Math.round((localMs - gmtMs) / 60_000);
    return { date: DateTime.fromMillis(gmtMs, { zone: FixedOffsetZone.instance(offset) }) };
  }
  if (localMs !== undefined) {
    const date = DateTime.fromSQL(local, { zone: siteZone });
    if (date.isValid) return { date, note: `no GMT date in the export: its local time read in the site's zone (${siteZone})` };
  }
  return {};
}

function categories(item: XmlNode): string[] {
  return childrenNamed(item, "category")
    .filter((c) => (c.attrs.domain ?? "category") === "category" || c.attrs.domain === "post_tag")
    .map((c) => c.text.trim())
    .filter((name) => name !== "");
}

export function wordpressItem(item: XmlNode, head: ExportHead, siteZone: string): ImportItem {
  const wp = item.children.find((c) => isWordPressNs(c.uri))?.uri ?? "";
  const type = childText(item, "post_type", wp) || "post";
  const status = childText(item, "status", wp) || "publish";
  const comments = childrenNamed(item, "comment", wp).length;
  const title = childText(item, "title");
  const base = { title, html: child(item, "encoded", NS.content)?.text ?? "", tags: categories(item), autop: true, comments, status: "published" as const };
  const what = `${type} "${title || childText(item, "post_name", wp) || childText(item, "post_id", wp)}"`;
  const skipType: Record<string, string> = {
    page: "a page, not a post (Gloss has posts only: copy what you need into a post)",
    attachment: "an attachment (a media file's record; the files themselves are not in the export)",
    nav_menu_item: "a navigation menu item",
  };
  if (type !== "post") return { ...base, skip: { what, why: skipType[type] ?? `a "${type}" record, not a post` } };
  if (status === "trash" || status === "auto-draft" || status === "inherit") {
    return { ...base, skip: { what, why: `status "${status}": WordPress never published it as a post` } };
  }
  const login = childText(item, "creator", NS.dc);
  const { date, note } = wordpressDate(item, wp, siteZone);
  const password = childText(item, "post_password", wp);
  const statusNote = password ? "password-protected on the old site" : status === "private" || status === "pending" ? `"${status}" on the old site` : undefined;
  const mapped = status === "publish" && !password ? "published" : status === "future" ? "scheduled" : "draft";
  const link = childText(item, "link");
  return {
    ...base,
    status: mapped,
    ...(statusNote ? { statusNote } : {}),
    ...(link && !/[?&]p=\d+/.test(link) ? { link } : {}),
    ...(childText(item, "post_name", wp) ? { slugHint: safeDecode(childText(item, "post_name", wp)) } : {}),
    ...(date ? { date } : {}),
    ...(note ? { dateNote: note } : {}),
    ...(login ? { author: head.authors.get(login) ?? { key: login } } : {}),
  };
}

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

const BLOGGER_KIND = "http://schemas.google.com/g/2005#kind";
const BLOGGER_LABEL = "http://www.blogger.com/atom/ns#";

/** An Atom entry's HTML: `type="html"` text, `type="xhtml"` markup, or plain text. */
function atomHtml(node: XmlNode | undefined): string {
  if (!node) return "";
  if (node.xhtml !== undefined) return node.xhtml;
  if (node.attrs.type === "html" || node.attrs.type === "text/html") return node.text;
  return node.text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/\n\s*\n/g, "<br><br>");
}

function atomAuthor(entry: XmlNode): ImportAuthor | undefined {
  const author = child(entry, "author", NS.atom);
  if (!author) return undefined;
  const name = childText(author, "name", NS.atom);
  const uri = childText(author, "uri", NS.atom);
  const email = childText(author, "email", NS.atom);
  // Blogger writes "Unknown" where the profile gives no name: not a name.
  const known = name && name !== "Unknown" ? name : undefined;
  const key = known ?? email;
  if (!key) return undefined;
  return { key, ...(known ? { name: known } : {}), ...(/^https?:\/\//.test(uri) ? { url: uri } : {}) };
}

function atomLink(entry: XmlNode): string | undefined {
  const links = childrenNamed(entry, "link", NS.atom);
  return links.find((l) => (l.attrs.rel ?? "alternate") === "alternate" && (!l.attrs.type || l.attrs.type === "text/html"))?.attrs.href;
}

export function atomEntry(entry: XmlNode, blogger: boolean, head: ExportHead): ImportItem {
  const title = childText(entry, "title", NS.atom);
  const cats = childrenNamed(entry, "category", NS.atom);
  const kindTerm = cats.find((c) => c.attrs.scheme === BLOGGER_KIND)?.attrs.term;
  const typed = childText(entry, "type", NS.bloggerType);
  const kind = typed ? typed.toLowerCase() : kindTerm ? kindTerm.replace(/^.*#/, "") : "post";
  const tags = cats.filter((c) => c.attrs.scheme !== BLOGGER_KIND && (!blogger || !c.attrs.scheme || c.attrs.scheme === BLOGGER_LABEL)).map((c) => (c.attrs.label ?? c.attrs.term ?? "").trim()).filter(Boolean);
  const base = { title, html: atomHtml(child(entry, "content", NS.atom) ?? child(entry, "summary", NS.atom)), tags, autop: false, comments: 0, status: "published" as const };
  const what = `${kind} "${title || childText(entry, "id", NS.atom)}"`;
  if (kind !== "post") {
    const why: Record<string, string> = { comment: "a comment", page: "a page, not a post (Gloss has posts only)", template: "the blog's template", settings: "a blog setting" };
    return { ...base, skip: { what, why: why[kind] ?? `a "${kind}" entry, not a post` } };
  }
  const statusText = childText(entry, "status", NS.bloggerType);
  if (statusText && statusText !== "LIVE" && statusText !== "DRAFT" && statusText !== "SCHEDULED") {
    return { ...base, skip: { what, why: `status ${statusText} on the old site` } };
  }
  const control = child(entry, "control", NS.app) ?? entry.children.find((c) => c.local === "control");
  const draftFlag = control?.children.find((c) => c.local === "draft")?.text.trim() === "yes";
  const published = childText(entry, "published", NS.atom) || childText(entry, "updated", NS.atom);
  const date = published ? DateTime.fromISO(published, { setZone: true }) : undefined;
  const filename = childText(entry, "filename", NS.bloggerType);
  const link = atomLink(entry) ?? (filename ? filename : undefined);
  const author = atomAuthor(entry) ?? head.feedAuthor;
  return {
    ...base,
    status: draftFlag || statusText === "DRAFT" ? "draft" : statusText === "SCHEDULED" ? "scheduled" : "published",
    ...(link ? { link } : {}),
    ...(date?.isValid ? { date } : {}),
    ...(author ? { author } : {}),
  };
}

/** RSS 2.0 `<author>` is an e-mail, often `name@example.com (Full Name)`. */
function rssAuthor(item: XmlNode): ImportAuthor | undefined {
  const creator = childText(item, "creator", NS.dc);
  if (creator) return { key: creator, name: creator };
  const author = childText(item, "author");
  if (!author) return undefined;
  const named = /\(([^)]+)\)\s*$/.exec(author)?.[1]?.trim();
  return { key: named ?? author, ...(named ? { name: named } : {}) };
}

export function rssItem(item: XmlNode): ImportItem {
  const title = childText(item, "title");
  const html = child(item, "encoded", NS.content)?.text ?? child(item, "description")?.text ?? "";
  const pubDate = childText(item, "pubDate") || childText(item, "date", NS.dc);
  let date = pubDate ? DateTime.fromRFC2822(pubDate, { setZone: true }) : undefined;
  if (date && !date.isValid) date = DateTime.fromISO(pubDate, { setZone: true });
  const link = childText(item, "link") || (child(item, "guid")?.attrs.isPermaLink !== "false" ? childText(item, "guid") : "");
  const author = rssAuthor(item);
  return {
    title,
    html,
    tags: childrenNamed(item, "category").map((c) => c.text.trim()).filter(Boolean),
    autop: false,
    comments: 0,
    status: "published",
    ...(/^https?:\/\//.test(link) ? { link } : {}),
    ...(date?.isValid ? { date } : {}),
    ...(author ? { author } : {}),
  };
}
