import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Builds are CPU-bound child processes; two cores, two at a time.
    maxWorkers: 2,
    reporters: ["default"],
    // This run's own temp folder, and a failure if the tests leave anything in it.
    globalSetup: ["tests/global-setup.ts"],
    // Removes each test file's temp folders once the file is done.
    setupFiles: ["tests/setup.ts"],
    // Vitest's default, pinned: afterAll hooks run in reverse order, so the setup file's (the
    // first registered) runs after the test file's own, which stop its servers and processes.
    sequence: { hooks: "stack" },
  },
});
