// Carrying a warm build's unchanged pages into its staging folder (lib/pipeline/warm.ts): one hard
// link a file, and one folder a page (`posts/<slug>/index.html`), tens of thousands of system
// calls at 10,000 posts (about 2 s here, most of it the file system making folders). They are
// made on a thread of their own while Eleventy renders the pages that changed and the checks run
// (they count the carried files as built): the two write different files, and the build waits
// for the thread before it records the site.
import { Worker } from "node:worker_threads";

/** A file to carry: the kept file, and where it goes in the staging folder. */
export type CarriedLink = readonly [from: string, to: string];

/**
 * The thread's code (plain JavaScript, so it runs the same compiled or through tsx): each link
 * made, its folder first when it is not there yet; the first failure ends the run.
 */
const THREAD = `
const { mkdirSync, linkSync } = require("node:fs");
const path = require("node:path");
const { parentPort, workerData } = require("node:worker_threads");
const made = new Set();
try {
  for (const [from, to] of workerData) {
    const dir = path.dirname(to);
    if (!made.has(dir)) mkdirSync(dir, { recursive: true });
    made.add(dir);
    linkSync(from, to);
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
