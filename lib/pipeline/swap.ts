// The last step of `npm run build`: the staging folder becomes the site in two renames, and the
// previous site is deleted by a detached process, so the build does not wait for tens of
// thousands of unlinks (a third of a build's file-system time, in a profile of 1,000 posts).
// A production build keeps the previous site's folders instead (`keepFolders`, in its record's
// folder of the cache): the detached process removes its files only, and hands the emptied
// folders over under that name; the next build takes them as its staging folder (adoptFolders),
// where the folders of its pages are already made (lib/pipeline/carry.ts clears out whatever is
// not one of them before any page is written). Making them took 0.8–1.4 s at 10,000 posts
// (19,815 folders), more in a build; looking through them all takes about 0.3 s.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";

/** Where the previous site waits to be deleted: `<output>.old`. */
export const oldDirOf = (finalDir: string) => `${finalDir}.old`;

/** The file in emptied folders handed over to the next build that says they are that (carry.ts reads it). */
export const EMPTIED_MARK = ".gloss-emptied";

/** Runs `script` (with `args`) in a detached Node process that outlives this one. */
function detached(script: string, ...args: string[]): void {
  const child = spawn(process.execPath, ["-e", script, ...args], { detached: true, stdio: "ignore", windowsHide: true });
  child.on("error", () => undefined);
  child.unref();
}

/** Deletes `dir` in a detached Node process that outlives this one; failures are left for the next build. */
export function deleteInBackground(dir: string): void {
  detached("require('node:fs').rmSync(process.argv[1], { recursive: true, force: true, maxRetries: 3 })", dir);
}

/**
 * Removes every file under `dir` in a detached process, keeping its folders, then marks it and
 * renames it to `keepAs` (replacing one there). `dir` is a folder of its own (no swap ever puts
 * a site at that name), so what appears at `keepAs` never holds a file but the mark. On any
 * failure the folder is deleted whole.
 */
function emptyInBackground(dir: string, keepAs: string): void {
  detached(
    `const fs = require("node:fs"), path = require("node:path");
const [dir, keepAs] = process.argv.slice(1);
const empty = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) empty(p); else fs.unlinkSync(p); } };
try {
  empty(dir);
  fs.writeFileSync(path.join(dir, ${JSON.stringify(EMPTIED_MARK)}), "");
  fs.rmSync(keepAs, { recursive: true, force: true, maxRetries: 3 });
  fs.renameSync(dir, keepAs);
} catch {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}`,
    dir,
    keepAs,
  );
}

/** The folder a swap hands the previous site to, to be emptied (emptyInBackground): beside `keepAs`, named for this process. */
const emptyingPrefix = (keepAs: string) => `${path.basename(keepAs)}.emptying-`;

/** Folders being emptied for `keepAs`, or left by an emptying that was cut short. */
function emptyings(keepAs: string): string[] {
  const dir = path.dirname(keepAs);
  try {
    return readdirSync(dir)
      .filter((name) => name.startsWith(emptyingPrefix(keepAs)))
      .map((name) => path.join(dir, name));
  } catch {
    return []; // No cache folder: nothing is being emptied.
  }
}

/** What the background may still work on after a build: the previous site being deleted, or folders being emptied for `keepAs`. */
export function backgroundWork(finalDir: string, keepAs: string): string[] {
  return [oldDirOf(finalDir), ...emptyings(keepAs)];
}

/**
 * Moves `stagingDir` to `finalDir`. The previous site, if any, is deleted in the background or,
 * given `keepFolders`, emptied of its files in the background and its folders kept there.
 */
export function swapIntoPlace(stagingDir: string, finalDir: string, keepFolders?: string): void {
  const oldDir = oldDirOf(finalDir);
  // Left by an earlier build whose background delete has not finished (or was cut short).
  rmSync(oldDir, { recursive: true, force: true, maxRetries: 3 });
  const hadSite = existsSync(finalDir);
  if (hadSite) renameSync(finalDir, oldDir);
  renameSync(stagingDir, finalDir);
  if (!hadSite) return;
  if (keepFolders !== undefined) {
    const emptying = path.join(path.dirname(keepFolders), `${emptyingPrefix(keepFolders)}${process.pid}-${Date.now()}`);
    try {
      mkdirSync(path.dirname(keepFolders), { recursive: true });
      renameSync(oldDir, emptying);
      emptyInBackground(emptying, keepFolders);
      return;
    } catch {
      // The cache on another file system (no rename there): deleted, as without it.
    }
  }
  deleteInBackground(oldDir);
}

/** An emptying older than this was cut short (10,000 posts' site empties in about 7 s): its folder is deleted. */
const ABANDONED_MS = 60 * 60 * 1000;

/**
 * Before a build: the previous site's emptied folders (`keepAs`, handed over by swapIntoPlace)
 * become the staging folder, when the build has a list of its folders to clear them against
 * (`list`, carry.ts). A folder whose emptying was cut short (started over an hour ago) is
 * deleted in the background. Returns whether the folders were taken.
 */
export function adoptFolders(keepAs: string, list: string, stagingDir: string): boolean {
  for (const dir of emptyings(keepAs)) {
    const started = /-(\d+)$/.exec(dir)?.[1];
    if (started === undefined || Date.now() - Number(started) < ABANDONED_MS) continue;
    const aside = `${dir}.deleting`;
    try {
      renameSync(dir, aside);
      deleteInBackground(aside);
    } catch {
      // Taken care of by another build.
    }
  }
  if (!existsSync(keepAs) || !existsSync(list)) return false;
  try {
    renameSync(keepAs, stagingDir);
    return true;
  } catch {
    return false;
  }
}
