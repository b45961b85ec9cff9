// The layout of lib/ as docs/architecture.md describes it: stage folders in one order, imports
// only from the same or earlier folders, no cycle, no loose file, no overlong module.
// The analysis itself (tests/helpers/imports.ts) is tested first, on small in-memory trees.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findCycles, importGraph, importSpecifiers, lineCount, longFiles, looseFiles, readSources, upwardImports } from "../helpers/imports.ts";

/** The stage folders of lib/, in import order: a folder imports only from itself and earlier ones. */
const FOLDER_ORDER = ["core", "content", "markdown", "catalog", "outputs", "checks", "pipeline", "eleventy", "preview", "sources", "authoring", "import", "bench", "cli"] as const;

/** At most this many lines per module, so each one stays readable in one sitting. */
const MAX_LINES = 300;

/** Entry points and the benchmark are scripts, read top to bottom: they may run longer. */
const LONG_FILES_ALLOWED_IN = ["cli", "bench"];

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** `what (n):` then one offender per line, so a failure names every one of them at once. */
const listed = (what: string, offenders: readonly string[]) => `${what} (${offenders.length}):\n  ${offenders.join("\n  ")}\n`;

describe("the import analysis", () => {
  it("reads static, re-export, side-effect and dynamic imports, and nothing in comments or strings", () => {
    const text = [
      '// import x from "./in-a-comment.ts"',
      'import a from "./a.ts";',
      'import type { B } from "../b/b.ts";',
      "import {",
      "  c,",
      "  d,",
      '} from "./c.ts";',
      'export { e } from "./e.ts";',
      'export * from "./f.ts";',
      'const g = await import("./g.ts");',
      'const s = "import h from \'./in-a-string.ts\'";',
      'import "./side-effect.ts";',
      'import path from "node:path";',
    ].join("\n");
    expect(importSpecifiers(text)).toEqual(["./a.ts", "../b/b.ts", "./c.ts", "./e.ts", "./f.ts", "./g.ts", "./side-effect.ts", "node:path"]);
  });

  const order = ["core", "content", "catalog"];
  const tree = (files: Record<string, string>) => new Map(Object.entries(files));

  interface Case {
    name: string;
    files: Record<string, string>;
    cycles: string[];
    upward: string[];
    loose: string[];
  }

  it.each<Case>([
    {
      name: "a clean tree",
      files: { "lib/core/a.ts": "", "lib/content/b.ts": 'import "../core/a.ts";', "lib/catalog/c.ts": 'import { b } from "../content/b.ts";\nimport "./d.ts";', "lib/catalog/d.ts": "" },
      cycles: [],
      upward: [],
      loose: [],
    },
    {
      name: "an upward import that closes a cycle",
      files: { "lib/core/a.ts": 'import type { C } from "../catalog/c.ts";', "lib/catalog/c.ts": 'export * from "../core/a.ts";' },
      cycles: ["lib/catalog/c.ts → lib/core/a.ts → lib/catalog/c.ts"],
      upward: ["lib/core/a.ts imports lib/catalog/c.ts: catalog comes after core"],
      loose: [],
    },
    {
      name: "a three-file cycle inside one folder, by dynamic import",
      files: { "lib/content/x.ts": 'import "./y.ts";', "lib/content/y.ts": 'const z = await import("./z.ts");', "lib/content/z.ts": 'import { x } from "./x.ts";' },
      cycles: ["lib/content/x.ts → lib/content/y.ts → lib/content/z.ts → lib/content/x.ts"],
      upward: [],
      loose: [],
    },
    {
      name: "a file that imports itself",
      files: { "lib/core/self.ts": 'import "./self.ts";' },
      cycles: ["lib/core/self.ts → lib/core/self.ts"],
      upward: [],
      loose: [],
    },
    {
      name: "a loose file, a folder outside the order, a missing target and a package",
      files: { "lib/util.ts": 'import "./core/a.ts";', "lib/core/a.ts": 'import "./gone.ts";\nimport "luxon";', "lib/misc/m.ts": 'import "../core/a.ts";' },
      cycles: [],
      upward: ["lib/misc/m.ts is in lib/misc/, which is not in the folder order"],
      loose: ["lib/util.ts"],
    },
  ])("$name", ({ files, cycles, upward, loose }) => {
    const sources = tree(files);
    const edges = importGraph(sources);
    expect(findCycles(sources, edges)).toEqual(cycles);
    expect(upwardImports(sources, edges, order)).toEqual(upward);
    expect(looseFiles(sources)).toEqual(loose);
  });

  it("counts lines as an editor numbers them, and exempts the script folders", () => {
    expect([lineCount(""), lineCount("a"), lineCount("a\n"), lineCount("a\nb"), lineCount("a\n\n")]).toEqual([0, 1, 1, 2, 2]);
    const long = "x\n".repeat(4);
    const sources = tree({ "lib/core/long.ts": long, "lib/core/short.ts": "x\n", "lib/cli/script.ts": long });
    expect(longFiles(sources, 3, ["cli"])).toEqual(["lib/core/long.ts: 4 lines (at most 3)"]);
  });
});

describe("lib/", () => {
  const sources = readSources(ROOT, "lib");
  const edges = importGraph(sources);

  it("is read whole: every stage folder has modules, and they import one another", () => {
    expect(sources.size).toBeGreaterThan(20);
    expect(edges.length).toBeGreaterThan(20);
  });

  it("has no import cycle", () => {
    const cycles = findCycles(sources, edges);
    expect(cycles, listed("import cycles", cycles)).toEqual([]);
  });

  it(`imports only from the same folder or an earlier one (${FOLDER_ORDER.join(", ")})`, () => {
    const upward = upwardImports(sources, edges, FOLDER_ORDER);
    expect(upward, listed("imports against the folder order", upward)).toEqual([]);
  });

  it("has every module in a stage folder, none directly in lib/", () => {
    const loose = looseFiles(sources);
    expect(loose, listed("files directly in lib/", loose)).toEqual([]);
  });

  it(`has no module over ${MAX_LINES} lines outside ${LONG_FILES_ALLOWED_IN.map((f) => `lib/${f}/`).join(" and ")}`, () => {
    const long = longFiles(sources, MAX_LINES, LONG_FILES_ALLOWED_IN);
    expect(long, listed(`files over ${MAX_LINES} lines`, long)).toEqual([]);
  });
});
