// Temporary folders for tests, removed when the test file that made them is done. Each is made
// under os.tmpdir() (in a suite run, the run's own folder: tests/global-setup.ts) and registered
// here; tests/setup.ts removes them all after the file's last test and hook. Not sooner: a
// folder may outlive the test that made it (a describe block's fixture site), and a file's own
// afterAll hooks stop the servers and child processes that read or write it first.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const made = new Set<string>();

/**
 * A fresh empty folder `<prefix>XXXXXX`, removed after the calling test file. Prefixes start
 * with `gloss-` so that a folder made outside a suite run (in the shared temp folder) still
 * says whose it is.
 */
export function makeTempDir(prefix: `gloss-${string}`): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Removes every folder makeTempDir made in this test file. */
export function removeTempDirs(): void {
  for (const dir of made) {
    // Retries: a process still shutting down (a search indexer) may write one last file while
    // the tree is being removed (ENOTEMPTY).
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    made.delete(dir);
  }
}
