import { describe, expect, it } from "vitest";
import { createProgress } from "../../lib/core/progress.ts";
import { readEnv } from "../../lib/core/env.ts";

function recorder(enabled: boolean) {
  const written: string[] = [];
  let clock = 0;
  const progress = createProgress({ enabled, write: (text) => written.push(text), now: () => clock, intervalMs: 250 });
  return { progress, written, tick: (ms: number) => (clock += ms) };
}

describe("build progress", () => {
  it("rewrites one line at most every interval, then shows later steps and clears the line", () => {
    const { progress, written, tick } = recorder(true);
    progress.page(); // shown: the first
    progress.page(); // too soon
    tick(300);
    for (let i = 0; i < 1500; i += 1) progress.page(); // only the first of these is shown
    progress.step("search index: shard 1 of 2");
    progress.done();
    expect(written).toEqual(["\r\x1b[2K[gloss] pages rendered: 1", "\r\x1b[2K[gloss] pages rendered: 3", "\r\x1b[2K[gloss] search index: shard 1 of 2", "\r\x1b[2K"]);
  });

  it("prints nothing when disabled", () => {
    const { progress, written } = recorder(false);
    progress.page();
    progress.step("search index: shard 1 of 1");
    progress.done();
    expect(written).toEqual([]);
  });

  it.each([
    [{ CI: "true" }, false],
    [{ GLOSS_PROGRESS: "0" }, false],
  ])("is off with %j whatever the terminal", (vars, expected) => {
    expect(readEnv(vars).progress).toBe(expected);
  });
});
