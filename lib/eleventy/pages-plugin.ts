// Eleventy adapter for the page-kinds table (lib/outputs/page-kinds.ts): one virtual template
// per kind, paginated over the kind's items for this build (`gloss.kinds.<name>`) and written at
// each item's URL (its file named with the slug as written, lib/core/routes.ts). Layouts in layouts/ present them; nothing here decides what a page shows.
import { fileRoute } from "../core/routes.ts";
import { PAGE_KINDS } from "../outputs/page-kinds.ts";

/** The slice of Eleventy's config API this adapter uses. */
export interface TemplateRegistry {
  addTemplate(virtualPath: string, content: string, data: Record<string, unknown>): void;
}

/**
 * Pagination over one kind's items, one page per item; a dev-server rebuild keeps only the
 * items it plans to render again (`gloss.renderOnly`, lib/pipeline/incremental.ts).
 */
export function paginateKind(kind: string, alias: string) {
  return {
    data: `gloss.kinds.${kind}`,
    size: 1,
    alias,
    addAllPagesToCollections: false,
    before: (items: unknown[], full: { gloss?: { renderOnly?: ReadonlySet<object> | undefined } }) => {
      const only = full.gloss?.renderOnly;
      return only ? items.filter((item) => only.has(item as object)) : items;
    },
  };
}

export function pagesPlugin(eleventyConfig: TemplateRegistry): void {
  for (const kind of PAGE_KINDS) {
    // Plain-text kinds are written by lib/eleventy/files-plugin.ts, not rendered.
    if (kind.text) continue;
    const alias = kind.alias ?? "item";
    const route = kind.items
      ? { pagination: paginateKind(kind.name, alias), permalink: (data: Record<string, unknown>) => fileRoute(kind.url(data[alias])) }
      : { permalink: fileRoute(kind.url(undefined)) };
    eleventyConfig.addTemplate(`gloss/${kind.name}.njk`, "", { layout: kind.template, ...route, ...kind.data, eleventyExcludeFromCollections: true });
  }
}
