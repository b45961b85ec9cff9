import { describe, expect, it } from "vitest";
import { generateCorpus, random } from "../../lib/bench/corpus.ts";
import { median, ratio, renderTable } from "../../lib/bench/report.ts";
import { readPost } from "../../lib/content/read.ts";
import type { ContentProblem } from "../../lib/core/errors.ts";

describe("the benchmark corpus", () => {
  const corpus = generateCorpus({ posts: 200, seed: 3 });

  it("is the same for the same seed and different for another", () => {
    expect(generateCorpus({ posts: 200, seed: 3 })).toEqual(corpus);
    expect(generateCorpus({ posts: 200, seed: 4 }).get("post-000001.md")).not.toBe(corpus.get("post-000001.md"));
  });

  it("has N posts, ~N/20 sources, registries, and valid front matter", () => {
    const posts = [...corpus.keys()].filter((k) => k.endsWith(".md"));
    expect(posts).toHaveLength(200);
    expect(corpus.get("_data/sources.yaml")!.match(/^source-\d+:$/gm)).toHaveLength(10);
    expect(corpus.get("_data/authors.yaml")!.match(/^author-\d+:$/gm)).toHaveLength(20);
    expect(corpus.get("_data/outlets.yaml")!.match(/^outlet-\d+:$/gm)).toHaveLength(50);
    const problems: ContentProblem[] = [];
    for (const name of posts.slice(0, 20)) readPost(corpus.get(name)!, name, "Europe/Berlin", problems);
    expect(problems).toEqual([]);
  });

  it("writes ~600-word posts with two attributed quotations", () => {
    const post = corpus.get("post-000007.md")!;
    expect(post.match(/^> \[!quote source-\d+\]$/gm)).toHaveLength(2);
    const words = post.split("---")[2]!.split(/\s+/).filter((w) => /\w/.test(w)).length;
    expect(words).toBeGreaterThan(500);
    expect(words).toBeLessThan(800);
  });

  it("uses tags with a Zipf-like skew: the top tag is far more common than the median one", () => {
    const counts = new Map<string, number>();
    for (const [name, text] of generateCorpus({ posts: 2000 })) {
      if (!name.endsWith(".md")) continue;
      for (const tag of JSON.parse(/^tags: (.*)$/m.exec(text)![1]!) as string[]) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
    const sorted = [...counts.values()].sort((a, b) => b - a);
    expect(sorted.length).toBeGreaterThan(150);
    expect(sorted[0]!).toBeGreaterThan(20 * sorted[Math.floor(sorted.length / 2)]!);
  });

  it("random() is deterministic and in [0, 1)", () => {
    const a = random(9);
    const b = random(9);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});

describe("bench report", () => {
  it.each([
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ])("median of %j is %d", (values, expected) => expect(median(values)).toBe(expected));

  it("prints a table with ratios and growth", () => {
    const side = (seconds: number) => ({ pages: 10, seconds, rssMiB: 100 });
    const table = renderTable([
      { posts: 100, runs: 3, gloss: side(2), floor: side(1), ratio: ratio(2, 1), incrementalSeconds: 0.5 },
      { posts: 1000, runs: 3, gloss: side(10), floor: side(6), ratio: ratio(10, 6), incrementalSeconds: 1 },
    ]);
    expect(table.split("\n")[0]).toBe("|    N | runs | Gloss pages | Gloss s | Gloss RSS MiB | floor pages | floor s | floor RSS MiB | ratio | incremental s |");
    expect(table).toContain("| 1000 |    3 |          10 |   10.00 |           100 |          10 |    6.00 |           100 |  1.67 |          1.00 |");
    expect(table.split("\n").at(-1)).toBe("growth: time(1000)/time(100) = 5.00");
  });
});
