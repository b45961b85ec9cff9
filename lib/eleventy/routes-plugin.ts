// Eleventy adapter that gives layouts the site's addresses as the `routes` global
// (`routes.tags`, `routes.archive`), so no layout holds a copy of a path from lib/core/routes.ts.
import { ROUTES } from "../core/routes.ts";

/** The slice of Eleventy's config API this adapter uses. */
export interface RoutesConfigApi {
  addNunjucksGlobal(name: string, value: unknown): void;
}

export function routesPlugin(eleventyConfig: RoutesConfigApi): void {
  // A Nunjucks global, not global data: macros imported from partials/ (breadcrumbs) see
  // Nunjucks globals but not the page's data, since `{% from ... import %}` passes no context.
  eleventyConfig.addNunjucksGlobal("routes", ROUTES);
}
