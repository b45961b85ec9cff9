// The rendering half of `npm run build`: settings, content, catalog and outputs, once, then
// Eleventy's run (pages, media, post-build checks) into a staging folder. lib/cli/build.ts runs
// it in its own process for a small site, and in a process of its own for a large one
// (lib/cli/render.ts): Eleventy holds what it built of every page until its run is over, and that
// process exits, giving its memory back, before Pagefind (about 650 MiB a shard) indexes the pages.
// A build after an earlier one renders only the pages that changed since, and carries the rest
// over from the site it replaces (lib/pipeline/warm.ts); its index starts while that process
// records the build.
import path from "node:path";
import type { EleventyConfig } from "../../eleventy.config.ts";
import { readEnv, type GlossEnv } from "../core/env.ts";
import { warningLines } from "../core/errors.ts";
import { loadSite, placeholderUrlWarning } from "../content/site.ts";
import { OneBuild, loadBuild, type GlossData } from "../pipeline/load.ts";
import type { MediaJobs } from "../pipeline/media.ts";
import { PageSink, type WrittenFile } from "../pipeline/page-sink.ts";
import { outputFileOf } from "../pipeline/build-keys.ts";
import { WarmBuild, type WarmPlan } from "../pipeline/warm.ts";
import { ROUTES } from "../core/routes.ts";
import type { KnownPages } from "../outputs/search.ts";
import type { SearchedPage } from "../outputs/search-cache.ts";

type EleventyClass = new (input?: string, output?: string, options?: { quietMode?: boolean; dryRun?: boolean; pathPrefix?: string; config?: (eleventyConfig: EleventyConfig) => void }) => {
  write(): Promise<unknown>;
  errorHandler: { logger: { message(...args: unknown[]): void } };
  logger: { overrideLogger(console: Pick<Console, "log" | "info" | "warn" | "error">): void };
};

/**
 * Eleventy's instance, its run over, lets go of what it holds (should anything outside it still
 * hold the instance).
 */
function releasePages(eleventy: object): void {
  for (const key of Object.keys(eleventy)) Reflect.set(eleventy, key, undefined);
}

/**
 * Renders the site into `stagingDir`; throws what failed (lib/pipeline/failure.ts words it).
 * The share cards its pages name go to `cards` as Eleventy starts rendering: the caller draws
 * them (lib/cli/build.ts). What the search index needs of each post page goes to `searchable`
 * once the pages are written and checked, before the build is recorded, so that the caller can
 * start on the index then (awaited: a message sent to it is on its way before the record, which
 * holds the thread, is written): when its post was published (the catalog's date, which the
 * page shows) and the SHA-1 of the page as written or carried over, so that the index reads
 * none of them back; and whether the build carried pages over from the last one, rendering only
 * those an edit changed. Returns the files this build wrote, which the caller keeps for the next
 * build (keepInRecord) before it commits the record.
 */
export async function renderSite(stagingDir: string, cards: (cards: MediaJobs["cards"]) => void, searchable: (search: Searchable) => Promise<void> | void): Promise<Pick<Rendered, "keep">> {
  // Eleventy, when imported, adds a module-resolve hook (run for every later import) to reload
  // JavaScript that changed while watching; a one-off build has nothing to reload. (Eleventy's
  // own switch, read by Eleventy: Gloss's settings reach the config as options, below.)
  process.env.ELEVENTY_SKIP_ESM_RESOLVER = "1";
  const final = { ...readEnv(), mode: "build" as const };
  const warm = new WarmBuild(final);
  let written: ReadonlyMap<string, WrittenFile>;
  let posts: PostPages;
  let partial: boolean;
  try {
    ({ written, posts, partial } = await renderPages(final, stagingDir, warm, cards));
  } catch (error) {
    // Folders may still be being made and pages carried over (lib/pipeline/carry.ts): the caller
    // removes the staging folder once nothing writes to it.
    await warm.abandon();
    throw error;
  }
  await warm.carriedInPlace();
  // Each post page's SHA-1: as the page sink took it from the bytes it wrote, or as the last
  // build's record keeps it for a page carried over. (A page with none is read by the index.)
  const pages = new Map<string, SearchedPage>();
  for (const [file, time] of posts) {
    const digest = written.get(path.join(stagingDir, file))?.sha1 ?? warm.carriedDigest(file);
    if (digest !== undefined) pages.set(file, { time, digest });
  }
  await searchable({ pages, partial });
  // The catalog, Eleventy's instance and the checked pages' facts are out of reach now: in a
  // rendering process of its own (started with --expose-gc) they are collected before the
  // record is written, so the two do not add up. Collected once the search index has what it
  // needs, not before: a warm build's index starts on it meanwhile (0.15 s sooner at 10,000 posts).
  (globalThis as { gc?: () => void }).gc?.();
  // Checked: what the next build plans against (taken up by lib/cli/build.ts once swapped in).
  const recorded = warm.record(stagingDir, (file) => written.get(file));
  return { keep: recorded?.keep ?? [] };
}

/** What the search index needs of the post pages, sent to lib/cli/build.ts before the build is recorded (lib/cli/render.ts). */
export interface Searchable {
  pages: KnownPages;
  /** The build carried pages over from the last one: its rendering process never held a whole site's pages. */
  partial: boolean;
}

/** What the rendering process sends lib/cli/build.ts once the build is recorded (lib/cli/render.ts). */
export interface Rendered {
  cards: MediaJobs["cards"];
  /** The files this build wrote, relative to the staging folder, to be kept in the record (keepInRecord). */
  keep: string[];
}

