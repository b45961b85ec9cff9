import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { oldDirOf, swapIntoPlace } from "../../lib/pipeline/swap.ts";
import { makeTempDir } from "../helpers/temp.ts";

function site(dir: string, files: string[]): string {
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), file);
  }
  return dir;
}

describe("the staging folder swapped into place", () => {
  it("replaces the previous site, whose folder a background process deletes", async () => {
    const root = makeTempDir("gloss-swap-");
    const finalDir = site(path.join(root, "_site"), ["index.html", "posts/old/index.html"]);
    const stagingDir = site(path.join(root, "_site.staging"), ["index.html", "posts/new/index.html"]);
    swapIntoPlace(stagingDir, finalDir);
    expect(readdirSync(path.join(finalDir, "posts"))).toEqual(["new"]);
    expect(existsSync(stagingDir)).toBe(false);
    // The delete runs in its own process: wait for it (not a timing assertion, a generous bound).
    await vi.waitFor(() => expect(existsSync(oldDirOf(finalDir))).toBe(false), { timeout: 60_000, interval: 100 });
    expect(readdirSync(root).sort()).toEqual(["_site"]);
  });

  it("makes the first site without a previous one, and clears what an interrupted delete left", () => {
    const root = makeTempDir("gloss-swap-");
    const finalDir = path.join(root, "_site");
    site(oldDirOf(finalDir), ["stale.html"]);
    const stagingDir = site(path.join(root, "_site.staging"), ["index.html"]);
    swapIntoPlace(stagingDir, finalDir);
    expect(readdirSync(finalDir)).toEqual(["index.html"]);
    expect(readdirSync(root).sort()).toEqual(["_site"]);
  });
});
