// Warm production builds: `npm run build` after an edit renders only the pages the edit changed,
// as the dev server does (incremental.ts), and carries every other page over from the build
// before. What that needs of the build before is kept in the cache folder, in
// `<cache>/build/<output folder's digest>/`, so a host that keeps the cache folder between
// builds (docs/publishing.md) builds warm from a fresh checkout:
//   - `snapshot.json`: the planner's state (a key for everything that is not a post: settings,
//     registries, images, standalone pages, Gloss's own code and layouts; each post's digest,
//     each page's shape, each post's owners), a manifest of the page files it wrote (size,
//     modification time, inode, SHA-1), and the post-build checks' facts of every HTML page, so
//     a warm build checks the whole site (lib/checks/) without parsing the pages it did not render;
//   - `kept.json`: the manifest again, named by the snapshot's digest, for the thread that checks
//     the kept files while the posts are read (kept-ahead.ts);
//   - `site/`: those page files, as hard links to the ones in the output folder (no second copy
//     on disk), in 256 folders by the digest of their names (keptFile in build-record.ts);
//   - `renders.bin`: each post's body as the build rendered it (render-store.ts), taken by the
//     next build for the posts whose text did not change.
// A page is carried over by a hard link from `site/` into the staging folder, only when that file
// is still the one the manifest names: same size, modification time and inode, or (restored from
// a host's cache archive, with new inodes and times) the same SHA-1. Anything else is rendered.
// The staging folder is still swapped into place whole (lib/pipeline/swap.ts), and nothing a build
// writes (pages, citation files, public/, media, `_headers`, the search index) is ever a carried
// link, so no write reaches the previous site or the cache through one. A snapshot that is
// missing, damaged (its digest does not match), of another version or another output folder is
// ignored: the build renders every page.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import type { GlossEnv } from "../core/env.ts";
import { fileRoute } from "../core/routes.ts";
import type { Site } from "../content/site.ts";
import { cardStyle } from "../outputs/cards.ts";
import type { PageFacts } from "../checks/facts.ts";
import { LinkTable } from "../checks/link-table.ts";
import type { WrittenFile } from "./page-sink.ts";
import { keptFile, packFacts, readSnapshot, snapshotPaths, stateOf, unpackFacts, writeSnapshot, type PackedFacts, type SnapshotFile } from "./build-record.ts";
import { buildKey, inputsKey, outputFileOf, postStamps, sha1Of } from "./build-keys.ts";
import { carryLinks, dropFoldersUnused, foldersOf, makeFoldersAhead, writeFolderList, type CarriedLink, type FoldersAhead } from "./carry.ts";
import { RebuildPlanner, type RoutedItem } from "./incremental.ts";
import { KeptFrontMatter } from "./front-matter-store.ts";
import { checkKeptAhead, type KeptAhead } from "./kept-ahead.ts";
import { EMPTIED_MARK } from "./swap.ts";
import { keptStat, lstatOrUndefined } from "./kept-files.js";
import { KeptRenders } from "./render-store.ts";

/** What a warm build carries over, and what it renders. */
export interface WarmPlan {
  /** The route items to render; undefined: every page. */
  only: ReadonlySet<object> | undefined;
  /** The facts of the HTML pages carried over (the checks and `_headers` need every page). */
  carried: PageFacts[];
  /** One line for the build's log. */
  summary: string;
  /** Whether the line is worth printing: pages were carried over, or a record was there but not usable. */
  told: boolean;
}

/**
 * Plans a production build against the last one, and carries the pages it does not render into
 * `stagingDir` (hard links to the kept files). Keeps what `record` writes next.
 */
export class WarmBuild {
  private readonly planner = new RebuildPlanner(false);
  /** The URL of every page this build routes (only the URLs: the record outlives the catalog). */
  private urls: readonly string[] = [];
  /** The checked pages' facts, packed as the record keeps them (the checks' own objects are let go). */
  private packed: PackedFacts | undefined;
  private carriedFacts: PageFacts[] = [];
  /**
   * The links of every page's facts, carried and rendered, in one table, so the record packs them
   * by their place in it (lib/checks/facts.ts, LinkTable). Let go once they are packed.
   */
  private linkTable = new LinkTable();
  /** The files carried over, as the next manifest lists them (without reading or statting them again). */
  private carriedEntries = new Map<string, SnapshotFile["files"][number]>();
  /** The carried files' links being made (lib/pipeline/carry.ts), while Eleventy renders the rest. */
  private carrying: Promise<void> = Promise.resolve();
  /** The last build's folders being made in the staging folder, once the posts are read (makeAhead). */
  private ahead: FoldersAhead | undefined;
  private madeAhead: readonly string[] = [];
  /** The kept files being checked while the posts are read (checkKeptAhead). */
  private keptAhead: KeptAhead | undefined;
  /** The last build's manifest: files it listed that this build does not write are dropped from `site/`. */
  private previousFiles: string[] = [];

