// The catalog's browsing collections (lib/catalog/build.ts) on a generated content folder: no
// Eleventy, just content → catalog, then tables of listings, sizes, URLs and orders.
import { beforeAll, describe, expect, it } from "vitest";
import { buildArchive, compareAuthors } from "../../lib/catalog/listings.ts";
import { wordShare, type Catalog, type Post } from "../../lib/catalog/model.ts";
import { readEnv } from "../../lib/core/env.ts";
import { newestPost, newestStory, oncePerList } from "../../lib/outputs/kind-types.ts";
import { loadCatalog } from "../../lib/pipeline/load.ts";
import { findContentErrors, formatProblem } from "../../lib/core/errors.ts";
import { FIXTURE_POSTS, NEWEST_FIRST, fixtureFiles, fixtureRegistries } from "../helpers/many-posts.ts";
import { makeSite, postFile } from "../helpers/site.ts";

/** The content problems `run` throws, one formatted line each. */
function errorLines(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    const found = findContentErrors(error);
    if (found) return found.problems.map(formatProblem);
    throw error;
  }
  return [];
}

function load(files: Record<string, string>, registries = fixtureRegistries()): Catalog {
  const site = makeSite(files, registries);
  return loadCatalog(readEnv({ GLOSS_CONTENT_DIR: site.contentDir, GLOSS_NOW: "2026-01-01T12:00:00Z" }));
}

