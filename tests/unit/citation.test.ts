import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { bibtexEntry, chicagoCitation, chicagoDate, chicagoNames, citationText, cslItem, escapeBibtex, type CitablePost } from "../../lib/catalog/citation.ts";
import { toPostDate, type DateAccuracy } from "../../lib/core/dates.ts";

const zone = "America/New_York";
const day = (iso: string, accuracy: DateAccuracy = "exact") => toPostDate(DateTime.fromISO(iso, { zone }), iso.length === 10, accuracy);
const site = { title: "Gloss", language: "en" };
const post: CitablePost = {
  slug: "my-post",
  title: "My post",
  url: "https://gloss.example/posts/my-post/",
  authors: [{ name: "Ann Author" }],
  date: day("2019-03-06"),
  updated: undefined,
};

describe("chicagoNames", () => {
  it.each([
    [["Ann"], "Ann"],
    [["Ann", "Bob"], "Ann and Bob"],
    [["Ann", "Bob", "Cy"], "Ann, Bob, and Cy"],
  ])("%j → %j (serial comma, as Chicago has it)", (names, text) => expect(chicagoNames(names)).toBe(text));
});

describe("chicagoDate", () => {
  it.each([
    [day("2019-03-06"), "March 6, 2019"],
    [day("2019-03-06T23:30"), "March 6, 2019"],
    [day("2019-03-06", "about"), "ca. March 6, 2019"],
    [day("2019-03-06", "on-or-after"), "on or after March 6, 2019"],
  ])("%#: %s", (date, text) => expect(chicagoDate(date)).toBe(text));
});

describe("chicagoCitation", () => {
  it.each([
    ["one author", post, "Ann Author. “My post.” Gloss (blog), March 6, 2019. https://gloss.example/posts/my-post/."],
    ["co-authors, one unnamed", { ...post, authors: [{ name: "Ann Author" }, { name: null }, { name: "Cy Jr." }] }, "Ann Author, [unnamed author], and Cy Jr. “My post.” Gloss (blog), March 6, 2019. https://gloss.example/posts/my-post/."],
    ["no author known: starts with the title", { ...post, authors: [{ name: null }] }, "“My post.” Gloss (blog), March 6, 2019. https://gloss.example/posts/my-post/."],
    ["a title with its own stop, an approximate date", { ...post, title: "Why?", date: day("2019-03-06", "about") }, "Ann Author. “Why?” Gloss (blog), ca. March 6, 2019. https://gloss.example/posts/my-post/."],
    ["an exact update", { ...post, updated: day("2019-04-01") }, "Ann Author. “My post.” Gloss (blog), March 6, 2019. Last modified April 1, 2019. https://gloss.example/posts/my-post/."],
  ])("%s", (_name, input, text) => expect(citationText(chicagoCitation(input, site))).toBe(text));

  it("marks the blog's title and the URL for the template", () => {
    const parts = chicagoCitation(post, site);
    expect(parts.filter((p) => p.kind !== "text")).toEqual([
      { kind: "container", text: "Gloss" },
      { kind: "url", text: "https://gloss.example/posts/my-post/" },
    ]);
  });
});

describe("escapeBibtex", () => {
  it.each([
    ["plain words", "plain words"],
    ["Tom & Jerry: 100% #1 $5 a_b", "Tom \\& Jerry: 100\\% \\#1 \\$5 a\\_b"],
    ["{braces} \\back ^hat ~tilde", "\\{braces\\} \\textbackslash{}back \\textasciicircum{}hat \\textasciitilde{}tilde"],
    ["Ça — “quoted”", "Ça — “quoted”"],
    ["two\nlines", "two lines"],
  ])("%j", (input, output) => expect(escapeBibtex(input)).toBe(output));

  it("leaves no unescaped special character and no unbalanced brace", () => {
    const hostile = "}{ @misc{x, title={pwned}} \\end %comment";
    const escaped = escapeBibtex(hostile);
    expect(escaped.replace(/\\[{}$&%#_]|\\text\w+\{\}/g, "")).not.toMatch(/[\\{}$&%#_^~]/);
  });
});

describe("bibtexEntry", () => {
  it("writes a biblatex @online entry with braced names and an exact date", () => {
    expect(bibtexEntry({ ...post, authors: [{ name: "Ann Author" }, { name: "B & B" }] }, site)).toBe(
      "@online{my-post,\n  author = {{Ann Author} and {B \\& B}},\n  title = {{My post}},\n  organization = {Gloss},\n  date = {2019-03-06},\n  url = {https://gloss.example/posts/my-post/},\n}\n",
    );
  });

  it.each([
    ["about", "2019-03-06~", "Exact date not known: about 6 March 2019"],
    ["on-or-after", "2019-03-06/", "Exact date not known: on or after 6 March 2019"],
  ] as const)("states a date known %s in EDTF and in words", (accuracy, date, note) => {
    const entry = bibtexEntry({ ...post, date: day("2019-03-06", accuracy) }, site);
    expect(entry).toContain(`  date = {${date}},\n`);
    expect(entry).toContain(`  note = {${note}},\n`);
  });

  it("has no author field when no author is known, and keeps an unnamed co-author unnamed", () => {
    expect(bibtexEntry({ ...post, authors: [{ name: null }] }, site)).not.toContain("author =");
    expect(bibtexEntry({ ...post, authors: [{ name: "Ann Author" }, { name: null }] }, site)).toContain("  author = {{Ann Author} and {[unnamed author]}},\n");
  });
});

describe("cslItem", () => {
  it("writes a post-weblog item with literal names and date parts", () => {
    expect(cslItem(post, site)).toEqual([
      { id: "my-post", type: "post-weblog", title: "My post", author: [{ literal: "Ann Author" }], "container-title": "Gloss", issued: { "date-parts": [[2019, 3, 6]] }, URL: "https://gloss.example/posts/my-post/", language: "en" },
    ]);
  });

  it.each([
    ["about", { "date-parts": [[2019, 3, 6]], circa: true }],
    ["on-or-after", { literal: "on or after 6 March 2019" }],
  ] as const)("dates a post known %s honestly", (accuracy, issued) => {
    expect(cslItem({ ...post, date: day("2019-03-06", accuracy) }, site)[0]!.issued).toEqual(issued);
  });

  it("leaves out the author when none is known", () => {
    expect(cslItem({ ...post, authors: [{ name: null }] }, site)[0]).not.toHaveProperty("author");
  });
});
