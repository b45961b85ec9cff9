// A built site read back from disk, for checks run outside a build (tests, the bench).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { extractFacts } from "./facts.ts";
import type { BuiltSite } from "./index.ts";

/** Every file below `root`, as site URLs (`/css/gloss.css`). */
export function listFiles(root: string): Set<string> {
  const files = new Set<string>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${prefix}${entry.name}/`);
      else files.add(`${prefix}${entry.name}`);
    }
  };
  walk(root, "/");
  return files;
}

export function fileReader(root: string, files: Set<string>): (url: string) => Buffer | undefined {
  return (url) => (files.has(url) ? readFileSync(path.join(root, url)) : undefined);
}

/** Page URL of an HTML file: `/x/index.html` → `/x/`. */
export function pageUrlOf(file: string): string {
  return file.endsWith("/index.html") ? file.slice(0, -"index.html".length) : file;
}

export function loadBuiltSite(root: string): BuiltSite {
  const files = listFiles(root);
  const read = fileReader(root, files);
  const pages = [...files].filter((f) => f.endsWith(".html")).sort().map((f) => extractFacts(pageUrlOf(f), read(f)!.toString("utf8")));
  return { pages, files, read };
}
