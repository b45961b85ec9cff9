import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Author, Post, Tag } from "../../lib/catalog/model.ts";
import { toPostDate, type DateAccuracy } from "../../lib/core/dates.ts";
import { selectFeeds, toJsonFeed, xmlSafe } from "../../lib/outputs/feeds.ts";
import { toSite } from "../../lib/content/site.ts";

const site = toSite(
  { title: "T", description: "D", url: "https://x.example/", language: "en", timeZone: "UTC", pageSize: 10, indexPageSize: 100, feedSize: 2, pathPrefix: "/blog/", followSymlinksOutside: false, nav: { header: [], footer: [] } },
  { siteUrl: undefined, pathPrefix: undefined },
);

function author(id: string): Author {
  return { id, name: id, displayName: id, url: undefined, bio: undefined, outlet: undefined, outletNote: undefined, pageUrl: `/authors/${id}/`, posts: [] };
}

function post(slug: string, day: number, by: Author | Author[], tags: Tag[], accuracy: DateAccuracy = "exact"): Post {
  const date = toPostDate(DateTime.fromObject({ year: 2020, month: 1, day }, { zone: "UTC" }), true, accuracy);
  const authors = Array.isArray(by) ? by : [by];
  const p = { slug, url: `/posts/${slug}/`, title: slug, date, updated: undefined, author: authors[0], authors, tags, summary: slug, html: "<p>x</p>" } as unknown as Post;
  for (const a of authors) a.posts.push(p);
  for (const tag of tags) tag.posts.push(p);
  return p;
}

describe("xmlSafe", () => {
  it.each([
    ["plain & <b>", "plain & <b>"],
    ["bell\u0007 nul\u0000", "bell\uFFFD nul\uFFFD"],
    ["tab\tnewline\ncr\r", "tab\tnewline\ncr\r"],
    ["lone \uD800 surrogate", "lone \uFFFD surrogate"],
    ["pair 😀 kept", "pair 😀 kept"],
    ["\uFFFE\uFFFF", "\uFFFD\uFFFD"],
  ])("%j", (input, output) => {
    expect(xmlSafe(input)).toBe(output);
  });
});

describe("selectFeeds", () => {
  const ann = author("ann");
  const bob = author("bob");
  const idle = author("idle");
  const korea: Tag = { name: "Korea", slug: "korea", url: "/tags/korea/", posts: [] };
  // Newest first, as the catalog hands them over.
  const posts = [post("d", 4, ann, [korea], "about"), post("c", 3, bob, [korea]), post("b", 2, ann, [korea]), post("a", 1, ann, [])];
  const feeds = selectFeeds({ site, posts, tags: [korea], authors: [ann, bob, idle] });

  it("keeps the latest feedSize entries of each feed", () => {
    expect(feeds.site.entries.map((e) => e.post.slug)).toEqual(["d", "c"]);
    expect(feeds.tags.korea!.entries.map((e) => e.post.slug)).toEqual(["d", "c"]);
    expect(feeds.authors.ann!.entries.map((e) => e.post.slug)).toEqual(["d", "b"]);
  });

  it("gives authors without posts no feed, and lists every feed once", () => {
    expect(Object.keys(feeds.authors)).toEqual(["ann", "bob"]);
    expect(feeds.all.map((f) => f.atomPath)).toEqual(["/feed.xml", "/tags/korea/feed.xml", "/authors/ann/feed.xml", "/authors/bob/feed.xml"]);
  });

  it("builds one entry per post, shared by every feed it appears in", () => {
    expect(feeds.site.entries[0]).toBe(feeds.tags.korea!.entries[0]);
    expect(feeds.site.entries[0]).toBe(feeds.authors.ann!.entries[0]);
  });

  it("uses absolute URLs with the path prefix, and the stylesheet under the prefix", () => {
    expect(feeds.tags.korea!.atomUrl).toBe("https://x.example/blog/tags/korea/feed.xml");
    expect(feeds.site.entries[0]!.url).toBe("https://x.example/blog/posts/d/");
    expect(feeds.site.stylesheet).toBe("/blog/feed.xsl");
  });

  it("states a publication date only when it is exact", () => {
    const [about, exact] = feeds.site.entries;
    expect(about!.published).toBeUndefined();
    expect(about!.updated).toBe("2020-01-04T00:00:00Z");
    expect(about!.dateNote).toBe("Published about 4 January 2020 (exact date not known).");
    expect(exact!.published).toBe("2020-01-03T00:00:00Z");
    expect(feeds.site.updated).toBe("2020-01-04T00:00:00Z");
  });

  it("writes JSON Feed 1.1 items without date_published for approximate dates", () => {
    const json = toJsonFeed(feeds.site, (entry) => `<p>${entry.post.slug}</p>`);
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(json.feed_url).toBe("https://x.example/blog/feed.json");
    expect(json.items.map((i) => [i.id, i.date_published, i.content_html])).toEqual([
      ["https://x.example/blog/posts/d/", undefined, "<p>d</p>"],
      ["https://x.example/blog/posts/c/", "2020-01-03T00:00:00Z", "<p>c</p>"],
    ]);
    expect("date_published" in json.items[0]!).toBe(false);
  });

  it("names every co-author on the entry, in each co-author's feed", () => {
    const cy = author("cy");
    const di = { ...author("di"), url: "https://di.example/" };
    const both = selectFeeds({ site, posts: [post("together", 5, [cy, di], [])], tags: [], authors: [cy, di] });
    const expected = [
      { name: "cy", url: "https://x.example/blog/authors/cy/" },
      { name: "di", url: "https://di.example/" },
    ];
    expect(both.authors.cy!.entries[0]!.authors).toEqual(expected);
    expect(both.authors.di!.entries[0]).toBe(both.authors.cy!.entries[0]);
    expect(toJsonFeed(both.site, () => "").items[0]!.authors).toEqual(expected);
  });

  it("stamps a feed with no entries with the Unix epoch, not the build time", () => {
    const empty = selectFeeds({ site, posts: [], tags: [], authors: [] });
    expect(empty.site.updated).toBe("1970-01-01T00:00:00Z");
  });
});
