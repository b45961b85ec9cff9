import { describe, expect, it } from "vitest";
import { formatProblem, warningLines } from "../../lib/core/errors.ts";
import { authorSchema, isAliasPath, isHttpUrl, parseWith, postSchema, sourceSchema } from "../../lib/content/schema.ts";

const zone = "America/New_York";
const valid = { title: "A post", date: "2019-03-06", author: "ann" };
const problemsOf = (data: unknown) => {
  const result = parseWith(postSchema(zone), data, { file: "posts/x.md" });
  return result.ok ? [] : result.problems.map(formatProblem);
};

describe("post front matter", () => {
  it("parses a minimal post with defaults", () => {
    const result = parseWith(postSchema(zone), valid, { file: "posts/x.md" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.draft).toBe(false);
    expect(result.value.tags).toEqual([]);
    expect(result.value.sources).toEqual([]);
    expect(result.value.dateAccuracy).toBe("exact");
    expect(result.value.date.value.toISODate()).toBe("2019-03-06");
  });

  it.each([
    [{ ...valid, title: undefined }, 'posts/x.md › title: expected a non-empty title, got nothing'],
    [{ ...valid, title: "   " }, 'posts/x.md › title: expected a non-empty title, got "   "'],
    [{ ...valid, date: "May 3" }, 'posts/x.md › date: expected a date as YYYY-MM-DD or YYYY-MM-DDTHH:MM (optionally with an offset), got "May 3"'],
    [{ ...valid, date: "2019-02-30" }, 'posts/x.md › date: expected a real calendar date, got "2019-02-30"'],
    [{ ...valid, draft: "no" }, 'posts/x.md › draft: expected true or false (a YAML boolean, unquoted), got "no"'],
    [{ ...valid, author: "Ann Author" }, 'posts/x.md › author: expected an author id (lowercase-with-hyphens) from _data/authors.yaml, got "Ann Author"'],
    [{ ...valid, sources: "story" }, 'posts/x.md › sources: expected a list of source ids, got "story"'],
    [{ ...valid, sources: ["ok", "Bad Id"] }, 'posts/x.md › sources[1]: expected a source id (lowercase-with-hyphens) from _data/sources.yaml, got "Bad Id"'],
    [{ ...valid, dateAccuracy: "roughly" }, 'posts/x.md › dateAccuracy: expected one of exact, on-or-after, about, got "roughly"'],
    [{ ...valid, tittle: "typo" }, 'posts/x.md › tittle: expected only known fields (title, date, dateAccuracy, dateNote, updated, author, tags, sources, description, draft, slug, aliases, toc, image, imageAlt), got unknown field "tittle" (did you mean `title`?)'],
  ])("reports %j", (data, message) => {
    expect(problemsOf(data)).toContain(message);
  });

  it("reports every problem of a file at once", () => {
    expect(problemsOf({ date: "nope", draft: "yes" })).toHaveLength(4);
  });

  it("puts the field's line in the message when it can", () => {
    const result = parseWith(postSchema(zone), { ...valid, draft: "no" }, { file: "posts/x.md", lineOf: (p) => (p[0] === "draft" ? 5 : undefined) });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'posts/x.md:5 › draft: expected true or false (a YAML boolean, unquoted), got "no"',
    ]);
  });
});

describe("registries", () => {
  it("allows an author whose name is not known, but not a missing name", () => {
    expect(parseWith(authorSchema, { name: null }, { file: "a.yaml" }).ok).toBe(true);
    const missing = parseWith(authorSchema, {}, { file: "a.yaml", prefix: ["x"] });
    expect(missing.ok ? [] : missing.problems.map(formatProblem)).toEqual([
      "a.yaml › x.name: expected a display name, or ~ when the name is not known, got nothing",
    ]);
  });

  it.each([
    ["javascript:alert(1)", false],
    ["ftp://example.org/x", false],
    ["not a url", false],
    ["https://", false],
    ["https://www.cnn.com/2019/03/06/x/index.html", true],
    ["http://example.org", true],
  ])("URL %j is http(s): %s", (url, ok) => expect(isHttpUrl(url)).toBe(ok));

  it("rejects a source with a javascript: URL, naming the entry and field", () => {
    const result = parseWith(sourceSchema(zone), { title: "T", outlet: "o", url: "javascript:alert(1)", published: "2020-01-01" }, { file: "s.yaml", prefix: ["bad"] });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      's.yaml › bad.url: expected an absolute http(s) URL, got "javascript:alert(1)"',
    ]);
  });
});

describe("warningLines", () => {
  it.each([
    [0, []],
    [2, ["warning: w1", "warning: w2"]],
    [12, ["warning: w1", "warning: w2", "warning: w3", "warning: … and 9 more (npm run check:content -- --all-warnings lists them all)"]],
  ])("prints %i warnings as at most 3 lines plus a count", (n, expected) => {
    const warnings = Array.from({ length: n }, (_, i) => `w${i + 1}`);
    expect(warningLines(warnings, 3)).toEqual(expected);
  });
});

describe("isAliasPath", () => {
  it.each([
    ["/old/path/", true],
    ["/2019/03/06/old-post.html", true],
    ["/a/", true],
    ["/caf%C3%A9/", true],
    ["/", false],
    ["old/path/", false],
    ["//other.example/x/", false],
    ["/old/path", false],
    ["/old/../etc/", false],
    ["/./x/", false],
    ["/old path/", false],
    ["/old/?q=1", false],
    ["/old/#x", false],
    ["https://example.org/old/", false],
  ])("%j → %s", (value, ok) => expect(isAliasPath(value)).toBe(ok));
});

describe("author", () => {
  const valid = { title: "T", date: "2020-01-02" };
  it.each([
    ["ann", ["ann"]],
    [["ann", "bob"], ["ann", "bob"]],
  ])("%j reads as %j", (author, ids) => {
    const result = parseWith(postSchema("UTC"), { ...valid, author }, { file: "posts/x.md" });
    expect(result.ok && result.value.author).toEqual(ids);
  });

  it.each([
    [[], "posts/x.md › author: expected at least one author id, got a list of 0"],
    [["ann", "Bad Id"], 'posts/x.md › author[1]: expected an author id (lowercase-with-hyphens) from _data/authors.yaml, got "Bad Id"'],
    [["ann", "ann"], 'posts/x.md › author: expected each author once, got a list of 2 (remove the second "ann")'],
  ])("refuses %j", (author, message) => {
    const result = parseWith(postSchema("UTC"), { ...valid, author }, { file: "posts/x.md" });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([message]);
  });
});
