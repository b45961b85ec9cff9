// The thread that checks a warm build's kept page files ahead (lib/pipeline/kept-ahead.ts): one
// `lstat` a file the last build's record lists (about 39,000 at 10,000 posts, 194,000 at 50,000),
// done while the build's main thread reads the posts and builds the catalog, not in its plan.
// Plain JavaScript, so it runs the same compiled or through tsx.
//
// It reads the list the record writes beside its snapshot (`<digest of the snapshot> <digest of
// the rest>\n<JSON of the snapshot's files>`), and answers once: { digest, stats } with the
// snapshot's digest and, for the snapshot's file i, stats[3i..3i+2] its size, time and inode
// when it is still the file listed (keptStat), NaN when not; or { digest: undefined } when there
// is no list to read, or it is not as written.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { lowestPriorityThread } from "../core/priority.js";
import { keptFile, keptStat } from "./kept-files.js";

/** @type {{ list: string, siteDir: string }} */
const { list, siteDir } = workerData;
/** @type {{ digest: string | undefined, stats?: Float64Array }} */
let answer = { digest: undefined };
// At the lowest priority, this thread alone: it takes the core the main thread leaves and no more.
lowestPriorityThread();
try {
  const bytes = readFileSync(list);
  const newline = bytes.indexOf(0x0a);
  const [digest, own] = bytes.toString("latin1", 0, Math.max(newline, 0)).split(" ");
  const body = bytes.subarray(newline + 1);
  /** @type {unknown} */
  const files = newline > 0 && own === createHash("sha256").update(body).digest("hex") ? JSON.parse(body.toString("utf8")) : undefined;
  if (Array.isArray(files)) {
    const stats = new Float64Array(files.length * 3).fill(Number.NaN);
    for (const [i, entry] of files.entries()) {
      if (!Array.isArray(entry) || typeof entry[0] !== "string") continue;
      const [name, size, mtime, ino, sha1] = entry;
      const stat = keptStat(keptFile(siteDir, name), { size, mtime, ino, sha1 });
      if (stat) stats.set([stat.size, stat.mtimeMs, stat.ino], i * 3);
    }
    answer = { digest, stats };
  }
} catch {
  // No list (a first build, a record from before it was written) or a damaged one: the plan
  // looks at each file itself.
}
parentPort?.postMessage(answer, answer.stats ? [answer.stats.buffer] : []);