  /** The inputs' key (inputsKey), read once a build: the renders and the planner use it. */
  private inputs: string | undefined;
  /** The posts' front matter, with the digests of the post files as this build read them. */
  private posts: KeptFrontMatter | undefined;

  constructor(private readonly env: GlossEnv) {}

  private inputsOf(site: Site): string {
    return (this.inputs ??= inputsKey(this.env, site));
  }

  /** The post bodies the build before rendered, to take those unchanged and keep this build's for the next (render-store.ts). */
  renders(site: Site): KeptRenders {
    return new KeptRenders(snapshotPaths(this.env).renders, this.inputsOf(site), (file) => this.posts?.digestOf(file));
  }

  /** The posts' front matter the build before read, to take that of files unchanged and keep this build's for the next (front-matter-store.ts). */
  frontMatter(site: Site): KeptFrontMatter {
    return (this.posts = new KeptFrontMatter(snapshotPaths(this.env).frontMatter, this.inputsOf(site), site.timeZone));
  }

  /** Starts making the last build's folders in `stagingDir` (carry.ts); the carrying waits for it. */
  makeAhead(stagingDir: string): void {
    const list = snapshotPaths(this.env).folders;
    // No list, and no folders handed over (swap.ts) for the thread to drop: nothing to do.
    if (!existsSync(list) && !existsSync(path.join(stagingDir, EMPTIED_MARK))) return;
    this.ahead = makeFoldersAhead(list, stagingDir);
    this.carrying = this.ahead.made.then((made) => void (this.madeAhead = made));
  }

  /** Settles once the staging folder holds nothing a page could be written beside that the build did not put there (carry.ts): awaited before any page is written. */
  foldersCleared(): Promise<void> {
    return this.ahead?.cleared ?? Promise.resolve();
  }

  /** Starts checking the last build's kept files (kept-ahead.ts), from the build's start: the plan takes the answer. */
  checkKeptAhead(): void {
    const paths = snapshotPaths(this.env);
    if (existsSync(paths.keptList)) this.keptAhead = checkKeptAhead(paths.keptList, paths.site);
  }

  async plan(source: Parameters<RebuildPlanner["plan"]>[0], site: Site, stagingDir: string): Promise<WarmPlan> {
    try {
      return await this.planAgainst(source, site, stagingDir);
    } finally {
      await this.keptAhead?.stop();
    }
  }

  private async planAgainst(source: Parameters<RebuildPlanner["plan"]>[0], site: Site, stagingDir: string): Promise<WarmPlan> {
    const paths = snapshotPaths(this.env);
    const found = readSnapshot(paths.snapshot, this.env.outputDir);
    if ("snapshot" in found) {
      this.planner.restore(stateOf(found.snapshot));
      this.previousFiles = found.snapshot.files.map(([name]) => name);
    }
    const stamps = postStamps(source.catalog.posts, this.env.cwd, this.posts && ((file) => this.posts?.digestOf(file)));
    const plan = this.planner.plan(source, buildKey(this.inputsOf(site), cardStyle(source.catalog.posts.length)), stamps);
    const routed: readonly Pick<RoutedItem, "item" | "url">[] = plan.routed ?? [];
    // Only what `record` reads: neither the items nor their shapes (a citation's is its whole text).
    this.urls = routed.map((r) => r.url);
    if (!("snapshot" in found)) return { only: undefined, carried: [], summary: `every page rendered: ${found.reason}`, told: found.reason.endsWith("(ignored)") };
    if (!plan.only) return { only: undefined, carried: [], summary: `every page rendered: ${plan.summary}`, told: false };
    const facts = unpackFacts(found.snapshot, this.linkTable);
    if (!facts) return { only: undefined, carried: [], summary: "every page rendered: the record of the last build is damaged (ignored)", told: true };
    const only = new Set(plan.only);
    const manifest = new Map(found.snapshot.files.map(([name, size, mtime, ino, sha1], at) => [name, { size, mtime, ino, sha1, at }]));
    // Each kept file as the thread found it, else (no answer for this snapshot) looked at here.
    const checked = await this.keptAhead?.stats(found.digest);
    const links: CarriedLink[] = [];
    for (const r of routed) {
      if (only.has(r.item)) continue;
      const name = outputFileOf(r.url);
      const pageFacts = name.endsWith(".html") ? facts.get(fileRoute(r.url)) : undefined;
      const from = keptFile(paths.site, name);
      const listed = manifest.get(name);
      const stat = listed && (pageFacts !== undefined || !name.endsWith(".html")) ? (checked ? checked(listed.at) : keptStat(from, listed)) : undefined;
      // Changed since the last build, or not kept: rendered again.
      if (!stat || !listed) {
        only.add(r.item);
        continue;
      }
      links.push([from, path.join(stagingDir, name)]);
      // The link shares the kept file's size, time and inode: the next manifest's entry, without a stat.
      this.carriedEntries.set(name, [name, stat.size, stat.mtimeMs, stat.ino, listed.sha1]);
      if (pageFacts) this.carriedFacts.push(pageFacts);
    }
    this.carrying = this.carrying.then(() => carryLinks(links));
    const pages = routed.length;
    return { only, carried: this.carriedFacts, summary: `${only.size} of ${pages} pages rendered, ${pages - only.size} carried over from the last build (${plan.summary})`, told: true };
  }

