// Machine-readable citations: schema.org JSON-LD for post pages (BlogPosting, citing each story
// as a NewsArticle) and source pages (the NewsArticle), built from catalog records. Pure; what is
// not known (an author's name, a byline, an exact date) is left out, never filled in.
import type { PostDate } from "../core/dates.ts";

/** A JSON-LD node: plain JSON data. */
export type JsonLd = { [key: string]: JsonValue };
type JsonValue = string | number | boolean | JsonLd | JsonValue[];

/** The slice of a catalog source this module reads. */
export interface CitedStory {
  title: string;
  url: string;
  archived: string | undefined;
  byline: string | undefined;
  published: PostDate;
  outlet: { name: string; url: string };
}

/** The slice of a catalog post this module reads. */
export interface CitingPost {
  title: string;
  url: string;
  summary: string;
  date: PostDate;
  updated: PostDate | undefined;
  /** In byline order. */
  authors: readonly { name: string | null; url: string | undefined; bio: string | undefined }[];
  outlet: { name: string; url: string } | undefined;
  tags: readonly { name: string }[];
  sources: readonly CitedStory[];
  words: { total: number };
}

export interface JsonLdSite {
  title: string;
  /** Absolute origin + path prefix, without trailing slash. */
  url: string;
  language: string;
}

const CONTEXT = "https://schema.org";

/**
 * A date schema.org may state as the publication date: only an exactly known one. schema.org
 * has no property for "on or after" or "about", so an approximate date is left out; the page
 * states the bound in words, and each cited story's own datePublished gives it to machines.
 */
export function knownDate(date: PostDate | undefined): string | undefined {
  return date && date.accuracy === "exact" ? date.iso : undefined;
}

/** "A, B and C" → three names; a byline is split only at commas, "and" and "&". */
export function bylineNames(byline: string): string[] {
  return byline
    .replace(/^by\s+/i, "")
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/i)
    .map((name) => name.trim())
    .filter(Boolean);
}

function organization(outlet: { name: string; url: string }): JsonLd {
  return { "@type": "Organization", name: outlet.name, url: outlet.url };
}

/** Drops undefined fields, so "unknown" is absence rather than a null a reader might misread. */
function compact(fields: Record<string, JsonValue | undefined>): JsonLd {
  const node: JsonLd = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) node[key] = value;
  return node;
}

/** No node, one node, or an array of them, as schema.org writes a property with several values. */
function oneOrMany(nodes: JsonLd[]): JsonLd | JsonLd[] | undefined {
  return nodes.length === 0 ? undefined : nodes.length === 1 ? nodes[0] : nodes;
}

/** The quoted story as a NewsArticle; `@id` is its own URL, so every page names the same node. */
export function newsArticle(story: CitedStory, withContext = false): JsonLd {
  const authors = story.byline ? bylineNames(story.byline).map((name): JsonLd => ({ "@type": "Person", name })) : [];
  return compact({
    "@context": withContext ? CONTEXT : undefined,
    "@type": "NewsArticle",
    "@id": story.url,
    headline: story.title,
    url: story.url,
    datePublished: knownDate(story.published),
    publisher: organization(story.outlet),
    author: oneOrMany(authors),
    archivedAt: story.archived,
  });
}

/** The post as a BlogPosting whose `citation` lists every story it quotes or cites. */
export function blogPosting(post: CitingPost, site: JsonLdSite): JsonLd {
  const url = `${site.url}${post.url}`;
  return compact({
    "@context": CONTEXT,
    "@type": "BlogPosting",
    "@id": url,
    url,
    mainEntityOfPage: url,
    headline: post.title,
    description: post.summary || undefined,
    inLanguage: site.language,
    // An unnamed author is a Person without a name: described, never named. Co-authors: an array.
    author: oneOrMany(post.authors.map((author) => compact({ "@type": "Person", name: author.name ?? undefined, url: author.url, description: author.bio }))),
    publisher: post.outlet ? organization(post.outlet) : undefined,
    isPartOf: { "@type": "Blog", name: site.title, url: `${site.url}/` },
    datePublished: knownDate(post.date),
    dateModified: knownDate(post.updated),
    keywords: post.tags.length > 0 ? post.tags.map((tag) => tag.name) : undefined,
    wordCount: post.words.total,
    citation: post.sources.length > 0 ? post.sources.map((story) => newsArticle(story)) : undefined,
  });
}

const UNSAFE_IN_SCRIPT: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/**
 * JSON for a `<script type="application/ld+json">` element. `<` is escaped so no value can
 * close the element or open a comment; `>`, `&` and the JS line separators for good measure.
 * The result is still valid JSON that parses to the same value.
 */
export function serializeJsonLd(node: JsonLd): string {
  return JSON.stringify(node).replace(/[<>&\u2028\u2029]/g, (c) => UNSAFE_IN_SCRIPT[c]!);
}