describe("the browsing collections of a 69-post site", () => {
  let catalog: Catalog;
  beforeAll(() => {
    catalog = load(fixtureFiles());
  });

  // listing → [number of pages, entries on each page, URL of page 1, URL of the last page]
  it.each<[string, (c: Catalog) => { url: string; items: unknown[] }[], number[], string, string]>([
    ["home", (c) => c.pages.home, [10, 10, 10, 10, 10, 10, 9], "/", "/page/7/"],
    ["tag North Korea", (c) => c.pages.tags.filter((p) => p.owner.slug === "north-korea"), [10, 10, 10, 10, 10, 10, 4], "/tags/north-korea/", "/tags/north-korea/page/7/"],
    ["tag U.S.–DPRK talks", (c) => c.pages.tags.filter((p) => p.owner.slug === "us-dprk-talks"), [10, 10, 2], "/tags/us-dprk-talks/", "/tags/us-dprk-talks/page/3/"],
    ["tag Sanctions (exactly one page)", (c) => c.pages.tags.filter((p) => p.owner.slug === "sanctions"), [10], "/tags/sanctions/", "/tags/sanctions/"],
    ["author ann", (c) => c.pages.authors.filter((p) => p.owner.id === "ann"), [10, 6], "/authors/ann/", "/authors/ann/page/2/"],
    ["author zed (no posts: one empty page)", (c) => c.pages.authors.filter((p) => p.owner.id === "zed"), [0], "/authors/zed/", "/authors/zed/"],
    ["outlet The Blog", (c) => c.pages.outlets.filter((p) => p.owner.id === "blog"), [10, 6], "/outlets/blog/", "/outlets/blog/page/2/"],
    ["source s0", (c) => c.pages.sources.filter((p) => p.owner.id === "s0"), [10, 10, 4], "/sources/s0/", "/sources/s0/page/3/"],
    ["month December 2019", (c) => c.pages.archiveMonths.filter((p) => p.owner.id === "2019-12"), [10, 6], "/archive/2019/12/", "/archive/2019/12/page/2/"],
    ["tag index", (c) => c.pages.tagIndex, [4, 4], "/tags/", "/tags/page/2/"],
    ["tag index by name", (c) => c.pages.tagIndexByName, [4, 4], "/tags/by-name/", "/tags/by-name/page/2/"],
    ["author index", (c) => c.pages.authorIndex, [4, 2], "/authors/", "/authors/page/2/"],
    ["outlet index", (c) => c.pages.outletIndex, [4], "/outlets/", "/outlets/"],
    ["source index (entries, not outlets, per page)", (c) => c.pages.sourceIndex.map((p) => ({ url: p.url, items: p.items.flatMap((s) => s.items) })), [4, 4, 4, 4, 2], "/sources/", "/sources/page/5/"],
    ["archive index (months per page)", (c) => c.pages.archiveIndex.map((p) => ({ url: p.url, items: p.items.flatMap((s) => s.items) })), [4, 1], "/archive/", "/archive/page/2/"],
    ["stories of Wire Service", (c) => c.pages.outletSources.filter((p) => p.owner.id === "wire"), [4, 4, 4, 1], "/outlets/wire/sources/", "/outlets/wire/sources/page/4/"],
  ])("%s", (_name, pagesOf, sizes, first, last) => {
    const pages = pagesOf(catalog);
    expect(pages.map((p) => p.items.length)).toEqual(sizes);
    expect(pages[0]!.url).toBe(first);
    expect(pages.at(-1)!.url).toBe(last);
  });

  it("lists posts newest first everywhere, each page continuing the one before", () => {
    expect(catalog.pages.home.flatMap((p) => p.items.map((post) => post.slug))).toEqual(NEWEST_FIRST.map((p) => p.slug));
    for (const tag of catalog.tags) {
      const listed = catalog.pages.tags.filter((p) => p.owner === tag).flatMap((p) => p.items.map((post) => post.slug));
      expect(listed).toEqual(NEWEST_FIRST.filter((p) => p.tags.includes(tag.name)).map((p) => p.slug));
    }
  });

  it("sorts the tag index by post count, then name, and offers it by name", () => {
    expect(catalog.tags.map((t) => `${t.name} ${t.posts.length}`)).toEqual([
      "North Korea 64",
      "Kim Jong Un 32",
      "U.S.–DPRK talks 22",
      "Hanoi summit 13",
      "Sanctions 10",
      "Diplomacy 6",
      "Verification 3",
      "Yongbyon 3",
    ]);
    expect(catalog.tagsByName.map((t) => t.name)).toEqual(["Diplomacy", "Hanoi summit", "Kim Jong Un", "North Korea", "Sanctions", "U.S.–DPRK talks", "Verification", "Yongbyon"]);
  });

  it("sorts authors by name, unnamed ones last, and counts their posts", () => {
    expect(catalog.authors.map((a) => `${a.displayName} ${a.posts.length}`)).toEqual([
      "Ann Author 16",
      "Bob Writer 16",
      "Cat Critic 16",
      "Dan Diarist 5",
      "Zed Silent 0",
      "Unnamed author 16",
    ]);
  });

  it("groups the source index by outlet (by name), stories newest first, continuing across pages", () => {
    const pages = catalog.pages.sourceIndex.map((p) => p.items.map((s) => `${s.continued ? "+" : ""}${s.group.id}: ${s.items.map((x) => x.id).join(" ")}`));
    expect(pages).toEqual([
      ["news: s-rel s6 s4 s2"],
      ["+news: s0", "wire: s7 s5 s3"],
      ["+wire: s1 wire-9 wire-8 wire-7"],
      ["+wire: wire-6 wire-5 wire-4 wire-3"],
      ["+wire: wire-2 wire-1"],
    ]);
  });

  it("previews an outlet's newest stories and links the full list only when there are more", () => {
    const [news, wire] = ["news", "wire"].map((id) => catalog.outlets.find((o) => o.id === id)!);
    expect(news!.sourcePreview.map((s) => s.id)).toEqual(["s-rel", "s6", "s4", "s2", "s0"]);
    expect(news!.sourcesUrl).toBeUndefined();
    expect(wire!.sourcePreview).toHaveLength(10);
    expect(wire!.sourcesUrl).toBe("/outlets/wire/sources/");
  });

  it("builds the archive by year and month with counts, links and neighbours", () => {
    expect(catalog.archive.map((y) => [y.year, y.postCount, y.indexUrl, y.months.map((m) => `${m.name} ${m.posts.length} ${m.url}`)])).toEqual([
      [2020, 38, "/archive/#y2020", ["March 2020 7 /archive/2020/03/", "February 2020 16 /archive/2020/02/", "January 2020 15 /archive/2020/01/"]],
      [2019, 31, "/archive/#y2019", ["December 2019 16 /archive/2019/12/", "November 2019 15 /archive/2019/11/"]],
    ]);
    const months = catalog.archive.flatMap((y) => y.months);
    expect(months.map((m) => [m.newer?.id, m.id, m.older?.id])).toEqual([
      [undefined, "2020-03", "2020-02"],
      ["2020-03", "2020-02", "2020-01"],
      ["2020-02", "2020-01", "2019-12"],
      ["2020-01", "2019-12", "2019-11"],
      ["2019-12", "2019-11", undefined],
    ]);
    expect(catalog.pages.archiveIndex[1]!.items.map((s) => [s.group.year, s.continued])).toEqual([[2019, true]]);
  });

  it("links each post to its newer and older neighbour", () => {
    const slugs = NEWEST_FIRST.map((p) => p.slug);
    catalog.posts.forEach((post, i) => {
      expect([post.newer?.slug, post.older?.slug]).toEqual([slugs[i - 1], slugs[i + 1]]);
    });
  });

  it("relates posts by shared sources first, then shared tags, then nearness in time", () => {
    const related = (slug: string) => catalog.posts.find((p) => p.slug === slug)!.related.map((p) => p.slug);
    expect(related("rel-a")).toEqual(["rel-b", "rel-c", "rel-d"]);
    expect(related("rel-b")).toEqual(["rel-a"]);
    // Every post that quotes a source shared by three or more others is related to three of them.
    for (const post of catalog.posts) {
      const shared = post.sources.flatMap((s) => s.posts).filter((p) => p !== post);
      if (new Set(shared).size >= 3) expect(post.related.every((r: Post) => r.sources.some((s) => post.sources.includes(s)))).toBe(true);
      expect(post.related).not.toContain(post);
      expect(post.related.length).toBeLessThanOrEqual(3);
    }
  });

  it("finds the newest change of a list of posts once per list, however many of its pages ask", () => {
    const tag = catalog.tags.find((t) => t.slug === "north-korea")!;
    let reads = 0;
    const counted = new Proxy(tag.posts, { get: (target, key, receiver) => (key === "map" && (reads += 1), Reflect.get(target, key, receiver)) });
    const newestOf = oncePerList(newestPost);
    const asked = [1, 2, 3, 4, 5, 6, 7].map(() => newestOf(counted));
    expect(reads).toBe(1);
    expect(asked.every((date) => date === asked[0])).toBe(true);
    expect(asked[0]).toEqual(newestPost(tag.posts));
    expect(asked[0]!.epoch).toBe(Math.max(...tag.posts.map((post) => (post.updated ?? post.date).epoch)));
  });

  it("finds the newest story of an outlet once per outlet, however many of its pages ask", () => {
    const outlet = catalog.outlets.find((o) => o.sources.length >= 2)!;
    let reads = 0;
    const counted = new Proxy(outlet.sources, { get: (target, key, receiver) => (key === "map" && (reads += 1), Reflect.get(target, key, receiver)) });
    const newestOf = oncePerList(newestStory);
    const asked = [1, 2, 3, 4].map(() => newestOf(counted));
    expect(reads).toBe(1);
    expect(asked.every((date) => date === asked[0])).toBe(true);
    expect(asked[0]!.epoch).toBe(Math.max(...outlet.sources.map((source) => source.published.epoch)));
  });

  it("counts every post once in every index", () => {
    expect(catalog.posts).toHaveLength(FIXTURE_POSTS.length);
    expect(catalog.archive.reduce((n, y) => n + y.postCount, 0)).toBe(FIXTURE_POSTS.length);
    expect(catalog.authors.reduce((n, a) => n + a.posts.length, 0)).toBe(FIXTURE_POSTS.length);
  });
});

