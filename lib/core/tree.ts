// Every file below a folder, as the build's caches list them (lib/outputs/search-cache.ts,
// lib/pipeline/warm.ts).
import { readdirSync } from "node:fs";
import path from "node:path";

/** Files below `dir`, relative to it, `/` separated and sorted; none when it does not exist. */
export function filesBelow(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}
