// Feeds, sitemap, robots.txt, page metadata and the search index of a fixture site, read the
// way their consumers read them: feeds by a feed parser (feedsmith) and a strict XML parser
// (Chromium's), the sitemap as XML, the Pagefind index by its own fragment files.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parseAtomFeed, parseJsonFeed } from "feedsmith";
import { parseHTML } from "linkedom";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/browser.ts";
import { buildSite, makeSite, postFile, readPage, DEFAULT_SITE, type FixtureSite } from "../helpers/site.ts";

const HOSTILE = `<script>alert("x")</script> & AT&T ]]> 'quoted'`;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const files = {
  "exact.md": postFile({
    title: "An exact post",
    date: "2020-01-07T09:30",
    tags: ["North Korea", "Diplomacy"],
    sources: ["story"],
    extra: "updated: 2020-01-09",
    body: "Opening words with [a link](/posts/approximate/) and ![the site icon](/favicon.svg).\n\n> [!quote story]\n> The quoted words.\n\nClosing words about Yongbyon.",
  }),
  "approximate.md": postFile({ title: HOSTILE, date: "2020-01-06", author: "anon", tags: ["North Korea"], extra: "dateAccuracy: on-or-after" }),
  "oldest.md": postFile({ title: "The oldest post", date: "2020-01-01", tags: ["Diplomacy"] }),
  "a-draft.md": postFile({ title: "A draft", date: "2020-01-08", tags: ["North Korea"], extra: "draft: true", body: "Secretword in a draft." }),
  "the-future.md": postFile({ title: "From the future", date: "2030-01-01", tags: ["North Korea"], body: "Secretword from the future." }),
};
const site2 = DEFAULT_SITE.replace("feedSize: 20", "feedSize: 2");

function read(site: FixtureSite, file: string): string {
  return readFileSync(path.join(site.outputDir, file), "utf8");
}

function builtHtmlPages(dir: string, prefix = "/"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return entry.name === "pagefind" ? [] : builtHtmlPages(path.join(dir, entry.name), `${prefix}${entry.name}/`);
    if (entry.name === "index.html") return [prefix];
    return entry.name.endsWith(".html") ? [`${prefix}${entry.name}`] : [];
  });
}

/** URLs of the pages in the Pagefind index, read from its gzipped fragment files. */
function indexedUrls(site: FixtureSite): { url: string; content: string }[] {
  const dir = path.join(site.outputDir, "pagefind/fragment");
  return readdirSync(dir).map((name) => {
    const text = gunzipSync(readFileSync(path.join(dir, name))).toString("utf8");
    return JSON.parse(text.slice(text.indexOf("{"))) as { url: string; content: string };
  });
}

