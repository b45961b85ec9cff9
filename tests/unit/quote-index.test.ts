import { describe, expect, it } from "vitest";
import { buildQuoteIndex } from "../../lib/catalog/quote-index.ts";
import { passageKey } from "../../lib/markdown/env.ts";

const p = (sourceId: string, text: string, anchor = "q1") => ({ sourceId, text, anchor, key: passageKey(text) });

describe("passageKey", () => {
  it("folds case, quote styles and spaces", () => {
    expect(passageKey("“We had to,” he said.  ")).toBe(passageKey('"we had to," He  said.'));
    expect(passageKey("it’s")).toBe(passageKey("it's"));
  });
});

describe("buildQuoteIndex", () => {
  it("shows a passage quoted by two posts once, with both, in story order", () => {
    const index = buildQuoteIndex([
      { post: "short", passages: [p("s", "C"), p("s", "D")] },
      { post: "long", passages: [p("s", "A"), p("s", "B"), p("s", "C"), p("s", "D"), p("s", "E")] },
    ]);
    const groups = index.get("s")!;
    expect(groups.map((g) => g.text)).toEqual(["A", "B", "C", "D", "E"]);
    expect(groups.map((g) => g.uses.map((u) => u.post))).toEqual([["long"], ["long"], ["short", "long"], ["short", "long"], ["long"]]);
  });

  it("keys passages by source", () => {
    const index = buildQuoteIndex([{ post: 1, passages: [p("a", "x"), p("b", "x")] }]);
    expect([...index.keys()]).toEqual(["a", "b"]);
  });

  it("lists a post once per passage even when it quotes it twice", () => {
    const index = buildQuoteIndex([{ post: 1, passages: [p("a", "x", "q1"), p("a", "x", "q2")] }]);
    expect(index.get("a")![0]!.uses).toEqual([{ post: 1, anchor: "q1" }]);
  });
});

describe("buildQuoteIndex places new passages by their neighbours in the quoting post", () => {
  const order = (...posts: string[][]) =>
    buildQuoteIndex(posts.map((texts, i) => ({ post: i, passages: texts.map((t) => p("s", t)) }))).get("s")!.map((g) => g.text);
  it.each([
    ["after the passage the post quoted before it", [["A", "C"], ["A", "B"]], ["A", "B", "C"]],
    ["before the next passage already listed", [["A", "C"], ["B", "C"]], ["A", "B", "C"]],
    ["at the end when it has no listed neighbour", [["A", "B"], ["X"]], ["A", "B", "X"]],
    ["whichever post comes first", [["C", "D"], ["A", "B", "C", "D", "E"]], ["A", "B", "C", "D", "E"]],
    ["the same words in other quote marks, dashes, case or spacing", [["“We had to” — he said"], ['"we had to"  - He said']], ["“We had to” — he said"]],
  ])("%s", (_name, posts, expected) => expect(order(...posts)).toEqual(expected));
});
