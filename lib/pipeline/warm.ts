// Warm production builds: `npm run build` after an edit renders only the pages the edit changed,
// as the dev server does (incremental.ts), and carries every other page over from the site it
// replaces. What that needs of the build before is kept in one file of the cache folder
// (`<cache>/build/<output>/snapshot.json`), written by each successful build:
//   - the planner's state: a key for everything that is not a post (settings, registries,
//     images, standalone pages, Gloss's own code and layouts), each post's digest, each page's
//     shape and each post's owners;
//   - a manifest of the page files it wrote (size, modification time, inode);
//   - the post-build checks' facts of every HTML page, so a warm build checks the whole site
//     (lib/checks/) without parsing the pages it did not render.
// A page is carried over by a hard link from the previous site into the staging folder, only
// when its file is still the one the manifest names; anything else is rendered. The staging
// folder is still swapped into place whole (lib/pipeline/swap.ts), and nothing a build writes
// (pages, citation files, public/, media, `_headers`, the search index) is ever a carried link:
// those are left out of the carrying, so no write reaches the previous site through a link.
// A snapshot that is missing, damaged (its digest does not match), made by another version or
// for another output folder is ignored: the build renders every page.
import { createHash } from "node:crypto";
import { existsSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { GlossEnv } from "../core/env.ts";
import { fileRoute } from "../core/routes.ts";
import type { Site } from "../content/site.ts";
import type { Post } from "../catalog/model.ts";
import type { LinkFact, PageFacts } from "../checks/facts.ts";
import { RebuildPlanner, type PlannerState, type RoutedItem } from "./incremental.ts";

/** Bumped whenever the snapshot's format or meaning changes: an older snapshot is then ignored. */
const SNAPSHOT_VERSION = 1;

/** Where the snapshot of the site in `outputDir` lives, and where a build writes the next one before its swap. */
export function snapshotPaths(env: Pick<GlossEnv, "cacheDir" | "outputDir">): { snapshot: string; pending: string } {
  const dir = path.join(env.cacheDir, "build", createHash("sha1").update(path.resolve(env.outputDir)).digest("hex").slice(0, 16));
  return { snapshot: path.join(dir, "snapshot.json"), pending: path.join(dir, "pending.json") };
}

/** After the swap: the build's snapshot describes the site now in place. */
export function commitSnapshot(env: Pick<GlossEnv, "cacheDir" | "outputDir">): void {
  const { snapshot, pending } = snapshotPaths(env);
  if (existsSync(pending)) renameSync(pending, snapshot);
}

/** A build that fails, or starts: its snapshot (if written) describes no site. */
export function dropPendingSnapshot(env: Pick<GlossEnv, "cacheDir" | "outputDir">): void {
  rmSync(snapshotPaths(env).pending, { force: true });
}

const stateSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  output: z.string(),
  key: z.string(),
  stamps: z.array(z.tuple([z.string(), z.string()])),
  shapes: z.array(z.tuple([z.string(), z.string()])),
  owners: z.array(z.tuple([z.string(), z.array(z.string())])),
  /** Output file (relative, `/` separated) → [size, mtimeMs, inode]. */
  files: z.array(z.tuple([z.string(), z.number(), z.number(), z.number()])),
  /** Every link of every page, once each (a page's links are indexes into it: most are in every page's header). */
  links: z.array(z.tuple([z.string(), z.string(), z.string(), z.string().nullable()])),
  facts: z.array(z.looseObject({ url: z.string(), links: z.array(z.number()) })),
});
type SnapshotFile = z.infer<typeof stateSchema>;

/** Pages' facts with each link written once, for the snapshot. */
function packFacts(pages: readonly PageFacts[]): Pick<SnapshotFile, "links" | "facts"> {
  const table: SnapshotFile["links"] = [];
  const index = new Map<string, number>();
  const facts = pages.map((page) => ({
    ...page,
    links: page.links.map((link) => {
      const tuple: SnapshotFile["links"][number] = [link.tag, link.attr, link.value, link.rel ?? null];
      const key = JSON.stringify(tuple);
      let at = index.get(key);
      if (at === undefined) {
        at = table.length;
        table.push(tuple);
        index.set(key, at);
      }
      return at;
    }),
  }));
  return { links: table, facts };
}

