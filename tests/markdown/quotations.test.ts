// Fixture-driven tests of Gloss's markdown-it plugins, in markdown-it's own format:
// a description line, then `.`, the Markdown input, `.`, the expected HTML, `.`.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem } from "../../lib/errors.ts";
import { createMarkdown } from "../../lib/markdown/index.ts";
import { createRenderState, type QuotedSource } from "../../lib/markdown/env.ts";

const SOURCES: Record<string, QuotedSource> = {
  story: {
    id: "story",
    title: "A <Big> Story",
    url: "https://news.example/story?a=1&b=2",
    outletName: "Daily News",
    dateIso: "2020-01-02",
    dateText: "2 January 2020",
    pageUrl: "/sources/story/",
  },
};

function render(input: string, lineOffset = 0) {
  const state = createRenderState({ file: "posts/x.md", lineOffset, idPrefix: "", lookupSource: (id) => SOURCES[id] });
  const html = createMarkdown().render(input, { gloss: state });
  return { html, state };
}

function readFixtures(file: string): { title: string; input: string; output: string }[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const cases = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (lines[i + 1] !== "." || !lines[i]) continue;
    const title = lines[i]!;
    let j = i + 2;
    const input: string[] = [];
    while (lines[j] !== ".") input.push(lines[j++]!);
    j += 1;
    const output: string[] = [];
    while (lines[j] !== ".") output.push(lines[j++]!);
    cases.push({ title, input: input.join("\n") + "\n", output: output.join("\n") + "\n" });
    i = j;
  }
  return cases;
}

const dir = path.join(import.meta.dirname, "fixtures");
for (const name of readdirSync(dir).filter((f) => f.endsWith(".txt"))) {
  describe(name, () => {
    const cases = readFixtures(path.join(dir, name));
    it("has cases", () => expect(cases.length).toBeGreaterThan(0));
    for (const c of cases) it(c.title, () => expect(render(c.input).html).toBe(c.output));
  });
}

describe("quotation bookkeeping", () => {
  it("reports an unknown source id with the file and the line in the file", () => {
    const { state } = render("Intro.\n\n> [!quote nope]\n> Words.\n", 7);
    expect(state.problems.map(formatProblem)).toEqual([
      'posts/x.md:10 › quotation: expected a source id from _data/sources.yaml, got "nope" (write > [!quote <source-id>])',
    ]);
  });

  it("records passages (not elisions) and counts quoted against own words", () => {
    const { state } = render("Two own words.\n\n> [!quote story]\n> First quoted passage here.\n>\n> […]\n>\n> Second [...] passage.\n\nMore own words.\n");
    expect(state.passages.map((p) => [p.text, p.line, p.anchor])).toEqual([
      ["First quoted passage here.", 4, "q1"],
      ["Second passage.", 8, "q1"],
    ]);
    expect(state.words).toEqual({ quoted: 6, commentary: 6 });
    expect(state.quotedSourceIds).toEqual(["story"]);
    expect(state.firstParagraph).toBe("Two own words.");
  });

  it("leaves a plain blockquote alone, but counts its words as quoted", () => {
    const { html, state } = render("> Just a quote.\n");
    expect(html).toBe("<blockquote>\n<p>Just a quote.</p>\n</blockquote>\n");
    expect(state.passages).toEqual([]);
    expect(state.words).toEqual({ quoted: 3, commentary: 0 });
  });
});
