// Each distinct link of a build kept once, with its place (LinkTable): what the links check
// (links.ts) and the build's record (lib/pipeline/build-record.ts) look links up by. Apart from
// facts.ts, which reads pages with htmlparser2: the build's own process reads the record and
// loads none of the render's packages (tests/build/compiled.test.ts).
/** A URL a page holds, and where: read by lib/checks/facts.ts, for every page. */
export interface LinkFact {
  /** Element and attribute the URL came from: `a[href]`, `link[href]`, `img[src]`, `script[src]`, `form[action]`... */
  tag: string;
  attr: string;
  value: string;
  rel: string | undefined;
}

/** A copy of a string that holds nothing else: htmlparser2's values are slices of the page's text, and would keep all of it alive. */
export const detached = (text: string): string => structuredClone(text);

/** Keeps each distinct string once, detached: the same text always gives the same string. */
export function stringPool(): (text: string) => string {
  const pool = new Map<string, string>();
  return (text) => {
    let kept = pool.get(text);
    if (kept === undefined) pool.set((kept = detached(text)), kept);
    return kept;
  };
}

/**
 * A link kept in a LinkTable: `at` is its place there. The checks and the build's record look a
 * kept link up by its place, an array read, where any other link object needs a map
 * (lib/checks/links.ts, lib/pipeline/build-record.ts): 1.1 million links at 10,000 posts.
 */
export interface KeptLink extends LinkFact {
  readonly at: number;
}

/** A kept link's place is a private field: a kept link still equals the link as read, and copies (JSON, structuredClone) are plain links. */
class Kept implements KeptLink {
  readonly #at: number;
  constructor(
    readonly tag: string,
    readonly attr: string,
    readonly value: string,
    readonly rel: string | undefined,
    at: number,
  ) {
    this.#at = at;
  }
  get at(): number {
    return this.#at;
  }
}

/**
 * A number for each place of a table's links (a row, a slot), -1 where none was given: an array
 * read, where a map keyed by the link would be a lookup for each of 1.1 million links. It grows
 * as places come, so its user need not know the table's size.
 */
export class ByPlace {
  #values = new Int32Array(0);

  get(at: number): number {
    return at < this.#values.length ? this.#values[at]! : -1;
  }

  set(at: number, value: number): void {
    if (at >= this.#values.length) {
      const grown = new Int32Array(Math.max(at + 1, this.#values.length * 2, 1024)).fill(-1);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[at] = value;
  }
}

/** Whether two links of the same value are the same link. */
const sameLink = (a: LinkFact, b: LinkFact): boolean => a.tag === b.tag && a.attr === b.attr && a.rel === b.rel;

/** The place of a link in the table that keeps it, or undefined for a link no table keeps. */
export const placeOf = (link: LinkFact): number | undefined => (link instanceof Kept ? link.at : undefined);

/**
 * Each distinct link of a build, once (its tag, attribute, value and rel): the pages that have it
 * share the object. One table holds the links of the pages a warm build carries over, read from
 * the record, and those of the pages it renders (FactTable).
 */
export class LinkTable {
  readonly links: KeptLink[] = [];
  /** Links by value: the first of a value, then its other variants (tag, attribute, rel), if any. */
  private readonly byValue = new Map<string, KeptLink>();
  private readonly variants = new Map<string, KeptLink[]>();
  private readonly name = stringPool();

  /** Whether `link` is this table's own object. */
  owns(link: LinkFact): link is KeptLink {
    const at = placeOf(link);
    return at !== undefined && this.links[at] === link;
  }

  /**
   * The table's link equal to `link`, kept now if it has none: with its strings copied unless
   * `copy` is false (htmlparser2's values are slices of the page's text, and would keep all of
   * it alive; JSON.parse's are not).
   */
  intern(link: LinkFact, copy = true): KeptLink {
    if (this.owns(link)) return link;
    const first = this.byValue.get(link.value);
    if (first && sameLink(first, link)) return first;
    for (const kept of (first && this.variants.get(link.value)) || []) if (sameLink(kept, link)) return kept;
    const kept = new Kept(this.name(link.tag), this.name(link.attr), copy ? detached(link.value) : link.value, link.rel === undefined ? undefined : this.name(link.rel), this.links.length);
    this.links.push(kept);
    if (!first) this.byValue.set(kept.value, kept);
    else {
      const others = this.variants.get(kept.value);
      if (others) others.push(kept);
      else this.variants.set(kept.value, [kept]);
    }
    return kept;
  }
}