describe("browsing problems are content errors", () => {
  it.each([
    ["a tag whose slug is a reserved route", { "a.md": postFile({ title: "A", tags: ["By name"] }) }, 'posts/a.md:5 › tags: expected a tag whose URL slug is not "by-name", got "By name" (/tags/by-name/ is the alphabetical tag index)'],
    [
      "two tags that slug alike, naming both posts",
      { "a.md": postFile({ title: "A", tags: ["Kim Jong Un"] }), "b.md": postFile({ title: "B", tags: ["Kim Jong-Un"] }) },
      'posts/b.md:5 › tags: expected the tag spelled as "Kim Jong Un" (as in posts/a.md), got "Kim Jong-Un" (both would be the page /tags/kim-jong-un/: spell the tag one way)',
    ],
  ])("%s", (_name, files, message) => {
    // Paths are shown from the working folder; the fixture lives in a temp folder.
    const lines = errorLines(() => load(files)).map((line) => line.replace(/\S*\/posts\//g, "posts/"));
    expect(lines).toEqual([message]);
  });
});

describe("compareAuthors", () => {
  it.each([
    [{ id: "b", name: "Ann" }, { id: "a", name: "Bob" }, -1],
    [{ id: "a", name: "Ann" }, { id: "b", name: "Ann" }, -1],
    [{ id: "a", name: null }, { id: "z", name: "Zed" }, 1],
    [{ id: "a", name: null }, { id: "b", name: null }, -1],
  ])("%j before %j → %i", (a, b, sign) => {
    expect(Math.sign(compareAuthors(a, b))).toBe(sign);
    expect(Math.sign(compareAuthors(b, a))).toBe(-sign);
  });
});

describe("buildArchive", () => {
  const post = (year: number, month: number) => ({ date: { year, month, monthName: `M${month} ${year}` } }) as unknown as Post;
  it.each<[string, [number, number][], string]>([
    ["no posts", [], ""],
    ["one month", [[2020, 5], [2020, 5]], "2020: 2020-05×2"],
    ["a year boundary", [[2020, 1], [2019, 12], [2019, 12], [2019, 3]], "2020: 2020-01×1 | 2019: 2019-12×2 2019-03×1"],
    ["a gap of years", [[2021, 6], [2018, 6]], "2021: 2021-06×1 | 2018: 2018-06×1"],
  ])("%s", (_name, dates, expected) => {
    const { years } = buildArchive(dates.map(([y, m]) => post(y, m)));
    expect(years.map((y) => `${y.year}: ${y.months.map((m) => `${m.id}×${m.posts.length}`).join(" ")}`).join(" | ")).toBe(expected);
  });
});

describe("wordShare", () => {
  it.each([
    [214, 321, 40, 60],
    [907, 73, 93, 7],
    [1, 2, 33, 67],
    [0, 10, 0, 100],
    [0, 0, 0, 0],
  ])("%i quoted and %i own words are %i%% and %i%%", (quoted, commentary, quotedPercent, commentaryPercent) => {
    expect(wordShare(quoted, commentary)).toEqual({ quoted, commentary, total: quoted + commentary, quotedPercent, commentaryPercent });
  });
});
