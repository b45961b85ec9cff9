import { describe, expect, it } from "vitest";
import type { ContentProblem } from "../../lib/core/errors.ts";
import { readPost } from "../../lib/content/read.ts";
import { newPostText, postSlug } from "../../lib/authoring/new-post.ts";

describe("postSlug", () => {
  it.each([
    ["They really messed up in North Korea", "they-really-messed-up-in-north-korea"],
    ["Hanoi: what now?", "hanoi-what-now"],
    ["Trump & Kim, round 2", "trump-and-kim-round-2"],
    ["Ça n'a pas marché", "ca-na-pas-marche"],
    ["!!!", ""],
  ])("%j → %j", (title, slug) => {
    expect(postSlug(title)).toBe(slug);
  });
});

describe("newPostText", () => {
  // Titles YAML would otherwise read as something else, or not at all.
  it.each(["Hanoi: what now?", "2019-03-06", "yes", "# not a comment", 'He said "no" — twice', "null", "- a list?", "{braces}", "  spaced  "])(
    "writes a draft that reads back with the title %j",
    (title) => {
      const problems: ContentProblem[] = [];
      const post = readPost(newPostText({ title, date: "2026-01-02", authors: ["ann"] }), "posts/x.md", "America/New_York", problems);
      expect(problems).toEqual([]);
      expect(post?.data.title).toBe(title.trim());
      expect(post?.data.draft).toBe(true);
      expect(post?.data.tags).toEqual([]);
      expect(post?.data.sources).toEqual([]);
      expect(post?.data.author).toEqual(["ann"]);
      expect(post?.data.date.value.toISODate()).toBe("2026-01-02");
    },
  );

  it.each([
    [["ann"], "author: ann"],
    [["ann", "anon"], "author: [ann, anon]"],
  ])("writes the authors %j as %j, which reads back in order", (authors, line) => {
    const text = newPostText({ title: "T", date: "2026-01-02", authors });
    expect(text.split("\n")).toContain(line);
    const problems: ContentProblem[] = [];
    expect(readPost(text, "posts/x.md", "America/New_York", problems)?.data.author).toEqual(authors);
    expect(problems).toEqual([]);
  });
});
