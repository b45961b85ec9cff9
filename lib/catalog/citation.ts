// "Cite this post": a post's citation in Chicago style (bibliography entry for a blog post),
// as BibTeX (biblatex @online) and as CSL-JSON, from what the catalog knows. Pure. Nothing is
// filled in: an unnamed author stays unnamed, an approximate date says so in each format.
import type { PostDate } from "../core/dates.ts";

/** The slice of a catalog post this module reads. */
export interface CitablePost {
  slug: string;
  title: string;
  /** Absolute URL of the post. */
  url: string;
  /** In byline order; `null` when the name is not known. */
  authors: readonly { name: string | null }[];
  date: PostDate;
  updated: PostDate | undefined;
}

export interface CitingSite {
  title: string;
  language: string;
}

/** A run of the Chicago citation: plain text, the blog's title (italic), or the post's URL (printed, not linked: the reader is on it). */
export interface CitationPart {
  text: string;
  kind: "text" | "container" | "url";
}

/** Shown where an author's name is not known: square brackets mark words the citer supplied. */
export const UNNAMED = "[unnamed author]";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** `2019-03-06` (or a full ISO date-time) → [2019, 3, 6], the calendar day in the site's zone. */
function dayParts(date: PostDate): [number, number, number] {
  const [y, m, d] = date.iso.slice(0, 10).split("-").map(Number);
  return [y!, m!, d!];
}

/** "March 6, 2019", with "ca." or "on or after" when the day is not known exactly. */
export function chicagoDate(date: PostDate): string {
  const [y, m, d] = dayParts(date);
  const day = `${MONTHS[m - 1]} ${d}, ${y}`;
  return date.accuracy === "about" ? `ca. ${day}` : date.accuracy === "on-or-after" ? `on or after ${day}` : day;
}

/** Chicago joins names with a serial comma: "A", "A and B", "A, B, and C". */
export function chicagoNames(names: readonly string[]): string {
  if (names.length <= 2) return names.join(" and ");
  return `${names.slice(0, -1).join(", ")}, and ${names[names.length - 1]}`;
}

/** The title inside quotation marks, closed with a period unless it ends in its own stop. */
function quotedTitle(title: string): string {
  return /[.?!…]$/.test(title) ? `“${title}”` : `“${title}.”`;
}

/**
 * Chicago (17th ed.), bibliography form for a blog post: `Author. “Title.” Blog (blog), Month D,
 * YYYY. URL.` Names are printed as the authors registry gives them, not inverted. With no
 * known author at all the entry starts with the title, as Chicago does for anonymous works.
 */
export function chicagoCitation(post: CitablePost, site: CitingSite): CitationPart[] {
  const names = post.authors.map((a) => a.name ?? UNNAMED);
  const known = post.authors.some((a) => a.name !== null);
  const byline = known ? `${chicagoNames(names)}${names[names.length - 1]!.endsWith(".") ? "" : "."} ` : "";
  const updated = post.updated && post.updated.accuracy === "exact" ? ` Last modified ${chicagoDate(post.updated)}.` : "";
  return [
    { kind: "text", text: `${byline}${quotedTitle(post.title)} ` },
    { kind: "container", text: site.title },
    { kind: "text", text: ` (blog), ${chicagoDate(post.date)}.${updated} ` },
    { kind: "url", text: post.url },
    { kind: "text", text: "." },
  ];
}

/** The citation as one line of plain text. */
export function citationText(parts: readonly CitationPart[]): string {
  return parts.map((part) => part.text).join("");
}

const BIBTEX_SPECIALS: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  $: "\\$",
  "&": "\\&",
  "%": "\\%",
  "#": "\\#",
  _: "\\_",
  "^": "\\textasciicircum{}",
  "~": "\\textasciitilde{}",
};

/** Text for a BibTeX field: LaTeX's special characters escaped, other Unicode left for biber/UTF-8 LaTeX. */
export function escapeBibtex(text: string): string {
  return text.replace(/[\\{}$&%#_^~]/g, (c) => BIBTEX_SPECIALS[c]!).replace(/\s+/g, " ");
}

/** The post's date in biblatex's EDTF form: `2019-03-06`, `2019-03-06~` (about), `2019-03-06/` (on or after: an open-ended range). */
function bibDate(date: PostDate): string {
  const day = date.iso.slice(0, 10);
  return date.accuracy === "about" ? `${day}~` : date.accuracy === "on-or-after" ? `${day}/` : day;
}

/**
 * A biblatex `@online` entry. Names are braced whole (`{Ann Author}`) so BibTeX does not guess
 * which part is the family name; an unnamed author is kept as `{[unnamed author]}`, and a post
 * with no known author has no `author` field. The title is double-braced to keep its case.
 */
export function bibtexEntry(post: CitablePost, site: CitingSite): string {
  const known = post.authors.some((a) => a.name !== null);
  const fields: [string, string][] = [];
  if (known) fields.push(["author", post.authors.map((a) => `{${escapeBibtex(a.name ?? UNNAMED)}}`).join(" and ")]);
  fields.push(["title", `{${escapeBibtex(post.title)}}`]);
  fields.push(["organization", escapeBibtex(site.title)]);
  fields.push(["date", bibDate(post.date)]);
  if (post.date.accuracy !== "exact") fields.push(["note", escapeBibtex(`Exact date not known: ${post.date.text}`)]);
  // biblatex reads url verbatim: only characters a URL cannot hold unencoded are encoded.
  fields.push(["url", post.url.replace(/[{}\\%\s]/g, (c) => encodeURIComponent(c))]);
  const body = fields.map(([name, value]) => `  ${name} = {${value}},`).join("\n");
  return `@online{${post.slug},\n${body}\n}\n`;
}

/** A CSL-JSON date: exact parts; `circa` for "about"; a literal for "on or after" (CSL has no open range). */
function cslDate(date: PostDate): Record<string, unknown> {
  if (date.accuracy === "on-or-after") return { literal: date.text };
  return { "date-parts": [dayParts(date)], ...(date.accuracy === "about" ? { circa: true } : {}) };
}

/** A CSL-JSON item (the format Zotero and citeproc read), as a one-item array. */
export function cslItem(post: CitablePost, site: CitingSite): Record<string, unknown>[] {
  const known = post.authors.some((a) => a.name !== null);
  return [
    {
      id: post.slug,
      type: "post-weblog",
      title: post.title,
      ...(known ? { author: post.authors.map((a) => ({ literal: a.name ?? UNNAMED })) } : {}),
      "container-title": site.title,
      issued: cslDate(post.date),
      URL: post.url,
      language: site.language,
    },
  ];
}

/**
 * A post's citation (the catalog's `Citation`): the Chicago runs and their text made at once
 * (post pages show them, and every build's planner compares the text), the BibTeX and CSL-JSON
 * when first asked for, then kept: only the citation files a build writes read them, and a warm
 * build writes few of its 20,000.
 */
export class PostCitation {
  readonly parts: CitationPart[];
  readonly text: string;
  private bibtexText: string | undefined;
  private cslText: string | undefined;
  constructor(
    private readonly post: CitablePost,
    private readonly site: CitingSite,
    readonly bibtexUrl: string,
    readonly cslUrl: string,
  ) {
    this.parts = chicagoCitation(post, site);
    this.text = citationText(this.parts);
  }
  get bibtex(): string {
    return (this.bibtexText ??= bibtexEntry(this.post, this.site));
  }
  /** CSL-JSON, serialised. */
  get csl(): string {
    return (this.cslText ??= `${JSON.stringify(cslItem(this.post, this.site), null, 2)}\n`);
  }
}
