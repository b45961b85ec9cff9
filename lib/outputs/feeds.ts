// Feeds: which feeds exist (the site, each tag, each author), their URLs, and the latest
// `feedSize` entries of each, chosen once per build from the newest-first post lists.
// Pure: the Atom template and the JSON Feed builder only print what is decided here.
import { say } from "../core/messages/index.ts";
import { lastChanged, type Author, type Post, type Tag } from "../catalog/model.ts";
import { ROUTES, absolute, withPrefix } from "../core/routes.ts";
import type { Site } from "../content/site.ts";

export const FEED_TYPES = {
  atom: "application/atom+xml",
  json: "application/feed+json",
} as const;

export interface FeedEntry {
  post: Post;
  /** Absolute URL of the post, also its permanent id. */
  url: string;
  title: string;
  summary: string;
  /** RFC 3339, only when the publication date is known exactly (never claim a day not known). */
  published: string | undefined;
  /** RFC 3339: the update date, else the (earliest possible) publication date. Atom requires it. */
  updated: string;
  updatedEpoch: number;
  /** Shown at the top of the entry when the date is approximate, as the post page shows it. */
  dateNote: string | undefined;
  /** Every author of the post, in byline order. */
  authors: { name: string; url: string }[];
  categories: { term: string; label: string; scheme: string; url: string }[];
}

export interface Feed {
  kind: "site" | "tag" | "author";
  title: string;
  subtitle: string;
  language: string;
  /** Site-relative paths (permalinks, autodiscovery links). */
  atomPath: string;
  jsonPath: string;
  pagePath: string;
  /** Absolute URLs written into the feeds. */
  atomUrl: string;
  jsonUrl: string;
  pageUrl: string;
  /** Stylesheet path for `<?xml-stylesheet?>`, with the path prefix. */
  stylesheet: string;
  /** RFC 3339: newest entry's `updated`; the Unix epoch for a feed with no entries (reproducible). */
  updated: string;
  /** Feed-level author (author feeds only). */
  author: { name: string; url: string } | undefined;
  entries: FeedEntry[];
}

export interface FeedSet {
  site: Feed;
  /** By tag slug. */
  tags: Record<string, Feed>;
  /** By author id; authors without posts have no feed. */
  authors: Record<string, Feed>;
  /** Every feed, for the templates that write them. */
  all: Feed[];
}

const EMPTY_UPDATED = "1970-01-01T00:00:00Z";

// XML 1.0 cannot carry these characters even escaped; a hostile title must not break a feed.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces characters XML 1.0 forbids with U+FFFD, so every feed stays well-formed. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, "\uFFFD");
}

/** A post's entry in every feed it appears in (made once per post per build). */
export function toEntry(post: Post, site: Site): FeedEntry {
  const changed = lastChanged(post);
  const tagsUrl = absolute(site, ROUTES.tags);
  return {
    post,
    url: absolute(site, post.url),
    title: xmlSafe(post.title),
    summary: xmlSafe(post.summary),
    published: post.date.accuracy === "exact" ? post.date.rfc3339 : undefined,
    updated: changed.rfc3339,
    updatedEpoch: changed.epoch,
    dateNote: post.date.accuracy === "exact" ? undefined : xmlSafe(say(site.language, "feed.dateNote", { date: post.date.text })),
    authors: post.authors.map((author) => ({ name: xmlSafe(author.displayName), url: author.url ?? absolute(site, author.pageUrl) })),
    categories: post.tags.map((tag) => ({ term: tag.slug, label: xmlSafe(tag.name), scheme: tagsUrl, url: absolute(site, tag.url) })),
  };
}

interface FeedSpec {
  kind: Feed["kind"];
  title: string;
  subtitle: string;
  pagePath: string;
  author: Feed["author"];
  posts: readonly Post[];
}

