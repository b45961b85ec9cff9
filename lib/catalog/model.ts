// The catalog's model: what the site is made of once the content is read, checked and
// cross-referenced. Plain types (plus two small pure helpers); built by lib/catalog/build.ts,
// read by every output and template.
import type { PostDate } from "../core/dates.ts";
import type { Site } from "../content/site.ts";
import type { QuotedPassage } from "../markdown/env.ts";
import type { TocEntry } from "../markdown/headings.ts";
import type { ImagePlan } from "../markdown/image-plan.ts";
import type { GroupSlice, Page } from "./pagination.ts";
import type { PassageGroup } from "./quote-index.ts";

export interface Tag {
  name: string;
  slug: string;
  url: string;
  posts: Post[];
}

export interface Outlet {
  id: string;
  name: string;
  url: string;
  pageUrl: string;
  /** Posts by authors who write for this outlet, newest first. */
  posts: Post[];
  /** Quoted stories this outlet ran, newest first. */
  sources: Source[];
  /** The newest of `sources`, for the outlet's own page (at most `pageSize`). */
  sourcePreview: Source[];
  /** The paginated list of all its sources, when there are more than the preview shows. */
  sourcesUrl: string | undefined;
}

export interface Author {
  id: string;
  /** null when the name is not known; templates show `displayName`. */
  name: string | null;
  displayName: string;
  url: string | undefined;
  bio: string | undefined;
  outlet: Outlet | undefined;
  outletNote: string | undefined;
  pageUrl: string;
  posts: Post[];
}

export interface Source {
  id: string;
  title: string;
  url: string;
  archived: string | undefined;
  byline: string | undefined;
  outlet: Outlet;
  published: PostDate;
  pageUrl: string;
  /** Posts that quote or cite it, newest first. */
  posts: Post[];
  /** Every passage quoted from it, once each, with the posts that quote it. */
  passages: PassageGroup<Post>[];
  /** schema.org NewsArticle for its page, serialized for a <script type="application/ld+json">. */
  jsonLd: string;
}

export interface WordShare {
  quoted: number;
  commentary: number;
  total: number;
  /** Whole percent of the post's words that are quotation. */
  quotedPercent: number;
  /** Whole percent that is the author's own words (0 for a post with no words at all). */
  commentaryPercent: number;
}

/** Quoted against own words, in whole percent that add up to 100. */
export function wordShare(quoted: number, commentary: number): WordShare {
  const total = quoted + commentary;
  const quotedPercent = total === 0 ? 0 : Math.round((100 * quoted) / total);
  return { quoted, commentary, total, quotedPercent, commentaryPercent: total === 0 ? 0 : 100 - quotedPercent };
}

export interface Post {
  slug: string;
  url: string;
  file: string;
  title: string;
  date: PostDate;
  dateNote: string | undefined;
  updated: PostDate | undefined;
  author: Author;
  outlet: Outlet | undefined;
  tags: Tag[];
  sources: Source[];
  description: string | undefined;
  /** `description`, or the opening of the author's own words. */
  summary: string;
  html: string;
  /** The table of contents of a `toc: true` post with two headings or more. */
  toc: TocEntry[] | undefined;
  /** The local images it shows, as the build makes them (lib/markdown/image-plan.ts). */
  images: readonly ImagePlan[];
  /** Its own share image (`image:`, `imageAlt:`); without one, a card is drawn for it. */
  shareImage: { plan: ImagePlan; alt: string } | undefined;
  words: WordShare;
  /** The passages it quotes, in the order it quotes them (for its sources' quote lists). */
  passages: readonly QuotedPassage[];
  draft: boolean;
  /** Dated after "now": hidden from production builds until then. */
  scheduled: boolean;
  /** Newer and older neighbours in the list of all posts. */
  newer: Post | undefined;
  older: Post | undefined;
  related: Post[];
  /** schema.org BlogPosting citing its sources, serialized for a <script type="application/ld+json">. */
  jsonLd: string;
}

/** The date a post was last changed as far as we know: `updated`, else its publication date. */
export function lastChanged(post: Pick<Post, "date" | "updated">): PostDate {
  return post.updated ?? post.date;
}

export interface ArchiveMonth {
  year: number;
  month: number;
  /** "March 2019". */
  name: string;
  /** "2019-03". */
  id: string;
  url: string;
  /** The year it belongs to (for breadcrumbs). */
  archiveYear: ArchiveYear;
  posts: Post[];
  /** The next month with posts after this one, and the previous one before it. */
  newer: ArchiveMonth | undefined;
  older: ArchiveMonth | undefined;
}

export interface ArchiveYear {
  year: number;
  /** Months with posts, newest first. */
  months: ArchiveMonth[];
  postCount: number;
  /** Fragment id of the year's heading on the archive index. */
  id: string;
  /** The archive index page where the year's heading is, with the fragment. */
  indexUrl: string;
}

/** A page of posts (or other entries) that belong to one tag, author, outlet, source or month. */
export type OwnedPage<O, T = Post> = Page<T> & { owner: O };

/** Paginated listings, one entry per page to write (lib/catalog/listings.ts). */
export interface Listings {
  /** Posts (`pageSize` per page). */
  home: Page<Post>[];
  tags: OwnedPage<Tag>[];
  authors: OwnedPage<Author>[];
  outlets: OwnedPage<Outlet>[];
  sources: OwnedPage<Source>[];
  archiveMonths: OwnedPage<ArchiveMonth>[];
  /** Indexes (`indexPageSize` entries per page). */
  tagIndex: Page<Tag>[];
  tagIndexByName: Page<Tag>[];
  authorIndex: Page<Author>[];
  outletIndex: Page<Outlet>[];
  /** Every source, grouped by outlet (outlets by name, stories newest first). */
  sourceIndex: Page<GroupSlice<Outlet, Source>>[];
  /** Every month with posts, grouped by year, newest first. */
  archiveIndex: Page<GroupSlice<ArchiveYear, ArchiveMonth>>[];
  /** An outlet's stories, for outlets with more than its page previews. */
  outletSources: OwnedPage<Outlet, Source>[];
}

export interface Catalog {
  site: Site;
  /** Published posts, newest first (with drafts and scheduled ones when they are shown). */
  posts: Post[];
  authors: Author[];
  outlets: Outlet[];
  sources: Source[];
  /** Tags by post count, then name. */
  tags: Tag[];
  /** Tags by name. */
  tagsByName: Tag[];
  /** Years with posts, newest first. */
  archive: ArchiveYear[];
  pages: Listings;
  /** Non-fatal notes for the author (e.g. sources without an archived copy). */
  warnings: string[];
}
