// Eleventy adapter for page metadata: the `pageMeta` filter the base layout reads for every
// page's title, description, canonical URL, Open Graph tags, feed links and breadcrumbs, and the
// `sitemapEntries` filter of sitemap.xml. What they say is decided in lib/outputs/.
import { routeOfFile } from "../core/routes.ts";
import { pageMeta, sitemapEntries, type PageIndex } from "../outputs/meta.ts";

/** The slice of Eleventy's config API this adapter uses. */
export interface MetaConfigApi {
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
}

export function metaPlugin(eleventyConfig: MetaConfigApi): void {
  eleventyConfig.addFilter("pageMeta", (url: string, gloss: Parameters<typeof pageMeta>[0], title?: string, description?: string) =>
    // Eleventy's page.url is where the page was written; the metadata is keyed by its route.
    pageMeta(gloss, routeOfFile(url), { title: title || undefined, description: description || undefined }),
  );
  eleventyConfig.addFilter("sitemapEntries", (gloss: { meta: PageIndex }) => sitemapEntries(gloss.meta));
}
