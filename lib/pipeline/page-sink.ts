// Where a production build's pages go: each page, once Eleventy's transforms are done with it,
// is written here and read once for the post-build checks (lib/checks/facts.ts), and Eleventy
// is left holding an empty stand-in. Citation files are written here too, and what the build's
// record keeps of each file (lib/pipeline/warm.ts) is taken as it is written. Eleventy keeps
// every page's output until its run ends (the `results` of eleventy.after, and a promise cached
// on each page's template): at 10,000 posts that was about 440 MiB of the rendering process's
// peak. The build runs Eleventy as a dry run (lib/cli/render-site.ts), so Eleventy writes
// nothing itself; the bytes written are the ones Eleventy would have written. The dev server,
// which reads its pages' text, lets Eleventy write. What runs after the build (the checks, the
// `_headers` rules) asks here which pages it has: builtPages and builtUrls, from the sink or
// from Eleventy's results, and the carried-over pages.
import { fileDigest } from "../content/post-file.ts";
import { closeSync, cpSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, writeSync } from "node:fs";
import path from "node:path";
import { heapCeiling } from "../core/heap.ts";
import { FactTable, extractFacts, type PageFacts } from "../checks/facts.ts";
import type { LinkTable } from "../checks/link-table.ts";

/** What Eleventy is handed back for each page: one shared empty buffer (truthy, so no "empty" warning). */
const WRITTEN = Buffer.alloc(0);

/** A file as the sink wrote it: what the build's record keeps of it (lib/pipeline/warm.ts). */
export interface WrittenFile {
  size: number;
  mtimeMs: number;
  ino: number;
  /** SHA-1 of its bytes, base64. */
  sha1: string;
}

export class PageSink {
  private readonly made = new Set<string>();
  /** Every file written, by absolute path. */
  private readonly files = new Map<string, WrittenFile>();
  /** The pages' facts, each distinct link and name kept once. */
  private readonly facts: FactTable;
  /** Rendering and reading pages leaves garbage that V8 would let pile up (lib/core/heap.ts). */
  private readonly heap = heapCeiling(128);

  /** `links`: the table the pages' links are kept in (a warm build's holds those of the pages it carries). */
  constructor(links?: LinkTable) {
    this.facts = new FactTable(links);
  }

  /**
   * Writes one rendered page to `outputPath` (resolved from the working folder, as Eleventy
   * does) and keeps its facts when it is HTML; returns what Eleventy keeps in its place. What
   * the build's record keeps of the file (its size, time, inode and digest) is taken now, from
   * the open file and the bytes in hand, not by reading every file back once the site is built.
   */
  write(url: string, outputPath: string, content: string | Buffer): Buffer {
    const file = path.resolve(outputPath);
    const dir = path.dirname(file);
    if (!this.made.has(dir)) mkdirSync(dir, { recursive: true });
    this.made.add(dir);
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    const fd = openSync(file, "w");
    try {
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
      const { size, mtimeMs, ino } = fstatSync(fd);
      this.files.set(file, { size, mtimeMs, ino, sha1: fileDigest(bytes) });
    } finally {
      closeSync(fd);
    }
    if (file.endsWith(".html")) this.facts.add(extractFacts(url, content.toString()));
    this.heap.tick();
    return WRITTEN;
  }

  /** The facts of every HTML page written, in the order written. */
  pages(): PageFacts[] {
    return this.facts.pages;
  }

  /** Every file this sink wrote, by absolute path, as it wrote it. */
  writtenFiles(): ReadonlyMap<string, WrittenFile> {
    return this.files;
  }
}

/** One of Eleventy's results, as its `eleventy.after` event hands them over. */
export interface BuiltResult {
  url: string | false;
  outputPath: string | false;
}

/** A result with the page as written (the dev server's builds). */
export interface AfterBuildResult extends BuiltResult {
  content: string | Buffer;
}

function isPage<R extends BuiltResult>(r: R): r is R & { url: string } {
  return typeof r.url === "string" && typeof r.outputPath === "string" && r.outputPath.endsWith(".html");
}

/**
 * Every HTML page a build has: the ones it wrote (from the sink, else from Eleventy's results),
 * then those a warm build carried over from the last build, as that build read them.
 */
function built<R extends BuiltResult, T>(results: readonly R[], sink: PageSink | undefined, carried: Iterable<PageFacts>, fromFacts: (page: PageFacts) => T, fromResult: (result: R & { url: string }) => T): T[] {
  const pages = sink ? sink.pages().map(fromFacts) : results.filter(isPage).map(fromResult);
  // (One at a time: a spread of 100,000 arguments overflows the stack.)
  for (const page of carried) pages.push(fromFacts(page));
  return pages;
}

/** The facts of every HTML page the build has (the post-build checks). */
export function builtPages(results: readonly AfterBuildResult[], sink: PageSink | undefined, carried: Iterable<PageFacts>): PageFacts[] {
  // structuredClone copies the strings: htmlparser2's attribute values are slices of the page's
  // text, and would keep every page's text alive until the checks are done.
  return built(results, sink, carried, (page) => page, (r) => structuredClone(extractFacts(r.url, r.content.toString())));
}

/** The address of every HTML page the build has (the `_headers` rules), without reading the pages. */
export function builtUrls(results: readonly BuiltResult[], sink: PageSink | undefined, carried: Iterable<PageFacts>): string[] {
  return built(results, sink, carried, (page) => page.url, (r) => r.url);
}

/**
 * The folder copied as is into the site (`public/`), as Eleventy's passthrough copy does it:
 * dot files too, existing files replaced, symbolic links copied as links (a dry run copies nothing).
 */
export function copyPublic(publicDir: string, outputDir: string): void {
  if (!existsSync(publicDir)) return;
  // A warm build links the pages it carries over into the output folder on a thread of its own
  // (lib/pipeline/carry.ts) while this runs. cpSync makes a folder it finds missing with a plain
  // mkdir, which fails (EEXIST) when that thread makes the same folder between cpSync's look and
  // its mkdir: the build then failed with "cannot create the folder _site.staging". The folders
  // are made first, each as `mkdir -p` does, which tolerates another maker.
  mkdirSync(outputDir, { recursive: true });
  for (const entry of readdirSync(publicDir, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) mkdirSync(path.join(outputDir, path.relative(publicDir, path.join(entry.parentPath, entry.name))), { recursive: true });
  }
  cpSync(publicDir, outputDir, { recursive: true, force: true, verbatimSymlinks: true });
}
