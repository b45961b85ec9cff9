// Fixture-driven tests of Gloss's markdown-it plugins, in markdown-it's own format:
// a description line, then `.`, the Markdown input, `.`, the expected output, `.`.
// fixtures/*.txt expect HTML; fixtures/problems/*.txt expect the content problems, one per line.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem } from "../../lib/core/errors.ts";
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
  archived: {
    id: "archived",
    title: "Kept Story",
    url: "https://news.example/kept",
    archived: "https://web.archive.example/2020/https://news.example/kept",
    outletName: "Daily News",
    dateIso: "2020-01-03",
    dateText: "3 January 2020",
    pageUrl: "/sources/archived/",
  },
  // The original recorded gone, a copy archived: the copy leads.
  rescued: {
    id: "rescued",
    title: "Rescued Story",
    url: "https://news.example/rescued",
    archived: "https://web.archive.example/2020/https://news.example/rescued",
    leadArchived: true,
    linkNote: "the original is no longer available (checked 2026-12-01)",
    outletName: "Daily News",
    dateIso: "2020-01-05",
    dateText: "5 January 2020",
    pageUrl: "/sources/rescued/",
  },
  // The original recorded gone, no copy: the original stays, and readers are told.
  lost: {
    id: "lost",
    title: "Lost Story",
    url: "https://news.example/lost",
    leadArchived: false,
    linkNote: "the original is no longer available (checked 2026-12-01); no archived copy is known",
    outletName: "Daily News",
    dateIso: "2020-01-06",
    dateText: "6 January 2020",
    pageUrl: "/sources/lost/",
  },
  // Every field an attacker could control through the registries.
  hostile: {
    id: "hostile",
    title: `</figcaption><script>alert("title")</script>`,
    url: `https://evil.example/?q="><script>alert(1)</script>&x='y'`,
    archived: `https://archive.example/"onmouseover="alert(2)`,
    outletName: "Evil & <Co>",
    dateIso: `2020"><b>`,
    dateText: "<b>soon</b>",
    pageUrl: `/sources/"hostile"/`,
  },
  // Never accepted by the schema; the plugin still refuses to link it.
  scripted: {
    id: "scripted",
    title: "Scripted",
    url: "javascript:alert(1)",
    archived: "data:text/html,<script>alert(1)</script>",
    outletName: "Daily News",
    dateIso: "2020-01-04",
    dateText: "4 January 2020",
    pageUrl: "/sources/scripted/",
  },
};

function render(input: string, { lineOffset = 0, idPrefix = "" } = {}) {
  const state = createRenderState({ file: "posts/x.md", lineOffset, idPrefix, lookupSource: (id) => SOURCES[id] });
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
    cases.push({ title, input: input.join("\n") + "\n", output: output.length ? output.join("\n") + "\n" : "" });
    i = j;
  }
  return cases;
}

const dir = path.join(import.meta.dirname, "fixtures");
for (const name of readdirSync(dir).filter((f) => f.endsWith(".txt"))) {
  describe(name, () => {
    const cases = readFixtures(path.join(dir, name));
    it("has cases", () => expect(cases.length).toBeGreaterThan(0));
    for (const c of cases) {
      it(c.title, () => {
        const { html, state } = render(c.input);
        expect(html).toBe(c.output);
        // Problems have their own fixtures; an HTML case that causes one says so in its title.
        if (!c.title.includes("is reported")) expect(state.problems.map(formatProblem)).toEqual([]);
      });
    }
  });
}

const problemsDir = path.join(dir, "problems");
for (const name of readdirSync(problemsDir).filter((f) => f.endsWith(".txt"))) {
  describe(`problems/${name}`, () => {
    const cases = readFixtures(path.join(problemsDir, name));
    it("has cases", () => expect(cases.length).toBeGreaterThan(0));
    for (const c of cases) it(c.title, () => expect(render(c.input).state.problems.map((p) => formatProblem(p) + "\n").join("")).toBe(c.output));
  });
}

