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
//   - `site/`: those page files, as hard links to the ones in the output folder (no second copy
//     on disk).
// A page is carried over by a hard link from `site/` into the staging folder, only when that file
// is still the one the manifest names: same size, modification time and inode, or (restored from
// a host's cache archive, with new inodes and times) the same SHA-1. Anything else is rendered.
// The staging folder is still swapped into place whole (lib/pipeline/swap.ts), and nothing a build
// writes (pages, citation files, public/, media, `_headers`, the search index) is ever a carried
// link, so no write reaches the previous site or the cache through one. A snapshot that is
// missing, damaged (its digest does not match), of another version or another output folder is
// ignored: the build renders every page.
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

/**
 * Where the snapshot of the site in `outputDir` lives, where a build writes the next one before
 * its swap, and the folder of page files kept for the next build.
 */
export function snapshotPaths(env: Pick<GlossEnv, "cacheDir" | "outputDir">): { snapshot: string; pending: string; site: string } {
  const dir = path.join(env.cacheDir, "build", createHash("sha1").update(path.resolve(env.outputDir)).digest("hex").slice(0, 16));
  return { snapshot: path.join(dir, "snapshot.json"), pending: path.join(dir, "pending.json"), site: path.join(dir, "site") };
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

/**
 * The snapshot's shape. Its arrays (tens of thousands of entries at 10,000 posts) are checked
 * entry by entry only where a wrong entry could do harm unnoticed; the digest in its first line
 * already tells a file this build wrote from anything else.
 */
const stateSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  output: z.string(),
  key: z.string(),
  stamps: z.array(z.tuple([z.string(), z.string()])),
  shapes: z.array(z.tuple([z.string(), z.string()])),
  owners: z.array(z.tuple([z.string(), z.array(z.string())])),
  /** Output file (relative, `/` separated) → [size, mtimeMs, inode, SHA-1 in base64]. */
  files: z.array(z.tuple([z.string(), z.number(), z.number(), z.number(), z.string()])),
  /** Every link of every page, once each (a page's links are indexes into it: most are in every page's header). */
  links: z.array(z.tuple([z.string(), z.string(), z.string(), z.string().nullable()])),
  facts: z.array(z.looseObject({ url: z.string(), links: z.array(z.number()) })),
});
/** The same, with the large arrays taken as they are: checked by `looksRight` instead. */
const outlineSchema = stateSchema.extend({ stamps: z.array(z.unknown()), shapes: z.array(z.unknown()), owners: z.array(z.unknown()), files: z.array(z.unknown()), links: z.array(z.unknown()), facts: z.array(z.unknown()) });
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
    const outline = outlineSchema.parse(JSON.parse(body));
    if (!looksRight(outline)) throw new Error("entries of another shape");
    parsed = outline as SnapshotFile;
  } catch {
    return { reason: "the record of the last build is from another version (ignored)" };
  }
  if (parsed.output !== path.resolve(outputDir)) return { reason: "the record of the last build is of another output folder (ignored)" };
  return { snapshot: parsed };
}

