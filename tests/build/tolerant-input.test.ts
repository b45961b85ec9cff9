// Input that looks risky but must build: a scheduled post, Windows line endings (the same bytes
// as LF), and a 5 MB post. The content comes from the error corpus (tests/fixtures/errors/).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusSite } from "../helpers/corpus.ts";
import { buildSite, makeSite, outputFile, postFile, runCli } from "../helpers/site.ts";
import { hashTree } from "../helpers/tree.ts";

describe("cases that must build", () => {
  it("a future-dated post is scheduled: left out of production builds, shown by the dev server", async () => {
    const site = corpusSite("future-date");
    expect((await buildSite(site)).code).toBe(0);
    expect(existsSync(outputFile(site, "/posts/later/"))).toBe(false);
    expect(existsSync(outputFile(site, "/posts/good/"))).toBe(true);
    expect(readFileSync(outputFile(site, "/"), "utf8")).not.toContain("Scheduled for later");
    // Once its date has passed, the same content publishes it.
    const later = await buildSite(site, { GLOSS_NOW: "2030-06-02T00:00:00Z" });
    expect(later.code).toBe(0);
    expect(readFileSync(outputFile(site, "/posts/later/"), "utf8")).toContain("Scheduled for later");
    // The dev server's content stage includes it (labelled "Scheduled" on its pages).
    const serve = await runCli("check-content.ts", site, { ELEVENTY_RUN_MODE: "serve" });
    expect(serve.stdout).toMatch(/^Content OK: 2 posts/);
    const build = await runCli("check-content.ts", site);
    expect(build.stdout).toMatch(/^Content OK: 1 post,/);
  });

  it("a file with Windows line endings builds byte for byte like the same file with LF", async () => {
    const lf = corpusSite("windows-line-endings");
    const crlf = corpusSite("windows-line-endings");
    for (const name of ["post.md", "good.md", "_data/sources.yaml", "_data/authors.yaml", "_data/site.yaml"]) {
      const file = path.join(crlf.contentDir, name);
      writeFileSync(file, readFileSync(file, "utf8").replace(/\n/g, "\r\n"));
    }
    expect(readFileSync(path.join(crlf.contentDir, "post.md"), "utf8")).toContain("\r\n");
    expect((await buildSite(lf)).code).toBe(0);
    expect((await buildSite(crlf)).code).toBe(0);
    const hashes = hashTree(lf.outputDir);
    expect(Object.keys(hashes)).toContain("posts/post/index.html");
    expect(hashTree(crlf.outputDir)).toEqual(hashes);
  });

  it("a 5 MB post builds without a crash, all of it", async () => {
    const paragraph = (i: number) => `Paragraph ${i} of my own words, *emphasis*, a [link](https://news.example/${i}) and \`code\`.`;
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i += 1) {
      const part = i % 50 === 0 ? `## Section ${i}\n\n> [!quote story]\n> Quoted passage ${i}.` : paragraph(i);
      parts.push(part);
      size += Buffer.byteLength(part) + 2;
    }
    parts.push("The very last paragraph.");
    const site = makeSite({ "huge.md": postFile({ title: "Huge", sources: ["story"], body: parts.join("\n\n") }) });
    expect(Buffer.byteLength(readFileSync(path.join(site.contentDir, "huge.md")))).toBeGreaterThan(5 * 1024 * 1024);
    const started = performance.now();
    const result = await buildSite(site);
    const seconds = (performance.now() - started) / 1000;
    // Nothing, but perhaps Eleventy's notes that a filter took a while on 5 MB.
    expect(result.stderr.split("\n").filter((line) => line && !line.startsWith("[11ty] Benchmark"))).toEqual([]);
    expect(result.code).toBe(0);
    // Eleventy runs dry (the page sink writes the pages): its "Wrote 0 files" is not printed.
    expect(result.stdout).not.toContain("[11ty]");
    expect(result.stdout).toMatch(/^Built .* in [\d.]+ s$/m);
    const html = readFileSync(outputFile(site, "/posts/huge/"), "utf8");
    expect(html).toContain("<p>The very last paragraph.</p>");
    expect(html.length).toBeGreaterThan(5 * 1024 * 1024);
    console.log(`5 MB post: built in ${seconds.toFixed(1)} s, page ${(html.length / 1024 / 1024).toFixed(1)} MB`);
  }, 180_000);
});
