// Eleventy adapter for the feeds: @11ty/eleventy-plugin-rss for its filters (and the HTML
// <base> plugin it brings, which makes feed content absolute), and the filters the Atom and
// JSON Feed templates print with. The feeds are chosen in lib/outputs/feeds.ts and written by
// the page kinds `feed-atom` and `feed-json` (lib/outputs/page-kinds.ts).
import rssPlugin from "@11ty/eleventy-plugin-rss";
import type { Post } from "../catalog/model.ts";
import { toJsonFeed, xmlSafe, type Feed, type FeedEntry } from "../outputs/feeds.ts";
import type { Site } from "../content/site.ts";

type AsyncFilter = (this: unknown, ...args: never[]) => Promise<string> | string;

/** The slice of Eleventy's config API this adapter uses. */
export interface FeedsConfigApi {
  addPlugin(plugin: unknown, options?: Record<string, unknown>): void;
  addAsyncFilter(name: string, filter: (...args: never[]) => Promise<unknown>): void;
  getFilter(name: string): unknown;
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * An entry's HTML for feed readers: links, images and `cite` made absolute (with the path
 * prefix) by Eleventy's HTML <base> transform, the approximate date stated first. Memoised per
 * post: a post in the site, tag and author feeds, Atom and JSON, is transformed once per build.
 */
export function createEntryContent(transform: (html: string, base: string, pageUrl: string) => Promise<string>) {
  // Keyed by the post and its body: the dev server may patch a post's text in place.
  const done = new WeakMap<Post, { body: string; html: Promise<string> }>();
  return (entry: FeedEntry, site: Pick<Site, "origin">): Promise<string> => {
    let known = done.get(entry.post);
    if (known?.body !== entry.post.html) {
      const note = entry.dateNote ? `<p><em>${escapeHtml(entry.dateNote)}</em></p>\n` : "";
      known = { body: entry.post.html, html: transform(entry.post.html, `${site.origin}/`, entry.post.url).then((body) => xmlSafe(note + body)) };
      done.set(entry.post, known);
    }
    return known.html;
  };
}

export function feedsPlugin(eleventyConfig: FeedsConfigApi): void {
  eleventyConfig.addPlugin(rssPlugin);
  const transform = (html: string, base: string, pageUrl: string) => {
    const filter = eleventyConfig.getFilter("transformWithHtmlBase") as AsyncFilter | undefined;
    if (!filter) throw new Error("The HTML <base> plugin's transformWithHtmlBase filter is missing (it comes with @11ty/eleventy-plugin-rss).");
    return Promise.resolve((filter as unknown as (...args: string[]) => Promise<string>).call({}, html, base, pageUrl));
  };
  // One memo per build: a rebuild of the dev server makes new Post objects.
  const entryContent = createEntryContent(transform);
  eleventyConfig.addAsyncFilter("feedContent", (entry: FeedEntry, site: Site) => entryContent(entry, site));
  eleventyConfig.addAsyncFilter("jsonFeed", async (feed: Feed, site: Site) => {
    const contents = new Map<FeedEntry, string>();
    await Promise.all(feed.entries.map(async (entry) => contents.set(entry, await entryContent(entry, site))));
    return JSON.stringify(toJsonFeed(feed, (entry) => contents.get(entry) ?? ""), null, 2);
  });
}