/** The snapshot's facts, by page URL; pages share link objects (the checks only read them). Undefined when an index is out of range. */
function unpackFacts({ links, facts }: Pick<SnapshotFile, "links" | "facts">): Map<string, PageFacts> | undefined {
  const objects: LinkFact[] = links.map(([tag, attr, value, rel]) => ({ tag, attr, value, rel: rel ?? undefined }));
  const pages = new Map<string, PageFacts>();
  for (const page of facts) {
    const resolved = page.links.map((at) => objects[at]);
    if (resolved.some((link) => link === undefined)) return undefined;
    pages.set(page.url, { ...(page as unknown as PageFacts), links: resolved as LinkFact[] });
  }
  return pages;
}

/** The snapshot for this output folder, or why there is none to use. */
export function readSnapshot(file: string, outputDir: string): { snapshot: SnapshotFile } | { reason: string } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { reason: "no earlier build recorded" };
  }
  const newline = text.indexOf("\n");
  const body = text.slice(newline + 1);
  if (newline < 0 || createHash("sha256").update(body).digest("hex") !== text.slice(0, newline)) return { reason: "the record of the last build is damaged (ignored)" };
  let parsed: SnapshotFile;
  try {
    parsed = stateSchema.parse(JSON.parse(body));
  } catch {
    return { reason: "the record of the last build is from another version (ignored)" };
  }
  if (parsed.output !== path.resolve(outputDir)) return { reason: "the record of the last build is of another output folder (ignored)" };
  return { snapshot: parsed };
}

/** The file a route is written to, relative to the output (`/posts/x/` → `posts/x/index.html`). */
export function outputFileOf(url: string): string {
  const file = fileRoute(url).replace(/^\/+/, "");
  return file === "" || file.endsWith("/") ? `${file}index.html` : file;
}

/** Each post file's digest (its bytes): what the planner compares, by file as the catalog names it. */
export function postStamps(posts: readonly Pick<Post, "file">[], cwd: string): Map<string, string> {
  return new Map(posts.map((post) => [post.file, createHash("sha1").update(readFileSync(path.resolve(cwd, post.file))).digest("base64")]));
}

/**
 * Everything a build reads that is not a post: the settings, every other file of the content
 * and pages folders (registries, the source-status file, images), Gloss's own code, layouts
 * and public files, and the folders themselves. Any change to it renders every page.
 */
export function buildKey(env: GlossEnv, site: Site): string {
  const hash = createHash("sha256");
  const add = (label: string, value: string | Buffer) => hash.update(`${label}\0`).update(value).update("\0");
  add("version", String(SNAPSHOT_VERSION));
  add("site", JSON.stringify(site));
  add("folders", JSON.stringify([env.contentDir, env.pagesDir, env.publicDir, env.layoutsDir].map((dir) => path.resolve(env.cwd, dir))));
  const addTree = (label: string, dir: string, skip: (relative: string) => boolean = () => false) => {
    for (const file of filesBelow(dir)) if (!skip(file)) add(`${label}/${file}`, readFileSync(path.join(dir, file)));
  };
  // Posts are the stamps; every other file there is part of the key.
  addTree("content", env.contentDir, (file) => !file.includes("/") && file.endsWith(".md"));
  addTree("pages", env.pagesDir);
  addTree("public", env.publicDir);
  addTree("layouts", env.layoutsDir);
  addTree("lib", path.join(env.root, "lib"));
  for (const file of ["eleventy.config.ts", "package-lock.json"]) {
    const full = path.join(env.root, file);
    if (existsSync(full)) add(file, readFileSync(full));
  }
  return hash.digest("hex");
}

