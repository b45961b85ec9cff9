// The performance targets (docs/performance.md), each judged from one run's figures: the
// measured value, the limit, and met / not met / not measured (a size the run did not build), or
// not judged (a ratio whose two figures come from different runs).
import { warmCpuSeconds, type BenchResults } from "./report.ts";

export interface TargetResult {
  name: string;
  /** The figure as printed (`1.18`, `812 MiB`), or undefined when the run did not measure it. */
  measured: string | undefined;
  limit: string;
  /**
   * `reported`: a figure with no limit, shown beside the others. `not judged`: a ratio of figures
   * from two runs (a row kept from an earlier run), shown but not held to its limit.
   */
  status: "met" | "not met" | "not measured" | "reported" | "not judged";
  /** How it was measured, when that matters (the memory limit's mechanism). */
  note?: string;
}

const MIB = 1024 * 1024;

function judge(name: string, value: number | undefined, limit: number, format: (v: number) => string, unit = "", note?: string): TargetResult {
  const limitText = `≤ ${format(limit)}${unit}`;
  if (value === undefined || !Number.isFinite(value)) return { name, measured: undefined, limit: limitText, status: "not measured", ...(note ? { note } : {}) };
  return { name, measured: `${format(value)}${unit}`, limit: limitText, status: value <= limit ? "met" : "not met", ...(note ? { note } : {}) };
}

const two = (v: number) => v.toFixed(2);

export function evaluateTargets(results: BenchResults): TargetResult[] {
  const row = (n: number) => results.rows.find((r) => r.posts === n);
  const r10 = row(10_000);
  const r50 = row(50_000);
  const targets: TargetResult[] = [
    judge("cold build 10,000 posts / (bare Eleventy + Pagefind over its output)", r10?.searchRatio, 1.25, two),
    { name: "cold build 10,000 posts / bare Eleventy (for reference)", measured: r10 ? two(r10.ratio) : undefined, limit: "none", status: r10 ? "reported" : "not measured" },
    // A warm build's processes count too: it starts on the search index while its rendering
    // process records the build.
    judge("peak memory of all build processes at 10,000 posts", r10 ? Math.max(r10.gloss.peakMiB, r10.warmPeakMiB ?? 0) : undefined, 1024, (v) => v.toFixed(0), " MiB", r10?.warmPeakMiB === undefined ? undefined : `cold ${r10.gloss.peakMiB.toFixed(0)} MiB, warm ${r10.warmPeakMiB.toFixed(0)} MiB`),
  ];
  // The limit the 50,000-post row was measured under: its own (a row kept from an earlier run
  // keeps it), else this run's.
  const limited = r50?.memoryLimit ?? results.memoryLimit;
  if (r50 && limited) {
    targets.push({
      name: `50,000 posts complete under a ${(limited.bytes / 1024 ** 3).toFixed(1)} GiB limit`,
      measured: r50.failure ? `failed: ${r50.failure}` : `completed, peak ${r50.gloss.peakMiB.toFixed(0)} MiB`,
      limit: `≤ ${(limited.bytes / MIB).toFixed(0)} MiB`,
      status: r50.failure ? "not met" : "met",
      note: limited.how,
    });
  } else {
    targets.push({ name: "50,000 posts complete under a 4 GiB limit", measured: undefined, limit: "≤ 4096 MiB", status: "not measured", note: r50 ? "run without --memory-limit" : "run with --sizes 50000 --memory-limit 4G" });
  }
  const linear = r50 && r10 && !r50.failure ? r50.gloss.seconds / r10.gloss.seconds : undefined;
  // Two runs' figures are not one ratio: the same build's time moves by half from one hour to the
  // next on a shared machine. Such a ratio is shown, not held to its limit.
  const apart = r10 !== undefined && r50 !== undefined && r10.measuredAt !== r50.measuredAt;
  const linearTarget = judge("linear: time(50,000) / time(10,000)", linear, 5.5, two, "", apart ? `10,000 from the run of ${r10.measuredAt}, 50,000 from ${r50.measuredAt}: not judged; run --sizes 10000,50000 to judge it` : undefined);
  targets.push(apart && linearTarget.measured !== undefined ? { ...linearTarget, status: "not judged" } : linearTarget);
  // What the warm builds' CPU time allows at best: every core busy from start to end.
  const warmCpu = r10 && warmCpuSeconds(r10);
  const warmNote = warmCpu === undefined ? undefined : `${warmCpu.toFixed(1)} CPU-seconds in all processes (median); on ${results.cpus} cores no shorter than ${(warmCpu / results.cpus).toFixed(2)} s`;
  targets.push(judge("warm `npm run build` after editing one post, 10,000 posts", r10?.warmSeconds, 3, two, " s", warmNote));
  // The comparison is eleventy-base-blog's build; plain Eleventy stands in without it.
  const starter = results.launch?.starter;
  if (starter) {
    targets.push(judge("two launch posts: npm run build / eleventy-base-blog's npx @11ty/eleventy", starter.ratio, 1.0, two));
    const plain = results.launch!.ratio;
    targets.push({ name: "two launch posts / plain Eleventy of two posts (for reference)", measured: two(plain), limit: "none", status: "reported" });
  } else {
    targets.push(judge("two launch posts / plain Eleventy of two posts", results.launch?.ratio, 1.0, two, "", results.launch ? "no eleventy-base-blog to compare with: run with --starter <its checkout>" : undefined));
  }
  return targets;
}

export function renderTargets(targets: readonly TargetResult[]): string {
  const header = ["target", "measured", "limit", "status"];
  const lines = targets.map((t) => [t.name, t.measured ?? "–", t.limit, t.status]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  const notes = targets.filter((t) => t.note).map((t) => `  ${t.name}: ${t.note}`);
  return [format(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...lines.map(format), ...(notes.length ? ["notes:", ...notes] : [])].join("\n");
}
