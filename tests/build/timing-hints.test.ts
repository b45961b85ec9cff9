// Eleventy's timing hints ("[11ty] Benchmark 109ms 10% … (Configuration) feedContent") must not
// reach a build's stderr: on a loaded machine Gloss's own filters cross Eleventy's threshold at
// random, and a build test that expects an empty stderr failed in CI that way. A real Eleventy
// build with one slow filter, with and without the adapter.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { timingHintsPlugin } from "../../lib/eleventy/timing-hints-plugin.ts";
import { makeTempDir } from "../helpers/temp.ts";

type Config = { addFilter(name: string, filter: (value: string) => string): void; addPlugin(plugin: (config: never) => void): void };
type EleventyClass = new (input: string, output: string, options: { quietMode: boolean; config: (config: Config) => void }) => { write(): Promise<unknown> };

/** Builds one page whose filter spends 150 ms, and returns what Eleventy wrote to the console. */
async function buildWithSlowFilter(adapter: boolean): Promise<string[]> {
  const dir = makeTempDir("gloss-timing-");
  writeFileSync(path.join(dir, "index.njk"), "{{ 'x' | slow }}");
  const { Eleventy } = (await import("@11ty/eleventy")) as unknown as { Eleventy: EleventyClass };
  const printed: string[] = [];
  for (const method of ["log", "warn", "error", "info"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args.join(" ")));
  }
  const eleventy = new Eleventy(dir, path.join(dir, "_site"), {
    quietMode: true,
    config: (config) => {
      if (adapter) config.addPlugin(timingHintsPlugin);
      config.addFilter("slow", (value) => {
        const until = Date.now() + 150;
        while (Date.now() < until);
        return value;
      });
    },
  });
  await eleventy.write();
  return printed;
}

describe("Eleventy's timing hints", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("are printed by a quiet Eleventy build when a filter is slow (the case the adapter is for)", async () => {
    const printed = await buildWithSlowFilter(false);
    expect(printed.join("\n")).toMatch(/Benchmark .*slow/);
  });

  it("are not printed with Gloss's adapter", async () => {
    const printed = await buildWithSlowFilter(true);
    expect(printed.filter((line) => line.includes("Benchmark"))).toEqual([]);
  });
});
