// The site's routes: one virtual template per kind of page, paginated over the catalog.
// Layouts in layouts/ present them; nothing here decides what a page shows.
import { ROUTES } from "./collections.ts";
import type { Page } from "./pagination.ts";

/** The slice of Eleventy's config API this adapter uses. */
export interface TemplateRegistry {
  addTemplate(virtualPath: string, content: string, data: Record<string, unknown>): void;
}

interface RouteData {
  [key: string]: unknown;
}

type Listing = Page<unknown> & { owner?: { name?: string; displayName?: string; title?: string } };

/** A page per item of `data` (a path into the `gloss` global), written at the item's `url`. */
function route(layout: string, data: string, alias: string, urlOf: (item: RouteData) => string, titleOf: (item: RouteData) => string) {
  return {
    layout,
    pagination: { data: `gloss.${data}`, size: 1, alias, addAllPagesToCollections: false },
    permalink: (page: RouteData) => urlOf(page[alias] as RouteData),
    eleventyComputed: { pageTitle: (page: RouteData) => titleOf(page[alias] as RouteData) },
    eleventyExcludeFromCollections: true,
  };
}

const pageUrl = (item: RouteData) => (item as unknown as Page<unknown>).url;

/** "Tag: North Korea (page 2 of 3)": unique per page, as search engines want. */
export function listingTitle(kind: string, item: RouteData): string {
  const listing = item as unknown as Listing;
  const owner = listing.owner;
  const name = owner ? (owner.displayName ?? owner.name ?? owner.title ?? "") : "";
  const base = kind && name ? `${kind}: ${name}` : name || kind;
  return listing.number > 1 ? `${base} (page ${listing.number} of ${listing.total})` : base;
}

export function pagesPlugin(eleventyConfig: TemplateRegistry): void {
  const add = (name: string, data: Record<string, unknown>) => eleventyConfig.addTemplate(`gloss/${name}.njk`, "", data);
  add("home", route("home.njk", "pages.home", "listing", pageUrl, (l) => listingTitle("", l)));
  add("post", route("post.njk", "posts", "post", (post) => String(post.url), (post) => String(post.title)));
  add("tag", route("tag.njk", "pages.tags", "listing", pageUrl, (l) => listingTitle("Tag", l)));
  add("author", route("author.njk", "pages.authors", "listing", pageUrl, (l) => listingTitle("", l)));
  add("outlet", route("outlet.njk", "pages.outlets", "listing", pageUrl, (l) => listingTitle("", l)));
  add("source", route("source.njk", "pages.sources", "listing", pageUrl, (l) => listingTitle("Source", l)));
  add("tags", { layout: "tags.njk", permalink: "/tags/", eleventyExcludeFromCollections: true });
  add("authors", { layout: "authors.njk", permalink: "/authors/", eleventyExcludeFromCollections: true });
  add("outlets", { layout: "outlets.njk", permalink: "/outlets/", eleventyExcludeFromCollections: true });
  add("sources", { layout: "sources.njk", permalink: "/sources/", eleventyExcludeFromCollections: true });
  add("archive", { layout: "archive.njk", permalink: "/archive/", eleventyExcludeFromCollections: true });
  add("search", { layout: "search.njk", permalink: ROUTES.search, eleventyExcludeFromCollections: true });
  add("404", { layout: "404.njk", permalink: "/404.html", eleventyExcludeFromCollections: true });
}
