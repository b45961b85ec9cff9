// Runs in every test file before its own code: removes the file's temp folders when it is done.
import { tmpdir } from "node:os";
import { afterAll, inject } from "vitest";
import { removeTempDirs } from "./helpers/temp.ts";

// A worker that did not inherit the run's TMPDIR (tests/global-setup.ts) would make its folders
// in the shared temp folder, where the end-of-run check does not look.
if (tmpdir() !== inject("glossTestTmp")) {
  throw new Error(`os.tmpdir() is ${tmpdir()}, not this run's temp folder ${inject("glossTestTmp")}: run the tests with --config tests/vitest.config.ts`);
}

// Registered before the test file's hooks, so it runs after all of them (sequence.hooks "stack",
// tests/vitest.config.ts): the file's own afterAll hooks have stopped its servers by then.
afterAll(removeTempDirs);
