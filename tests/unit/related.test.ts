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
});