describe("quotation bookkeeping", () => {
  it("reports lines in the post file, counting the front matter before the body", () => {
    const { state } = render("Intro.\n\n> [!quote nope]\n> Words.\n", { lineOffset: 7 });
    expect(state.problems.map(formatProblem)).toEqual([
      'posts/x.md:10 › quotation: expected a source id from _data/sources.yaml, got "nope" (write > [!quote <source-id>])',
    ]);
  });

  it("records each quoted paragraph as a passage, with its file line, elisions kept as […]", () => {
    const { state } = render("Two own words.\n\n> [!quote story]\n> First quoted passage here.\n>\n> […]\n>\n> Second [...] passage.\n\nMore own words.\n", { lineOffset: 4 });
    expect(state.passages.map((p) => [p.text, p.line, p.anchor])).toEqual([
      ["First quoted passage here.", 8, "q1"],
      ["Second […] passage.", 12, "q1"],
    ]);
    // Each with the key the quote index groups it by, made here once.
    expect(state.passages.map((p) => p.key)).toEqual(["first quoted passage here.", "second […] passage."]);
    expect(state.words).toEqual({ quoted: 6, commentary: 6 });
    expect(state.quotedSourceIds).toEqual(["story"]);
    expect(state.firstParagraph).toBe("Two own words.");
  });

  it("starts a passage on the line after the marker when the text follows it directly", () => {
    const { state } = render("> [!quote story]\n> Line two\n> line three.\n");
    expect(state.passages).toEqual([{ sourceId: "story", text: "Line two line three.", line: 2, anchor: "q1", key: "line two line three." }]);
  });

  it("attributes a nested plain blockquote to the quotation around it, and a nested quotation to its own source", () => {
    const { state } = render("> [!quote story]\n> Outer.\n>\n> > Inner plain.\n>\n> > [!quote archived]\n> > Inner attributed.\n");
    expect(state.passages.map((p) => [p.sourceId, p.text, p.anchor])).toEqual([
      ["story", "Outer.", "q1"],
      ["story", "Inner plain.", "q1"],
      ["archived", "Inner attributed.", "q2"],
    ]);
    expect(state.quotedSourceIds).toEqual(["story", "archived"]);
  });

  it("prefixes generated ids, so two posts on one page never collide", () => {
    const { html, state } = render("> [!quote story]\n> A.\n", { idPrefix: "my-post-" });
    expect(html).toContain('<figure class="quotation h-cite" id="my-post-q1">');
    expect(state.passages[0]?.anchor).toBe("my-post-q1");
  });

  it("leaves a plain blockquote alone, but counts its words as quoted", () => {
    const { html, state } = render("> Just a quote.\n");
    expect(html).toBe("<blockquote>\n<p>Just a quote.</p>\n</blockquote>\n");
    expect(state.passages).toEqual([]);
    expect(state.words).toEqual({ quoted: 3, commentary: 0 });
  });

  it.each([
    ["own words, in lists and headings", "# My heading\n\n- one two\n- three\n", { quoted: 0, commentary: 5 }],
    ["quoted words inside a list", "- Mine.\n\n  > [!quote story]\n  > Theirs here.\n", { quoted: 2, commentary: 1 }],
    ["elision marks are not words", "> [!quote story]\n> A […] b [...] c.\n", { quoted: 3, commentary: 0 }],
    ["link text counts, URLs do not", "See [the story](https://news.example/a-b-c).\n", { quoted: 0, commentary: 3 }],
    ["code counts where it stands", "```\nmy code\n```\n\n> [!quote story]\n>     their code\n", { quoted: 2, commentary: 2 }],
    ["entities and escapes are text", "caf&eacute; \\*not emphasis\\*\n", { quoted: 0, commentary: 3 }],
  ])("counts words: %s", (_name, input, words) => {
    expect(render(input).state.words).toEqual(words);
  });

  it("renders without env.gloss (a bare markdown-it user), recording nothing", () => {
    const html = createMarkdown().render("> [!quote story]\n> A […] b.\n");
    expect(html).toContain('<figure class="quotation h-cite" id="q1">');
    expect(html).toContain('<span class="elision"');
    expect(html).toContain("<figcaption>Unknown source story</figcaption>");
  });

  it("lets a theme override each part through named renderer rules", () => {
    const md = createMarkdown();
    md.renderer.rules.gloss_quote_caption = () => "<figcaption>mine</figcaption>\n";
    md.renderer.rules.gloss_elision = () => "<del>cut</del>";
    const state = createRenderState({ file: "posts/x.md", lineOffset: 0, idPrefix: "", lookupSource: (id) => SOURCES[id] });
    expect(md.render("> [!quote story]\n> A […] b.\n", { gloss: state })).toBe(
      '<figure class="quotation h-cite" id="q1">\n<blockquote class="p-content" cite="https://news.example/story?a=1&amp;b=2">\n<p>A <del>cut</del> b.</p>\n</blockquote>\n<figcaption>mine</figcaption>\n</figure>\n',
    );
  });
});
