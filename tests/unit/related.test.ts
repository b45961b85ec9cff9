import { describe, expect, it } from "vitest";
import { relatedItems } from "../../lib/catalog/related.ts";

function indexOf(items: { sourceIds: string[]; tagSlugs: string[] }[]) {
  const bySource = new Map<string, number[]>();
  const byTag = new Map<string, number[]>();
  items.forEach((item, index) => {
    for (const s of item.sourceIds) bySource.set(s, [...(bySource.get(s) ?? []), index]);
    for (const t of item.tagSlugs) byTag.set(t, [...(byTag.get(t) ?? []), index]);
  });
  return { list: items.map((item, index) => ({ ...item, index })), bySource, byTag };
}

describe("relatedItems", () => {
  it("ranks shared sources above shared tags, then nearness in time", () => {
    const { list, bySource, byTag } = indexOf([
      { sourceIds: ["s"], tagSlugs: ["a"] }, // 0
      { sourceIds: [], tagSlugs: ["a", "b"] }, // 1: two shared tags with 3
      { sourceIds: ["s"], tagSlugs: [] }, // 2: shares only the source
      { sourceIds: ["s"], tagSlugs: ["a", "b"] }, // 3
      { sourceIds: [], tagSlugs: [] }, // 4: nothing shared
    ]);
    const related = relatedItems(list, bySource, byTag);
    expect(related[3]).toEqual([0, 2, 1]);
    expect(related[0]).toEqual([3, 2, 1]);
    expect(related[4]).toEqual([]);
  });

  it("keeps at most `limit` and never the item itself", () => {
    const { list, bySource, byTag } = indexOf(Array.from({ length: 50 }, () => ({ sourceIds: ["s"], tagSlugs: ["t"] })));
    const related = relatedItems(list, bySource, byTag, { limit: 3 });
    related.forEach((r, i) => {
      expect(r).toHaveLength(3);
      expect(r).not.toContain(i);
    });
    expect(related[10]).toEqual([9, 11, 8]);
  });

  it("keeps, for each item, what scoring every neighbour and sorting them all would keep", () => {
    // The rule spelled out the slow way: each neighbour within `window` places in each list
    // scores 1000 a source and 1 a tag; all are sorted by score, then distance, then index.
    const reference = (items: ReturnType<typeof indexOf>, limit: number, window: number) =>
      items.list.map((item) => {
        const scores = new Map<number, number>();
        const add = (list: number[] | undefined, weight: number) => {
          const position = list?.lastIndexOf(item.index) ?? -1;
          if (!list || position < 0) return;
          list.forEach((other, at) => {
            if (at !== position && Math.abs(at - position) <= window) scores.set(other, (scores.get(other) ?? 0) + weight);
          });
        };
        for (const s of item.sourceIds) add(items.bySource.get(s), 1000);
        for (const t of item.tagSlugs) add(items.byTag.get(t), 1);
        return [...scores]
          .sort((a, b) => b[1] - a[1] || Math.abs(a[0] - item.index) - Math.abs(b[0] - item.index) || a[0] - b[0])
          .slice(0, limit)
          .map(([other]) => other);
      });
    let seed = 11;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const items = indexOf(
      Array.from({ length: 400 }, () => ({
        sourceIds: Array.from({ length: next(3) }, () => `s${next(25)}`),
        tagSlugs: [...new Set(Array.from({ length: 1 + next(4) }, () => `t${next(8)}`))],
      })),
    );
    for (const [limit, window] of [[1, 12], [3, 12], [5, 2], [8, 30], [0, 12]] as const) {
      expect(relatedItems(items.list, items.bySource, items.byTag, { limit, window })).toEqual(reference(items, limit, window));
    }
  });
});
