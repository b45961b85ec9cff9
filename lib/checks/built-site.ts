// A built site read back from disk, for checks run outside a build (tests, the bench), and the
// files of a site being built, for the checks a production build runs (siteFiles).
import { lstatSync, readdirSync, readFileSync } from "node:fs";
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

/**
 * The files of a site being built, as site URLs, without walking its folder: those its writers
 * name (`known`), and any other URL asked about answered by the file system, as a walk would
 * have found it: a file (or link), not a folder, inside `root`. So a file that a step wrote
 * without naming it (`public/`, the media) is found, and one that was not written is not.
 * Iterating gives the files named and those found so far.
 */
export function siteFiles(root: string, known: Iterable<string>): Set<string> {
  return new SiteFiles(path.resolve(root), known);
}

class SiteFiles extends Set<string> {
  private readonly missing = new Set<string>();

  constructor(
    private readonly root: string,
    known: Iterable<string>,
  ) {
    super(known);
  }

  override has(url: string): boolean {
    if (super.has(url)) return true;
    if (this.missing.has(url)) return false;
    const found = this.onDisk(url);
    (found ? this : this.missing).add(url);
    return found;
  }

  private onDisk(url: string): boolean {
    // Only a name a walk could have given: no empty or dot segment (none leads out of the site,
    // or to a folder), no NUL.
    const parts = url.split("/");
    if (parts[0] !== "" || url.includes("\0") || parts.slice(1).some((part) => part === "" || part === "." || part === "..")) return false;
    try {
      return !lstatSync(path.join(this.root, ...parts)).isDirectory();
    } catch {
      return false;
    }
  }
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