function toFeed(spec: FeedSpec, site: Site, entryOf: (post: Post) => FeedEntry): Feed {
  const entries = spec.posts.slice(0, site.feedSize).map(entryOf);
  const newest = entries.reduce<FeedEntry | undefined>((best, e) => (!best || e.updatedEpoch > best.updatedEpoch ? e : best), undefined);
  const atomPath = ROUTES.atomFeed(spec.pagePath);
  const jsonPath = ROUTES.jsonFeed(spec.pagePath);
  return {
    kind: spec.kind,
    title: xmlSafe(spec.title),
    subtitle: xmlSafe(spec.subtitle),
    language: site.language,
    atomPath,
    jsonPath,
    pagePath: spec.pagePath,
    atomUrl: absolute(site, atomPath),
    jsonUrl: absolute(site, jsonPath),
    pageUrl: absolute(site, spec.pagePath),
    stylesheet: withPrefix(site, ROUTES.feedStylesheet),
    updated: newest?.updated ?? EMPTY_UPDATED,
    author: spec.author,
    entries,
  };
}

/**
 * Chooses every feed and its entries. Cost: one entry object per post that appears in some
 * feed (at most feedSize per tag and author), whatever the number of posts.
 */
export function selectFeeds(input: { site: Site; posts: readonly Post[]; tags: readonly Tag[]; authors: readonly Author[] }): FeedSet {
  const { site } = input;
  const entries = new Map<Post, FeedEntry>();
  const entryOf = (post: Post) => {
    let entry = entries.get(post);
    if (!entry) entries.set(post, (entry = toEntry(post, site)));
    return entry;
  };
  const siteFeed = toFeed({ kind: "site", title: site.title, subtitle: site.description, pagePath: "/", author: undefined, posts: input.posts }, site, entryOf);
  const tags: Record<string, Feed> = {};
  for (const tag of input.tags) {
    tags[tag.slug] = toFeed(
      { kind: "tag", title: say(site.language, "feed.tagTitle", { site: site.title, name: tag.name }), subtitle: say(site.language, "feed.tagSubtitle", { name: tag.name, site: site.title }), pagePath: tag.url, author: undefined, posts: tag.posts },
      site,
      entryOf,
    );
  }
  const authors: Record<string, Feed> = {};
  for (const author of input.authors) {
    if (author.posts.length === 0) continue;
    const name = xmlSafe(author.displayName);
    authors[author.id] = toFeed(
      {
        kind: "author",
        title: say(site.language, "feed.authorTitle", { site: site.title, name: author.displayName }),
        subtitle: author.bio ?? say(site.language, "describe.author", { name: author.displayName, site: site.title }),
        pagePath: author.pageUrl,
        author: { name, url: author.url ?? absolute(site, author.pageUrl) },
        posts: author.posts,
      },
      site,
      entryOf,
    );
  }
  return { site: siteFeed, tags, authors, all: [siteFeed, ...Object.values(tags), ...Object.values(authors)] };
}

/** A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/). */
export interface JsonFeed {
  version: "https://jsonfeed.org/version/1.1";
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  authors?: { name: string; url: string }[];
  items: JsonFeedItem[];
}

export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  summary: string;
  date_published?: string;
  date_modified: string;
  authors: { name: string; url: string }[];
  tags?: string[];
}

/** Builds the JSON Feed object; `contentOf` gives each entry's HTML with absolute URLs. */
export function toJsonFeed(feed: Feed, contentOf: (entry: FeedEntry) => string): JsonFeed {
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    home_page_url: feed.pageUrl,
    feed_url: feed.jsonUrl,
    description: feed.subtitle,
    language: feed.language,
    ...(feed.author ? { authors: [feed.author] } : {}),
    items: feed.entries.map((entry) => ({
      id: entry.url,
      url: entry.url,
      title: entry.title,
      content_html: contentOf(entry),
      summary: entry.summary,
      ...(entry.published ? { date_published: entry.published } : {}),
      date_modified: entry.updated,
      authors: entry.authors,
      ...(entry.categories.length > 0 ? { tags: entry.categories.map((c) => c.label) } : {}),
    })),
  };
}
