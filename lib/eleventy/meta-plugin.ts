// Eleventy adapter for page metadata: the `pageMeta` filter the base layout reads for every
// page's title, description, canonical URL, Open Graph tags and feed links, and the
// sitemap.xml and robots.txt routes. What they say is decided in lib/outputs/meta.ts.
import type { Catalog } from "../catalog/build.ts";
import { ROUTES } from "../core/routes.ts";
import { pageMeta, sitemapEntries } from "../outputs/meta.ts";

/** The slice of Eleventy's config API this adapter uses. */
export interface MetaConfigApi {
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  addTemplate(virtualPath: string, content: string, data: Record<string, unknown>): void;
}

export function metaPlugin(eleventyConfig: MetaConfigApi): void {
  eleventyConfig.addFilter("pageMeta", (url: string, catalog: Catalog, title?: string, description?: string) =>
    pageMeta(catalog, url, { title: title || undefined, description: description || undefined }),
  );
  eleventyConfig.addFilter("sitemapEntries", (catalog: Catalog) => sitemapEntries(catalog));
  eleventyConfig.addTemplate("gloss/sitemap.njk", "", { layout: "sitemap.njk", permalink: ROUTES.sitemap, eleventyExcludeFromCollections: true });
  eleventyConfig.addTemplate("gloss/robots.njk", "", { layout: "robots.njk", permalink: ROUTES.robots, eleventyExcludeFromCollections: true });
}
