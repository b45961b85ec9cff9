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

  it("prints a table with both ratios, warm and dev rebuild times, the warm builds' memory and CPU time, and growth", () => {
    const side = (seconds: number, cpuSeconds?: number) => ({ pages: 10, seconds, rssMiB: 100, peakMiB: 300, ...(cpuSeconds === undefined ? {} : { cpuSeconds }) });
    const row = (posts: number, gloss: number, floor: number) => ({
      posts, runs: 3, measuredAt: "2026-12-01T00:00:00Z", gloss: side(gloss, posts === 100 ? undefined : 18.46), floor: side(floor), floorSearch: { seconds: 1, peakMiB: 200 },
      ratio: ratio(gloss, floor), searchRatio: ratio(gloss, floor + 1), warmSeconds: 0.75, warmPeakMiB: posts === 100 ? undefined : 250, incrementalSeconds: posts === 100 ? undefined : 1,
      ...(posts === 100 ? {} : { warmCpuRuns: [3.2, 2.9, 3.44] }),
    });
    const table = renderTable([row(100, 2, 1), row(1000, 10, 6)]);
    expect(table.split("\n")[0]).toBe("|    N | runs | Gloss pages | Gloss s | Gloss Node MiB | Gloss all MiB | floor pages | floor s | floor MiB | Pagefind s | Pagefind MiB | ratio | ratio +Pagefind | warm s | warm all MiB | dev rebuild s | Gloss CPU s | warm CPU s |");
    expect(table).toContain("| 1000 |    3 |          10 |   10.00 |            100 |           300 |          10 |    6.00 |       300 |       1.00 |          200 |  1.67 |            1.43 |   0.75 |          250 |          1.00 |        18.5 |        3.2 |");
    expect(table).toContain("|  100 |    3 |          10 |    2.00 |            100 |           300 |          10 |    1.00 |       300 |       1.00 |          200 |  2.00 |            1.00 |   0.75 |            – |             – |           – |          – |");
    expect(table.split("\n").at(-1)).toBe("growth: time(1000)/time(100) = 5.00");
  });
});
