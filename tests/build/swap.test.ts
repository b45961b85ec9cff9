import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { EMPTIED_MARK, adoptFolders, backgroundWork, oldDirOf, swapIntoPlace } from "../../lib/pipeline/swap.ts";
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

  it("given a place to keep them, hands the previous site over to be emptied of its files in the background, and keeps its folders there, marked, for the next build", async () => {
    const root = makeTempDir("gloss-swap-");
    const finalDir = site(path.join(root, "_site"), ["index.html", "posts/old/index.html", "posts/old/cite.bib", "css/site.css"]);
    const stagingDir = site(path.join(root, "_site.staging"), ["index.html"]);
    const keepAs = path.join(root, "cache", "site-folders");
    site(keepAs, ["older/index.html"]); // folders handed over before: replaced
    swapIntoPlace(stagingDir, finalDir, keepAs);
    // The previous site's name is free at once: no later swap puts a site where it is emptied.
    expect(existsSync(oldDirOf(finalDir))).toBe(false);
    expect(readdirSync(finalDir)).toEqual(["index.html"]);
    await vi.waitFor(() => expect(backgroundWork(finalDir, keepAs).filter((dir) => existsSync(dir))).toEqual([]), { timeout: 60_000, interval: 100 });
    expect(readdirSync(keepAs, { recursive: true }).sort()).toEqual([EMPTIED_MARK, "css", "posts", "posts/old"]);
    expect(statSync(path.join(keepAs, EMPTIED_MARK)).size).toBe(0);
    expect(readdirSync(root).sort()).toEqual(["_site", "cache"]);
    // Taken by the next build as its staging folder, only with a list of folders to clear them against.
    const list = path.join(root, "cache", "folders.txt");
    const next = path.join(root, "_site.staging");
    expect(adoptFolders(keepAs, list, next)).toBe(false);
    writeFileSync(list, "posts\nposts/old");
    expect(adoptFolders(keepAs, list, next)).toBe(true);
    expect(existsSync(keepAs)).toBe(false);
    expect(readdirSync(path.join(next, "posts"))).toEqual(["old"]);
  });

  it("deletes in the background what an emptying cut short left over an hour ago, and leaves one under way", async () => {
    const root = makeTempDir("gloss-swap-");
    const keepAs = path.join(root, "cache", "site-folders");
    const abandoned = site(`${keepAs}.emptying-1-${Date.now() - 2 * 60 * 60 * 1000}`, ["posts/x/index.html"]);
    const underWay = site(`${keepAs}.emptying-2-${Date.now()}`, ["posts/y/index.html"]);
    expect(adoptFolders(keepAs, path.join(root, "cache", "folders.txt"), path.join(root, "_site.staging"))).toBe(false);
    expect(existsSync(abandoned)).toBe(false);
    await vi.waitFor(() => expect(readdirSync(path.join(root, "cache"))).toEqual([path.basename(underWay)]), { timeout: 60_000, interval: 100 });
    expect(existsSync(path.join(underWay, "posts/y/index.html"))).toBe(true);
  });
});
