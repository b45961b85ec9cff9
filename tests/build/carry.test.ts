// Carrying a warm build's unchanged pages over (lib/pipeline/carry.ts): hard links made on a
// thread of their own, with their folders; the first link that cannot be made fails the carrying,
// naming it, and the build with it (lib/cli/render-site.ts). A build's pages kept for the next
// (keepInRecord, lib/pipeline/build-record.ts), replacing the last build's. The folders of the last build's
// pages, listed by it and made ahead by the next. Whole warm builds, byte for byte against cold
// ones: tests/build/warm-build.test.ts.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { keepInRecord, keptFile, snapshotPaths } from "../../lib/pipeline/build-record.ts";
import { carryLinks, dropFoldersUnused, foldersOf, makeFoldersAhead, writeFolderList } from "../../lib/pipeline/carry.ts";
import { EMPTIED_MARK } from "../../lib/pipeline/swap.ts";
import { makeTempDir } from "../helpers/temp.ts";

describe("carryLinks", () => {
  it("links every file into place, making the folders it needs", async () => {
    const kept = makeTempDir("gloss-carry-kept-");
    const staging = makeTempDir("gloss-carry-staging-");
    const names = ["index.html", "posts/a/index.html", "posts/b/index.html", "tags/x/page/2/index.html"];
    for (const name of names) {
      mkdirSync(path.dirname(path.join(kept, name)), { recursive: true });
      writeFileSync(path.join(kept, name), `page ${name}`);
    }
    await carryLinks(names.map((name) => [path.join(kept, name), path.join(staging, name)]));
    for (const name of names) {
      expect(readFileSync(path.join(staging, name), "utf8")).toBe(`page ${name}`);
      // A hard link: the kept file itself, no copy.
      expect(statSync(path.join(staging, name)).ino).toBe(statSync(path.join(kept, name)).ino);
    }
  });

  it("fails on the first link it cannot make, naming the file", async () => {
    const kept = makeTempDir("gloss-carry-kept-");
    const staging = makeTempDir("gloss-carry-staging-");
    writeFileSync(path.join(kept, "there.html"), "here");
    const missing = path.join(kept, "gone.html");
    await expect(carryLinks([[path.join(kept, "there.html"), path.join(staging, "there.html")], [missing, path.join(staging, "gone.html")]])).rejects.toThrow(
      new RegExp(`^could not carry a page over from the last build: ENOENT: no such file or directory, link '${missing}'`),
    );
  });

  it("makes nothing, and starts no thread, for no links", async () => {
    await expect(carryLinks([])).resolves.toBeUndefined();
  });
});

describe("keepInRecord", () => {
  it("links a build's pages into the record's folder, making its folders and replacing the files of the last build there; fails naming what it could not keep", async () => {
    const dir = makeTempDir("gloss-keep-");
    const env = { cacheDir: path.join(dir, "cache"), outputDir: path.join(dir, "_site") };
    const staging = path.join(dir, "_site.staging");
    const names = ["index.html", "posts/a/index.html", "citations/a.ris"];
    for (const name of names) {
      mkdirSync(path.dirname(path.join(staging, name)), { recursive: true });
      writeFileSync(path.join(staging, name), `this build's ${name}`);
    }
    const { site } = snapshotPaths(env);
    const last = keptFile(site, "posts/a/index.html");
    mkdirSync(path.dirname(last), { recursive: true });
    writeFileSync(last, "the last build's page");
    await keepInRecord(env, staging, names);
    for (const name of names) {
      // A hard link: the page itself, no copy.
      expect(statSync(keptFile(site, name)).ino).toBe(statSync(path.join(staging, name)).ino);
    }
    expect(readFileSync(last, "utf8")).toBe("this build's posts/a/index.html");
    await expect(keepInRecord(env, staging, ["gone.html"])).rejects.toThrow(/^could not keep a page for the next build: ENOENT/);
  });
});