/** Each array's entries have the shape the snapshot's schema gives them (a fast check, without building zod's results). */
function looksRight(outline: z.infer<typeof outlineSchema>): boolean {
  const strings = (value: unknown, length: number) => Array.isArray(value) && value.length === length && value.every((v) => typeof v === "string");
  return (
    outline.stamps.every((entry) => strings(entry, 2)) &&
    outline.shapes.every((entry) => strings(entry, 2)) &&
    outline.owners.every((entry) => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === "string" && Array.isArray(entry[1]) && entry[1].every((o) => typeof o === "string")) &&
    outline.files.every((entry) => Array.isArray(entry) && entry.length === 5 && typeof entry[0] === "string" && typeof entry[1] === "number" && typeof entry[2] === "number" && typeof entry[3] === "number" && typeof entry[4] === "string") &&
    outline.links.every((entry) => Array.isArray(entry) && entry.length === 4 && typeof entry[0] === "string" && typeof entry[1] === "string" && typeof entry[2] === "string" && (entry[3] === null || typeof entry[3] === "string")) &&
    outline.facts.every((page) => typeof page === "object" && page !== null && typeof (page as { url?: unknown }).url === "string" && Array.isArray((page as { links?: unknown }).links) && (page as { links: unknown[] }).links.every((at) => Number.isInteger(at)))
  );
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

/** A file's SHA-1, as the manifest keeps it. */
const sha1Of = (file: string) => createHash("sha1").update(readFileSync(file)).digest("base64");

type Stat = import("node:fs").Stats;
type Listed = { size: number; mtime: number; ino: number; sha1: string };

/** Whether a kept file is still the one the manifest names: by its stat, else (a restored cache) by its bytes. */
function stillListed(file: string, stat: Stat, listed: Listed): boolean {
  if (!stat.isFile() || stat.size !== listed.size) return false;
  if (stat.mtimeMs === listed.mtime && stat.ino === listed.ino) return true;
  return sha1Of(file) === listed.sha1;
}

/**
 * Plans a production build against the last one, and carries the pages it does not render into
 * `stagingDir` (hard links to the kept files). Keeps what `record` writes next.
 */
export class WarmBuild {
  private readonly planner = new RebuildPlanner();
  private routed: readonly RoutedItem[] = [];
  private carriedFacts: PageFacts[] = [];
  /** The files carried over, with their SHA-1 (the next manifest's, without reading them again). */
  private carriedFiles = new Map<string, string>();
  /** The last build's manifest: files it listed that this build does not write are dropped from `site/`. */
  private previousFiles: string[] = [];

  constructor(private readonly env: GlossEnv) {}

  plan(source: Parameters<RebuildPlanner["plan"]>[0], site: Site, stagingDir: string): WarmPlan {
    const paths = snapshotPaths(this.env);
    const found = readSnapshot(paths.snapshot, this.env.outputDir);
    if ("snapshot" in found) {
      this.planner.restore(stateOf(found.snapshot));
      this.previousFiles = found.snapshot.files.map(([name]) => name);
    }
    const stamps = postStamps(source.catalog.posts, this.env.cwd);
    const plan = this.planner.plan(source, buildKey(this.env, site), stamps);
    this.routed = plan.routed ?? [];
    if (!("snapshot" in found)) return { only: undefined, carried: [], summary: `every page rendered: ${found.reason}`, told: found.reason.endsWith("(ignored)") };
    if (!plan.only) return { only: undefined, carried: [], summary: `every page rendered: ${plan.summary}`, told: false };
    const facts = unpackFacts(found.snapshot);
    if (!facts) return { only: undefined, carried: [], summary: "every page rendered: the record of the last build is damaged (ignored)", told: true };
    const only = new Set(plan.only);
    const manifest = new Map(found.snapshot.files.map(([name, size, mtime, ino, sha1]) => [name, { size, mtime, ino, sha1 }]));
    const made = new Set<string>();
    for (const r of this.routed) {
      if (only.has(r.item)) continue;
      const name = outputFileOf(r.url);
      const pageFacts = name.endsWith(".html") ? facts.get(fileRoute(r.url)) : undefined;
      const from = path.join(paths.site, name);
      const listed = manifest.get(name);
      const stat = listed && (pageFacts !== undefined || !name.endsWith(".html")) ? lstatOrUndefined(from) : undefined;
      // Changed since the last build, or not kept: rendered again.
      if (!stat || !listed || !stillListed(from, stat, listed)) {
        only.add(r.item);
        continue;
      }
      const to = path.join(stagingDir, name);
      const dir = path.dirname(to);
      if (!made.has(dir)) mkdirSync(dir, { recursive: true });
      made.add(dir);
      linkSync(from, to);
      this.carriedFiles.set(name, listed.sha1);
      if (pageFacts) this.carriedFacts.push(pageFacts);
    }
    const pages = this.routed.length;
    return { only, carried: this.carriedFacts, summary: `${only.size} of ${pages} pages rendered, ${pages - only.size} carried over from the last build (${plan.summary})`, told: true };
  }

  /**
   * After the pages are written and checked: the page files this build wrote are kept in
   * `site/` (hard links; those of pages gone are dropped), and the snapshot of this build is
   * written beside the last one (`pending.json`), to replace it once the staging folder is
   * swapped into place (commitSnapshot). A build that fails after this leaves `site/` ahead of
   * the snapshot in place: the next build finds those files changed, and renders their pages.
   */
  record(stagingDir: string, checked: readonly PageFacts[]): void {
    const state = this.planner.state();
    if (!state) return;
    const paths = snapshotPaths(this.env);
    // No usable record: what `site/` holds is unknown, and all of it is about to be replaced.
    if (this.carriedFiles.size === 0 && this.previousFiles.length === 0) rmSync(paths.site, { recursive: true, force: true });
    const files: SnapshotFile["files"] = [];
    const made = new Set<string>();
    for (const r of this.routed) {
      const name = outputFileOf(r.url);
      const written = path.join(stagingDir, name);
      const stat = lstatOrUndefined(written);
      if (!stat?.isFile()) continue;
      let sha1 = this.carriedFiles.get(name);
      if (sha1 === undefined) {
        sha1 = sha1Of(written);
        const kept = path.join(paths.site, name);
        const dir = path.dirname(kept);
        if (!made.has(dir)) mkdirSync(dir, { recursive: true });
        made.add(dir);
        rmSync(kept, { force: true });
        linkSync(written, kept);
      }
      files.push([name, stat.size, stat.mtimeMs, stat.ino, sha1]);
    }
    const now = new Set(files.map(([name]) => name));
    for (const name of this.previousFiles) if (!now.has(name)) rmSync(path.join(paths.site, name), { force: true });
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
    mkdirSync(path.dirname(paths.pending), { recursive: true });
    const partial = `${paths.pending}.${process.pid}.partial`;
    writeFileSync(partial, `${createHash("sha256").update(body).digest("hex")}\n${body}`);
    renameSync(partial, paths.pending);
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
