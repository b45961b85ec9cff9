// The catalog's model: what the site is made of once the content is read, checked and
// cross-referenced. Plain types (plus two small pure helpers); built by lib/catalog/build.ts,
// read by every output and template.
import type { PostDate } from "../core/dates.ts";
import type { Site } from "../content/site.ts";
import type { QuotedPassage } from "../markdown/env.ts";
import type { CitationPart } from "./citation.ts";
import type { TocEntry } from "../markdown/headings.ts";
import type { ImagePlan } from "../markdown/image-plan.ts";
import type { GroupSlice, Page } from "./pagination.ts";
import type { PassageGroup } from "./quote-index.ts";
import type { SourceLink } from "./source-link.ts";

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
  /** Which link leads, and the note when the original is recorded gone (lib/catalog/source-link.ts). */
  link: SourceLink;
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

/** One name of a byline: what goes before it ("", ", ", " and ") and the author. */
export interface BylineName {
  separator: string;
  author: Author;
}

/** How to cite a post (lib/catalog/citation.ts). */
export interface Citation {
  /** Chicago style, in runs the template prints (the blog's title in italics, the URL as a link). */
  parts: CitationPart[];
  /** The same as one line of text. */
  text: string;
  bibtex: string;
  /** CSL-JSON, serialized. */
  csl: string;
  bibtexUrl: string;
  cslUrl: string;
}

export interface Post {
  slug: string;
  url: string;
  file: string;
  title: string;
  date: PostDate;
  dateNote: string | undefined;
  updated: PostDate | undefined;
  /** Its authors, in the order the post names them (one or more). */
  authors: Author[];
  /** The first of `authors`, who leads the byline. */
  author: Author;
  /** `authors` as a byline prints them: "A", "A and B", "A, B and C". */
  byline: BylineName[];
  /** The outlet every one of its authors writes for, when they share one (shown after the byline). */
  outlet: Outlet | undefined;
  /** Every outlet its authors write for, once each (each outlet's page lists the post). */
  outlets: Outlet[];
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
  /** "4 min read", from `words.total` (lib/core/text.ts declares the reading speed). */
  readingTime: string;
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
  /** Its citation, in words and as files to download. */
  cite: Citation;
  /** Old addresses that redirect here (`aliases:`), root-relative, without the path prefix. */
  aliases: string[];
}

/** An old address of a post, written as a redirect page and a `_redirects` line. */
export interface Redirect {
  /** The old address, root-relative, without the path prefix. */
  from: string;
  post: Post;
  /** The post's absolute URL: the redirect page's canonical link. */
  canonical: string;
  /** Where the alias is declared, for messages about it. */
  file: string;
  field: string;
  line: number | undefined;
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

/** A standalone page (`pages/about.md` → `/about/`): in the sitemap and search, never in feeds or listings. */
export interface SitePage {
  slug: string;
  url: string;
  file: string;
  title: string;
  /** The label of its navigation links: `navTitle`, else the title. */
  navTitle: string;
  description: string;
  html: string;
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
  /** Standalone pages, by slug. */
  sitePages: SitePage[];
  /** The pages the header and the footer link to, in the order the site settings give. */
  nav: { header: SitePage[]; footer: SitePage[] };
  /** Old addresses of published posts, in post order (lib/catalog/redirects.ts). */
  redirects: Redirect[];
  /** Non-fatal notes for the author (e.g. a source recorded gone with no archived copy). */
  warnings: string[];
}
