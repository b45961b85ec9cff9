// Every address on the site, declared once: page kinds (lib/outputs/page-kinds.ts), feeds,
// metadata, the CSP, search and the templates (as the `routes` global) all read them here.
// Paths are site-relative, without the deploy prefix: `/tags/x/`, never `/blog/tags/x/`.
// Slugs keep letters of every script (lib/core/slugs.ts); here they are percent-encoded, so
// every link, feed and sitemap carries an ASCII URL (`/tags/%D0%BA%D0%B8%D0%BC/`) while the
// file written is named as the slug is (`tags/ким/index.html`): see `fileRoute`.

/** A slug as one URL path segment: unchanged when ASCII, percent-encoded UTF-8 otherwise. */
const segment = (slug: string) => encodeURIComponent(slug);

export const ROUTES = {
  home: "/",
  post: (slug: string) => `/posts/${segment(slug)}/`,
  /** A post's citation as BibTeX and as CSL-JSON, for download from its "Cite" section. */
  citeBibtex: (slug: string) => `/posts/${segment(slug)}/cite.bib`,
  citeCsl: (slug: string) => `/posts/${segment(slug)}/cite.json`,
  tags: "/tags/",
  tagsByName: "/tags/by-name/",
  tag: (slug: string) => `/tags/${segment(slug)}/`,
  authors: "/authors/",
  author: (id: string) => `/authors/${segment(id)}/`,
  outlets: "/outlets/",
  outlet: (id: string) => `/outlets/${segment(id)}/`,
  outletSources: (id: string) => `/outlets/${segment(id)}/sources/`,
  sources: "/sources/",
  source: (id: string) => `/sources/${segment(id)}/`,
  archive: "/archive/",
  archiveMonth: (year: number, month: number) => `/archive/${year}/${String(month).padStart(2, "0")}/`,
  search: "/search/",
  /** A standalone page (`pages/about.md` → `/about/`): its slug must not be another route's first segment. */
  page: (slug: string) => `/${slug}/`,
  /** Pagefind's index and browser script (lib/outputs/search.ts). */
  searchBundle: "/pagefind/",
  notFound: "/404.html",
  sitemap: "/sitemap.xml",
  robots: "/robots.txt",
  /** Old addresses of posts and where they moved, for Netlify and Cloudflare Pages. */
  redirectsFile: "/_redirects",
  /** A redirect page is written at the old address itself (a post's `aliases:`). */
  redirect: (from: string) => from,
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

/** Where a route's page is written: the route with its percent-encoding undone (`/tags/ким/`). */
export function fileRoute(route: string): string {
  return decodeURI(route);
}

/** The route of a page from where it was written (Eleventy's `page.url`): `/tags/ким/` → `/tags/%D0%BA%D0%B8%D0%BC/`. */
export function routeOfFile(url: string): string {
  return encodeURI(url);
}

/** Tag slugs that would collide with a route under /tags/. */
export const RESERVED_TAG_SLUGS: ReadonlyMap<string, string> = new Map([["by-name", "the alphabetical tag index"]]);

/**
 * First path segments a standalone page may not take, with what owns each: every route's
 * (`tags`, `posts`, `feed.xml`, …), the home page's pagination (`/page/2/`), and the names of
 * the folder copied as is (`css`, `js`, given by the caller, which reads it).
 */
export function reservedPageSlugs(copied: readonly string[] = []): Map<string, string> {
  const reserved = new Map<string, string>([["page", "the home page's later pages (/page/2/)"]]);
  for (const [name, route] of Object.entries(ROUTES)) {
    if (name === "page") continue;
    const path = typeof route === "function" ? (route as (...args: unknown[]) => string)("x", 2000, 1) : route;
    const first = path.split("/").filter(Boolean)[0];
    if (first && !reserved.has(first)) reserved.set(first, `the route ${name} (${path})`);
  }
  for (const name of copied) if (!reserved.has(name)) reserved.set(name, `a file copied from public/ (${name})`);
  return reserved;
}

/** `https://example.org/blog` + `/posts/x/` → `https://example.org/blog/posts/x/`. */
export function absolute(site: { url: string }, path: string): string {
  return `${site.url}${path}`;
}

/** `/feed.xsl` under the path prefix `/blog/` → `/blog/feed.xsl`. */
export function withPrefix(site: { pathPrefix: string }, path: string): string {
  return `${site.pathPrefix}${path.replace(/^\//, "")}`;
}
