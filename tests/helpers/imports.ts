// The import graph of a source tree, for the architecture test: which files import which
// (static, re-export and dynamic imports with relative specifiers), and the rules lib/ keeps
// (no cycle, no upward import between stage folders, no loose file, no overlong file).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** Source files by repository-relative path (POSIX separators) → text. */
export type SourceFiles = ReadonlyMap<string, string>;

export interface ImportEdge {
  from: string;
  to: string;
  specifier: string;
}

const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** Every source file under `dir` (repository-relative to `root`), read into memory. */
export function readSources(root: string, dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !SOURCE.test(entry.name)) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, full).split(path.sep).join("/"), readFileSync(full, "utf8"));
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The module specifiers a file imports: `import … from`, `import "…"`, `export … from`,
 * `import("…")` and `require("…")`. TypeScript's own pre-processor reads them, so an import
 * written in a comment or a string is not one, and an import spread over lines still is.
 * `import type` counts: a type is still a dependency, and the folder order applies to it too.
 */
export function importSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

/** The edges between files of `files`; specifiers that are not relative, or lead outside the map, are left out. */
export function importGraph(files: SourceFiles): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const [from, text] of files) {
    for (const specifier of importSpecifiers(text)) {
      if (!specifier.startsWith("./") && !specifier.startsWith("../")) continue;
      const to = resolve(files, from, specifier);
      if (to) edges.push({ from, to, specifier });
    }
  }
  return edges;
}

function resolve(files: SourceFiles, from: string, specifier: string): string | undefined {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  // NodeNext lets `./x.js` name `./x.ts`; Gloss writes `.ts`, but either resolves the same.
  const candidates = [target, target.replace(/\.js$/, ".ts"), target.replace(/\.mjs$/, ".mts"), target.replace(/\.cjs$/, ".cts")];
  return candidates.find((candidate) => files.has(candidate));
}

/**
 * Every import cycle, one per knot of files that reach each other (a strongly connected
 * component), as the shortest chain from the knot's first file back to itself:
 * `lib/a/x.ts → lib/b/y.ts → lib/a/x.ts`.
 */
export function findCycles(files: SourceFiles, edges: readonly ImportEdge[]): string[] {
  const next = new Map<string, Set<string>>([...files.keys()].map((file) => [file, new Set<string>()]));
  for (const edge of edges) next.get(edge.from)?.add(edge.to);
  const cycles: string[] = [];
  for (const knot of stronglyConnected(next)) {
    const first = [...knot].sort()[0]!;
    if (knot.size === 1 && !next.get(first)!.has(first)) continue;
    const chain = shortestLoop(first, next, knot);
    const extra = knot.size > chain.length - 1 ? ` (a knot of ${knot.size} files: ${[...knot].sort().join(", ")})` : "";
    cycles.push(chain.join(" → ") + extra);
  }
  return cycles.sort();
}

/** Tarjan's algorithm; recursion is fine for a tree of a few hundred files. */
function stronglyConnected(next: ReadonlyMap<string, ReadonlySet<string>>): Set<string>[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const knots: Set<string>[] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const knot = new Set<string>();
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        knot.add(member);
      } while (member !== node);
      knots.push(knot);
    }
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return knots;
}

/** Breadth-first from `start` back to `start`, inside the knot: [start, …, start]. */
function shortestLoop(start: string, next: ReadonlyMap<string, ReadonlySet<string>>, knot: ReadonlySet<string>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const to of [...(next.get(node) ?? [])].sort()) {
      if (!knot.has(to)) continue;
      if (to === start) {
        // Walk back from `node` to `start`: [start, …, node, start].
        const chain = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = cameFrom.get(at)) chain.unshift(at);
        return [start, ...chain];
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start];
}

/** `lib/catalog/x.ts` → `catalog`; a file directly in lib/ has no folder. */
export function stageOf(file: string, root = "lib"): string | undefined {
  const parts = file.split("/");
  return parts[0] === root && parts.length > 2 ? parts[1] : undefined;
}

/**
 * Imports that go against the folder order (a folder may import from itself and from folders
 * earlier in `order`), and files in folders the order does not know.
 */
export function upwardImports(files: SourceFiles, edges: readonly ImportEdge[], order: readonly string[], root = "lib"): string[] {
  const problems: string[] = [];
  for (const file of files.keys()) {
    const stage = stageOf(file, root);
    if (stage !== undefined && !order.includes(stage)) problems.push(`${file} is in ${root}/${stage}/, which is not in the folder order`);
  }
  for (const { from, to } of edges) {
    const a = stageOf(from, root);
    const b = stageOf(to, root);
    if (a === undefined || b === undefined || a === b || !order.includes(a) || !order.includes(b)) continue;
    if (order.indexOf(b) > order.indexOf(a)) problems.push(`${from} imports ${to}: ${b} comes after ${a}`);
  }
  return problems;
}

/** Files directly in `root`/, outside every stage folder. */
export function looseFiles(files: SourceFiles, root = "lib"): string[] {
  return [...files.keys()].filter((file) => file.startsWith(`${root}/`) && file.split("/").length === 2);
}

/** Lines of a text as an editor numbers them: a final newline does not start another line. */
export function lineCount(text: string): number {
  if (text === "") return 0;
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

/** Files over `max` lines, outside the folders in `exempt`: `lib/x/y.ts: 575 lines (at most 300)`. */
export function longFiles(files: SourceFiles, max: number, exempt: readonly string[], root = "lib"): string[] {
  const problems: string[] = [];
  for (const [file, text] of files) {
    const stage = stageOf(file, root);
    if (stage !== undefined && exempt.includes(stage)) continue;
    const lines = lineCount(text);
    if (lines > max) problems.push(`${file}: ${lines} lines (at most ${max})`);
  }
  return problems;
}