/** Files below `dir`, relative and sorted, `/` separated; none when it does not exist. */
function filesBelow(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

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
 * `stagingDir` (hard links to the previous site's files). Keeps what `record` writes next.
 */
export class WarmBuild {
  private readonly planner = new RebuildPlanner();
  private routed: readonly RoutedItem[] = [];
  private carriedFacts: PageFacts[] = [];

  constructor(private readonly env: GlossEnv) {}

  plan(source: Parameters<RebuildPlanner["plan"]>[0], site: Site, stagingDir: string): WarmPlan {
    const { snapshot: file } = snapshotPaths(this.env);
    const found = readSnapshot(file, this.env.outputDir);
    if ("snapshot" in found) this.planner.restore(stateOf(found.snapshot));
    const stamps = postStamps(source.catalog.posts, this.env.cwd);
    const plan = this.planner.plan(source, buildKey(this.env, site), stamps);
    this.routed = plan.routed ?? [];
    if (!("snapshot" in found)) return { only: undefined, carried: [], summary: `every page rendered: ${found.reason}`, told: found.reason.endsWith("(ignored)") };
    if (!plan.only) return { only: undefined, carried: [], summary: `every page rendered: ${plan.summary}`, told: false };
    const only = new Set(plan.only);
    const manifest = new Map(found.snapshot.files.map(([name, size, mtime, ino]) => [name, { size, mtime, ino }]));
    const facts = unpackFacts(found.snapshot);
    if (!facts) return { only: undefined, carried: [], summary: "every page rendered: the record of the last build is damaged (ignored)", told: true };
    const made = new Set<string>();
    for (const r of this.routed) {
      if (only.has(r.item)) continue;
      const name = outputFileOf(r.url);
      const html = name.endsWith(".html");
      const pageFacts = html ? facts.get(fileRoute(r.url)) : undefined;
      const from = path.join(this.env.outputDir, name);
      const listed = manifest.get(name);
      const stat = listed && (html ? pageFacts !== undefined : true) ? lstatOrUndefined(from) : undefined;
      // Changed since the last build (or not recorded): rendered again.
      if (!stat || !listed || !stat.isFile() || stat.size !== listed.size || stat.mtimeMs !== listed.mtime || stat.ino !== listed.ino) {
        only.add(r.item);
        continue;
      }
      const to = path.join(stagingDir, name);
      const dir = path.dirname(to);
      if (!made.has(dir)) mkdirSync(dir, { recursive: true });
      made.add(dir);
      linkSync(from, to);
      if (pageFacts) this.carriedFacts.push(pageFacts);
    }
    const pages = this.routed.length;
    return { only, carried: this.carriedFacts, summary: `${only.size} of ${pages} pages rendered, ${pages - only.size} carried over from the last build (${plan.summary})`, told: true };
  }

  /**
   * After the pages are written and checked: the snapshot of this build, written beside the
   * last one (`pending.json`), to replace it once the staging folder is swapped into place.
   */
  record(stagingDir: string, checked: readonly PageFacts[]): void {
    const state = this.planner.state();
    if (!state) return;
    const files: SnapshotFile["files"] = [];
    for (const r of this.routed) {
      const name = outputFileOf(r.url);
      const stat = lstatOrUndefined(path.join(stagingDir, name));
      if (stat?.isFile()) files.push([name, stat.size, stat.mtimeMs, stat.ino]);
    }
    const snapshot: SnapshotFile = {
      version: SNAPSHOT_VERSION,
      output: path.resolve(this.env.outputDir),
      key: state.key,
      stamps: [...state.stamps],
      shapes: [...state.shapes],
      owners: [...state.owners],
      files,
      ...packFacts(checked),
    };
    const body = JSON.stringify(snapshot);
    const { pending } = snapshotPaths(this.env);
    mkdirSync(path.dirname(pending), { recursive: true });
    const partial = `${pending}.${process.pid}.partial`;
    writeFileSync(partial, `${createHash("sha256").update(body).digest("hex")}\n${body}`);
    renameSync(partial, pending);
  }
}

function stateOf(snapshot: SnapshotFile): PlannerState {
  return { key: snapshot.key, stamps: new Map(snapshot.stamps), shapes: new Map(snapshot.shapes), owners: new Map(snapshot.owners) };
}

function lstatOrUndefined(file: string) {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}
