// Eleventy adapter for sub-path deploys: when the site lives under a prefix (`/blog/`), every
// root-relative URL in the HTML output (links, assets, forms, quotation `cite`s, links inside
// post bodies) gets the prefix, using Eleventy's own HTML base plugin. Absolute URLs (canonical,
// feeds) are built from `site.url`, which already carries the prefix.
import { HtmlBasePlugin } from "@11ty/eleventy";
import type { Site } from "./site.ts";

export interface PathPrefixConfigApi {
  addPlugin(plugin: unknown, options?: Record<string, unknown>): void;
}

export function pathPrefixPlugin(eleventyConfig: PathPrefixConfigApi, site: Pick<Site, "pathPrefix">): void {
  // Eleventy 3 does not add this plugin by itself; at "/" it would only cost a parse per page.
  if (site.pathPrefix === "/") return;
  eleventyConfig.addPlugin(HtmlBasePlugin, { baseHref: site.pathPrefix });
}
