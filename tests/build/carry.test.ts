// Carrying a warm build's unchanged pages over (lib/pipeline/carry.ts): hard links made on a
// thread of their own, with their folders; the first link that cannot be made fails the carrying,
// naming it, and the build with it (lib/cli/render-site.ts). Whole warm builds, byte for byte
// against cold ones: tests/build/warm-build.test.ts.
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { carryLinks } from "../../lib/pipeline/carry.ts";
import { makeTempDir } from "../helpers/temp.ts";

describe("carryLinks", () => {
  it("links every file into place, making the folders it needs", async () => {
    const kept = makeTempDir("gloss-carry-kept-");
    const staging = makeTempDir("gloss-carry-staging-");
    const names = ["index.html", "posts/a/index.html", "posts/b/index.html", "tags/x/page/2/index.html"];
    for (const name of names) {
      mkdirSync(path.dirname(path.join(kept, name)), { recursive: true });
      writeFileSync(path.join(kept, name), `page ${name}`);
    }
    await carryLinks(names.map((name) => [path.join(kept, name), path.join(staging, name)]));
    for (const name of names) {
      expect(readFileSync(path.join(staging, name), "utf8")).toBe(`page ${name}`);
      // A hard link: the kept file itself, no copy.
      expect(statSync(path.join(staging, name)).ino).toBe(statSync(path.join(kept, name)).ino);
    }
  });

  it("fails on the first link it cannot make, naming the file", async () => {
    const kept = makeTempDir("gloss-carry-kept-");
    const staging = makeTempDir("gloss-carry-staging-");
    writeFileSync(path.join(kept, "there.html"), "here");
    const missing = path.join(kept, "gone.html");
    await expect(carryLinks([[path.join(kept, "there.html"), path.join(staging, "there.html")], [missing, path.join(staging, "gone.html")]])).rejects.toThrow(
      new RegExp(`^could not carry a page over from the last build: ENOENT: no such file or directory, link '${missing}'`),
    );
  });

  it("makes nothing, and starts no thread, for no links", async () => {
    await expect(carryLinks([])).resolves.toBeUndefined();
  });
});
