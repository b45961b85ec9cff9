// Eleventy adapter for sub-path deploys: under a prefix (`/blog/`), Eleventy's HTML base plugin
// prefixes every root-relative URL in the HTML output (links, assets, forms, `cite`s, links in
// post bodies). Absolute URLs are built from `site.url`, which already carries the prefix.
import { HtmlBasePlugin } from "@11ty/eleventy";
import type { Site } from "../content/site.ts";

export interface PathPrefixConfigApi {
  addPlugin(plugin: unknown, options?: Record<string, unknown>): void;
}

export interface PathPrefixOptions {
  /** `/`, or the sub-path the site is deployed under (`/blog/`). */
  pathPrefix: Site["pathPrefix"];
}

export function pathPrefixPlugin(eleventyConfig: PathPrefixConfigApi, site: PathPrefixOptions): void {
  // Eleventy 3 does not add this plugin by itself; at "/" it would only cost a parse per page.
  if (site.pathPrefix === "/") return;
  eleventyConfig.addPlugin(HtmlBasePlugin, { baseHref: site.pathPrefix });
}
