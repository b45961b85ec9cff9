// The page files a build keeps for the next (the record's `site/` folder, lib/pipeline/build-record.ts):
// where each is kept, and whether one is still the file the record lists. Plain JavaScript, so
// the thread that checks them ahead (lib/pipeline/kept-check-thread.js) runs it as it is,
// compiled or not, with the TypeScript (lib/pipeline/warm.ts).
import { createHash } from "node:crypto";
import { lstatSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileDigest } from "../core/digest.js";

/**
 * Where the record keeps a file of the site, `name` relative to the output (`posts/x/index.html`):
 * in `site/`, in one of 256 folders chosen by the SHA-1 of the name, not in a copy of the site's
 * own tree, whose folder a page (20,000 of them at 10,000 posts) each cost a build a mkdir.
 * @param {string} siteDir
 * @param {string} name
 * @returns {string}
 */
export function keptFile(siteDir, name) {
  const digest = createHash("sha1").update(name).digest("hex");
  // Joined by hand: path.join, normalising the whole path each time, was 0.2 s of a warm build's
  // 39,000 calls. The two parts added are plain names; a `siteDir` ending in a separator keeps it.
  const folder = siteDir.endsWith(path.sep) ? siteDir : `${siteDir}${path.sep}`;
  return `${folder}${digest.slice(0, 2)}${path.sep}${digest.slice(2)}${path.extname(name)}`;
}

/**
 * The kept file's size, time and inode if it is still the one the record lists: by its stat,
 * else (a restored cache: new times and inodes) by its bytes. Undefined when it is gone or changed.
 * @param {string} file The kept file (keptFile).
 * @param {{ size: number, mtime: number, ino: number, sha1: string }} listed As the record lists it.
 * @returns {{ size: number, mtimeMs: number, ino: number } | undefined}
 */
export function keptStat(file, listed) {
  const stat = lstatOrUndefined(file);
  if (!stat || !stat.isFile() || stat.size !== listed.size) return undefined;
  if (stat.mtimeMs === listed.mtime && stat.ino === listed.ino) return stat;
  return fileDigest(readFileSync(file)) === listed.sha1 ? stat : undefined;
}

/**
 * A file's lstat; undefined when there is none (or it cannot be read).
 * @param {string} file
 * @returns {import("node:fs").Stats | undefined}
 */
export function lstatOrUndefined(file) {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}