describe("feeds, metadata and search of a fixture site", () => {
  let site: FixtureSite;
  let browser: Browser;
  beforeAll(async () => {
    site = makeSite(files, { site: site2 });
    const result = await buildSite(site);
    expect(result.stderr).not.toContain("Build failed");
    expect(result.code).toBe(0);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const feedFiles = () => [
    "feed.xml",
    "tags/north-korea/feed.xml",
    "tags/diplomacy/feed.xml",
    "authors/ann/feed.xml",
    "authors/anon/feed.xml",
  ];

  it("writes an Atom and a JSON feed for the site, each tag and each author with posts", () => {
    for (const file of feedFiles()) {
      expect(existsSync(path.join(site.outputDir, file)), file).toBe(true);
      expect(existsSync(path.join(site.outputDir, file.replace(/\.xml$/, ".json"))), file).toBe(true);
    }
  });

  it("writes well-formed XML a strict parser accepts, hostile title included", async () => {
    const page = await browser.newPage();
    for (const file of [...feedFiles(), "sitemap.xml", "feed.xsl"]) {
      const error = await page.evaluate((xml) => {
        const doc = new DOMParser().parseFromString(xml, "application/xml");
        return doc.getElementsByTagName("parsererror")[0]?.textContent ?? null;
      }, read(site, file));
      expect(error, file).toBeNull();
    }
    await page.close();
  });

  it("site Atom feed: latest feedSize entries, newest first, with dates, authors, categories and absolute links", () => {
    const feed = parseAtomFeed(read(site, "feed.xml"));
    expect(feed.title?.value).toBe("Fixture Blog");
    expect(feed.links?.find((l) => l.rel === "self")?.href).toBe("https://fixture.example/feed.xml");
    expect(feed.updated).toBe("2020-01-09T00:00:00-05:00");
    // feedSize is 2: the oldest of three published posts is left out; drafts and future posts never appear.
    expect(feed.entries?.map((e) => e.title?.value)).toEqual(["An exact post", HOSTILE]);
    const [exact, approximate] = feed.entries!;
    expect(exact!.id).toBe("https://fixture.example/posts/exact/");
    expect(exact!.links?.[0]?.href).toBe("https://fixture.example/posts/exact/");
    expect(exact!.published).toBe("2020-01-07T09:30:00-05:00");
    expect(exact!.updated).toBe("2020-01-09T00:00:00-05:00");
    expect(exact!.authors).toEqual([{ name: "Ann Author", uri: "https://ann.example/" }]);
    expect(exact!.categories?.map((c) => c.label)).toEqual(["North Korea", "Diplomacy"]);
    expect(exact!.summary?.value).toBe("Opening words with a link and the site icon.");
    // An approximate date is never claimed as the publication date; `updated` (required) carries the earliest day.
    expect(approximate!.published).toBeUndefined();
    expect(approximate!.updated).toBe("2020-01-06T00:00:00-05:00");
    expect(approximate!.authors).toEqual([{ name: "Unnamed author", uri: "https://fixture.example/authors/anon/" }]);
    expect(approximate!.content?.value).toContain("<p><em>Published on or after 6 January 2020 (exact date not known).</em></p>");
    for (const entry of feed.entries!) {
      expect(entry.updated).toMatch(RFC3339);
      if (entry.published) expect(entry.published).toMatch(RFC3339);
    }
  });

  it("makes every link, image and cite in feed content absolute", () => {
    const feed = parseAtomFeed(read(site, "feed.xml"));
    const html = feed.entries![0]!.content!.value!;
    const { document } = parseHTML(`<html><body>${html}</body></html>`);
    const urls = [...document.querySelectorAll("[href], [src], [cite]")].map((el) => el.getAttribute("href") ?? el.getAttribute("src") ?? el.getAttribute("cite")!);
    expect(urls).toContain("https://fixture.example/posts/approximate/");
    expect(urls.filter((url) => /^https:\/\/fixture\.example\/media\/favicon-[0-9a-f]{10}\.svg$/.test(url))).toHaveLength(1);
    expect(urls).toContain("https://fixture.example/sources/story/");
    expect(document.querySelector("blockquote")?.getAttribute("cite")).toBe("https://news.example/2020/01/02/big-story");
    expect(urls.length).toBeGreaterThan(3);
    for (const url of urls) expect(url, url).toMatch(/^https:\/\//);
  });

  it("tag and author feeds hold only their own posts", () => {
    const titles = (file: string) => parseAtomFeed(read(site, file)).entries?.map((e) => e.title?.value);
    expect(titles("tags/north-korea/feed.xml")).toEqual(["An exact post", HOSTILE]);
    expect(titles("tags/diplomacy/feed.xml")).toEqual(["An exact post", "The oldest post"]);
    expect(titles("authors/anon/feed.xml")).toEqual([HOSTILE]);
    const author = parseAtomFeed(read(site, "authors/ann/feed.xml"));
    expect(author.title?.value).toBe("Fixture Blog: posts by Ann Author");
    expect(author.authors).toEqual([{ name: "Ann Author", uri: "https://ann.example/" }]);
  });

  it("JSON Feed 1.1: required fields, absolute URLs, RFC 3339 dates, same entries as Atom", () => {
    for (const file of feedFiles().map((f) => f.replace(/\.xml$/, ".json"))) {
      const raw = JSON.parse(read(site, file)) as Record<string, unknown> & { items: Record<string, unknown>[] };
      expect(raw.version, file).toBe("https://jsonfeed.org/version/1.1");
      expect(typeof raw.title).toBe("string");
      expect(raw.feed_url).toBe(`https://fixture.example/${file}`);
      expect(raw.home_page_url).toMatch(/^https:\/\/fixture\.example\//);
      expect(Array.isArray(raw.items)).toBe(true);
      for (const item of raw.items) {
        expect(typeof item.id).toBe("string");
        expect(typeof item.content_html).toBe("string");
        expect(item.url).toMatch(/^https:\/\/fixture\.example\/posts\//);
        expect(item.date_modified).toMatch(RFC3339);
        if (item.date_published !== undefined) expect(item.date_published).toMatch(RFC3339);
      }
    }
    const feed = parseJsonFeed(JSON.parse(read(site, "feed.json")));
    const items = feed.items ?? [];
    expect(items.map((i) => i.title)).toEqual(["An exact post", HOSTILE]);
    expect(items[0]!.date_published).toBe("2020-01-07T09:30:00-05:00");
    expect(items[1]!.date_published).toBeUndefined();
    expect(items[0]!.authors).toEqual([{ name: "Ann Author", url: "https://ann.example/" }]);
    expect(items[0]!.tags).toEqual(["North Korea", "Diplomacy"]);
    expect(items[0]!.content_html).toContain('href="https://fixture.example/posts/approximate/"');
  });

  it("announces the feeds that apply on every page", () => {
    const alternates = (url: string) => [...readPage(site, url).querySelectorAll("link[rel=alternate]")].map((l) => `${l.getAttribute("type")} ${l.getAttribute("href")}`);
    const siteFeeds = ["application/atom+xml /feed.xml", "application/feed+json /feed.json"];
    expect(alternates("/")).toEqual(siteFeeds);
    expect(alternates("/posts/exact/")).toEqual(siteFeeds);
    expect(alternates("/tags/north-korea/")).toEqual([...siteFeeds, "application/atom+xml /tags/north-korea/feed.xml", "application/feed+json /tags/north-korea/feed.json"]);
    expect(alternates("/authors/anon/")).toEqual([...siteFeeds, "application/atom+xml /authors/anon/feed.xml", "application/feed+json /authors/anon/feed.json"]);
    for (const url of builtHtmlPages(site.outputDir)) {
      const hrefs = [...readPage(site, url).querySelectorAll("link[rel=alternate]")].map((l) => l.getAttribute("href")!);
      expect(hrefs.slice(0, 2), url).toEqual(["/feed.xml", "/feed.json"]);
      for (const href of hrefs) expect(existsSync(path.join(site.outputDir, href)), `${url} → ${href}`).toBe(true);
    }
  });

  it("gives every page a unique title and description and an absolute canonical URL", () => {
    const pages = builtHtmlPages(site.outputDir);
    const titles = new Map<string, string>();
    const descriptions = new Map<string, string>();
    for (const url of pages) {
      const doc = readPage(site, url);
      const title = doc.querySelector("title")?.textContent ?? "";
      const description = doc.querySelector("meta[name=description]")?.getAttribute("content") ?? "";
      expect(title, url).not.toBe("");
      expect(description, url).not.toBe("");
      expect(titles.get(title), `${url} has the title of ${titles.get(title)}`).toBeUndefined();
      expect(descriptions.get(description), `${url} has the description of ${descriptions.get(description)}`).toBeUndefined();
      titles.set(title, url);
      descriptions.set(description, url);
      const canonical = doc.querySelector("link[rel=canonical]")?.getAttribute("href");
      if (url === "/404.html") expect(canonical).toBeUndefined();
      else expect(canonical, url).toBe(`https://fixture.example${url}`);
    }
    expect(pages.length).toBeGreaterThan(15);
  });

  it("gives posts Open Graph and Twitter card tags, and claims no date that is not known", () => {
    const meta = (doc: Document, key: string) => [...doc.querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`)].map((m) => m.getAttribute("content"));
    const exact = readPage(site, "/posts/exact/");
    expect(meta(exact, "og:type")).toEqual(["article"]);
    expect(meta(exact, "og:title")).toEqual(["An exact post"]);
    expect(meta(exact, "og:url")).toEqual(["https://fixture.example/posts/exact/"]);
    expect(meta(exact, "og:site_name")).toEqual(["Fixture Blog"]);
    expect(meta(exact, "og:description")).toEqual(["Opening words with a link and the site icon."]);
    expect(meta(exact, "article:published_time")).toEqual(["2020-01-07T09:30:00-05:00"]);
    expect(meta(exact, "article:modified_time")).toEqual(["2020-01-09"]);
    expect(meta(exact, "article:author")).toEqual(["https://fixture.example/authors/ann/"]);
    expect(meta(exact, "article:tag")).toEqual(["North Korea", "Diplomacy"]);
    expect(meta(exact, "twitter:card")).toEqual(["summary_large_image"]);
    expect(meta(exact, "og:image")).toEqual([expect.stringMatching(/^https:\/\/fixture\.example\/cards\/exact-[0-9a-f]{10}\.png$/)]);
    expect(meta(exact, "twitter:title")).toEqual(["An exact post"]);
    const approximate = readPage(site, "/posts/approximate/");
    expect(meta(approximate, "og:title")).toEqual([HOSTILE]);
    expect(meta(approximate, "article:published_time")).toEqual([]);
    const home = readPage(site, "/");
    expect(meta(home, "og:type")).toEqual(["website"]);
    expect(meta(home, "article:tag")).toEqual([]);
    expect(meta(readPage(site, "/404.html"), "robots")).toEqual(["noindex"]);
  });

  it("lists every built page but the 404 in sitemap.xml, with content dates as lastmod", () => {
    const { document } = parseHTML(read(site, "sitemap.xml"), "text/xml" as never);
    const entries = [...document.querySelectorAll("url")].map((u) => ({ loc: u.querySelector("loc")?.textContent ?? "", lastmod: u.querySelector("lastmod")?.textContent }));
    const locs = entries.map((e) => e.loc);
    const expected = builtHtmlPages(site.outputDir).filter((u) => u !== "/404.html").map((u) => `https://fixture.example${u}`);
    expect([...locs].sort()).toEqual([...expected].sort());
    expect(locs).toContain("https://fixture.example/tags/north-korea/");
    expect(locs).toContain("https://fixture.example/authors/anon/");
    expect(locs).toContain("https://fixture.example/sources/story/");
    expect(locs).toContain("https://fixture.example/outlets/news/");
    expect(locs).toContain("https://fixture.example/archive/");
    expect(locs.some((l) => l.includes("draft") || l.includes("future"))).toBe(false);
    const lastmod = Object.fromEntries(entries.map((e) => [e.loc, e.lastmod]));
    expect(lastmod["https://fixture.example/posts/exact/"]).toBe("2020-01-09");
    expect(lastmod["https://fixture.example/posts/approximate/"]).toBe("2020-01-06");
    expect(lastmod["https://fixture.example/"]).toBe("2020-01-09");
    expect(lastmod["https://fixture.example/authors/anon/"]).toBe("2020-01-06");
    // An outlet: the newest of its stories (2020-02-03, quoted by no post) and of the posts quoting them.
    expect(lastmod["https://fixture.example/outlets/news/"]).toBe("2020-02-03");
    expect(lastmod["https://fixture.example/sources/story/"]).toBe("2020-01-09");
    // Content dates only: nothing from the day of the build.
    for (const e of entries) if (e.lastmod) expect(e.lastmod, e.loc).toMatch(/^2020-/);
  });

  it("writes robots.txt pointing at the sitemap", () => {
    expect(read(site, "robots.txt")).toBe("User-agent: *\nAllow: /\n\nSitemap: https://fixture.example/sitemap.xml\n");
  });

  it("indexes published post titles and bodies for search, and nothing else", () => {
    expect(existsSync(path.join(site.outputDir, "pagefind/pagefind.js"))).toBe(true);
    const indexed = indexedUrls(site);
    expect(indexed.map((p) => p.url).sort()).toEqual(["/posts/approximate/", "/posts/exact/", "/posts/oldest/"]);
    const exact = indexed.find((p) => p.url === "/posts/exact/")!.content;
    expect(exact).toContain("An exact post");
    expect(exact).toContain("Closing words about Yongbyon.");
    // Navigation, byline, tags and the sources list are not post text.
    for (const chrome of ["Skip to content", "Ann Author", "Diplomacy", "Quotation:", "Older:", "Search posts"]) expect(exact).not.toContain(chrome);
    for (const page of indexed) expect(page.content).not.toContain("Secretword");
  });

  it("has a search page and a search box on every page that submits to it", () => {
    const search = readPage(site, "/search/");
    expect(search.querySelector("h1")?.textContent).toBe("Search");
    expect([...search.querySelectorAll("script")].map((s) => s.getAttribute("src"))).toEqual(["/js/search.js"]);
    expect(search.querySelector("[data-search-nojs]")?.textContent).toContain("needs JavaScript");
    for (const url of ["/", "/posts/exact/", "/tags/"]) {
      const form = readPage(site, url).querySelector("header form[role=search]");
      expect(form?.getAttribute("action")).toBe("/search/");
      expect(form?.getAttribute("method")).toBe("get");
      expect(form?.querySelector("input[type=search]")?.getAttribute("name")).toBe("q");
      expect(form?.querySelector(`label[for="${form?.querySelector("input")?.id}"]`)).not.toBeNull();
    }
  });

  it("loads no script on any page but the search page", () => {
    for (const url of builtHtmlPages(site.outputDir).filter((u) => u !== "/search/")) {
      // JSON-LD blocks are data for machines, not JavaScript.
      expect(readPage(site, url).querySelectorAll('script:not([type="application/ld+json"])'), url).toHaveLength(0);
    }
  });
});

describe("feeds under a path prefix", () => {
  it("put the prefix in every absolute URL: feed links, content links, sitemap", async () => {
    const site = makeSite({ "exact.md": files["exact.md"], "approximate.md": files["approximate.md"] });
    const result = await buildSite(site, { GLOSS_PATH_PREFIX: "/blog/", GLOSS_SITE_URL: "https://example.org" });
    expect(result.code).toBe(0);
    const feed = parseAtomFeed(read(site, "feed.xml"));
    expect(feed.links?.find((l) => l.rel === "self")?.href).toBe("https://example.org/blog/feed.xml");
    expect(feed.entries?.[0]?.id).toBe("https://example.org/blog/posts/exact/");
    const html = feed.entries![0]!.content!.value!;
    expect(html).toContain('href="https://example.org/blog/posts/approximate/"');
    expect(html).toContain('href="https://example.org/blog/sources/story/"');
    expect(read(site, "feed.xml")).toContain('<?xml-stylesheet href="/blog/feed.xsl" type="text/xsl"?>');
    expect(read(site, "sitemap.xml")).toContain("<loc>https://example.org/blog/tags/north-korea/</loc>");
    expect(read(site, "robots.txt")).toContain("Sitemap: https://example.org/blog/sitemap.xml");
    expect(readPage(site, "/").querySelector("link[rel=canonical]")?.getAttribute("href")).toBe("https://example.org/blog/");
  });
});
