import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { formatProblem } from "../../lib/core/errors.ts";
import { appendEntry, cleanStoryUrl, guessOutlet, hostName, sourceEntryText, sourceId, storySlug } from "../../lib/authoring/new-source.ts";
import { parseWith, sourceSchema } from "../../lib/content/schema.ts";

const outlets = new Map([
  ["cnn", { url: "https://www.cnn.com/" }],
  ["guardian", { url: "https://www.theguardian.com/international" }],
  ["bbc-news", { url: "https://www.bbc.co.uk/news" }],
  ["bbc", { url: "https://bbc.co.uk/" }],
]);

describe("guessOutlet", () => {
  it.each([
    ["https://www.cnn.com/2019/03/06/politics/x/index.html", "cnn"],
    ["https://cnn.com/x", "cnn"],
    ["https://edition.cnn.com/x", "cnn"],
    ["https://www.theguardian.com/world/2019/feb/28/x", "guardian"],
    ["https://www.bbc.co.uk/news/world-asia-47390555", "bbc-news"],
    ["https://notcnn.com/x", undefined],
    ["https://www.nytimes.com/x.html", undefined],
  ])("%s → %s", (url, outlet) => {
    expect(guessOutlet(new URL(url), outlets)).toBe(outlet);
  });
});

describe("sourceId", () => {
  it.each([
    ["https://www.cnn.com/2019/03/06/politics/trump-kim-hanoi-summit-snub/index.html", "cnn", "cnn-trump-kim-hanoi-summit-snub"],
    ["https://www.nytimes.com/2019/02/28/world/asia/trump-kim-jong-un-vietnam.html", undefined, "nytimes-trump-kim-jong-un-vietnam"],
    ["https://www.bbc.co.uk/news/world-asia-47390555", undefined, "bbc-world-asia-47390555"],
    ["https://example.org/?p=123", undefined, "example-story"],
    ["https://example.org/2019/03/06/", undefined, "example-story"],
    ["https://blog.example.org/posts/a_very_long_title_with_many_many_words_in_it", undefined, "example-a-very-long-title-with-many"],
    ["https://www.cnn.com/cnn-exclusive-kim", "cnn", "cnn-exclusive-kim"],
  ])("%s → %s", (url, outlet, id) => {
    expect(sourceId(new URL(url), outlet, new Set())).toBe(id);
  });

  it("adds a number when the id is taken", () => {
    const url = new URL("https://www.cnn.com/2019/politics/summit/index.html");
    expect(sourceId(url, "cnn", new Set(["cnn-summit", "cnn-summit-2"]))).toBe("cnn-summit-3");
  });

  it("names hosts without an outlet", () => {
    expect([hostName(new URL("https://news.bbc.co.uk/x")), hostName(new URL("https://localhost/x"))]).toEqual(["bbc", "localhost"]);
    expect(storySlug(new URL("https://x.org/a/b/c%C3%A7a-va.php"))).toBe("cca-va");
  });
});

describe("cleanStoryUrl", () => {
  it("drops tracking parameters and the fragment, keeps the rest", () => {
    expect(cleanStoryUrl("https://x.org/a?utm_source=tw&id=3&fbclid=z#top").href).toBe("https://x.org/a?id=3");
    expect(cleanStoryUrl("https://x.org/a?utm_medium=m").href).toBe("https://x.org/a");
  });
});

describe("sourceEntryText", () => {
  const entry = (outlet: string | undefined) => sourceEntryText({ id: "x-story", url: new URL("https://x.org/a b?q=1"), outlet });

  it("is rejected by the schema, naming each placeholder, until filled in", () => {
    const data = (yaml.load(entry(undefined), { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>)["x-story"];
    const result = parseWith(sourceSchema("UTC"), data, { file: "sources.yaml", prefix: ["x-story"] });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'sources.yaml › x-story.title: expected the story\'s headline, got "TODO" (replace the TODO placeholder)',
      'sources.yaml › x-story.outlet: expected an outlet id from _data/outlets.yaml, got "TODO" (replace the TODO placeholder)',
      'sources.yaml › x-story.published: expected a date as YYYY-MM-DD, got "TODO" (replace the TODO placeholder)',
    ]);
    const filled = { ...(data as object), title: "A story", outlet: "x", published: "2019-03-06" };
    expect(parseWith(sourceSchema("UTC"), filled, { file: "sources.yaml" }).ok).toBe(true);
  });

  it("writes the URL so YAML reads it back exactly", () => {
    const data = yaml.load(entry("x"), { schema: yaml.CORE_SCHEMA }) as Record<string, { url: string; outlet: string }>;
    expect(data["x-story"]).toMatchObject({ url: "https://x.org/a%20b?q=1", outlet: "x" });
  });
});

describe("appendEntry", () => {
  const block = "new-one:\n  title: TODO\n";
  it.each([
    ["# Header comment\na:\n  title: A # why\n", "# Header comment\na:\n  title: A # why\n\nnew-one:\n  title: TODO\n"],
    ["a:\n  title: A", "a:\n  title: A\n\nnew-one:\n  title: TODO\n"],
    ["", "new-one:\n  title: TODO\n"],
    ["# only comments\n", "# only comments\n\nnew-one:\n  title: TODO\n"],
  ])("keeps %j byte for byte", (before, after) => {
    expect(appendEntry(before, "new-one", block)).toEqual({ ok: true, text: after });
  });

  it.each([
    ["{ a: { title: A } }\n", "the file would not be valid YAML"],
    ["- a\n- b\n", "the file would not be valid YAML"],
    ["new-one:\n  title: B\n", "the file would not be valid YAML"],
  ])("refuses to append to %j", (before, why) => {
    const result = appendEntry(before, "new-one", block);
    expect(result.ok ? "" : result.why).toContain(why);
  });
});
