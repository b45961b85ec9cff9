// Related posts: shared sources count first, shared tags second, nearer in time breaks ties.
// Linear in the number of posts: candidates come only from each post's neighbours in the
// source and tag indexes, never from a scan of every post; each item's place in those lists is
// found by a binary search, and only its best `limit` candidates are kept in order, never sorted.

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

/** Where `item` is in `list`, ascending item indexes: its last place, as a map of places would keep. */
function placeIn(list: readonly number[], item: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]! <= item) low = middle + 1;
    else high = middle;
  }
  return list[low - 1] === item ? low - 1 : list.lastIndexOf(item);
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
  if (limit < 1) return items.map(() => []);
  // Scores of the current item's candidates, by item index; `touched` lists those set, to reset.
  const scores = new Float64Array(items.length);
  const touched: number[] = [];
  const add = (list: readonly number[] | undefined, item: number, weight: number) => {
    if (!list) return;
    const position = placeIn(list, item);
    if (position < 0) return;
    const from = Math.max(0, position - window);
    const to = Math.min(list.length - 1, position + window);
    for (let at = from; at <= to; at += 1) {
      if (at === position) continue;
      const other = list[at]!;
      if (scores[other] === 0) touched.push(other);
      scores[other] = scores[other]! + weight;
    }
  };
  /** Whether candidate `a` ranks before `b` for `item`: higher score, then nearer, then newer. */
  const before = (a: number, b: number, item: number) =>
    scores[a] !== scores[b] ? scores[a]! > scores[b]! : Math.abs(a - item) !== Math.abs(b - item) ? Math.abs(a - item) < Math.abs(b - item) : a < b;
  return items.map((item) => {
    for (const id of item.sourceIds) add(bySource.get(id), item.index, 1000);
    for (const slug of item.tagSlugs) add(byTag.get(slug), item.index, 1);
    // The best `limit` candidates, kept in order as the candidates are read: no sort of them all.
    const best: number[] = [];
    for (const other of touched) {
      if (best.length === limit && !before(other, best[limit - 1]!, item.index)) continue;
      if (best.length === limit) best.pop();
      let at = best.length;
      while (at > 0 && before(other, best[at - 1]!, item.index)) at -= 1;
      best.splice(at, 0, other);
    }
    for (const other of touched) scores[other] = 0;
    touched.length = 0;
    return best;
  });
}
