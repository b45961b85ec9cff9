// The files of a site being built (lib/checks/built-site.ts, siteFiles): the files its writers
// name, and any other answered by the file system, as a walk of the output folder (listFiles)
// would answer, without the walk.
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles, siteFiles } from "../../lib/checks/built-site.ts";
import { makeTempDir } from "../helpers/temp.ts";

function site(): string {
  const dir = makeTempDir("gloss-built-site-");
  const root = path.join(dir, "site");
  mkdirSync(path.join(root, "posts/a"), { recursive: true });
  mkdirSync(path.join(root, "css"), { recursive: true });
  mkdirSync(path.join(root, "empty"), { recursive: true });
  writeFileSync(path.join(root, "index.html"), "<p>home</p>");
  writeFileSync(path.join(root, "posts/a/index.html"), "<p>a</p>");
  writeFileSync(path.join(root, "css/gloss.css"), "p{}");
  writeFileSync(path.join(root, "posts/a/cite.bib"), "@article{}");
  symlinkSync("gloss.css", path.join(root, "css/linked.css"));
  writeFileSync(path.join(dir, "outside.txt"), "not the site's");
  return root;
}

const ASKED = [
  "/index.html", "/posts/a/index.html", "/css/gloss.css", "/posts/a/cite.bib", "/css/linked.css",
  "/posts/a", "/posts/a/", "/css", "/empty", "/", "", "index.html",
  "/missing.html", "/posts/b/index.html", "/css/gloss.css/x",
  "/../outside.txt", "/posts/../../outside.txt", "/css/./gloss.css", "/posts//a/index.html", "/css/gloss.css\0",
];

describe("siteFiles", () => {
  it("answers every URL as a walk of the folder does, the files named or not", () => {
    const root = site();
    const walked = listFiles(root);
    for (const known of [[], ["/index.html", "/posts/a/index.html"], [...walked]]) {
      const files = siteFiles(root, known);
      // Asked twice: an answer kept is the answer given.
      for (const round of [1, 2]) for (const url of ASKED) expect([round, url, files.has(url)]).toEqual([round, url, walked.has(url)]);
    }
  });

  it("counts a file named by its writer that is not in place yet, and lists the files named and found", () => {
    const root = site();
    const files = siteFiles(root, ["/posts/b/index.html"]);
    expect(files.has("/posts/b/index.html")).toBe(true);
    expect(files.has("/css/gloss.css")).toBe(true);
    expect(files.has("/nope.html")).toBe(false);
    expect([...files].sort()).toEqual(["/css/gloss.css", "/posts/b/index.html"]);
  });
});
