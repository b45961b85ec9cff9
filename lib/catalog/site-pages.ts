// Standalone pages in the catalog: each page's body rendered by the posts' renderer (so a
// quotation works as in a post), and the header and footer navigation resolved from the site
// settings' `nav` lists, every unknown slug a content problem.
import path from "node:path";
import type { ContentProblem } from "../core/errors.ts";
import { ROUTES } from "../core/routes.ts";
import type { PageFile } from "../content/pages.ts";
import type { Site } from "../content/site.ts";
import type { SitePage } from "./model.ts";
import type { Rendered, RenderInput } from "./render.ts";

export function buildSitePages(
  files: readonly PageFile[],
  site: Site,
  render: (file: RenderInput) => Rendered,
  /** The site settings file as messages name it. */
  siteFile: string,
  problems: ContentProblem[],
): { sitePages: SitePage[]; nav: { header: SitePage[]; footer: SitePage[] } } {
  const sitePages: SitePage[] = [];
  for (const file of files) {
    const { html, state } = render(file);
    problems.push(...state.problems);
    const { title, description, navTitle } = file.data;
    sitePages.push({ slug: file.slug, url: ROUTES.page(file.slug), file: file.file, title, navTitle: navTitle ?? title, description, html });
  }
  const bySlug = new Map(sitePages.map((page) => [page.slug, page]));
  const resolve = (where: "header" | "footer") =>
    site.nav[where].flatMap((slug, index) => {
      const page = bySlug.get(slug);
      if (!page) {
        const known = [...bySlug.keys()];
        problems.push({
          file: siteFile,
          field: `nav.${where}[${index}]`,
          expected: known.length > 0 ? `the slug of a page in the pages folder (${known.join(", ")})` : "the slug of a page in the pages folder, which has none",
          got: JSON.stringify(slug),
          hint: `add ${path.join("pages", `${slug}.md`)} or remove the entry`,
        });
        return [];
      }
      return [page];
    });
  return { sitePages, nav: { header: resolve("header"), footer: resolve("footer") } };
}
