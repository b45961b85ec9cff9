// Footnotes, heading anchors and the table of contents (lib/markdown/footnotes.ts, headings.ts):
// what the fixtures (fixtures/extras.txt) do not show — ids, recorded headings, quoted words.
import { describe, expect, it } from "vitest";
import { createMarkdown } from "../../lib/markdown/index.ts";
import { createRenderState } from "../../lib/markdown/env.ts";
import { PAGE_IDS, headingId, tableOfContents } from "../../lib/markdown/headings.ts";

function render(input: string, idPrefix = "") {
  const state = createRenderState({
    file: "posts/x.md",
    lineOffset: 0,
    idPrefix,
    lookupSource: (id) => ({ id, title: "T", url: "https://news.example/t", outletName: "O", dateIso: "2020-01-02", dateText: "2 January 2020", pageUrl: `/sources/${id}/` }),
  });
  return { html: createMarkdown().render(input, { gloss: state }), state };
}

describe("headingId", () => {
  it.each([
    ["A heading of my own", "a-heading-of-my-own"],
    ["U.S.–DPRK talks", "us-dprk-talks"],
    ["Main", "main-section"],
    ["Sources heading", "sources-heading-section"],
    ["Contents", "contents"],
    ["Toc heading", "toc-heading-section"],
    ["q12", "q12-section"],
    ["FN3", "fn3-section"],
    ["fnref3-1", "fnref3-1-section"],
    ["q", "q"],
    ["!!!", "section"],
  ])("%s → %s", (text, id) => expect(headingId(text)).toBe(id));

  it("keeps every id of the page's own clear", () => {
    for (const id of PAGE_IDS) expect(headingId(id)).not.toBe(id);
  });
});

describe("tableOfContents", () => {
  it("nests deeper headings under the last shallower one", () => {
    const toc = tableOfContents([
      { level: 2, id: "a", text: "A" },
      { level: 3, id: "a1", text: "A1" },
      { level: 3, id: "a2", text: "A2" },
      { level: 2, id: "b", text: "B" },
      { level: 3, id: "b1", text: "B1" },
    ]);
    expect(toc.map((e) => [e.id, e.children.map((c) => c.id)])).toEqual([
      ["a", ["a1", "a2"]],
      ["b", ["b1"]],
    ]);
  });

  it("puts a first heading that is deeper than the next at the top level", () => {
    const toc = tableOfContents([
      { level: 3, id: "x", text: "X" },
      { level: 2, id: "y", text: "Y" },
    ]);
    expect(toc.map((e) => e.id)).toEqual(["x", "y"]);
  });
});

describe("headings as rendered", () => {
  it("records the post's own h2 and h3 headings, in order, with their text", () => {
    const { state } = render("# Title\n\n## One *two*\n\n### Three `four`\n\n#### Five\n\n> ## Quoted\n\n## Six\n");
    expect(state.headings).toEqual([
      { level: 2, id: "one-two", text: "One two" },
      { level: 3, id: "three-four", text: "Three four" },
      { level: 2, id: "six", text: "Six" },
    ]);
  });

  it("does not count the link text of an anchor as the author's words", () => {
    expect(render("## Two words\n").state.words).toEqual({ quoted: 0, commentary: 2 });
  });
});

describe("footnotes", () => {
  it("prefixes their ids as every generated id is prefixed", () => {
    const { html } = render("A[^1].\n\n[^1]: Note.\n", "my-post-");
    expect(html).toContain('<a href="#my-post-fn1" id="my-post-fnref1">[1]</a>');
    expect(html).toContain('<li id="my-post-fn1" class="footnote-item">');
    expect(html).toContain('href="#my-post-fnref1"');
  });

  it("leaves a quoted passage's words exactly as written, the note mark aside", () => {
    const { state } = render("> [!quote story]\n> Their words, “exactly” -- as written...[^1]\n\n[^1]: Mine.\n");
    expect(state.passages.map((p) => p.text)).toEqual(["Their words, “exactly” -- as written..."]);
    expect(state.words).toEqual({ quoted: 5, commentary: 1 });
  });
});
