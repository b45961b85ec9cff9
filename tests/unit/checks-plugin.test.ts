// The post-build checks' adapter (lib/eleventy/checks-plugin.ts) in a warm production build: the
// pages carried over from the last build are linked into the output on a thread of their own
// (lib/pipeline/carry.ts) while Eleventy renders the rest and the checks run, so the checks count
// the carried files as built whether or not their links are made yet.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { NamedCheck } from "../../lib/checks/index.ts";
import { readEnv } from "../../lib/core/env.ts";
import { checksPlugin } from "../../lib/eleventy/checks-plugin.ts";
import { OneBuild, type GlossData } from "../../lib/pipeline/load.ts";
import { PageSink } from "../../lib/pipeline/page-sink.ts";
import { makeTempDir } from "../helpers/temp.ts";

describe("checksPlugin in a warm build", () => {
  it("lists the output's files with the carried ones, in place or not yet", () => {
    const out = makeTempDir("gloss-checks-plugin-");
    writeFileSync(path.join(out, "index.html"), "<p>rendered</p>");
    let handler: ((args: { results: []; directories: { output: string } }) => unknown) | undefined;
    const config = { on: (_event: "eleventy.after", h: typeof handler) => (handler = h) };
    const data = { site: { pathPrefix: "/", origin: "https://example.org" } } as unknown as GlossData;
    // The feed and a post page are carried over; neither is linked into the output yet.
    const content = new OneBuild(() => data, [], () => undefined, () => ["/feed.xml", "/posts/a/index.html"]);
    const seen: string[][] = [];
    const checks: NamedCheck[] = [{ name: "files", run: (site) => (seen.push([...site.files].sort()), []) }];
    checksPlugin(config as never, { env: { ...readEnv(), mode: "build" }, content, checks });
    handler!({ results: [], directories: { output: out } });
    expect(seen).toEqual([["/feed.xml", "/index.html", "/posts/a/index.html"]]);
  });

  it("takes a production build's files from its sink and the carrying, and asks the file system for any other, without a walk", async () => {
    const out = makeTempDir("gloss-checks-plugin-");
    const sink = new PageSink();
    try {
      sink.write("/", path.join(out, "index.html"), "<p>rendered</p>");
      sink.write("/posts/b/cite.bib", path.join(out, "posts/b/cite.bib"), "@article{}");
      // Copied from public/ by another step, which names no file.
      mkdirSync(path.join(out, "css"));
      writeFileSync(path.join(out, "css/gloss.css"), "p{}");
      // On disk, but neither named nor asked about: a walk would list it; this build never looks.
      writeFileSync(path.join(out, "robots.txt"), "User-agent: *");
      let handler: ((args: { results: []; directories: { output: string } }) => unknown) | undefined;
      const config = { on: (_event: "eleventy.after", h: typeof handler) => (handler = h) };
      const data = { site: { pathPrefix: "/", origin: "https://example.org" } } as unknown as GlossData;
      const content = new OneBuild(() => data, [], () => undefined, () => ["/posts/a/index.html"]);
      const asked = ["/index.html", "/posts/b/cite.bib", "/posts/a/index.html", "/css/gloss.css", "/css", "/missing.html"];
      const seen: [string, boolean][][] = [];
      const listed: string[][] = [];
      const checks: NamedCheck[] = [{ name: "files", run: (site) => (seen.push(asked.map((url) => [url, site.files.has(url)])), listed.push([...site.files].sort()), []) }];
      checksPlugin(config as never, { env: { ...readEnv(), mode: "build" }, content, checks, sink });
      handler!({ results: [], directories: { output: out } });
      expect(seen).toEqual([[["/index.html", true], ["/posts/b/cite.bib", true], ["/posts/a/index.html", true], ["/css/gloss.css", true], ["/css", false], ["/missing.html", false]]]);
      expect(listed).toEqual([["/css/gloss.css", "/index.html", "/posts/a/index.html", "/posts/b/cite.bib"]]);
    } finally {
      await sink.close();
    }
  });
});
