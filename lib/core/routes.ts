// Every address on the site, declared once: page kinds (lib/outputs/page-kinds.ts), feeds,
// metadata, the CSP, search and the templates (as the `routes` global) all read them here.
// Paths are site-relative, without the deploy prefix: `/tags/x/`, never `/blog/tags/x/`.

export const ROUTES = {
  home: "/",
  post: (slug: string) => `/posts/${slug}/`,
  tags: "/tags/",
  tagsByName: "/tags/by-name/",
  tag: (slug: string) => `/tags/${slug}/`,
  authors: "/authors/",
  author: (id: string) => `/authors/${id}/`,
  outlets: "/outlets/",
  outlet: (id: string) => `/outlets/${id}/`,
  outletSources: (id: string) => `/outlets/${id}/sources/`,
  sources: "/sources/",
  source: (id: string) => `/sources/${id}/`,
  archive: "/archive/",
  archiveMonth: (year: number, month: number) => `/archive/${year}/${String(month).padStart(2, "0")}/`,
  search: "/search/",
  notFound: "/404.html",
  sitemap: "/sitemap.xml",
  robots: "/robots.txt",
  /** A feed of the page at `base` (`/`, `/tags/x/`): Atom and JSON Feed. */
  atomFeed: (base: string) => `${base}feed.xml`,
  jsonFeed: (base: string) => `${base}feed.json`,
  /** Images generated from the posts' own (lib/markdown/image-plan.ts), by file name. */
  media: (name: string) => `/media/${name}`,
  /** A post's share card (lib/outputs/cards.ts); the hash of what it shows names it, so caches renew. */
  card: (name: string, hash: string) => `/cards/${name}-${hash}.png`,
  /** Same-origin XSLT that makes an Atom feed readable when opened in a browser. */
  feedStylesheet: "/feed.xsl",
} as const;

/** Tag slugs that would collide with a route under /tags/. */
export const RESERVED_TAG_SLUGS: ReadonlyMap<string, string> = new Map([["by-name", "the alphabetical tag index"]]);

/** `https://example.org/blog` + `/posts/x/` → `https://example.org/blog/posts/x/`. */
export function absolute(site: { url: string }, path: string): string {
  return `${site.url}${path}`;
}

/** `/feed.xsl` under the path prefix `/blog/` → `/blog/feed.xsl`. */
export function withPrefix(site: { pathPrefix: string }, path: string): string {
  return `${site.pathPrefix}${path.replace(/^\//, "")}`;
}