  /**
   * Settles once every carried page is in the staging folder (or failed to be): awaited before
   * the build is recorded, and before a failed build removes the staging folder.
   */
  carriedInPlace(): Promise<void> {
    return this.carrying;
  }

  /** A failed build: the folders made ahead stop, then the links being made finish. */
  async abandon(): Promise<void> {
    await this.keptAhead?.stop();
    await this.ahead?.stop();
    await this.carrying.catch(() => undefined);
  }

  /** The files carried over, as output paths (`/posts/x/index.html`): built, though perhaps not linked yet. */
  *carriedFiles(): Iterable<string> {
    for (const name of this.carriedEntries.keys()) yield `/${name}`;
  }

  /** The SHA-1 of a file this build carried over (by name in the staging folder), as the last build's record keeps it. */
  carriedDigest(name: string): string | undefined {
    return this.carriedEntries.get(name)?.[4];
  }

  /** The table the pages this build renders keep their links in (lib/pipeline/page-sink.ts): that of the pages carried. */
  links(): LinkTable {
    return this.linkTable;
  }

  /** Every page's facts, once the checks passed on them. */
  checked(pages: readonly PageFacts[]): void {
    this.packed = packFacts(pages, this.linkTable);
    this.carriedFacts = [];
    this.linkTable = new LinkTable();
  }

  /**
   * After the pages are written and checked: the snapshot of this build is written beside the
   * last one (`pending.json`), to replace it once the staging folder is swapped into place
   * (commitSnapshot), and the kept files of pages gone are dropped from `site/`. The page files
   * this build wrote are to be kept there too (hard links, keepInRecord), by the caller, beside
   * the search index, before the snapshot is committed; a build that fails or stops after this
   * leaves `site/` ahead of the snapshot in place: the next build finds those files changed, and
   * renders their pages. Returns the names of the files to keep (relative to the staging
   * folder); none when nothing was recorded.
   */
  record(stagingDir: string, written: (file: string) => WrittenFile | undefined): { keep: string[] } | undefined {
    const names = this.urls.map(outputFileOf);
    // The folders this build's files are in: those made ahead and not among them are removed,
    // and the next build makes these ahead.
    const folders = foldersOf(names);
    if (this.madeAhead.length > 0) dropFoldersUnused(stagingDir, this.madeAhead, folders);
    const state = this.planner.state();
    if (!state || !this.packed) return undefined;
    const paths = snapshotPaths(this.env);
    // No usable record: what `site/` holds is unknown, and all of it is about to be replaced.
    if (this.carriedEntries.size === 0 && this.previousFiles.length === 0) rmSync(paths.site, { recursive: true, force: true });
    const files: SnapshotFile["files"] = [];
    const keep: string[] = [];
    for (const name of names) {
      const carried = this.carriedEntries.get(name);
      if (carried) {
        files.push(carried);
        continue;
      }
      const staged = path.join(stagingDir, name);
      // As the page sink wrote it (no second read of the file). Else, should the sink have spelled
      // the path otherwise (a symbolic link in the output folder's path, say), from the file.
      const file = written(staged) ?? describe(staged);
      if (!file) continue;
      keep.push(name);
      files.push([name, file.size, file.mtimeMs, file.ino, file.sha1]);
    }
    const now = new Set(files.map(([name]) => name));
    for (const name of this.previousFiles) if (!now.has(name)) rmSync(keptFile(paths.site, name), { force: true });
    writeSnapshot(paths.pending, paths.pendingKeptList, this.env.outputDir, state, files, this.packed);
    writeFolderList(paths.folders, folders);
    return { keep };
  }
}

/** A file of the staging folder the page sink did not write, as the record keeps it; undefined when it is not a file. */
function describe(file: string): WrittenFile | undefined {
  const stat = lstatOrUndefined(file);
  return stat?.isFile() ? { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, sha1: sha1Of(file) } : undefined;
}
