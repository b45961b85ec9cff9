// Search shards kept between builds. Each shard's Pagefind bundle is stored in the cache folder
// (env.cacheDir, `search/`) under a key made of everything Pagefind reads to make it: its version,
// and the path and bytes of every page the shard indexes. A build whose shard has the same key
// links the stored bundle into the site instead of running Pagefind (seconds a shard at 1,500
// posts). A stored bundle is used only when its manifest checks out: every file there, with the
// bytes it was stored with (read again only when a file's size, modification time or inode is not
// the stored one: a cache folder restored by a host); anything else in the folder (a bundle cut
// short, edited by hand, or written by another version of Gloss) is ignored, indexed again and
// replaced. Beside the bundles, what the search read of each page (`pageFacts`), so that a page
// the last build read, still the same file, is not read again.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stampOf } from "../content/memo.ts";
import { fileDigest } from "../core/digest.js";
import { writeAside } from "../core/write-aside.ts";
import { filesBelow } from "../core/tree.ts";

/** Bumped when what is stored changes shape. */
const FORMAT = "gloss-search-shard/2";
const MANIFEST = "gloss-manifest.json";
/** What the last build read of the pages, in the cache's search folder beside the bundles. */
const PAGES = "gloss-pages.json";
const PAGES_FORMAT = "gloss-search-pages/2";

/** What the search reads of a post page: when its post was published (-Infinity when it does not say), and its bytes' `pageDigest`. */
export interface SearchedPage {
  time: number;
  digest: string;
}

/** A page's facts by its path in the site, with the stamp (`stampOf`: modification time, size, inode) of the file they were read from. */
type PageEntry = [file: string, stamp: string, time: number | null, digest: string];

interface Manifest {
  format: string;
  key: string;
  pages: number;
  /** Every file of the bundle, relative to it: its SHA-256, and its size, modification time and inode when stored. */
  files: Record<string, [sha256: string, size: number, mtimeMs: number, ino: number]>;
}

const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

let pagefindVersion: string | undefined;
function pagefindVersionOf(): string {
  const lib = path.dirname(fileURLToPath(import.meta.resolve("pagefind")));
  return (pagefindVersion ??= (JSON.parse(readFileSync(path.join(lib, "..", "package.json"), "utf8")) as { version: string }).version);
}

/**
 * A page's digest, as shard keys take it: the SHA-1 the build's record keeps of each page file,
 * so the rendering process can give it for the pages it wrote or carried, and none is read again
 * (lib/outputs/search.ts reads a page whose facts it was not given, once).
 */
export const pageDigest = (bytes: Buffer) => fileDigest(bytes);

/**
 * The key of a shard: Pagefind's version, the glob it is run with, and each page it indexes
 * (its path in the site, and its bytes' `pageDigest`).
 */
export function shardKey(pages: readonly (readonly [file: string, digest: string])[], glob: string): string {
  const hash = createHash("sha256").update(`${FORMAT}\npagefind ${pagefindVersionOf()}\n${glob}\n`);
  for (const [file, digest] of [...pages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) hash.update(`${file}\n${digest}\n`);
  return hash.digest("hex").slice(0, 32);
}

/** Every file under `dir`, relative to it, except those `skip` names (top-level names). */
function filesUnder(dir: string, skip: ReadonlySet<string>): string[] {
  return filesBelow(dir).filter((file) => !skip.has(file.split("/")[0]!));
}

/**
 * A hard link where the file system allows (no bytes copied), else a copy. Never written
 * through: a file in the way is replaced. One system call for most files: the folder is made,
 * or the file in the way removed, only when the link says so.
 */
export function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") mkdirSync(path.dirname(to), { recursive: true });
    else if (code === "EEXIST") rmSync(to, { force: true });
  }
  try {
    linkSync(from, to);
  } catch {
    rmSync(to, { force: true });
    copyFileSync(from, to);
  }
}

/** Whether a stored file is still the one its manifest names: by its stat, else by its bytes. */
function stillStored(file: string, [digest, size, mtime, ino]: Manifest["files"][string]): boolean {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile() || stat.size !== size) return false;
  return (stat.mtimeMs === mtime && stat.ino === ino) || sha256(readFileSync(file)) === digest;
}

export class SearchCache {
  private readonly root: string;
  private readonly used = new Set<string>();
  /** The pages' facts as the last build read them (read when first asked for), and as this build has them. */
  private known: Map<string, PageEntry> | undefined;
  private readonly pages: PageEntry[] = [];

  constructor(cacheDir: string) {
    this.root = path.join(cacheDir, "search");
  }

