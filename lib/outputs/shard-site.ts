// The folder one search shard's Pagefind run reads (lib/outputs/search.ts): hard links to the
// shard's pages, each at its path in the site, so that Pagefind gives each page its address
// (`posts/<slug>/index.html` → `/posts/<slug>/`). Every post page is in a folder of its own, so
// each shard needs about a thousand folders. From one shard to the next, the folders of the pages
// that leave are renamed to those of the pages that come, not removed and made again: on the
// 10,000-post bench site, 0.25–0.45 s a shard (removing the last shard's folder, making the next)
// became about 0.04 s, and the file system frees and finds no inode for them (ext4 without a
// journal, this project's machine, skips every inode freed in the last minute when it looks for a
// free one: each folder made after a thousand removed walked past them, and so did Pagefind's own
// files and the share cards written beside it).
import { mkdirSync, rmSync, rmdirSync, renameSync, unlinkSync } from "node:fs";
import path from "node:path";
import { linkOrCopy } from "./search-cache.ts";

export class ShardSite {
  /** Each file linked in, relative to the folder, and the folder it is in. */
  private linked = new Map<string, string>();
  /** The folders made in the folder (relative), parents included. */
  private folders = new Set<string>();

  /** `root`: the folder, emptied now (a build stopped half-way may have left one). */
  constructor(
    readonly root: string,
    private readonly site: string,
  ) {
    rmSync(root, { recursive: true, force: true });
  }

  /** Makes the folder hold exactly `files` (relative to the site), each a link to the site's. */
  fill(files: readonly string[]): void {
    const wanted = new Map(files.map((file) => [file, path.dirname(file)] as const));
    const kept = new Set(wanted.values());
    // A folder another page's folder is in is never renamed: it would take that one with it.
    const holding = new Set<string>();
    for (const folder of [...kept, ...this.linked.values()]) for (let up = path.dirname(folder); up !== "."; up = path.dirname(up)) holding.add(up);
    const spare = new Map<string, Set<string>>();
    for (const [file, folder] of this.linked) {
      if (wanted.has(file)) continue;
      unlinkSync(path.join(this.root, file));
      this.linked.delete(file);
      if (kept.has(folder) || holding.has(folder) || !this.folders.has(folder)) continue;
      const parent = path.dirname(folder);
      if (!spare.has(parent)) spare.set(parent, new Set());
      spare.get(parent)!.add(folder);
    }
    for (const [file, folder] of wanted) {
      if (this.linked.has(file)) continue;
      if (!this.folders.has(folder)) this.makeFolder(folder, take(spare.get(path.dirname(folder))));
      linkOrCopy(path.join(this.site, file), path.join(this.root, file));
      this.linked.set(file, folder);
    }
    for (const folders of spare.values()) {
      for (const folder of folders) {
        rmdirSync(path.join(this.root, folder));
        this.folders.delete(folder);
      }
    }
  }

  /** Removes the folder. */
  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
    this.linked.clear();
    this.folders.clear();
  }

  /** `folder`, as `from` renamed (a spare folder of the same parent, now empty) or made. */
  private makeFolder(folder: string, from: string | undefined): void {
    if (from !== undefined) {
      renameSync(path.join(this.root, from), path.join(this.root, folder));
      this.folders.delete(from);
    } else {
      mkdirSync(path.join(this.root, folder), { recursive: true });
      for (let up = path.dirname(folder); up !== "." && !this.folders.has(up); up = path.dirname(up)) this.folders.add(up);
    }
    this.folders.add(folder);
  }
}

/** One folder out of `folders`, when there is one. */
function take(folders: Set<string> | undefined): string | undefined {
  const [first] = folders ?? [];
  if (first !== undefined) folders!.delete(first);
  return first;
}
