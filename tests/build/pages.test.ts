// Standalone pages (pages/*.md beside the content folder): their own layout, in the sitemap and
// the search index, never in feeds or listings, linked from the navigation the site settings
// choose; a name that one of the site's own routes uses, or an unknown nav entry, is an error.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeFixtureBlog } from "../helpers/fixture-blog.ts";
import { DEFAULT_SITE, buildSite, makeSite, postFile, readPage, texts, type FixtureSite, type RunResult } from "../helpers/site.ts";

const hrefs = (doc: Document, selector: string) => [...doc.querySelectorAll(selector)].map((a) => a.getAttribute("href"));
const output = (site: FixtureSite, file: string) => readFileSync(path.join(site.outputDir, file), "utf8");

describe("a fixture blog with an About page (header) and a Colophon (footer)", () => {
  let site: FixtureSite;
  let result: RunResult;
  beforeAll(async () => {
    site = makeFixtureBlog();
    result = await buildSite(site);
  });

  it("builds", () => {
    expect(result.stderr.replace(/^warning: .*no archived copy.*\n/gm, "")).toBe("");
    expect(result.code).toBe(0);
  });

  it("writes each page at /<slug>/ with its own layout, title and description", () => {
    const about = readPage(site, "/about/");
    expect(texts(about, "main h1")).toEqual(["About the Fixture Blog"]);
    expect(about.querySelector("article.standalone-page[data-pagefind-body]")).not.toBeNull();
    expect(about.querySelector("title")?.textContent).toBe("About the Fixture Blog · Fixture Blog");
    expect(about.querySelector('meta[name="description"]')?.getAttribute("content")).toBe("What the fixture blog is for, with a quotation.");
    expect(about.querySelector("link[rel=canonical]")?.getAttribute("href")).toBe("https://fixture.example/about/");
    // No byline, date or word counts: a page is not a post.
    expect(about.querySelector(".byline, .dateline, .word-share")).toBeNull();
    expect(texts(readPage(site, "/colophon/"), "main h1")).toEqual(["Colophon"]);
  });

  it("renders a quotation in a page as in a post, attributed to its source", () => {
    const about = readPage(site, "/about/");
    expect(about.querySelectorAll("main figure blockquote")).toHaveLength(1);
    expect(hrefs(about, "main figure figcaption a")).toContain("https://news.example/2020/01/02/big-story");
  });

  it("links the header to the pages in nav.header and the footer to those in nav.footer, in order, on every page", () => {
    for (const url of ["/", "/posts/first-post/", "/tags/", "/about/", "/colophon/"]) {
      const doc = readPage(site, url);
      expect(hrefs(doc, ".site-header nav a").slice(-1)).toEqual(["/about/"]);
      expect(texts(doc, ".site-header nav a").slice(-1)).toEqual(["About"]);
      expect(hrefs(doc, ".footer-nav a")).toEqual(["/colophon/", "/about/"]);
    }
    // The current page is marked in the navigation.
    expect(hrefs(readPage(site, "/about/"), "[aria-current=page]")).toEqual(["/about/", "/about/"]);
    expect(hrefs(readPage(site, "/colophon/"), "[aria-current=page]")).toEqual(["/colophon/"]);
  });

  it("lists the pages in the sitemap", () => {
    const sitemap = output(site, "sitemap.xml");
    expect(sitemap).toContain("<loc>https://fixture.example/about/</loc>");
    expect(sitemap).toContain("<loc>https://fixture.example/colophon/</loc>");
  });

  it("indexes the pages for search, besides the posts", () => {
    const entry = JSON.parse(output(site, "pagefind/pagefind-entry.json")) as { languages: Record<string, { page_count: number }> };
    const indexed = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
    // Every published post of the fixture blog (one folder each under posts/), and its two pages.
    const published = readdirSync(path.join(site.outputDir, "posts")).filter((name) => existsSync(path.join(site.outputDir, "posts", name, "index.html"))).length;
    expect(published).toBeGreaterThan(4);
    expect(indexed).toBe(published + 2);
  });

  it("keeps the pages out of feeds and listings", () => {
    for (const feed of ["feed.xml", "feed.json", "tags/north-korea/feed.xml", "authors/ann/feed.json"]) {
      expect(output(site, feed)).not.toMatch(/\/about\/|\/colophon\/|Fixture Blog<\/title>\s*<link[^>]*about/);
    }
    for (const url of ["/", "/page/2/", "/archive/", "/archive/2020/01/", "/sources/story/", "/authors/ann/"]) {
      expect(hrefs(readPage(site, url), "main a").filter((href) => href === "/about/" || href === "/colophon/")).toEqual([]);
    }
  });
});

describe("pages that cannot be published", () => {
  let site: FixtureSite;
  let result: RunResult;
  beforeAll(async () => {
    site = makeSite(
      {
        "a-post.md": postFile({ title: "A post" }),
        "../pages/tags.md": "---\ntitle: Tags\ndescription: Clashes with the tag index.\n---\n\nWords.\n",
        "../pages/feed.xml.md": "---\ntitle: Feed\ndescription: Not a slug.\n---\n\nWords.\n",
        "../pages/undescribed.md": "---\ntitle: No description\nnav: header\n---\n\nWords.\n",
        "../pages/quoting.md": "---\ntitle: Quoting\ndescription: Quotes an unknown story.\n---\n\n> [!quote no-such-story]\n> Words.\n",
      },
      { site: `${DEFAULT_SITE}nav:\n  header: [about]\n  footer: [quoting]\n` },
    );
    result = await buildSite(site);
  });

  it("fails, reporting every problem at once with the file, the field and how to fix it", () => {
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n");
    const about = (pattern: RegExp) => lines.filter((line) => pattern.test(line));
    expect(about(/pages\/tags\.md: expected a page name that none of the site's own addresses uses, got "tags", which is the route tags \(\/tags\/\)/)).toHaveLength(1);
    expect(about(/pages\/feed\.xml\.md.*expected a file name in lowercase-with-hyphens.*rename it to feedxml\.md/)).toHaveLength(1);
    expect(about(/pages\/undescribed\.md(:\d+)? › description: expected a one-sentence description/)).toHaveLength(1);
    expect(about(/pages\/undescribed\.md:\d+ › nav: expected only known fields \(title, description, navTitle\); a page's place in the navigation is set in _data\/site\.yaml/)).toHaveLength(1);
    expect(about(/pages\/quoting\.md:\d+ › quotation: .*no-such-story/)).toHaveLength(1);
    expect(about(/site\.yaml › nav\.header\[0\]: expected the slug of a page in the pages folder \(quoting\), got "about"/)).toHaveLength(1);
    expect(existsSync(site.outputDir)).toBe(false);
  });
});

describe("a site without a pages folder", () => {
  it("builds with no page and no navigation beyond its own", async () => {
    const site = makeSite({ "a-post.md": postFile({ title: "A post" }) });
    const result = await buildSite(site);
    expect(result.code).toBe(0);
    expect(readPage(site, "/").querySelector(".footer-nav")).toBeNull();
  });
});
