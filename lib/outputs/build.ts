// The outputs stage: from the catalog, everything the site writes besides what templates
// print: the feeds and their entries, each page kind's items, and every page's metadata.
// Built once per build; the pages adapter, the sitemap and the dev server read the result.
import type { Catalog } from "../catalog/model.ts";
import { selectFeeds, type FeedSet } from "./feeds.ts";
import { buildPageIndex, type PageIndex } from "./meta.ts";
import { PAGE_KINDS, itemsByKind } from "./page-kinds.ts";
import { checkRedirectClashes, redirectsFile } from "./redirects.ts";

export interface Outputs {
  /** The site, tag and author feeds with their latest entries. */
  feeds: FeedSet;
  /** Each page kind's items, by kind name (lib/outputs/page-kinds.ts). */
  kinds: Record<string, readonly unknown[]>;
  /** Every HTML page's metadata, by URL. */
  meta: PageIndex;
  /** The `_redirects` file's text (lib/outputs/redirects.ts). */
  redirectsFile: string;
}

export function buildOutputs(catalog: Catalog): Outputs {
  const feeds = selectFeeds({ site: catalog.site, posts: catalog.posts, tags: catalog.tags, authors: catalog.authors });
  const source = { catalog, feeds };
  const kinds = itemsByKind(source);
  checkRedirectClashes(catalog.redirects, PAGE_KINDS, kinds, "redirect");
  return { feeds, kinds, meta: buildPageIndex(source), redirectsFile: redirectsFile(catalog.redirects, catalog.site) };
}
