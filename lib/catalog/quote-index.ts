// The quote index: every passage quoted from a source, normalised so that the same passage
// quoted by several posts appears once with all of them, in story order where the posts agree.
// Quotations meet by their passage's key (`passageKey`, lib/markdown/env.ts), made with the render.
import type { QuotedPassage } from "../markdown/env.ts";

export interface PassageUse<P> {
  post: P;
  /** Anchor of the quotation in the post page. */
  anchor: string;
}

export interface PassageGroup<P> {
  text: string;
  uses: PassageUse<P>[];
}

/**
 * Merges each post's passages (in the order the post quotes them) into one list per source.
 * A passage new to the list goes right after the passage the same post quoted before it, or,
 * for a post's first passages, right before the next one already listed; so posts that quote
 * a story in its own order rebuild that order.
 */
export function buildQuoteIndex<P>(
  quotes: Iterable<{ post: P; passages: readonly Pick<QuotedPassage, "sourceId" | "text" | "anchor" | "key">[] }>,
): Map<string, PassageGroup<P>[]> {
  const index = new Map<string, { order: PassageGroup<P>[]; byKey: Map<string, PassageGroup<P>> }>();
  for (const { post, passages } of quotes) {
    const perSource = new Map<string, Pick<QuotedPassage, "text" | "anchor" | "key">[]>();
    for (const passage of passages) {
      const list = perSource.get(passage.sourceId) ?? [];
      list.push(passage);
      perSource.set(passage.sourceId, list);
    }
    for (const [sourceId, sequence] of perSource) {
      let entry = index.get(sourceId);
      if (!entry) index.set(sourceId, (entry = { order: [], byKey: new Map() }));
      const { order, byKey } = entry;
      const keys = sequence.map((passage) => passage.key);
      const known = keys.map((key) => byKey.get(key));
      let previous: PassageGroup<P> | undefined;
      sequence.forEach((passage, i) => {
        const key = keys[i]!;
        let group = known[i] ?? byKey.get(key);
        if (!group) {
          group = { text: passage.text, uses: [] };
          byKey.set(key, group);
          const next = known.slice(i + 1).find((g) => g !== undefined);
          const at = previous ? order.indexOf(previous) + 1 : next ? order.indexOf(next) : order.length;
          order.splice(at, 0, group);
        }
        if (!group.uses.some((use) => use.post === post)) group.uses.push({ post, anchor: passage.anchor });
        previous = group;
      });
    }
  }
  return new Map([...index].map(([id, entry]) => [id, entry.order]));
}
