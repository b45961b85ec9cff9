import { describe, expect, it } from "vitest";
import { globToRegExp, searchDefaults } from "../../lib/search.ts";

describe("which built files the search index reads", () => {
  it.each([
    ["posts/they-really-messed-up-in-north-korea/index.html", true],
    ["posts/a/index.html", true],
    ["index.html", false],
    ["posts/index.html", false],
    ["posts/a/b/index.html", false],
    ["tags/north-korea/index.html", false],
    ["posts/a/feed.xml", false],
  ])("%s → %s", (file, indexed) => {
    expect(globToRegExp(searchDefaults.glob).test(file)).toBe(indexed);
  });
});
