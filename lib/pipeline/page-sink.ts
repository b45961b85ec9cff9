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
// from Eleventy's results, and the carried-over pages. Past its first 200 files, a sink writes
// and reads the pages on two threads of its own (lib/pipeline/page-writer.js), each page to the
// next in turn, while Eleventy renders the next: about 12 s of a cold 10,000-post render's main
// thread. Their answers are taken in the order the pages were written.
import { cpSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from "node:worker_threads";
import { projectRoot } from "../core/env.ts";
import { heapCeiling } from "../core/heap.ts";
import { FactTable, extractFacts, type PageFacts } from "../checks/facts.ts";
import { writePage } from "./write-page.js";
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

/** Pages in flight to the sink's threads, at most: past them, a write waits for the oldest. */
const IN_FLIGHT = 256;

/**
 * The threads a sink writes pages on. Writing a post page there (its folder, its file, its
 * digest, and its facts parsed: about 0.6 ms) takes longer than Eleventy takes to render it, so
 * with one thread the main thread waited: 6.3–14.6 s of a cold 10,000-post render in four CPU
 * profiles, against 1.6–5.2 s with two (5 December 2026). A third made nothing faster and the
 * process larger.
 */
export const WRITER_THREADS = 2;

/** A page the thread answered: what was written, or why it could not be. */
type Answer = { file: string; written: WrittenFile; facts: PageFacts | undefined } | { file: string; error: NodeJS.ErrnoException & { message: string } };

export interface PageSinkOptions {
  /** The table the pages' links are kept in (a warm build's holds those of the pages it carries). */
  links?: LinkTable;
  /**
   * Files written on Eleventy's thread before the rest go to threads of their own
   * (lib/pipeline/page-writer.js): a build of a few pages does not start them.
   */
  threadFrom?: number;
  /** How many threads (WRITER_THREADS). */
  threads?: number;
}

/** One of the sink's threads, and how many of its answers the sink has taken. */
interface WriterThread {
  worker: Worker;
  port: MessagePort;
  /** Answers it has sent: `answered[0]`, counted up after each (page-writer.js). */
  answered: Int32Array;
  taken: number;
}

export class PageSink {
  private readonly made = new Set<string>();
  /** Every file written, by absolute path. */
  private readonly files = new Map<string, WrittenFile>();
  /** The pages' facts, each distinct link and name kept once. */
  private readonly facts: FactTable;
  /** Rendering and reading pages leaves garbage that V8 would let pile up (lib/core/heap.ts). */
  private readonly heap = heapCeiling(128);
  private readonly threadFrom: number;
  private readonly threadCount: number;
  /** Page n goes to thread n % length; none until the first page past `threadFrom`. */
  private threads: WriterThread[] = [];
  private sent = 0;
  private received = 0;
  /** The first file (in the order written) a thread could not write: every later call throws it. */
  private failure: Error | undefined;

  constructor({ links, threadFrom = 200, threads = WRITER_THREADS }: PageSinkOptions = {}) {
    this.facts = new FactTable(links);
    this.threadFrom = threadFrom;
    this.threadCount = Math.max(1, threads);
  }

  /**
   * Writes one rendered page to `outputPath` (resolved from the working folder, as Eleventy
   * does) and keeps its facts when it is HTML; returns what Eleventy keeps in its place. What
   * the build's record keeps of the file (its size, time, inode and digest) is taken from the
   * open file and the bytes in hand, not by reading every file back once the site is built.
   * Past the first `threadFrom` files, that is done on the sink's threads, each page on the next
   * in turn, while Eleventy renders the next pages; `pages()` and `writtenFiles()` wait for them.
   */
  write(url: string, outputPath: string, content: string | Buffer): Buffer {
    const file = path.resolve(outputPath);
    this.take(false);
    if (this.threads.length === 0 && this.files.size < this.threadFrom) this.keep(file, writePage(this.made, url, file, content));
    else {
      if (this.threads.length === 0) this.threads = Array.from({ length: this.threadCount }, () => this.startThread());
      this.threads[this.sent % this.threads.length]!.port.postMessage({ url, file, content });
      this.sent += 1;
      while (this.sent - this.received >= IN_FLIGHT) this.take(true);
    }
    this.heap.tick();
    return WRITTEN;
  }

  /** The facts of every HTML page written, in the order written. */
  pages(): PageFacts[] {
    this.settle();
    return this.facts.pages;
  }

  /** Every file this sink wrote, by absolute path, as it wrote it. */
  writtenFiles(): ReadonlyMap<string, WrittenFile> {
    this.settle();
    return this.files;
  }

  /**
   * Stops the sink's threads, if they run, and settles once they have stopped: after a failed
   * run, no page is written past this (the pages in flight are dropped). A sink read whole has none.
   */
  async close(): Promise<void> {
    const threads = this.threads;
    this.threads = [];
    this.sent = this.received = 0;
    for (const thread of threads) thread.port.close();
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private keep(file: string, { written, facts }: { written: WrittenFile; facts: PageFacts | undefined }): void {
    this.files.set(file, written);
    if (facts) this.facts.add(facts);
  }

  private startThread(): WriterThread {
    const { port1, port2 } = new MessageChannel();
    const answered = new Int32Array(new SharedArrayBuffer(4));
    // No execArgv: a rendering process's `--import` of the render's packages
    // (lib/cli/build-preload.js) would load them all again in the thread, which needs none.
    const worker = new Worker(pathToFileURL(path.join(projectRoot, "lib/pipeline/page-writer.js")), { execArgv: [], workerData: { port: port2, answered }, transferList: [port2] });
    // Its answers are taken as pages are written, and waited for at the end; neither the thread
    // nor its port keeps the process alive.
    worker.unref();
    return { worker, port: port1, answered, taken: 0 };
  }

  /**
   * Takes the threads' answers that are in, in the order the pages were sent (page n's from
   * thread n % count); with `wait`, waits for the next one first, unless its thread has stopped
   * (its threadId is -1 once it is no longer running). Throws the first failure.
   */
  private take(wait: boolean): void {
    const count = this.threads.length;
    let waited = !wait;
    while (this.received < this.sent) {
      const thread = this.threads[this.received % count]!;
      const message = receiveMessageOnPort(thread.port);
      if (!message) {
        if (waited) break;
        waited = true;
        const seen = thread.taken;
        while (Atomics.wait(thread.answered, 0, seen, 1000) === "timed-out" && Atomics.load(thread.answered, 0) === seen) {
          if (thread.worker.threadId === -1) {
            this.failure ??= new Error(`the thread writing the pages stopped (${this.sent - this.received} page(s) not written)`);
            break;
          }
        }
        if (this.failure) break;
        continue;
      }
      thread.taken += 1;
      this.received += 1;
      waited = true; // one answer taken: no need to wait for another
      const answer = message.message as Answer;
      if ("error" in answer) this.failure ??= Object.assign(new Error(answer.error.message), answer.error);
      else if (!this.failure) this.keep(answer.file, answer);
    }
    if (this.failure) throw this.failure;
  }

  /** Every page sent to the threads answered, and the threads let go. */
  private settle(): void {
    while (this.received < this.sent) this.take(true);
    this.take(false);
    void this.close();
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
