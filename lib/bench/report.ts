// Benchmark figures: medians, ratios and the printed table.

export interface BenchSide {
  pages: number;
  seconds: number;
  rssMiB: number;
}

export interface BenchRow {
  posts: number;
  runs: number;
  gloss: BenchSide;
  floor: BenchSide;
  /** Gloss wall time over the floor's. */
  ratio: number;
  incrementalSeconds: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function ratio(a: number, b: number): number {
  return Math.round((a / b) * 100) / 100;
}

export function renderTable(rows: readonly BenchRow[]): string {
  const header = ["N", "runs", "Gloss pages", "Gloss s", "Gloss RSS MiB", "floor pages", "floor s", "floor RSS MiB", "ratio", "incremental s"];
  const lines = rows.map((r) => [
    String(r.posts),
    String(r.runs),
    String(r.gloss.pages),
    r.gloss.seconds.toFixed(2),
    r.gloss.rssMiB.toFixed(0),
    String(r.floor.pages),
    r.floor.seconds.toFixed(2),
    r.floor.rssMiB.toFixed(0),
    r.ratio.toFixed(2),
    r.incrementalSeconds.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(" | ")} |`;
  const growth = rows.length > 1 ? `\ngrowth: ${rows.slice(1).map((r, i) => `time(${r.posts})/time(${rows[i]!.posts}) = ${(r.gloss.seconds / rows[i]!.gloss.seconds).toFixed(2)}`).join(", ")}` : "";
  return [format(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...lines.map(format)].join("\n") + growth;
}
