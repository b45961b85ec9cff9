// The site's routes: one virtual template per kind of page, paginated over the catalog.
// Layouts in layouts/ present them; nothing here decides what a page shows.
import { ROUTES } from "../core/routes.ts";
import type { Page } from "../catalog/pagination.ts";

/** The slice of Eleventy's config API this adapter uses. */
export interface TemplateRegistry {
  addTemplate(virtualPath: string, content: string, data: Record<string, unknown>): void;
}

interface RouteData {
  [key: string]: unknown;
}

interface Owner {
  name?: string | null;
  displayName?: string;
  title?: string;
}
type Listing = Page<unknown> & { owner?: Owner };

/**
 * Pagination over a path into the `gloss` global, one page per item; a dev-server rebuild keeps
 * only the items it plans to render again (`gloss.renderOnly`, lib/pipeline/incremental.ts).
 */
export function paginateGloss(data: string, alias: string) {
  return {
    data: `gloss.${data}`,
    size: 1,
    alias,
    addAllPagesToCollections: false,
    before: (items: unknown[], full: { gloss?: { renderOnly?: ReadonlySet<object> | undefined } }) => {
      const only = full.gloss?.renderOnly;
      return only ? items.filter((item) => only.has(item as object)) : items;
    },
  };
}

/** A page per item of `data` (a path into the `gloss` global), written at the item's `url`. */
function route(layout: string, data: string, alias: string, urlOf: (item: RouteData) => string, titleOf: (item: RouteData) => string) {
  return {
    layout,
    pagination: paginateGloss(data, alias),
    permalink: (page: RouteData) => urlOf(page[alias] as RouteData),
    eleventyComputed: { pageTitle: (page: RouteData) => titleOf(page[alias] as RouteData) },
    eleventyExcludeFromCollections: true,
  };
}

const pageUrl = (item: RouteData) => (item as unknown as Page<unknown>).url;

/** The owner's name as pages show it: an author's display name, a source's title. */
function ownerName(item: RouteData): string {
  const owner = (item as unknown as Listing).owner;
  return owner ? (owner.displayName ?? owner.name ?? owner.title ?? "") : "";
}

/** "Tag: North Korea (page 2 of 3)": unique per page, as search engines want. */
export function listingTitle(base: string, item: RouteData): string {
  const { number, total } = item as unknown as Listing;
  if (number <= 1) return base;
  return base ? `${base} (page ${number} of ${total})` : `Page ${number} of ${total}`;
}

/** A listing route whose title is `titleOf(owner name)` plus the page position. */
function listing(layout: string, data: string, titleOf: (name: string) => string) {
  return route(layout, data, "listing", pageUrl, (l) => listingTitle(titleOf(ownerName(l)), l));
}

export function pagesPlugin(eleventyConfig: TemplateRegistry): void {
  const add = (name: string, data: Record<string, unknown>) => eleventyConfig.addTemplate(`gloss/${name}.njk`, "", data);
  add("home", listing("home.njk", "pages.home", () => ""));
  add("post", route("post.njk", "posts", "post", (post) => String(post.url), (post) => String(post.title)));
  add("tag", listing("tag.njk", "pages.tags", (name) => `Tag: ${name}`));
  add("author", listing("author.njk", "pages.authors", (name) => name));
  add("outlet", listing("outlet.njk", "pages.outlets", (name) => name));
  add("outlet-sources", listing("outlet-sources.njk", "pages.outletSources", (name) => `Stories quoted from ${name}`));
  add("source", listing("source.njk", "pages.sources", (name) => `Source: ${name}`));
  add("month", listing("month.njk", "pages.archiveMonths", (name) => `Archive: ${name}`));
  add("tags", listing("tags.njk", "pages.tagIndex", () => "Tags"));
  add("tags-by-name", { ...listing("tags.njk", "pages.tagIndexByName", () => "Tags by name"), tagOrder: "name" });
  add("authors", listing("authors.njk", "pages.authorIndex", () => "Authors"));
  add("outlets", listing("outlets.njk", "pages.outletIndex", () => "Outlets"));
  add("sources", listing("sources.njk", "pages.sourceIndex", () => "Sources"));
  add("archive", listing("archive.njk", "pages.archiveIndex", () => "Archive"));
  add("search", { layout: "search.njk", permalink: ROUTES.search, eleventyExcludeFromCollections: true });
  add("404", { layout: "404.njk", permalink: ROUTES.notFound, eleventyExcludeFromCollections: true });
}
