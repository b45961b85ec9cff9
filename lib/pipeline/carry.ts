// Carrying a warm build's unchanged pages into its staging folder (lib/pipeline/warm.ts): one hard
// link a file, and one folder a page (`posts/<slug>/index.html`), tens of thousands of system
// calls at 10,000 posts (about 2 s here, most of it the file system making folders). They are
// made on a thread of their own while Eleventy renders the pages that changed and the checks run
// (they count the carried files as built): the two write different files, and the build waits
// for the thread before it records the site. The folders are made sooner still: each build lists
// the folders of its pages (folders.txt, beside its record), and the next makes them in its
// staging folder on a thread of its own (makeFoldersAhead) once its posts are read and its
// catalog built, while it plans and Eleventy starts: the carrying thread then only links. (Made
// while the posts were being read, they delayed the reading about as much as they saved.)
import { linkSync, rmdirSync, unlinkSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { writeAside } from "../core/write-aside.ts";
import { EMPTIED_MARK } from "./swap.ts";

/** A file to carry: the kept file, and where it goes in the staging folder. */
export type CarriedLink = readonly [from: string, to: string];

/**
 * The thread's code (plain JavaScript, so it runs the same compiled or through tsx): each link
 * made, and its folder when the link finds none; the first failure ends the run.
 */
const THREAD = `
const { mkdirSync, linkSync } = require("node:fs");
const path = require("node:path");
const { parentPort, workerData } = require("node:worker_threads");
try {
  for (const [from, to] of workerData) {
    try {
      linkSync(from, to);
    } catch (error) {
      // Its folder not made yet (most are, ahead: makeFoldersAhead).
      if (error.code !== "ENOENT") throw error;
      mkdirSync(path.dirname(to), { recursive: true });
      linkSync(from, to);
    }
  }
  parentPort.postMessage({ ok: true });
} catch (error) {
  parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
`;

/** Makes the links on a thread of its own; settles once every one is made, or with the first that failed. */
export function carryLinks(links: readonly CarriedLink[]): Promise<void> {
  if (links.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const worker = new Worker(THREAD, { eval: true, workerData: links });
    let answered = false;
    worker.once("message", (result: { ok: boolean; message?: string }) => {
      answered = true;
      if (result.ok) resolve();
      else reject(new Error(`could not carry a page over from the last build: ${result.message}`));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (!answered) reject(new Error(`the thread carrying pages over stopped (exit code ${code})`));
    });
  });
}

/**
 * Writes `folders` (foldersOf a build's files) one a line, each after its parent: what the next
 * build makes ahead.
 */
export function writeFolderList(file: string, folders: Iterable<string>): void {
  writeAside(file, [[...folders].sort().join("\n")]);
}

/** Every folder the files `names` are in, and their parents (relative, with `/`). */
export function foldersOf(names: Iterable<string>): Set<string> {
  const folders = new Set<string>();
  for (const name of names) {
    for (let end = name.lastIndexOf("/"); end > 0 && !folders.has(name.slice(0, end)); end = name.lastIndexOf("/", end - 1)) folders.add(name.slice(0, end));
  }
  return folders;
}

/**
 * The thread making folders ahead: each listed folder that is a plain relative path (no `..`,
 * nothing absolute; the list is a hint, read from the cache folder) is made inside the staging
 * folder, parents first; a folder there already is left. When the staging folder is the last
 * site's folders, emptied and handed over (it holds the mark, lib/pipeline/swap.ts), everything
 * in it that is not a listed folder (a file, a folder no page of the list is in) is removed
 * first, and the thread says so ("cleared") before it makes the folders missing: nothing is
 * written into the staging folder before that (WarmBuild.foldersCleared). It answers with the
 * folders it made or kept.
 */
