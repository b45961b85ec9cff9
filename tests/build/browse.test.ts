// Browsing a built site: the 69-post generated fixture (pagination, counts, orders, neighbours,
// related posts, breadcrumbs), the launch site's browse pages, and the links check failing a build.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { NEWEST_FIRST, fixtureFiles, fixtureRegistries } from "../helpers/many-posts.ts";
import { ROOT, buildSite, makeSite, postFile, readPage, texts, type FixtureSite } from "../helpers/site.ts";

const hrefs = (doc: Document, selector: string) => [...doc.querySelectorAll(selector)].map((a) => a.getAttribute("href"));

/** Every page URL of the built site (`/`, `/tags/x/`, `/404.html`). */
function builtPages(site: FixtureSite): string[] {
  const urls: string[] = [];
  const walk = (dir: string, url: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${url}${entry.name}/`);
      else if (entry.name === "index.html") urls.push(url);
      else if (entry.name.endsWith(".html")) urls.push(`${url}${entry.name}`);
    }
  };
  walk(site.outputDir, "/");
  return urls.sort();
}

describe("browsing the 69-post fixture", () => {
  let site: FixtureSite;
  let result: Awaited<ReturnType<typeof buildSite>>;
  beforeAll(async () => {
    site = makeSite(fixtureFiles(), fixtureRegistries());
    result = await buildSite(site);
  });

  it("builds, the links check included, with no warning", () => {
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("paginates the home page: stable URLs, page N of M, rel=prev/next, newest first", () => {
    const listed: string[] = [];
    for (let n = 1; n <= 7; n += 1) {
      const url = n === 1 ? "/" : `/page/${n}/`;
      const doc = readPage(site, url);
      listed.push(...texts(doc, ".post-summary-title"));
      expect(texts(doc, ".pager-position")).toEqual([`Page ${n} of 7`]);
      expect(hrefs(doc, ".pager a[rel=prev]")).toEqual(n === 1 ? [] : [n === 2 ? "/" : `/page/${n - 1}/`]);
      expect(hrefs(doc, ".pager a[rel=next]")).toEqual(n === 7 ? [] : [`/page/${n + 1}/`]);
      expect(doc.querySelector(".pager [aria-current=page]")?.textContent).toBe(String(n));
    }
    expect(listed).toEqual(NEWEST_FIRST.map((p) => p.title));
    expect(existsSync(path.join(site.outputDir, "page/8"))).toBe(false);
    expect(existsSync(path.join(site.outputDir, "page/1"))).toBe(false);
    const third = readPage(site, "/page/3/");
    expect(texts(third, "h1")).toEqual(["Posts (page 3 of 7)"]);
    // Numbered down to 1 for the oldest post: page 3 continues where page 2 stopped.
    expect(third.querySelector("ol.post-list")?.getAttribute("start")).toBe("49");
    expect(third.querySelector("title")?.textContent).toBe("Posts (page 3 of 7) · Browse Fixture");
    expect(texts(third, ".breadcrumbs li")).toEqual(["Home", "Page 3"]);
    // Numbered links around page 3 (1 2 [3] 4 5 6 7: a one-page gap shows the page), all stable URLs.
    expect(hrefs(third, ".pager a[aria-label]")).toEqual(["/", "/page/2/", "/page/4/", "/page/5/", "/page/6/", "/page/7/"]);
  });

  it("paginates a tag page at /tags/<slug>/page/N/, with title, heading and breadcrumbs", () => {
    const doc = readPage(site, "/tags/north-korea/page/2/");
    expect(texts(doc, "h1")).toEqual(["Tag: North Korea (page 2 of 7)"]);
    expect(doc.querySelector("title")?.textContent).toBe("Tag: North Korea (page 2 of 7) · Browse Fixture");
    expect(texts(doc, ".breadcrumbs li")).toEqual(["Home", "Tags", "North Korea", "Page 2"]);
    expect(hrefs(doc, ".breadcrumbs a")).toEqual(["/", "/tags/", "/tags/north-korea/"]);
    expect(texts(doc, ".listing-count")).toEqual(["64 posts, newest first."]);
    expect(texts(doc, ".post-summary-title")).toEqual(NEWEST_FIRST.filter((p) => p.tags.includes("North Korea")).slice(10, 20).map((p) => p.title));
    expect(hrefs(doc, ".pager a[rel=prev]")).toEqual(["/tags/north-korea/"]);
    expect(hrefs(doc, ".pager a[rel=next]")).toEqual(["/tags/north-korea/page/3/"]);
    expect(texts(readPage(site, "/tags/north-korea/page/7/"), ".post-summary-title")).toHaveLength(4);
    expect(texts(readPage(site, "/tags/us-dprk-talks/"), "h1")).toEqual(["Tag: U.S.–DPRK talks"]);
    // One page only: no pager at all.
    expect(readPage(site, "/tags/sanctions/").querySelector(".pager")).toBeNull();
  });

  it("lists tags by post count with counts, paginated, and alphabetically on /tags/by-name/", () => {
    const byCount = [...texts(readPage(site, "/tags/"), ".tag-index li"), ...texts(readPage(site, "/tags/page/2/"), ".tag-index li")];
    expect(byCount).toEqual([
      "North Korea 64 posts",
      "Kim Jong Un 32 posts",
      "U.S.–DPRK talks 22 posts",
      "Hanoi summit 13 posts",
      "Sanctions 10 posts",
      "Diplomacy 6 posts",
      "Verification 3 posts",
      "Yongbyon 3 posts",
    ]);
    const first = readPage(site, "/tags/");
    expect(texts(first, ".pager-position")).toEqual(["Page 1 of 2"]);
    expect(hrefs(first, ".listing-count a")).toEqual(["/tags/by-name/"]);
    const byName = readPage(site, "/tags/by-name/");
    expect(texts(byName, "h1")).toEqual(["Tags by name"]);
    // Each chip is the tag's link, its count inside it.
    expect(texts(byName, ".tag-index a")).toEqual(["Diplomacy 6 posts", "Hanoi summit 13 posts", "Kim Jong Un 32 posts", "North Korea 64 posts"]);
    expect(texts(readPage(site, "/tags/by-name/page/2/"), ".tag-index a")).toEqual(["Sanctions 10 posts", "U.S.–DPRK talks 22 posts", "Verification 3 posts", "Yongbyon 3 posts"]);
  });

  it("lists authors by name with counts, and gives each a page, the unnamed one honestly", () => {
    const authors = [...texts(readPage(site, "/authors/"), ".author-index li"), ...texts(readPage(site, "/authors/page/2/"), ".author-index li")];
    expect(authors).toEqual([
      "Ann Author, The Blog (16 posts)",
      "Bob Writer, A Zine (16 posts)",
      "Cat Critic (a newsletter) (16 posts)",
      "Dan Diarist (5 posts)",
      "Zed Silent (0 posts)",
      "Unnamed author (a blog whose name is not known) (16 posts)",
    ]);
    const anon = readPage(site, "/authors/anon/");
    expect(texts(anon, "h1")).toEqual(["Unnamed author"]);
    expect(texts(anon, ".unknown")).toEqual(["This author's name is not known."]);
    expect(texts(readPage(site, "/authors/anon/page/2/"), ".post-summary-title")).toHaveLength(6);
    expect(texts(readPage(site, "/authors/zed/"), "main p")).toContain("No posts published yet.");
  });

  it("groups the sources index by outlet, continuing an outlet across pages", () => {
    const first = readPage(site, "/sources/");
    expect(texts(first, "main h2")).toEqual(["Daily News"]);
    expect(texts(first, ".source-list a")).toEqual(["Story s-rel", "Story s6", "Story s4", "Story s2"]);
    const second = readPage(site, "/sources/page/2/");
    expect(texts(second, "main h2")).toEqual(["Daily News (continued)", "Wire Service"]);
    expect(texts(second, ".source-list li")[0]).toBe("Story s0, 10 October 2019 (quoted in 24 posts)");
    expect(texts(readPage(site, "/sources/page/5/"), ".pager-position")).toEqual(["Page 5 of 5"]);
  });

  it("paginates a source's posts, with the quoting posts newest first", () => {
    const doc = readPage(site, "/sources/s0/page/3/");
    expect(texts(doc, "h1")).toEqual(["Story s0 (page 3 of 3)"]);
    expect(texts(doc, ".breadcrumbs li")).toEqual(["Home", "Sources", "Daily News", "Story s0", "Page 3"]);
    expect(texts(doc, ".post-summary-title")).toEqual(NEWEST_FIRST.filter((p) => p.sources.includes("s0")).slice(20).map((p) => p.title));
  });

  it("shows an outlet's newest stories and links the paginated full list", () => {
    const wire = readPage(site, "/outlets/wire/");
    expect(texts(wire, ".source-list li")).toHaveLength(10);
    expect(hrefs(wire, "a[href='/outlets/wire/sources/']")).toHaveLength(1);
    expect(texts(wire, "main h2")).toEqual(["Stories quoted from Wire Service"]);
    const last = readPage(site, "/outlets/wire/sources/page/4/");
    expect(texts(last, "h1")).toEqual(["Stories quoted from Wire Service (page 4 of 4)"]);
    expect(texts(last, ".source-list a")).toEqual(["Story wire-1"]);
    const blog = readPage(site, "/outlets/blog/page/2/");
    expect(texts(blog, ".post-summary-title")).toHaveLength(6);
    expect(texts(readPage(site, "/outlets/"), ".outlet-index li")).toEqual([
      "A Zine (0 quoted stories, 16 posts)",
      "Daily News (5 quoted stories, 0 posts)",
      "The Blog (0 quoted stories, 16 posts)",
      "Wire Service (13 quoted stories, 0 posts)",
    ]);
  });

  it("lists the archive by year and month with counts, and paginates each month", () => {
    const first = readPage(site, "/archive/");
    expect(texts(first, "main h2")).toEqual(["2020 (38 posts)", "2019 (31 posts)"]);
    expect(texts(first, ".archive-months li")).toEqual(["March 2020 (7 posts)", "February 2020 (16 posts)", "January 2020 (15 posts)", "December 2019 (16 posts)"]);
    const second = readPage(site, "/archive/page/2/");
    expect(texts(second, "main h2")).toEqual(["2019 (continued)"]);
    expect(hrefs(second, ".archive-months a")).toEqual(["/archive/2019/11/"]);
    const december = readPage(site, "/archive/2019/12/page/2/");
    expect(texts(december, "h1")).toEqual(["December 2019 (page 2 of 2)"]);
    expect(hrefs(december, ".breadcrumbs a")).toEqual(["/", "/archive/", "/archive/#y2019", "/archive/2019/12/"]);
    expect(texts(december, ".post-summary-title")).toEqual(NEWEST_FIRST.filter((p) => p.date.startsWith("2019-12")).slice(10).map((p) => p.title));
    expect(texts(december, ".month-nav a")).toEqual(["← January 2020", "November 2019 →"]);
  });

  it("links each post to the newer and older post, and to its related posts", () => {
    const slugs = NEWEST_FIRST.map((p) => p.slug);
    for (const i of [0, 1, 34, slugs.length - 1]) {
      const doc = readPage(site, `/posts/${slugs[i]}/`);
      expect(hrefs(doc, ".post-nav a[rel=prev]")).toEqual(i === 0 ? [] : [`/posts/${slugs[i - 1]}/`]);
      expect(hrefs(doc, ".post-nav a[rel=next]")).toEqual(i === slugs.length - 1 ? [] : [`/posts/${slugs[i + 1]}/`]);
    }
    // Shared sources first (B shares only the source and is far in time), then shared tags.
    expect(texts(readPage(site, "/posts/rel-a/"), ".related a")).toEqual(["Related B", "Related C", "Related D"]);
  });

  it("keeps every listing page within its page size and gives every page breadcrumbs or a heading", () => {
    const pages = builtPages(site);
    expect(pages.length).toBeGreaterThan(150);
    for (const url of pages) {
      const doc = readPage(site, url);
      expect(doc.querySelectorAll("h1"), url).toHaveLength(1);
      expect(doc.querySelectorAll(".post-summary").length, url).toBeLessThanOrEqual(10);
      expect(doc.querySelectorAll(".tag-index li, .author-index li, .outlet-index li, main > .source-list li, .archive-months li").length, url).toBeLessThanOrEqual(url.startsWith("/outlets/") && !url.includes("/sources/") ? 10 : 4);
      expect(hrefs(doc, ".site-header nav a"), url).toEqual(["/", "/tags/", "/authors/", "/sources/", "/archive/"]);
    }
  });
});

describe("the launch site's browse pages", () => {
  let site: FixtureSite;
  beforeAll(async () => {
    const dir = makeSite().dir;
    site = { dir, contentDir: path.join(ROOT, "posts"), outputDir: path.join(dir, "_site") };
    expect((await buildSite(site)).code).toBe(0);
  });

  it("lists the Hanoi story on CNN's outlet page and digby's post on Digby's Hullabaloo's", () => {
    expect(texts(readPage(site, "/outlets/cnn/"), ".source-list a")).toEqual(["A snub and a last minute Hail Mary: Trump's tough lesson in North Korean diplomacy"]);
    expect(texts(readPage(site, "/outlets/digbys-hullabaloo/"), ".post-summary-title")).toEqual(["They really messed up in North Korea"]);
  });

  it("lists both posts on the CNN story's page", () => {
    expect(texts(readPage(site, "/sources/cnn-hanoi-summit-snub/"), ".post-summary-title").sort()).toEqual([
      "Latest CNN story on Hanoi gives the real scoop.",
      "They really messed up in North Korea",
    ]);
  });

  it("gives the first post's unnamed author an honest page", () => {
    const doc = readPage(site, "/authors/nation-contributor/");
    expect(texts(doc, "h1")).toEqual(["Unnamed author"]);
    expect(texts(doc, ".unknown")).toEqual(["This author's name is not known."]);
    expect(texts(doc, ".post-summary-title")).toEqual(["Latest CNN story on Hanoi gives the real scoop."]);
    expect(texts(readPage(site, "/authors/"), ".author-index li")).toContain("Unnamed author (their own blog, whose name is not known) (1 post)");
  });

  it("files both posts under March 2019", () => {
    expect(texts(readPage(site, "/archive/"), ".archive-months li")).toEqual(["March 2019 (2 posts)"]);
    expect(texts(readPage(site, "/archive/2019/03/"), ".post-summary-title")).toHaveLength(2);
  });
});

describe("the links check fails the build", () => {
  it.each([
    ["a link to a page that does not exist", "See [this](/posts/missing/).", '/posts/bad/ › links: link a[href]="/posts/missing/" leads to /posts/missing/, which was not built'],
    ["an anchor into another page that has no such id", "See [the tag](/tags/korea/#nowhere).", '/posts/bad/ › links: link a[href]="/tags/korea/#nowhere" points to #nowhere, but /tags/korea/ has no element with that id'],
    ["a same-page anchor with no target", "Jump [down](#later).", '/posts/bad/ › links: link a[href]="#later" points to #later, but this page has no element with that id'],
  ])("on %s, naming the page and the link, and keeps the old site", async (_name, body, message) => {
    const site = makeSite({ "good.md": postFile({ title: "Good", tags: ["Korea"] }) });
    expect((await buildSite(site)).code).toBe(0);
    const before = readFileSync(path.join(site.outputDir, "index.html"), "utf8");
    writeFileSync(path.join(site.contentDir, "bad.md"), postFile({ title: "Bad", body }));
    const result = await buildSite(site);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("1 post-build check failure");
    expect(result.stderr).toContain(message);
    expect(readFileSync(path.join(site.outputDir, "index.html"), "utf8")).toBe(before);
  });
});
