// The folder one search shard's Pagefind run reads (lib/outputs/search.ts, lib/outputs/shard-site.ts):
// it holds exactly the shard's pages, each a hard link to the site's at the same path, and from one
// shard to the next the folders of the pages that leave are renamed to those of the pages that
// come instead of removed and made again.
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ShardSite } from "../../lib/outputs/shard-site.ts";
import { makeTempDir } from "../helpers/temp.ts";

/** A site with a page at each of `files`. */
function siteWith(files: readonly string[]): string {
  const site = makeTempDir("gloss-shard-site-");
  for (const file of files) {
    mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
    writeFileSync(path.join(site, file), `<h1>${file}</h1>\n`);
  }
  return site;
}

/** Every file under `dir`, relative, sorted; and every folder. */
function tree(dir: string): { files: string[]; folders: string[] } {
  const files: string[] = [];
  const folders: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name));
    (entry.isDirectory() ? folders : files).push(relative);
  }
  return { files: files.sort(), folders: folders.sort() };
}

const post = (slug: string) => path.join("posts", slug, "index.html");

describe("a search shard's folder", () => {
  const posts = ["a", "b", "c", "d", "e", "f"].map(post);
  const site = siteWith([...posts, path.join("about", "index.html"), path.join("posts", "index.html")]);

  it("holds exactly each shard's pages, as links to the site's, and is removed after the last", () => {
    const root = path.join(site, ".shard");
    mkdirSync(path.join(root, "posts", "left-over"), { recursive: true }); // an interrupted build's
    const shard = new ShardSite(root, site);
    const shards = [[...posts.slice(0, 3), path.join("about", "index.html")], posts.slice(3, 5), posts.slice(5), posts.slice(1, 4)];
    for (const files of shards) {
      shard.fill(files);
      const { files: there, folders } = tree(root);
      expect(there).toEqual([...files].sort());
      expect(folders).toEqual([...new Set(files.flatMap((file) => [path.dirname(file), path.dirname(path.dirname(file))]))].filter((f) => f !== ".").sort());
      for (const file of files) expect(statSync(path.join(root, file)).ino).toBe(statSync(path.join(site, file)).ino);
    }
    shard.remove();
    expect(() => statSync(root)).toThrow(/ENOENT/);
  });

  it("renames the folders of the pages that leave to those of the pages that come, and makes only the ones it lacks", () => {
    const root = path.join(site, ".renamed");
    const shard = new ShardSite(root, site);
    shard.fill(posts.slice(0, 3));
    // Each folder held open: a folder removed and made again can then never have its number.
    const open = ["a", "b", "c"].map((slug) => openSync(path.join(root, "posts", slug), "r"));
    try {
      const before = open.map((fd) => fstatSync(fd).ino);
      shard.fill(posts.slice(3, 5));
      const now = ["d", "e"].map((slug) => statSync(path.join(root, "posts", slug)).ino);
      expect(before).toEqual(expect.arrayContaining(now));
      // The third folder is not wanted: removed, not left behind.
      const spare = open.find((fd) => !now.includes(fstatSync(fd).ino))!;
      expect(fstatSync(spare).nlink).toBe(0);
      // More pages than folders to rename: the rest are made.
      shard.fill(posts);
      expect(tree(root).files).toEqual([...posts].sort());
      expect(posts.slice(3, 5).map((file) => statSync(path.dirname(path.join(root, file))).ino)).toEqual(now);
    } finally {
      for (const fd of open) closeSync(fd);
    }
    shard.remove();
  });
});
