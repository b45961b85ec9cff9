// Search: a Pagefind index of the post pages, built from the written site after its checks
// pass (lib/eleventy/search-plugin.ts runs it). Only what post.njk marks `data-pagefind-body`
// (title and body, not navigation) is indexed.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ROUTES } from "../core/routes.ts";

export interface SearchOptions {
  /** Pages to read, relative to the output folder: only post pages hold indexed content. */
  glob: string;
  /** Folder of the index and Pagefind's browser script, inside the output folder. */
  bundleDir: string;
}

export const searchDefaults = {
  glob: `${ROUTES.post("*").replace(/^\//, "")}index.html`,
  bundleDir: "pagefind",
} satisfies SearchOptions;

export class SearchIndexError extends Error {
  constructor(readonly errors: string[]) {
    super(`Search index failed:\n${errors.map((e) => `  ${e}`).join("\n")}`);
    this.name = "SearchIndexError";
  }
}

/** Pagefind's executable, found as its own Node API finds it (its lib/resolveBinary.js). */
export async function pagefindBinary(): Promise<string> {
  const lib = path.dirname(fileURLToPath(import.meta.resolve("pagefind")));
  const { resolveBinaryPath } = (await import(pathToFileURL(path.join(lib, "resolveBinary.js")).href)) as { resolveBinaryPath(names: string[]): string };
  return resolveBinaryPath(["pagefind_extended", "pagefind"]);
}

/**
 * Indexes the built site in `outputDir` with Pagefind's command line; returns the number of
 * pages indexed. The command line, not Pagefind's Node API: the API's service indexed the same
 * 10,000 pages in about 88 s where the command line takes about 45 s, on this project's machine.
 */
export async function buildSearchIndex(outputDir: string, options: SearchOptions = searchDefaults): Promise<number> {
  const binary = await pagefindBinary();
  const args = ["--site", outputDir, "--glob", options.glob, "--output-subdir", options.bundleDir];
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
  const lines = output.split("\n").map((line) => line.trim()).filter(Boolean);
  // The command line refuses to write an index of nothing (a blog with only drafts); the API
  // writes an empty one, which the search page reads as "no results".
  if (code !== 0 && /Indexed 0 pages/.test(output)) return writeEmptyIndex(outputDir, options);
  if (code !== 0) throw new SearchIndexError(lines.filter((line) => /error|fail/i.test(line)).concat(`pagefind exited with ${code}`));
  const indexed = /Indexed (\d+) pages?/.exec(output);
  if (!indexed) throw new SearchIndexError([`pagefind printed no page count:`, ...lines.slice(-5)]);
  return Number(indexed[1]);
}

async function writeEmptyIndex(outputDir: string, options: SearchOptions): Promise<number> {
  const pagefind = await import("pagefind");
  try {
    const created = await pagefind.createIndex({});
    if (!created.index) throw new SearchIndexError(created.errors);
    const written = await created.index.writeFiles({ outputPath: path.join(outputDir, options.bundleDir) });
    if (written.errors.length > 0) throw new SearchIndexError(written.errors);
    return 0;
  } finally {
    // Pagefind's API runs a child process; close it so a build can exit.
    await pagefind.close();
  }
}