describe("folders made ahead", () => {
  it("lists the folders of a build's files, each after its parent, and makes them in the next staging folder", async () => {
    const cache = makeTempDir("gloss-carry-cache-");
    const list = path.join(cache, "folders.txt");
    writeFolderList(list, foldersOf(["index.html", "posts/b/index.html", "posts/a/index.html", "posts/a/cite.bib", "tags/x/page/2/index.html"]));
    const folders = ["posts", "posts/a", "posts/b", "tags", "tags/x", "tags/x/page", "tags/x/page/2"];
    expect(readFileSync(list, "utf8").split("\n")).toEqual(folders);
    // Nothing half-written is left beside it.
    expect(readdirSync(cache)).toEqual(["folders.txt"]);
    const staging = path.join(makeTempDir("gloss-carry-site-"), "_site.staging");
    mkdirSync(path.join(staging, "tags"), { recursive: true }); // one there already (made by another writer)
    expect((await makeFoldersAhead(list, staging).made).sort()).toEqual(folders.filter((folder) => folder !== "tags"));
    for (const folder of folders) expect(statSync(path.join(staging, folder)).isDirectory()).toBe(true);
  });

  it("makes nothing outside the staging folder from a list with paths out of it", async () => {
    const root = makeTempDir("gloss-carry-hostile-");
    const list = path.join(root, "folders.txt");
    writeFileSync(list, ["../escaped", "/absolute-gloss-test", "posts/../../up", "./here", "a//b", "ok", "ok/fine", "back\\slash", "nul\0byte"].join("\n"));
    const staging = path.join(root, "site", "_site.staging");
    expect(await makeFoldersAhead(list, staging).made).toEqual(["ok", "ok/fine"]);
    expect(readdirSync(path.join(root, "site"))).toEqual(["_site.staging"]);
    expect(readdirSync(staging)).toEqual(["ok"]);
    expect(existsSync("/absolute-gloss-test")).toBe(false);
  });

  it("clears the last site's folders, handed over as the staging folder, of all but the listed folders, and says so before it makes those missing", async () => {
    const root = makeTempDir("gloss-carry-adopt-");
    const list = path.join(root, "folders.txt");
    const folders = ["posts", "posts/a", "posts/b", "tags", "tags/x"];
    writeFolderList(list, foldersOf(["posts/a/index.html", "posts/b/index.html", "tags/x/index.html"]));
    const staging = path.join(root, "_site.staging");
    for (const folder of ["posts/a", "posts/gone/deep", "pagefind/fragment", "tags"]) mkdirSync(path.join(staging, folder), { recursive: true });
    writeFileSync(path.join(staging, EMPTIED_MARK), "");
    writeFileSync(path.join(staging, "posts/a/stray.html"), "not this build's");
    writeFileSync(path.join(staging, "stray.txt"), "not this build's");
    const kept = statSync(path.join(staging, "posts/a")).ino;
    const ahead = makeFoldersAhead(list, staging);
    await ahead.cleared;
    // Cleared: nothing but listed folders (some of them perhaps not made yet).
    for (const entry of readdirSync(staging, { recursive: true, withFileTypes: true })) {
      expect(entry.isDirectory(), entry.name).toBe(true);
      expect(folders).toContain(path.relative(staging, path.join(entry.parentPath, entry.name)));
    }
    expect((await ahead.made).sort()).toEqual(folders);
    expect(readdirSync(staging, { recursive: true }).sort()).toEqual(folders);
    // The folder handed over is the one kept, not one made again.
    expect(statSync(path.join(staging, "posts/a")).ino).toBe(kept);
  });

  it("uses none of the folders handed over when there is no list to clear them against", async () => {
    const root = makeTempDir("gloss-carry-adopt-");
    const staging = path.join(root, "_site.staging");
    mkdirSync(path.join(staging, "posts/a"), { recursive: true });
    writeFileSync(path.join(staging, EMPTIED_MARK), "");
    const ahead = makeFoldersAhead(path.join(root, "folders.txt"), staging);
    await ahead.cleared;
    expect(await ahead.made).toEqual([]);
    expect(existsSync(staging)).toBe(false);
  });

  it("makes nothing when there is no list", async () => {
    const root = makeTempDir("gloss-carry-none-");
    expect(await makeFoldersAhead(path.join(root, "folders.txt"), path.join(root, "_site.staging")).made).toEqual([]);
  });

  it("removes the folders made ahead that no file of the build is in, deepest first, and leaves any with something in it", () => {
    const staging = makeTempDir("gloss-carry-drop-");
    const made = ["posts", "posts/gone", "posts/gone/deep", "posts/kept", "tags", "tags/written-to"];
    for (const folder of made) mkdirSync(path.join(staging, folder), { recursive: true });
    writeFileSync(path.join(staging, "tags/written-to/file.txt"), "not a page of the record's");
    dropFoldersUnused(staging, made, foldersOf(["posts/kept/index.html"]));
    expect(readdirSync(path.join(staging, "posts"))).toEqual(["kept"]);
    expect(readdirSync(path.join(staging, "tags"))).toEqual(["written-to"]);
  });
});