/** The post pages, by file relative to the staging folder, and when each post was published. */
type PostPages = [file: string, time: number][];

/**
 * Content, catalog and outputs, then Eleventy's run: the pages written and checked. Returns the
 * files written, as the record keeps them (the sink, with the pages' facts, is let go), and the
 * post pages (the catalog is let go too).
 */
async function renderPages(final: GlossEnv, stagingDir: string, warm: WarmBuild, cards: (cards: MediaJobs["cards"]) => void): Promise<{ written: ReadonlyMap<string, WrittenFile>; posts: PostPages; partial: boolean }> {
  // The content problems are reported before Eleventy is even loaded, and Eleventy is handed
  // the same data through the config's options.
  const env = { ...final, outputDir: stagingDir };
  // The last build's kept pages, looked at on a thread of their own while the posts are read.
  warm.checkKeptAhead();
  const site = loadSite(env);
  // The post bodies the last build rendered, taken where unchanged; this build's kept for the next.
  const renders = warm.renders(site);
  // The same for the posts' front matter: that of the files unchanged is not read again.
  const frontMatter = warm.frontMatter(site);
  // Closed once the pages are written: the HTML of a body taken is read from it when its page renders.
  let sink: PageSink | undefined;
  try {
    const data = loadBuild(env, site, { frontMatter, renders });
    // The last build's folders, made while the build is planned and Eleventy starts.
    warm.makeAhead(stagingDir);
    if (frontMatter.ignored) console.log(`[gloss] front matter: the posts kept by the last build are ${frontMatter.ignored} (ignored)`);
    if (renders.ignored) console.log(`[gloss] post bodies: the renders kept by the last build are ${renders.ignored} (ignored)`);
    if (renders.taken > 0) console.log(`[gloss] post bodies: ${renders.taken} of ${renders.size} unchanged, taken from the cache`);
    const kept = [
      [frontMatter, "the posts' front matter read was not kept", "reads it all again"],
      [renders, "the post bodies rendered were not kept", "renders them all"],
    ] as const;
    for (const [store, what, next] of kept) {
      try {
        store.write();
      } catch (error) {
        console.warn(`warning: ${what} (${error instanceof Error ? error.message : String(error)}); the next build ${next}`);
      }
    }
    for (const line of warningLines(data.warnings)) console.warn(line);
    const placeholder = placeholderUrlWarning(data.site);
    if (placeholder) console.warn(placeholder);
    const plan = await warm.plan({ catalog: data, feeds: data.feeds }, data.site, stagingDir);
    data.renderOnly = plan.only;
    if (plan.told) console.log(`[gloss] ${plan.summary}`);
    // Imported only now, and not at all when the content is wrong, so a failed build reports in a
    // fraction of the time. (lib/cli/build-preload.js may have loaded Eleventy already.)
    const [{ Eleventy }, { gloss }] = await Promise.all([
      import("@11ty/eleventy") as unknown as Promise<{ Eleventy: EleventyClass }>,
      import("../../eleventy.config.ts"),
    ]);
    const pathPrefix = data.site.pathPrefix;
    // Loaded already, so the adapters can start on it before Eleventy renders (the cards).
    const content = stageOf(data, plan.carried, warm);
    content.load();
    // The pages are written by the sink as they are rendered, not by Eleventy (a dry run), which
    // would hold every one of them until its run ends; into a staging folder holding nothing but
    // what this build puts there (the last site's folders, when handed over, cleared first).
    await warm.foldersCleared();
    sink = new PageSink({ links: warm.links() });
    const eleventy = new Eleventy(undefined, undefined, {
      quietMode: true,
      dryRun: true,
      pathPrefix,
      // build.ts builds the search index and draws the cards once the pages are written (and, for a
      // large site, this run's memory is freed).
      config: (eleventyConfig) => gloss(eleventyConfig, { env, content, pathPrefix, search: "caller", cards, sink }),
    });
    // Every failure is reported once, by the caller; Eleventy would print it again with a stack
    // trace (a failed post-build check is the author's problem, not a crash).
    eleventy.errorHandler.logger = { message: () => undefined };
    // Its one line of log, "Wrote 0 files" in a dry run, would only mislead: the sink writes the
    // pages, and the build prints what it did. Its warnings and errors still reach stderr.
    eleventy.logger.overrideLogger({ log: () => undefined, info: console.info, warn: console.warn, error: console.error });
    const posts: PostPages = data.posts.map((post) => [outputFileOf(ROUTES.post(post.slug)), Date.parse(post.date.iso)]);
    await eleventy.write();
    releasePages(eleventy);
    content.release();
    return { written: sink.writtenFiles(), posts, partial: plan.only !== undefined };
  } finally {
    renders.close();
    // A failed run may leave pages in flight to the sink's thread: the caller removes the staging
    // folder once nothing writes to it.
    await sink?.close();
  }
}

/**
 * The content stage of a build whose data is loaded: made here, so that the data is held by
 * the stage alone (a closure made in renderPages would keep its every variable, the data too,
 * for as long as Eleventy's module caches keep the config's closures).
 */
function stageOf(data: GlossData, carried: WarmPlan["carried"], warm: WarmBuild): OneBuild {
  return new OneBuild(() => data, carried, (pages) => warm.checked(pages), () => warm.carriedFiles());
}
