// Search shards kept between builds. Each shard's Pagefind bundle is stored in the cache folder
// (env.cacheDir, `search/`) under a key made of everything Pagefind reads to make it: its version,
// and the path and bytes of every page the shard indexes. A build whose shard has the same key
// links the stored bundle into the site instead of running Pagefind (seconds a shard at 1,500
// posts). A stored bundle is used only when its manifest checks out: every file there, with the
// bytes it was stored with; anything else in the folder (a bundle cut short, edited by hand, or
// written by another version of Gloss) is ignored, indexed again and replaced.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { filesBelow } from "../core/tree.ts";

/** Bumped when what is stored changes shape. */
const FORMAT = "gloss-search-shard/1";
const MANIFEST = "gloss-manifest.json";

interface Manifest {
  format: string;
  key: string;
  pages: number;
  /** Every file of the bundle, relative to it, with its SHA-256. */
  files: Record<string, string>;
}

const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

let pagefindVersion: string | undefined;
function pagefindVersionOf(): string {
  const lib = path.dirname(fileURLToPath(import.meta.resolve("pagefind")));
  return (pagefindVersion ??= (JSON.parse(readFileSync(path.join(lib, "..", "package.json"), "utf8")) as { version: string }).version);
}

/** The key of a shard: Pagefind's version, the glob it is run with, and each page it indexes (path and bytes). */
export function shardKey(site: string, files: readonly string[], glob: string): string {
  const hash = createHash("sha256").update(`${FORMAT}\npagefind ${pagefindVersionOf()}\n${glob}\n`);
  for (const file of [...files].sort()) hash.update(`${file}\n${sha256(readFileSync(path.join(site, file)))}\n`);
  return hash.digest("hex").slice(0, 32);
}

/** Every file under `dir`, relative to it, except those `skip` names (top-level names). */
function filesUnder(dir: string, skip: ReadonlySet<string>): string[] {
  return filesBelow(dir).filter((file) => !skip.has(file.split("/")[0]!));
}

/** A hard link where the file system allows (no bytes copied), else a copy. Never written through: a file in the way is replaced. */
function linkOrCopy(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  rmSync(to, { force: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

export class SearchCache {
  private readonly root: string;
  private readonly used = new Set<string>();

  constructor(cacheDir: string) {
    this.root = path.join(cacheDir, "search");
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
    const files: Record<string, string> = {};
    for (const file of filesUnder(bundle, skip)) {
      linkOrCopy(path.join(bundle, file), path.join(partial, file));
      files[file] = sha256(readFileSync(path.join(bundle, file)));
    }
    const manifest: Manifest = { format: FORMAT, key, pages, files };
    // The manifest last, and the folder renamed into place whole: a store cut short is never read.
    writeFileSync(path.join(partial, MANIFEST), JSON.stringify(manifest));
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
    this.used.add(key);
  }

  /** Removes every stored bundle this build did not use: the cache holds the last build's shards only. */
  prune(): void {
    if (!existsSync(this.root)) return;
    for (const name of readdirSync(this.root)) if (!this.used.has(name)) rmSync(path.join(this.root, name), { recursive: true, force: true });
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
    for (const file of listed) if (sha256(readFileSync(path.join(dir, file))) !== manifest.files[file]) return undefined;
    return manifest;
  }
}
