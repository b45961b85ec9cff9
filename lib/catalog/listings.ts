// Listings: the orders the site shows (tags by use, authors and outlets by name, stories
// newest first), the archive by year and month, and every paginated listing page. Built once
// per build from the linked, newest-first records; linear in their number.
import { ROUTES } from "../core/routes.ts";
import type { Site } from "../content/site.ts";
import type { ArchiveMonth, ArchiveYear, Author, Listings, Outlet, OwnedPage, Post, Source, Tag } from "./model.ts";
import { groupStartPages, paginate, paginateGroups } from "./pagination.ts";

/** Newest first; same moment: by title, then slug. */
export function byNewest(a: Post, b: Post): number {
  return b.date.epoch - a.date.epoch || a.title.localeCompare(b.title, "en") || a.slug.localeCompare(b.slug);
}

/** Stories newest first; same day: by title. */
export function byPublished(a: Source, b: Source): number {
  return b.published.epoch - a.published.epoch || a.title.localeCompare(b.title, "en");
}

/** Named authors by name; authors whose name is not known after them, by id (never by the placeholder). */
export function compareAuthors(a: Pick<Author, "id" | "name">, b: Pick<Author, "id" | "name">): number {
  if (a.name !== null && b.name !== null) return a.name.localeCompare(b.name, "en") || a.id.localeCompare(b.id);
  if (a.name !== null) return -1;
  if (b.name !== null) return 1;
  return a.id.localeCompare(b.id);
}

/** Years and months with posts, newest first, from the newest-first list of posts; one pass. */
export function buildArchive(posts: readonly Post[]): { years: ArchiveYear[]; months: ArchiveMonth[] } {
  const years: ArchiveYear[] = [];
  const months: ArchiveMonth[] = [];
  for (const post of posts) {
    const { year: y, month: m } = post.date;
    let year = years[years.length - 1];
    if (year?.year !== y) {
      year = { year: y, months: [], postCount: 0, id: `y${y}`, indexUrl: `${ROUTES.archive}#y${y}` };
      years.push(year);
    }
    let month = year.months[year.months.length - 1];
    if (month?.month !== m) {
      const newer = months[months.length - 1];
      month = { year: y, month: m, name: post.date.monthName, id: `${y}-${String(m).padStart(2, "0")}`, url: ROUTES.archiveMonth(y, m), archiveYear: year, posts: [], newer, older: undefined };
      if (newer) newer.older = month;
      year.months.push(month);
      months.push(month);
    }
    month.posts.push(post);
    year.postCount += 1;
  }
  return { years, months };
}

export interface Ordered {
  posts: Post[];
  /** Tags with posts, by post count, then name. */
  tags: Tag[];
  tagsByName: Tag[];
  authors: Author[];
  outlets: Outlet[];
  sources: Source[];
  years: ArchiveYear[];
  months: ArchiveMonth[];
}

/** The lists in the orders pages show them; fills each outlet's preview of its stories. */
export function orderLists(posts: Post[], tags: Iterable<Tag>, authors: Iterable<Author>, outlets: Iterable<Outlet>, sources: Iterable<Source>, site: Site): Ordered {
  const tagList = [...tags].filter((tag) => tag.posts.length > 0).sort((a, b) => b.posts.length - a.posts.length || a.name.localeCompare(b.name, "en"));
  const outletList = [...outlets].sort((a, b) => a.name.localeCompare(b.name, "en") || a.id.localeCompare(b.id));
  for (const outlet of outletList) {
    outlet.sourcePreview = outlet.sources.slice(0, site.pageSize);
    if (outlet.sources.length > site.pageSize) outlet.sourcesUrl = ROUTES.outletSources(outlet.id);
  }
  return {
    posts,
    tags: tagList,
    tagsByName: [...tagList].sort((a, b) => a.name.localeCompare(b.name, "en") || a.slug.localeCompare(b.slug)),
    authors: [...authors].sort(compareAuthors),
    outlets: outletList,
    sources: [...sources].sort(byPublished),
    ...buildArchive(posts),
  };
}

/** Every listing page: `pageSize` posts a page, `indexPageSize` entries a page of an index. */
export function buildListings(lists: Ordered, site: Site): Listings {
  const size = site.pageSize;
  const indexSize = site.indexPageSize;
  const archiveIndex = paginateGroups(lists.years.map((year) => ({ group: year, items: year.months })), indexSize, ROUTES.archive);
  for (const [year, page] of groupStartPages(archiveIndex)) year.indexUrl = `${page.url}#${year.id}`;
  const owned = <O, T>(owner: O, items: readonly T[], perPage: number, url: string): OwnedPage<O, T>[] =>
    paginate(items, perPage, url).map((page) => ({ ...page, owner }));
  return {
    home: paginate(lists.posts, size, ROUTES.home),
    tags: lists.tags.flatMap((tag) => owned(tag, tag.posts, size, tag.url)),
    authors: lists.authors.flatMap((a) => owned(a, a.posts, size, a.pageUrl)),
    outlets: lists.outlets.flatMap((o) => owned(o, o.posts, size, o.pageUrl)),
    sources: lists.sources.flatMap((s) => owned(s, s.posts, size, s.pageUrl)),
    archiveMonths: lists.months.flatMap((m) => owned(m, m.posts, size, m.url)),
    tagIndex: paginate(lists.tags, indexSize, ROUTES.tags),
    tagIndexByName: paginate(lists.tagsByName, indexSize, ROUTES.tagsByName),
    authorIndex: paginate(lists.authors, indexSize, ROUTES.authors),
    outletIndex: paginate(lists.outlets, indexSize, ROUTES.outlets),
    sourceIndex: paginateGroups(lists.outlets.map((o) => ({ group: o, items: o.sources })), indexSize, ROUTES.sources),
    archiveIndex,
    outletSources: lists.outlets.flatMap((o) => (o.sourcesUrl ? owned(o, o.sources, indexSize, o.sourcesUrl) : [])),
  };
}
