// Every file of a built site with the SHA-256 of its bytes, for byte-for-byte comparisons.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Maps each file's path under `root` (with `/`) to the hex SHA-256 of its bytes, sorted by path. */
export function hashTree(root: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hashes[path.relative(root, full).split(path.sep).join("/")] = createHash("sha256").update(readFileSync(full)).digest("hex");
    }
  };
  walk(root);
  return hashes;
}

/** Every folder under `root` (with `/`), sorted: a warm build leaves none a cold build would not make. */
export function folderTree(root: string): string[] {
  const folders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const full = path.join(dir, entry.name);
      folders.push(path.relative(root, full).split(path.sep).join("/"));
      walk(full);
    }
  };
  walk(root);
  return folders.sort();
}
