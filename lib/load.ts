// The content stage of the pipeline: settings → files → schema → catalog, in one call,
// throwing every problem at once as ContentErrors. Used by the build and `check:content`.
import { ContentErrors } from "./errors.ts";
import { now } from "./dates.ts";
import type { GlossEnv } from "./env.ts";
import { readContent } from "./content.ts";
import { buildCatalog, type Catalog } from "./collections.ts";
import { loadSite } from "./site.ts";

/**
 * The catalog as Eleventy global data. A class instance, so Eleventy's data cascade passes it
 * by reference instead of deep-merging the (cyclic) post graph into every page's data.
 */
export class GlossData {
  constructor(catalog: Catalog) {
    Object.assign(this, catalog);
  }
}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface GlossData extends Catalog {}

let primed: Catalog | undefined;

/**
 * Hands a catalog already loaded (by `npm run build`, which loads it first to report content
 * problems cleanly) to the next Eleventy data load, so content is read once per build.
 */
export function primeCatalog(catalog: Catalog): void {
  primed = catalog;
}

/** The primed catalog if there is one, else a fresh load (every rebuild of the dev server). */
export function takeCatalog(env: GlossEnv): Catalog {
  const catalog = primed ?? loadCatalog(env);
  primed = undefined;
  return catalog;
}

export function loadCatalog(env: GlossEnv): Catalog {
  const site = loadSite(env);
  const { input, problems } = readContent({ contentDir: env.contentDir, root: env.cwd, timeZone: site.timeZone });
  const built = buildCatalog(input, site, {
    includeUnpublished: env.mode === "serve",
    now: now(site.timeZone, env.now),
  });
  // Grouped by file, then by line, so an author fixes one file top to bottom (the sort is stable).
  const all = [...problems, ...built.problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  if (all.length > 0 || !built.catalog) throw new ContentErrors(all);
  return built.catalog;
}
