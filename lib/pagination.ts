// Pagination: one list cut into pages with stable URLs (`/x/`, `/x/page/2/`) and prev/next links.

export interface Page<T> {
  url: string;
  /** 1-based. */
  number: number;
  total: number;
  items: T[];
  prevUrl: string | undefined;
  nextUrl: string | undefined;
  firstUrl: string;
  lastUrl: string;
}

export function pageUrl(baseUrl: string, number: number): string {
  return number === 1 ? baseUrl : `${baseUrl}page/${number}/`;
}

/** Cuts `items` into pages of `size`; an empty list still has one (empty) page. */
export function paginate<T>(items: readonly T[], size: number, baseUrl: string): Page<T>[] {
  const total = Math.max(1, Math.ceil(items.length / size));
  const pages: Page<T>[] = [];
  for (let number = 1; number <= total; number += 1) {
    pages.push({
      url: pageUrl(baseUrl, number),
      number,
      total,
      items: items.slice((number - 1) * size, number * size),
      prevUrl: number > 1 ? pageUrl(baseUrl, number - 1) : undefined,
      nextUrl: number < total ? pageUrl(baseUrl, number + 1) : undefined,
      firstUrl: baseUrl,
      lastUrl: pageUrl(baseUrl, total),
    });
  }
  return pages;
}
