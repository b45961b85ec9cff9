// The record a production build keeps of itself for the next one (lib/pipeline/warm.ts): where it
// lives in the cache folder, its format, and how it is read and written. One file, whose first
// line is the SHA-256 of the rest; written beside the last (`pending.json`) and renamed over it
// only once the build's site is in place.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { GlossEnv } from "../core/env.ts";
import { writeAside } from "../core/write-aside.ts";
import type { LinkFact, PageFacts } from "../checks/facts.ts";
import { ByPlace, LinkTable } from "../checks/link-table.ts";
import { linkReplacing } from "./carry.ts";
import { keptFile } from "./kept-files.js";
import type { PlannerState } from "./incremental.ts";

/** Bumped whenever the snapshot's format or meaning changes: an older snapshot is then ignored. */
export const SNAPSHOT_VERSION = 3;

/**
 * Where the snapshot of the site in `outputDir` lives, where a build writes the next one before
 * its swap, the list of its files that the next build checks ahead (kept-ahead.ts) and where
 * that is written before the swap, the folder of page files kept for the next build, the post
 * bodies rendered (render-store.ts), the posts' front matter read (front-matter-store.ts), the
 * folders of its pages, which the next build makes ahead (carry.ts), and the folders of the site
 * before it, emptied of their files in the background, which the next build takes as its staging
 * folder (swap.ts).
 */
export function snapshotPaths(env: Pick<GlossEnv, "cacheDir" | "outputDir">): { snapshot: string; pending: string; keptList: string; pendingKeptList: string; site: string; renders: string; frontMatter: string; folders: string; siteFolders: string } {
  const dir = path.join(env.cacheDir, "build", createHash("sha1").update(path.resolve(env.outputDir)).digest("hex").slice(0, 16));
  const at = (name: string) => path.join(dir, name);
  return { snapshot: at("snapshot.json"), pending: at("pending.json"), keptList: at("kept.json"), pendingKeptList: at("pending-kept.json"), site: at("site"), renders: at("renders.bin"), frontMatter: at("front-matter.json"), folders: at("folders.txt"), siteFolders: at("site-folders") };
}

/** Where the record keeps a file of the site (lib/pipeline/kept-files.js). */
export { keptFile };

/** Links made at a time when a build keeps its pages (keepInRecord), between turns of its event loop. */
const KEEP_BATCH = 500;

/**
 * Keeps the page files a build wrote (`names`, relative to `stagingDir`, as WarmBuild.record
 * lists them) in the record's `site/` for the next build: hard links, each replacing the kept
 * file of the last build there, made by the build's own process while Pagefind indexes in
 * processes of its own (about 39,000 at 10,000 posts), not at the end of the render, where
 * nothing else ran. A few hundred at a time, between turns of the event loop, so the cards
 * are drawn meanwhile; each link's path worked out as it is made (all at once, with a thread to
 * make them, the build's process peaked about 80 MiB higher at 10,000 posts, 565 MiB at 50,000).
 * Settles once every one is made; the build commits its snapshot only then.
 */
