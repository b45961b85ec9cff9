import { describe, expect, it } from "vitest";
import { groupStartPages, pageLinks, paginate, paginateGroups, pageUrl } from "../../lib/catalog/pagination.ts";

describe("paginate", () => {
  it.each([
    [0, 10, [0]],
    [1, 10, [1]],
    [10, 10, [10]],
    [11, 10, [10, 1]],
    [65, 10, [10, 10, 10, 10, 10, 10, 5]],
  ])("%i items in pages of %i → sizes %j", (count, size, sizes) => {
    const pages = paginate(Array.from({ length: count }, (_, i) => i), size, "/tags/x/");
    expect(pages.map((p) => p.items.length)).toEqual(sizes);
    expect(pages.every((p) => p.total === sizes.length)).toBe(true);
  });

  it("links pages with stable URLs", () => {
    const pages = paginate([1, 2, 3, 4, 5], 2, "/");
    expect(pages.map((p) => [p.url, p.prevUrl, p.nextUrl])).toEqual([
      ["/", undefined, "/page/2/"],
      ["/page/2/", "/", "/page/3/"],
      ["/page/3/", "/page/2/", undefined],
    ]);
    expect(pageUrl("/authors/ann/", 4)).toBe("/authors/ann/page/4/");
    expect(pages.map((p) => [p.offset, p.count])).toEqual([[0, 5], [2, 5], [4, 5]]);
  });
});

describe("pageLinks", () => {
  // Rendered as the pager shows them: [n] is the current page, … a gap.
  const show = (number: number, total: number) =>
    pageLinks("/x/", number, total)
      .map((l) => (l.number === null ? "…" : l.current ? `[${l.number}]` : String(l.number)))
      .join(" ");
  it.each([
    [1, 1, ""],
    [1, 2, "[1] 2"],
    [2, 2, "1 [2]"],
    [1, 7, "[1] 2 3 … 7"],
    [4, 7, "1 2 3 [4] 5 6 7"],
    [5, 7, "1 2 3 4 [5] 6 7"], // a one-page gap shows the page, never "1 … 3"
    [6, 9, "1 … 4 5 [6] 7 8 9"],
    [6, 40, "1 … 4 5 [6] 7 8 … 40"],
    [5, 40, "1 2 3 4 [5] 6 7 … 40"],
    [40, 40, "1 … 38 39 [40]"],
    [37, 40, "1 … 35 36 [37] 38 39 40"],
  ])("page %i of %i → %s", (number, total, expected) => {
    expect(show(number, total)).toBe(expected);
  });

  it("links each number to its stable URL and stays bounded", () => {
    const links = pageLinks("/tags/x/", 500, 1000);
    expect(links.length).toBeLessThanOrEqual(9);
    expect(links.filter((l) => l.number !== null).map((l) => l.url)).toEqual([
      "/tags/x/",
      "/tags/x/page/498/",
      "/tags/x/page/499/",
      "/tags/x/page/500/",
      "/tags/x/page/501/",
      "/tags/x/page/502/",
      "/tags/x/page/1000/",
    ]);
  });

  it("is carried by every page of a paginated list", () => {
    const pages = paginate(Array.from({ length: 35 }, (_, i) => i), 5, "/");
    expect(pages[3]!.links.find((l) => l.current)?.url).toBe("/page/4/");
    expect(pages.map((p) => p.lastUrl)).toEqual(Array(7).fill("/page/7/"));
  });
});

describe("paginateGroups", () => {
  // A page as text: "group:items" per slice, "+" marking a group continued from the page before.
  const show = (groups: [string, number][], size: number) =>
    paginateGroups(groups.map(([group, count]) => ({ group, items: Array.from({ length: count }, (_, i) => i) })), size, "/g/").map((page) =>
      page.items.map((s) => `${s.continued ? "+" : ""}${s.group}:${s.items.length}`).join(" "),
    );
  it.each<[string, [string, number][], number, string[]]>([
    ["no groups: one empty page", [], 3, [""]],
    ["one small group", [["a", 2]], 3, ["a:2"]],
    ["groups that fill pages exactly", [["a", 3], ["b", 3]], 3, ["a:3", "b:3"]],
    ["a group split across pages", [["a", 2], ["b", 5]], 3, ["a:2 b:1", "+b:3", "+b:1"]],
    ["empty groups skipped", [["a", 0], ["b", 1], ["c", 0], ["d", 1]], 3, ["b:1 d:1"]],
    ["many small groups", [["a", 1], ["b", 1], ["c", 1], ["d", 1]], 2, ["a:1 b:1", "c:1 d:1"]],
  ])("%s", (_name, groups, size, expected) => {
    expect(show(groups, size)).toEqual(expected);
  });

  it("never puts more than `size` entries on a page, keeps order, and links pages", () => {
    const groups = Array.from({ length: 40 }, (_, g) => ({ group: g, items: Array.from({ length: (g * 7) % 13 }, (_, i) => `${g}.${i}`) }));
    const pages = paginateGroups(groups, 10, "/sources/");
    const flat = pages.flatMap((p) => p.items.flatMap((s) => s.items));
    expect(flat).toEqual(groups.flatMap((g) => g.items));
    for (const page of pages) expect(page.items.reduce((n, s) => n + s.items.length, 0)).toBeLessThanOrEqual(10);
    expect(pages.slice(0, -1).every((p) => p.items.reduce((n, s) => n + s.items.length, 0) === 10)).toBe(true);
    expect(pages.map((p) => p.url).slice(0, 3)).toEqual(["/sources/", "/sources/page/2/", "/sources/page/3/"]);
    expect(pages[1]!.prevUrl).toBe("/sources/");
    expect(pages.map((p) => p.offset)).toEqual(pages.map((_, i) => i * 10));
    expect(pages.every((p) => p.count === flat.length)).toBe(true);
  });

  it("finds the page where each group begins", () => {
    const pages = paginateGroups([{ group: "a", items: [1, 2, 3] }, { group: "b", items: [1, 2, 3] }, { group: "c", items: [1] }], 2, "/g/");
    expect([...groupStartPages(pages)].map(([group, page]) => [group, page.url])).toEqual([
      ["a", "/g/"],
      ["b", "/g/page/2/"],
      ["c", "/g/page/4/"],
    ]);
  });
});
