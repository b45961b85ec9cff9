// Benchmark figures: medians, ratios and the printed table.

export interface BenchSide {
  pages: number;
  seconds: number;
  /** Peak resident memory of the Node process alone (its own report). */
  rssMiB: number;
  /** Peak of the whole process tree (Node and its Pagefind children), summed while they overlap. */
  peakMiB: number;
  /**
   * CPU-seconds (user and system) of every process of the build that it waited for (its
   * rendering process, Pagefind's runs, the card drawing): the median of the runs, when measured.
   * The previous site's removal, left to a detached process, counts only if it ends before the
   * build does.
   */
  cpuSeconds?: number;
}

export interface BenchRow {
  posts: number;
  runs: number;
  /** When this size was measured (ISO date-time): a results file keeps sizes of earlier runs. */
  measuredAt: string;
  gloss: BenchSide;
  floor: BenchSide;
  /** Pagefind's command line over the floor's output, alone. */
  floorSearch: { seconds: number; peakMiB: number };
  /** Gloss wall time over the floor's. */
  ratio: number;
  /** Gloss wall time over the floor's plus Pagefind's over the floor's output. */
  searchRatio: number;
  /** `npm run build` again after appending a sentence to one post, when measured: the median of `warmRuns`. */
  warmSeconds: number | undefined;
  /** Each warm build's seconds, in the order run (each after one more sentence). */
  warmRuns?: number[];
  /** The most the warm builds' processes held together (Node and Pagefind, summed while they overlap), when measured. */
  warmPeakMiB?: number;
  /** Each warm build's CPU-seconds in all its processes (BenchSide's `cpuSeconds`), in the order run, when measured. */
  warmCpuRuns?: number[];
  /** The dev server's rebuild after the same kind of edit, when measured. */
  incrementalSeconds: number | undefined;
  /** Why the build failed, in a few words (failureReason), when it did. */
  failure?: string;
  /** The end of the failed build's standard error. */
  failureOutput?: string;
  /** The memory limit this size's Gloss builds ran under, when they did (--memory-limit). */
  memoryLimit?: { bytes: number; how: string };
}

export interface LaunchRow {
  runs: number;
  glossSeconds: number;
  floorSeconds: number;
  /** Gloss's build over plain Eleventy's, each run as node runs it (no npm). */
  ratio: number;
  /**
   * The issue's own comparison, when the bench was given a checkout of eleventy-base-blog
   * (`--starter`): Gloss's `npm run build` against the starter's `npx @11ty/eleventy`, each
   * building the same two posts, cold, median of the same runs.
   */
  starter?: { glossNpmSeconds: number; starterSeconds: number; ratio: number };
}

export interface BenchResults {
  node: string;
  cpus: number;
  rows: BenchRow[];
  launch: LaunchRow | undefined;
  memoryLimit: { bytes: number; how: string } | undefined;
}

/** The launch row in one line: against plain Eleventy, then against eleventy-base-blog when measured. */
export function launchLine(l: LaunchRow): string {
  const plain = `Gloss ${l.glossSeconds.toFixed(2)} s, plain Eleventy ${l.floorSeconds.toFixed(2)} s, ratio ${l.ratio.toFixed(2)}`;
  if (!l.starter) return plain;
  const s = l.starter;
  return `${plain}; Gloss's npm run build ${s.glossNpmSeconds.toFixed(2)} s, eleventy-base-blog's npx @11ty/eleventy ${s.starterSeconds.toFixed(2)} s, ratio ${s.ratio.toFixed(2)}`;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median of a row's warm builds' CPU-seconds, when they were measured. */
export const warmCpuSeconds = (row: BenchRow): number | undefined => (row.warmCpuRuns && row.warmCpuRuns.length > 0 ? median(row.warmCpuRuns) : undefined);

export function ratio(a: number, b: number): number {
  return Math.round((a / b) * 100) / 100;
}

const optional = (value: number | null | undefined, digits = 2) => (typeof value === "number" ? value.toFixed(digits) : "–");

export function renderTable(rows: readonly BenchRow[]): string {
  const header = ["N", "runs", "Gloss pages", "Gloss s", "Gloss Node MiB", "Gloss all MiB", "floor pages", "floor s", "floor MiB", "Pagefind s", "Pagefind MiB", "ratio", "ratio +Pagefind", "warm s", "warm all MiB", "dev rebuild s", "Gloss CPU s", "warm CPU s"];
  const lines = rows.map((r) => [
    String(r.posts),
    String(r.runs),
    String(r.gloss.pages),
    r.failure ? "failed" : r.gloss.seconds.toFixed(2),
    r.gloss.rssMiB.toFixed(0),
    r.gloss.peakMiB.toFixed(0),
    String(r.floor.pages),
    r.floor.seconds.toFixed(2),
    r.floor.peakMiB.toFixed(0),
    r.floorSearch.seconds.toFixed(2),
    r.floorSearch.peakMiB.toFixed(0),
    r.ratio.toFixed(2),
    r.searchRatio.toFixed(2),
    optional(r.warmSeconds),
    optional(r.warmPeakMiB, 0),
    optional(r.incrementalSeconds),
    optional(r.gloss.cpuSeconds, 1),
    optional(warmCpuSeconds(r), 1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(" | ")} |`;
  // Only between sizes that built: a failed build's time is when it stopped.
  const built = rows.filter((r) => !r.failure);
  const growth = built.length > 1 ? `\ngrowth: ${built.slice(1).map((r, i) => `time(${r.posts})/time(${built[i]!.posts}) = ${(r.gloss.seconds / built[i]!.gloss.seconds).toFixed(2)}`).join(", ")}` : "";
  return [format(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...lines.map(format)].join("\n") + growth;
}

/**
 * Why a build failed, in a few words for the tables: killed by the kernel at the memory limit,
 * stopped by V8 at its heap limit, or the build's own "Build failed:" line.
 */
export function failureReason(code: number | null, signal: string | null, stderr: string): string {
  if (signal === "SIGKILL" || code === 137) return "killed (over the memory limit)";
  if (/JavaScript heap out of memory/.test(stderr)) {
    const heap = /Scavenge [\d.]+ \(([\d.]+)\) -> /.exec(stderr)?.[1] ?? /Mark-Compact [\d.]+ \(([\d.]+)\) -> /.exec(stderr)?.[1];
    return `Node's JavaScript heap out of memory${heap ? ` (at ${Math.round(Number(heap))} MB, V8's heap limit)` : " (V8's heap limit)"}`;
  }
  const line = stderr.split("\n").find((l) => l.startsWith("Build failed:"));
  return line ?? `exited ${code ?? signal}`;
}

