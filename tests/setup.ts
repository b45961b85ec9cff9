// Runs in every test file before its own code: removes the file's temp folders when it is done.
import { afterAll } from "vitest";
import { removeTempDirs } from "./helpers/temp.ts";

// Registered before the test file's hooks, so it runs after all of them (sequence.hooks "stack",
// tests/vitest.config.ts): the file's own afterAll hooks have stopped its servers by then.
afterAll(removeTempDirs);
