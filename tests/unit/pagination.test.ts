import { describe, expect, it } from "vitest";
import { paginate, pageUrl } from "../../lib/pagination.ts";

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
  });
});
