// The run's own temp folder, and the guard that fails the run when anything is left in it.
//
// Why a folder of its own rather than comparing os.tmpdir() before and after: other engineers'
// suites and builds on this machine make gloss-* folders in /tmp at the same time, so a
// before/after comparison would blame their folders on this run (and miss ours when they clean
// up). Setting TMPDIR here, before the workers start, puts every temp file of this run under one
// folder: the tests' (tests/helpers/temp.ts uses os.tmpdir()) and those of every process they
// start (builds, dev servers, Chromium, tsx), which inherit the workers' environment. Whatever
// is in it at the end is this run's. The folder itself is removed at the end, pass or fail.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** This run's temp folder: tests/setup.ts checks that the worker's os.tmpdir() is it. */
    glossTestTmp: string;
  }
}

/**
 * Left in the run's folder by design, not by a test: tsx's compile cache (`tsx-<uid>`), made by
 * the first build a test starts and reused by the next ones. Removed with the folder.
 */
const TOOL_CACHES = [/^tsx-\d+$/];

export function setup(project: TestProject): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(path.join(tmpdir(), "gloss-test-run-"));
  process.env.TMPDIR = root;
  project.provide("glossTestTmp", root);
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    const left = readdirSync(root).filter((name) => !TOOL_CACHES.some((cache) => cache.test(name)));
    rmSync(root, { recursive: true, force: true, maxRetries: 5 });
    if (left.length > 0) {
      // Vitest prints an error thrown from teardown ("error during close") but still exits 0
      // when every test passed (4.1): the exit code is set here.
      process.exitCode = 1;
      throw new Error(
        `The tests or the processes they started left ${left.length} temp entr${left.length === 1 ? "y" : "ies"} behind: ${left.sort().join(", ")} ` +
          `(removed now, with ${root}). Make test folders with makeTempDir() (tests/helpers/temp.ts), which removes them after the test file, and stop servers in an afterAll hook.`,
      );
    }
  };
}
