// Related posts: shared sources count first, shared tags second, nearer in time breaks ties.
// Linear in the number of posts: candidates come only from each post's neighbours in the
// source and tag indexes, never from a scan of every post.

export interface RelatableItem {
  /** Position in the newest-first list of all posts. */
  index: number;
  sourceIds: readonly string[];
  tagSlugs: readonly string[];
}

export interface RelatedOptions {
  /** How many related posts to keep. */
  limit: number;
  /** How many neighbours on each side to consider in each index list. */
  window: number;
}
const defaults = { limit: 3, window: 12 } satisfies RelatedOptions;

/** Neighbours of `position` in `list` (both sides, nearest first). */
function* around(list: readonly number[], position: number, window: number): Generator<number> {
  for (let step = 1; step <= window; step += 1) {
    const before = list[position - step];
    const after = list[position + step];
    if (before !== undefined) yield before;
    if (after !== undefined) yield after;
  }
}

/**
 * For items in newest-first order, returns for each item the indexes of its related items.
 * `bySource` and `byTag` map a key to the newest-first item indexes that carry it.
 */
export function relatedItems(
  items: readonly RelatableItem[],
  bySource: ReadonlyMap<string, readonly number[]>,
  byTag: ReadonlyMap<string, readonly number[]>,
  options: Partial<RelatedOptions> = {},
): number[][] {
  const { limit, window } = { ...defaults, ...options };
  // Position of each item inside each index list, so neighbours are found without a search.
  const positions = (index: ReadonlyMap<string, readonly number[]>) => {
    const at = new Map<string, Map<number, number>>();
    for (const [key, list] of index) at.set(key, new Map(list.map((item, position) => [item, position])));
    return at;
  };
  const sourcePositions = positions(bySource);
  const tagPositions = positions(byTag);
  return items.map((item) => {
    const scores = new Map<number, number>();
    const add = (index: ReadonlyMap<string, readonly number[]>, at: Map<string, Map<number, number>>, key: string, weight: number) => {
      const list = index.get(key);
      const position = at.get(key)?.get(item.index);
      if (!list || position === undefined) return;
      for (const other of around(list, position, window)) scores.set(other, (scores.get(other) ?? 0) + weight);
    };
    for (const id of item.sourceIds) add(bySource, sourcePositions, id, 1000);
    for (const slug of item.tagSlugs) add(byTag, tagPositions, slug, 1);
    return [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || Math.abs(a[0] - item.index) - Math.abs(b[0] - item.index) || a[0] - b[0])
      .slice(0, limit)
      .map(([index]) => index);
  });
}