const AHEAD = `
const { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } = require("node:fs");
const path = require("node:path");
const { parentPort, workerData: { list, stagingDir, mark } } = require("node:worker_threads");
const made = [];
let cleared = false;
const clearedNow = () => {
  if (!cleared) parentPort.postMessage({ cleared: true });
  cleared = true;
};
try {
  // Linux: at the lowest priority, this thread alone, as lib/core/priority.js sets one (a thread
  // made from a string cannot import it).
  require("node:os").setPriority(Number(require("node:fs").readlinkSync("/proc/thread-self").split("/").pop()), 19);
} catch {}
try {
  const folders = readFileSync(list, "utf8").split("\\n").filter((folder) => !folder.includes("\\0") && !folder.includes("\\\\") && folder.split("/").every((part) => part !== "" && part !== "." && part !== ".."));
  const kept = new Set();
  if (existsSync(path.join(stagingDir, mark))) {
    const wanted = new Set(folders);
    try {
      const clear = (folder) => {
        for (const entry of readdirSync(path.join(stagingDir, folder), { withFileTypes: true })) {
          const child = folder === "" ? entry.name : folder + "/" + entry.name;
          if (entry.isDirectory() && wanted.has(child)) {
            kept.add(child);
            clear(child);
          } else rmSync(path.join(stagingDir, child), { recursive: true, force: true });
        }
      };
      clear("");
    } catch {
      // Not cleared: none of it is used.
      kept.clear();
      rmSync(stagingDir, { recursive: true, force: true });
    }
  }
  clearedNow();
  mkdirSync(stagingDir, { recursive: true });
  for (const folder of folders) {
    if (kept.has(folder)) {
      made.push(folder);
      continue;
    }
    try {
      mkdirSync(path.join(stagingDir, folder));
      made.push(folder);
    } catch (error) {
      if (error.code !== "EEXIST") break;
    }
  }
} catch {
  // No list (a first build, or another output folder's): the folders are made as the pages are,
  // and none handed over is used.
  try {
    if (!cleared && existsSync(path.join(stagingDir, mark))) rmSync(stagingDir, { recursive: true, force: true });
  } catch {}
}
clearedNow();
parentPort.postMessage(made);
`;

/**
 * Folders being made ahead: `cleared` settles once nothing but listed folders is in the staging
 * folder (at once, unless it was handed over with the last site's folders), `made` with the
 * folders made or kept (neither rejects); `stop` ends the thread.
 */
export interface FoldersAhead {
  cleared: Promise<void>;
  made: Promise<string[]>;
  stop(): Promise<void>;
}

/** Starts making, in `stagingDir`, the folders of the list in `list` (writeFolderList) on a thread of its own. */
export function makeFoldersAhead(list: string, stagingDir: string): FoldersAhead {
  const worker = new Worker(AHEAD, { eval: true, workerData: { list, stagingDir, mark: EMPTIED_MARK } });
  let clear!: () => void;
  const cleared = new Promise<void>((resolve) => (clear = resolve));
  const made = new Promise<string[]>((resolve) => {
    worker.on("message", (message: { cleared: true } | string[]) => (Array.isArray(message) ? resolve(message) : clear()));
    worker.once("error", () => resolve([]));
    worker.once("exit", () => resolve([]));
  });
  void made.then(clear);
  return { cleared, made, stop: async () => void (await worker.terminate()) };
}

/**
 * Removes the folders made ahead that this build's files are not in (`used`, foldersOf): a
 * deleted page's, say. A cold build would not have them. Deepest first; a folder with anything
 * in it is left.
 */
export function dropFoldersUnused(stagingDir: string, made: readonly string[], used: ReadonlySet<string>): void {
  for (const folder of [...made].reverse()) {
    if (used.has(folder)) continue;
    try {
      rmdirSync(path.join(stagingDir, folder));
    } catch {
      // Not empty (something else was written there), or gone.
    }
  }
}

/**
 * A hard link at `to` to `from`, replacing what is there: the kept file of the last build, or
 * one a failed build kept after its snapshot was written. A cold build's names are all new,
 * so the link is tried first.
 */
export function linkReplacing(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // A file: unlinked as such (rmSync would walk it as a tree first, rimraf's way).
    unlinkSync(to);
    linkSync(from, to);
  }
}