export async function keepInRecord(env: Pick<GlossEnv, "cacheDir" | "outputDir">, stagingDir: string, names: readonly string[]): Promise<void> {
  const { site } = snapshotPaths(env);
  const made = new Set<string>();
  for (const [i, name] of names.entries()) {
    if (i % KEEP_BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
    const kept = keptFile(site, name);
    const dir = path.dirname(kept);
    try {
      if (!made.has(dir)) mkdirSync(dir, { recursive: true });
      made.add(dir);
      linkReplacing(path.join(stagingDir, name), kept);
    } catch (error) {
      throw new Error(`could not keep a page for the next build: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** After the swap: the build's snapshot describes the site now in place. */
export function commitSnapshot(env: Pick<GlossEnv, "cacheDir" | "outputDir">): void {
  const { snapshot, pending, keptList, pendingKeptList } = snapshotPaths(env);
  if (!existsSync(pending)) return;
  // The list first: a list of another snapshot is told by the digest it names, and ignored.
  if (existsSync(pendingKeptList)) renameSync(pendingKeptList, keptList);
  renameSync(pending, snapshot);
}

/** A build that fails, or starts: its snapshot (if written) describes no site. */
export function dropPendingSnapshot(env: Pick<GlossEnv, "cacheDir" | "outputDir">): void {
  const { pending, pendingKeptList } = snapshotPaths(env);
  rmSync(pending, { force: true });
  rmSync(pendingKeptList, { force: true });
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
  /** Every page's `<meta>` Content-Security-Policy, once each (a page's `metaCsp` is an index into it): the same 250 characters on nearly every page. */
  policies: z.array(z.string()),
  facts: z.array(z.looseObject({ url: z.string(), links: z.array(z.number()), metaCsp: z.number().optional() })),
});
/** The same, with the large arrays taken as they are: checked by `looksRight` instead. */
const outlineSchema = stateSchema.extend({ stamps: z.array(z.unknown()), shapes: z.array(z.unknown()), owners: z.array(z.unknown()), files: z.array(z.unknown()), links: z.array(z.unknown()), policies: z.array(z.unknown()), facts: z.array(z.unknown()) });
export type SnapshotFile = z.infer<typeof stateSchema>;

/** Pages' facts as the record keeps them. */
export type PackedFacts = Pick<SnapshotFile, "links" | "policies" | "facts">;

/**
 * Pages' facts with each link and each policy written once, for the snapshot, in the order the
 * pages first have them. Pages share their link objects (lib/checks/facts.ts): the links of
 * `table` (the build's own, FactTable and unpackFacts) are found by their place in it, any other
 * is first kept there.
 */
export function packFacts(pages: readonly PageFacts[], table = new LinkTable()): PackedFacts {
  const rows: SnapshotFile["links"] = [];
  /** A table link's row in the snapshot, by the link's place. */
  const rowOf = new ByPlace();
  const indexOf = (link: LinkFact): number => {
    const kept = table.intern(link);
    let row = rowOf.get(kept.at);
    if (row < 0) {
      rowOf.set(kept.at, (row = rows.length));
      rows.push([kept.tag, kept.attr, kept.value, kept.rel ?? null]);
    }
    return row;
  };
  const policies: string[] = [];
  const policyRows = new Map<string, number>();
  const policyOf = (policy: string | undefined): number | undefined => {
    if (policy === undefined) return undefined;
    let row = policyRows.get(policy);
    if (row === undefined) policyRows.set(policy, (row = policies.push(policy) - 1));
    return row;
  };
  const facts = pages.map((page) => ({ ...page, links: page.links.map(indexOf), metaCsp: policyOf(page.metaCsp) }));
  return { links: rows, policies, facts };
}

/**
 * The snapshot's facts, by page URL; their links are kept in `table` (which the pages this build
 * renders share, FactTable), so pages share link objects (the checks only read them). Undefined
 * when an index is out of range.
 */
export function unpackFacts({ links, policies, facts }: PackedFacts, table = new LinkTable()): Map<string, PageFacts> | undefined {
  const objects: LinkFact[] = links.map(([tag, attr, value, rel]) => table.intern({ tag, attr, value, rel: rel ?? undefined }, false));
  const pages = new Map<string, PageFacts>();
  for (const page of facts) {
    const resolved = page.links.map((at) => objects[at]);
    if (resolved.some((link) => link === undefined)) return undefined;
    const metaCsp = page.metaCsp === undefined ? undefined : policies[page.metaCsp];
    if (page.metaCsp !== undefined && metaCsp === undefined) return undefined;
    pages.set(page.url, { ...(page as unknown as PageFacts), links: resolved as LinkFact[], metaCsp });
  }
  return pages;
}

/** The snapshot for this output folder, or why there is none to use. */
export function readSnapshot(file: string, outputDir: string): { snapshot: SnapshotFile; digest: string } | { reason: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return { reason: "no earlier build recorded" };
  }
  // The digest checked over the bytes as read, before they are decoded: hashing the decoded text
  // encoded it again (149 ms against 16 ms for the bytes, at 10,000 posts).
  const newline = bytes.indexOf(0x0a);
  const body = bytes.subarray(newline + 1);
  const digest = bytes.toString("latin1", 0, Math.max(newline, 0));
  if (newline < 0 || createHash("sha256").update(body).digest("hex") !== digest) return { reason: "the record of the last build is damaged (ignored)" };
  let parsed: SnapshotFile;
  try {
    const outline = outlineSchema.parse(JSON.parse(body.toString("utf8")));
    if (!looksRight(outline)) throw new Error("entries of another shape");
    parsed = outline as SnapshotFile;
  } catch {
    return { reason: "the record of the last build is from another version (ignored)" };
  }
  if (parsed.output !== path.resolve(outputDir)) return { reason: "the record of the last build is of another output folder (ignored)" };
  return { snapshot: parsed, digest };
}

/** A file name the record may give: relative, `/` separated, with no `..` (the names are joined to folders the build writes and deletes in). */
const isInside = (name: string) => name !== "" && !name.startsWith("/") && !name.split("/").some((part) => part === ".." || part === "") && !name.includes("\\");

/** Each array's entries have the shape the snapshot's schema gives them (a fast check, without building zod's results). */
function looksRight(outline: z.infer<typeof outlineSchema>): boolean {
  const strings = (value: unknown, length: number) => Array.isArray(value) && value.length === length && value.every((v) => typeof v === "string");
  return (
    outline.stamps.every((entry) => strings(entry, 2)) &&
    outline.shapes.every((entry) => strings(entry, 2)) &&
    outline.owners.every((entry) => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === "string" && Array.isArray(entry[1]) && entry[1].every((o) => typeof o === "string")) &&
    outline.files.every((entry) => Array.isArray(entry) && entry.length === 5 && typeof entry[0] === "string" && isInside(entry[0]) && typeof entry[1] === "number" && typeof entry[2] === "number" && typeof entry[3] === "number" && typeof entry[4] === "string") &&
    outline.links.every((entry) => Array.isArray(entry) && entry.length === 4 && typeof entry[0] === "string" && typeof entry[1] === "string" && typeof entry[2] === "string" && (entry[3] === null || typeof entry[3] === "string")) &&
    outline.policies.every((policy) => typeof policy === "string") &&
    outline.facts.every(pageLooksRight)
  );
}

/** A page's packed facts: its URL, its links' rows, its policy's row if it has one (unpackFacts checks the rows are there). */
function pageLooksRight(page: unknown): boolean {
  if (typeof page !== "object" || page === null) return false;
  const { url, links, metaCsp } = page as { url?: unknown; links?: unknown; metaCsp?: unknown };
  return typeof url === "string" && Array.isArray(links) && links.every((at) => Number.isInteger(at)) && (metaCsp === undefined || Number.isInteger(metaCsp));
}

/**
 * Writes the record of a build (aside, then renamed into `file`), and the list of its files the
 * next build checks ahead (`keptList`, kept-ahead.ts): the snapshot's digest and the list's own,
 * then the files as the snapshot lists them.
 */
export function writeSnapshot(file: string, keptList: string, outputDir: string, state: PlannerState, files: SnapshotFile["files"], facts: PackedFacts): void {
  const snapshot: SnapshotFile = {
    version: SNAPSHOT_VERSION,
    output: path.resolve(outputDir),
    key: state.key,
    stamps: [...state.stamps],
    shapes: [...state.shapes],
    owners: [...state.owners],
    files,
    ...facts,
  };
  // Encoded once, then hashed and written as bytes: hashing the text and writing it encoded it
  // twice (at 10,000 posts, 149 and 297 ms against 16 and 87 ms for the bytes, and 127 ms to encode).
  const body = Buffer.from(JSON.stringify(snapshot));
  const digest = createHash("sha256").update(body).digest("hex");
  mkdirSync(path.dirname(file), { recursive: true });
  const list = Buffer.from(JSON.stringify(files));
  writeAside(keptList, [Buffer.from(`${digest} ${createHash("sha256").update(list).digest("hex")}\n`), list]);
  // The digest's line, then the body: not joined into a third copy (24 MB at 10,000 posts).
  writeAside(file, [Buffer.from(`${digest}\n`), body]);
}

/** The planner's state in a record. */
export function stateOf(snapshot: SnapshotFile): PlannerState {
  return { key: snapshot.key, stamps: new Map(snapshot.stamps), shapes: new Map(snapshot.shapes), owners: new Map(snapshot.owners) };
}

