// Which folder a run writes (lib/core/env.ts): the deploy folder for a production build only;
// the dev server always its own, whatever the variables say.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readEnv } from "../../lib/core/env.ts";
import { ROOT } from "../helpers/site.ts";

describe("output folders by run mode", () => {
  it.each([
    [{}, "_site"],
    [{ GLOSS_OUTPUT_DIR: "out" }, "out"],
    [{ ELEVENTY_RUN_MODE: "serve" }, ".gloss/dev"],
    [{ ELEVENTY_RUN_MODE: "watch" }, ".gloss/dev"],
    [{ ELEVENTY_RUN_MODE: "serve", GLOSS_OUTPUT_DIR: "_site" }, ".gloss/dev"],
    [{ ELEVENTY_RUN_MODE: "serve", GLOSS_DEV_OUTPUT_DIR: "scratch/dev" }, "scratch/dev"],
  ])("%j writes %s", (vars, folder) => {
    expect(readEnv(vars).outputDir).toBe(path.join(ROOT, folder));
  });

  it.each([
    [{ ELEVENTY_RUN_MODE: "serve", GLOSS_DEV_OUTPUT_DIR: "_site" }],
    [{ ELEVENTY_RUN_MODE: "serve", GLOSS_DEV_OUTPUT_DIR: "_site/dev" }],
    [{ ELEVENTY_RUN_MODE: "serve", GLOSS_DEV_OUTPUT_DIR: "site", GLOSS_OUTPUT_DIR: "site/public" }],
  ])("refuses a dev folder that overlaps the deploy folder: %j", (vars) => {
    expect(() => readEnv(vars)).toThrow(/must be apart from the deploy folder .*: drafts would be deployed/);
  });
});
