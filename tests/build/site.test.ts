// The real pipeline (lib/cli/build.ts → Eleventy → _site) on small fixture sites.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, makeSite, postFile, readPage, texts, type FixtureSite } from "../helpers/site.ts";

describe("a good fixture site", () => {
  let site: FixtureSite;
  let result: Awaited<ReturnType<typeof buildSite>>;
  beforeAll(async () => {
    site = makeSite({
      "first-post.md": postFile({
        title: "First <post>",
        date: "2020-01-05",
        tags: ["North Korea", "U.S.–DPRK talks"],
        sources: ["story"],
        body: "My own opening words.\n\n> [!quote story]\n> The quoted words.\n\nMy closing words.",
      }),
      "second-post.md": postFile({ title: "Second post", date: "2020-01-06", author: "anon", extra: "dateAccuracy: on-or-after\ndateNote: Not dated; quotes a story of that day." }),
      "a-draft.md": postFile({ title: "A draft", extra: "draft: true" }),
      "the-future.md": postFile({ title: "From the future", date: "2030-01-01" }),
    });
    result = await buildSite(site);
  });

  it("exits 0 and writes the home page and one page per published post", () => {
    // A source without an archived copy is not even a warning until its original is recorded gone.
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(existsSync(path.join(site.outputDir, "index.html"))).toBe(true);
    expect(existsSync(path.join(site.outputDir, "posts/first-post/index.html"))).toBe(true);
    expect(existsSync(path.join(site.outputDir, "posts/second-post/index.html"))).toBe(true);
  });

  it("leaves drafts and future-dated posts out of a production build", () => {
    expect(existsSync(path.join(site.outputDir, "posts/a-draft/index.html"))).toBe(false);
    expect(existsSync(path.join(site.outputDir, "posts/the-future/index.html"))).toBe(false);
    expect(texts(readPage(site, "/"), ".post-summary-title")).toEqual(["Second post", "First <post>"]);
  });

  it("lists posts newest first on the home page with author, outlet, date and summary", () => {
    const doc = readPage(site, "/");
    expect(doc.documentElement.getAttribute("lang")).toBe("en");
    expect(doc.querySelectorAll("h1")).toHaveLength(1);
    const first = doc.querySelectorAll(".post-summary")[1]!;
    expect(first.querySelector("a[href='/authors/ann/']")?.textContent).toBe("Ann Author");
    expect(first.querySelector("a[href='/outlets/blog/']")?.textContent).toBe("The Blog");
    expect(first.querySelector("time")?.getAttribute("datetime")).toBe("2020-01-05");
    expect(first.querySelector(".summary")?.textContent).toBe("My own opening words.");
  });

  it("renders a post page: escaped title, author link, dated, tags, attributed quotation, sources", () => {
    const doc = readPage(site, "/posts/first-post/");
    expect(texts(doc, "h1")).toEqual(["First <post>"]);
    expect(doc.querySelector("title")?.textContent).toBe("First <post> · Fixture Blog");
    expect(doc.querySelector(".byline a[href='/authors/ann/']")?.textContent).toBe("Ann Author");
    expect(doc.querySelector(".dateline time")?.getAttribute("datetime")).toBe("2020-01-05");
    expect(texts(doc, ".chips a")).toEqual(["North Korea", "U.S.–DPRK talks"]);
    expect([...doc.querySelectorAll(".chips a")].map((a) => a.getAttribute("href"))).toEqual(["/tags/north-korea/", "/tags/us-dprk-talks/"]);
    const quote = doc.querySelector("figure.quotation blockquote");
    expect(quote?.getAttribute("cite")).toBe("https://news.example/2020/01/02/big-story");
    expect(doc.querySelector("figure.quotation figcaption")?.textContent).toContain("A Big Story");
    const outbound = doc.querySelector(".post-sources a.external");
    expect(outbound?.getAttribute("href")).toBe("https://news.example/2020/01/02/big-story");
    expect(outbound?.getAttribute("rel")).toContain("noopener");
    expect(texts(doc, ".post-sources li")[0]).toContain("Daily News, 2 January 2020, by Reporter Rita");
    expect(doc.querySelector(".post-sources a[href='https://archive.example/news.example/big-story']")?.textContent).toBe("archived copy");
    expect(texts(doc, ".word-share")).toEqual(["Quotation: 3 words (30%) · Commentary: 7 words (70%)"]);
  });

  it("shows an approximate date and an unnamed author honestly", () => {
    const doc = readPage(site, "/posts/second-post/");
    expect(texts(doc, ".dateline")[0]).toBe("Published on or after 6 January 2020 (exact date not known) · 1 min read (4 words)");
    expect(texts(doc, ".date-note")).toEqual(["Not dated; quotes a story of that day."]);
    expect(texts(doc, ".byline")[0]).toBe("By Unnamed author (a blog whose name is not known)");
  });

  it("runs no script and requests nothing from another site", () => {
    for (const url of ["/", "/posts/first-post/"]) {
      const doc = readPage(site, url);
      // JSON-LD is a data block, never executed.
      expect(doc.querySelectorAll('script:not([type="application/ld+json"])')).toHaveLength(0);
      const loaded = [...doc.querySelectorAll("link[rel=stylesheet], img, iframe")].map((el) => el.getAttribute("href") ?? el.getAttribute("src") ?? "");
      expect(loaded.every((href) => href.startsWith("/"))).toBe(true);
    }
  });
});

describe("bad content fails the build", () => {
  const good = postFile({ title: "Good", sources: ["story"] });
  // Each kind of problem, with its exact wording, is a row of tests/build/errors.test.ts; here,
  // one problem only errors.test.ts lacks, over a site built before.
  it('draft: "no": names the file and field, exits 1, keeps the old site', async () => {
    const bad = postFile({ title: "T", extra: 'draft: "no"' });
    const message = 'posts/bad.md:5 › draft: expected true or false (a YAML boolean, unquoted), got "no"';
    const site = makeSite({ "good.md": good });
    expect((await buildSite(site)).code).toBe(0);
    const before = readFileSync(path.join(site.outputDir, "index.html"), "utf8");
    writeFileSync(path.join(site.contentDir, "bad.md"), bad);
    const result = await buildSite(site);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain("    at "); // no stack trace for an author's mistake
    expect(readFileSync(path.join(site.outputDir, "index.html"), "utf8")).toBe(before);
    expect(existsSync(path.join(site.outputDir, "posts/good/index.html"))).toBe(true);
  });

  it("reports every problem of a build together, one line each", async () => {
    const site = makeSite({
      "a.md": postFile({}),
      "b.md": postFile({ title: "B", date: "soon" }),
      "c.md": postFile({ title: "C", tags: ["Korea"] }),
      "d.md": postFile({ title: "D", tags: ["korea"] }),
    });
    const result = await buildSite(site);
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n").filter((line) => line.startsWith("  posts/"));
    expect(lines).toEqual([
      "  posts/a.md › title: expected a non-empty title, got nothing",
      '  posts/b.md:3 › date: expected a date as YYYY-MM-DD or YYYY-MM-DDTHH:MM (optionally with an offset), got "soon"',
      '  posts/d.md:5 › tags: expected the tag spelled as "Korea" (as in posts/c.md), got "korea" (both would be the page /tags/korea/: spell the tag one way)',
    ]);
    expect(existsSync(site.outputDir)).toBe(false);
  });
});
