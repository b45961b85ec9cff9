// The bench waits, untimed, for the previous site's background deletion after each build
// (lib/bench/settle.ts), so that the next build is timed on a machine at rest.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { untilGone } from "../../lib/bench/settle.ts";
import { makeTempDir } from "../helpers/temp.ts";

describe("untilGone", () => {
  it("resolves only once the folder has been deleted by another", async () => {
    const old = path.join(makeTempDir("gloss-settle-"), "_site.old");
    mkdirSync(path.join(old, "posts"), { recursive: true });
    writeFileSync(path.join(old, "posts", "index.html"), "<p>old</p>");
    setTimeout(() => rmSync(old, { recursive: true, force: true }), 150);
    expect(await untilGone(old, 10_000, 10)).toBe(true);
    expect(existsSync(old)).toBe(false);
  });

  it("gives up after its time on a folder that stays, and answers false", async () => {
    const old = path.join(makeTempDir("gloss-settle-"), "_site.old");
    mkdirSync(old);
    expect(await untilGone(old, 100, 10)).toBe(false);
    expect(existsSync(old)).toBe(true);
  });

  it("resolves at once when there is nothing to wait for", async () => {
    expect(await untilGone(path.join(makeTempDir("gloss-settle-"), "_site.old"), 0)).toBe(true);
  });
});