  /**
   * A page's facts (`file` relative to the site folder `site`): the last build's when the file is
   * still the one they were read from (the same stamp: size, modification time and inode, as the
   * build's record trusts for the pages it carries over, lib/pipeline/warm.ts), else `read` from
   * its bytes.
   */
  pageFacts(site: string, file: string, read: (bytes: Buffer) => SearchedPage): SearchedPage {
    const full = path.join(site, file);
    const stamp = stampOf(full);
    const known = (this.known ??= this.readPages()).get(file);
    const facts = known && stamp !== undefined && known[1] === stamp ? { time: known[2] ?? Number.NEGATIVE_INFINITY, digest: known[3] } : read(readFileSync(full));
    if (stamp !== undefined) this.pages.push([file, stamp, Number.isFinite(facts.time) ? facts.time : null, facts.digest]);
    return facts;
  }

  private readPages(): Map<string, PageEntry> {
    const known = new Map<string, PageEntry>();
    try {
      const stored = JSON.parse(readFileSync(path.join(this.root, PAGES), "utf8")) as { format?: unknown; pages?: unknown };
      if (stored.format !== PAGES_FORMAT || !Array.isArray(stored.pages)) return known;
      for (const entry of stored.pages as unknown[]) {
        const sound = Array.isArray(entry) && entry.length === 4 && typeof entry[0] === "string" && typeof entry[1] === "string" && (entry[2] === null || Number.isFinite(entry[2])) && typeof entry[3] === "string";
        if (sound) known.set(entry[0] as string, entry as PageEntry);
      }
    } catch {
      // None yet, or not readable: every page is read.
    }
    return known;
  }

  /** Whether a bundle is stored under `key` (not whether it checks out: `restore` says that). */
  has(key: string): boolean {
    return existsSync(path.join(this.root, key));
  }

  /**
   * Puts the stored bundle of `key` at `bundle` and returns its page count, or undefined when
   * there is none, or it does not check out (then it is removed).
   */
  restore(key: string, bundle: string): number | undefined {
    const dir = path.join(this.root, key);
    const manifest = this.check(dir, key);
    if (!manifest) {
      rmSync(dir, { recursive: true, force: true });
      return undefined;
    }
    for (const file of Object.keys(manifest.files)) linkOrCopy(path.join(dir, file), path.join(bundle, file));
    this.used.add(key);
    return manifest.pages;
  }

  /** Stores the bundle Pagefind just wrote at `bundle` (without the folders `skip` names: other shards). */
  store(key: string, bundle: string, pages: number, skip: ReadonlySet<string>): void {
    const dir = path.join(this.root, key);
    const partial = `${dir}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    const files: Manifest["files"] = {};
    for (const file of filesUnder(bundle, skip)) {
      const stored = path.join(partial, file);
      linkOrCopy(path.join(bundle, file), stored);
      const stat = statSync(stored);
      files[file] = [sha256(readFileSync(stored)), stat.size, stat.mtimeMs, stat.ino];
    }
    const manifest: Manifest = { format: FORMAT, key, pages, files };
    // The manifest last, and the folder renamed into place whole: a store cut short is never read.
    writeFileSync(path.join(partial, MANIFEST), JSON.stringify(manifest));
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
    this.used.add(key);
  }

  /**
   * Removes every stored bundle this build did not use (the cache holds the last build's shards
   * only), and keeps the facts of the pages this build read, for the next.
   */
  prune(): void {
    mkdirSync(this.root, { recursive: true });
    for (const name of readdirSync(this.root)) if (!this.used.has(name) && name !== PAGES) rmSync(path.join(this.root, name), { recursive: true, force: true });
    writeAside(path.join(this.root, PAGES), [JSON.stringify({ format: PAGES_FORMAT, pages: this.pages })]);
  }

  private check(dir: string, key: string): Manifest | undefined {
    let manifest: Manifest;
    try {
      manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST), "utf8")) as Manifest;
    } catch {
      return undefined;
    }
    if (manifest.format !== FORMAT || manifest.key !== key || typeof manifest.pages !== "number" || typeof manifest.files !== "object" || manifest.files === null) return undefined;
    const listed = Object.keys(manifest.files).sort();
    const present = filesUnder(dir, new Set([MANIFEST]));
    if (listed.length === 0 || listed.join("\n") !== present.join("\n")) return undefined;
    for (const file of listed) {
      const entry = manifest.files[file];
      if (!Array.isArray(entry) || entry.length !== 4 || !stillStored(path.join(dir, file), entry)) return undefined;
    }
    return manifest;
  }
}
