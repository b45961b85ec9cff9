// Pagination: one list cut into pages with stable URLs (`/x/`, `/x/page/2/`), prev/next links
// and a short window of numbered links; grouped lists (sources by outlet, months by year) are
// cut by entries, not by groups, so every page holds at most `size` entries.

export interface PageLink {
  /** A page number, or `null` for a gap ("…") between numbered links. */
  number: number | null;
  url: string | undefined;
  current: boolean;
}

export interface Page<T> {
  url: string;
  /** 1-based. */
  number: number;
  total: number;
  items: T[];
  /** Entries on earlier pages, and in the whole listing (for numbering across pages). */
  offset: number;
  count: number;
  prevUrl: string | undefined;
  nextUrl: string | undefined;
  firstUrl: string;
  lastUrl: string;
  /** Numbered links around this page, with the first and last always present (when total > 1). */
  links: PageLink[];
}

/** One group's share of a page: its entries on this page, and whether it began on an earlier page. */
export interface GroupSlice<G, T> {
  group: G;
  items: T[];
  continued: boolean;
}

/** How many numbered links to show on each side of the current page. */
const LINK_RADIUS = 2;

export function pageUrl(baseUrl: string, number: number): string {
  return number === 1 ? baseUrl : `${baseUrl}page/${number}/`;
}

/**
 * Numbered page links: 1 … 4 5 [6] 7 8 … 40. At most 2·radius + 5 entries, so a pager stays
 * small however long the listing, while any page is a few clicks from any other.
 */
export function pageLinks(baseUrl: string, number: number, total: number, radius = LINK_RADIUS): PageLink[] {
  if (total <= 1) return [];
  const links: PageLink[] = [];
  const push = (n: number) => links.push({ number: n, url: pageUrl(baseUrl, n), current: n === number });
  const from = Math.max(2, number - radius);
  const to = Math.min(total - 1, number + radius);
  push(1);
  // A gap of one page is shown as that page: "1 2 3", never "1 … 3".
  if (from === 3) push(2);
  else if (from > 3) links.push({ number: null, url: undefined, current: false });
  for (let n = from; n <= to; n += 1) push(n);
  if (to === total - 2) push(total - 1);
  else if (to < total - 2) links.push({ number: null, url: undefined, current: false });
  push(total);
  return links;
}

function makePage<T>(baseUrl: string, number: number, total: number, items: T[], offset: number, count: number): Page<T> {
  return {
    url: pageUrl(baseUrl, number),
    number,
    total,
    items,
    offset,
    count,
    prevUrl: number > 1 ? pageUrl(baseUrl, number - 1) : undefined,
    nextUrl: number < total ? pageUrl(baseUrl, number + 1) : undefined,
    firstUrl: baseUrl,
    lastUrl: pageUrl(baseUrl, total),
    links: pageLinks(baseUrl, number, total),
  };
}

/** Cuts `items` into pages of `size`; an empty list still has one (empty) page. */
export function paginate<T>(items: readonly T[], size: number, baseUrl: string): Page<T>[] {
  const total = Math.max(1, Math.ceil(items.length / size));
  const pages: Page<T>[] = [];
  for (let number = 1; number <= total; number += 1) {
    pages.push(makePage(baseUrl, number, total, items.slice((number - 1) * size, number * size), (number - 1) * size, items.length));
  }
  return pages;
}

/**
 * Cuts a list of groups into pages of at most `size` entries in all. A group that does not fit
 * is split, and its slice on the next page is marked `continued`. Empty groups are skipped.
 * Linear in the number of entries.
 */
export function paginateGroups<G, T>(groups: readonly { group: G; items: readonly T[] }[], size: number, baseUrl: string): Page<GroupSlice<G, T>>[] {
  const chunks: GroupSlice<G, T>[][] = [[]];
  let room = size;
  for (const { group, items } of groups) {
    let start = 0;
    while (start < items.length) {
      if (room === 0) {
        chunks.push([]);
        room = size;
      }
      const taken = items.slice(start, start + room);
      chunks[chunks.length - 1]!.push({ group, items: taken, continued: start > 0 });
      start += taken.length;
      room -= taken.length;
    }
  }
  const count = groups.reduce((n, g) => n + g.items.length, 0);
  return chunks.map((slices, i) => makePage(baseUrl, i + 1, chunks.length, slices, i * size, count));
}

/** For each group, the page where it begins (for "see this group" links); one pass over the pages. */
export function groupStartPages<G, T>(pages: readonly Page<GroupSlice<G, T>>[]): Map<G, Page<GroupSlice<G, T>>> {
  const starts = new Map<G, Page<GroupSlice<G, T>>>();
  for (const page of pages) {
    for (const slice of page.items) if (!slice.continued) starts.set(slice.group, page);
  }
  return starts;
}
