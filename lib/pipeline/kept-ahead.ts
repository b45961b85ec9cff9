// A warm build's kept page files, checked ahead. The plan (lib/pipeline/warm.ts) carries over
// each page whose kept file (the record's `site/`) is still the one the last build's record
// lists. Looking at each file took an `lstat` apiece in the plan, on the main thread: 0.7 s of
// a warm build at 10,000 posts (39,000 files), 3.4 s at 50,000 (194,000). A thread of its own
// now does it (lib/pipeline/kept-check-thread.js) from the build's start, while the main thread
// reads the posts and builds the catalog, from the list of files the record writes beside its
// snapshot; the plan takes its answer when that list is the snapshot's (by its digest), and
// looks at each file itself otherwise.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { projectRoot } from "../core/env.ts";

/** The thread's answer: for the snapshot whose digest it names, its file i's stat at 3i (NaN: gone or changed). */
interface Answer {
  digest: string | undefined;
  stats?: Float64Array;
}

/** A kept file as the check found it: still the file listed, with its size, time and inode. */
export interface KeptStat {
  size: number;
  mtimeMs: number;
  ino: number;
}

/** The kept files being checked: `stats` settles with what was found (never rejects). */
export interface KeptAhead {
  /** For the snapshot whose digest is `digest`, the stat of its file `i`, or undefined when gone or changed; undefined itself when the list checked was not that snapshot's. */
  stats(digest: string): Promise<((i: number) => KeptStat | undefined) | undefined>;
  stop(): Promise<void>;
}

/** Starts checking the kept files in `siteDir` that `list` names (snapshotPaths' `keptList`). */
export function checkKeptAhead(list: string, siteDir: string): KeptAhead {
  const worker = new Worker(pathToFileURL(path.join(projectRoot, "lib/pipeline/kept-check-thread.js")), { execArgv: [], workerData: { list, siteDir } });
  const answer = new Promise<Answer>((resolve) => {
    worker.once("message", resolve);
    worker.once("error", () => resolve({ digest: undefined }));
    worker.once("exit", () => resolve({ digest: undefined }));
  });
  return {
    async stats(digest) {
      const { digest: checked, stats } = await answer;
      if (checked !== digest || !stats) return undefined;
      return (i) => {
        const at = i * 3;
        if (!(at + 2 < stats.length) || Number.isNaN(stats[at])) return undefined;
        return { size: stats[at]!, mtimeMs: stats[at + 1]!, ino: stats[at + 2]! };
      };
    },
    stop: async () => void (await worker.terminate()),
  };
}
