// `npm run build` runs Gloss compiled ahead of time (lib/cli/compiled.js): the bundle must build
// the same site, byte for byte, as the TypeScript sources run by tsx, and an edit to any source
// must reach the next build (a bundle made from older sources is never reused).
import { spawn } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_AUTHORS, DEFAULT_OUTLETS, DEFAULT_SITE, DEFAULT_SOURCES, ROOT, buildSite, makeSite, postFile, runCli } from "../helpers/site.ts";
import { makeTempDir } from "../helpers/temp.ts";
import { hashTree } from "../helpers/tree.ts";

const BUNDLES = path.join(ROOT, "node_modules/.cache/gloss");
const COPIED = ["package.json", "tsconfig.json", "eleventy.config.ts", "lib", "layouts", "public"];

function npmBuild(cwd: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "build"], { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, GLOSS_CONTENT_DIR: "", GLOSS_OUTPUT_DIR: "", ...env } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** The bundle folders made for a project folder (one of their files names the folder it was made for). */
const bundlesFor = (root: string) =>
  readdirSync(BUNDLES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.endsWith(".tmp"))
    .map((entry) => entry.name)
    .filter((name) => readdirSync(path.join(BUNDLES, name)).some((file) => readFileSync(path.join(BUNDLES, name, file), "utf8").includes(JSON.stringify(root))))
    .sort();

/** The packages a bundle's entry loads as it starts: its static imports, and theirs, through its chunks (not `import()`). */
function packagesLoadedAtStart(bundle: string, entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(path.join(bundle, file), "utf8");
    for (const [, from] of code.matchAll(/^import\s+(?:[^"';]*?\s+from\s+)?"([^"]+)";?$/gm)) {
      if (from!.startsWith("./")) visit(from!.slice(2));
      else if (!from!.startsWith("node:")) packages.add(from!);
    }
  };
  visit(entry);
  return packages;
}

describe("npm run build, compiled ahead of time", () => {
  const copies: string[] = [];
  afterAll(() => {
    // The bundles made for the copied projects below (the project's own stay, as after any build).
    for (const copy of copies) for (const name of bundlesFor(copy)) rmSync(path.join(BUNDLES, name), { recursive: true, force: true });
  });

  it("writes the same site, byte for byte, as the TypeScript run by tsx, rendering in its own process or another", async () => {
    const site = makeSite({
      "first.md": postFile({ title: "A first post", date: "2020-01-05", tags: ["North Korea"], body: "> [!quote story]\n> A quoted line.\n\nCommentary." }),
      "second.md": postFile({ title: "A second post", date: "2020-02-05", body: "Only commentary." }),
    });
    const byTsx = await buildSite(site);
    expect(byTsx.code).toBe(0);
    const tsxTree = hashTree(site.outputDir);
    const out = path.join(makeTempDir("gloss-compiled-out-"), "_site");
    const compiled = await npmBuild(ROOT, { GLOSS_CONTENT_DIR: site.contentDir, GLOSS_OUTPUT_DIR: out, GLOSS_NOW: "2026-01-01T12:00:00Z" });
    expect(compiled.output).toContain("Built ");
    expect(compiled.code).toBe(0);
    expect(Object.keys(tsxTree).length).toBeGreaterThan(20);
    expect(hashTree(out)).toEqual(tsxTree);
    // And rendered in a process of its own (the render.ts bundle), as a large site is.
    const apartOut = path.join(makeTempDir("gloss-compiled-out-"), "_site");
    const apart = await npmBuild(ROOT, { GLOSS_CONTENT_DIR: site.contentDir, GLOSS_OUTPUT_DIR: apartOut, GLOSS_NOW: "2026-01-01T12:00:00Z", GLOSS_RENDER_APART_FROM: "1" });
    expect(apart.code, apart.output).toBe(0);
    expect(hashTree(apartOut)).toEqual(tsxTree);

    // The build's own process, which only waits while a large site renders apart, starts without
    // the render's packages: they are in a chunk it imports only to render a small site itself.
    const newest = (prefix: string) =>
      bundlesFor(path.resolve(ROOT))
        .filter((name) => name.startsWith(prefix))
        .sort((a, b) => statSync(path.join(BUNDLES, b)).mtimeMs - statSync(path.join(BUNDLES, a)).mtimeMs)[0]!;
    const build = path.join(BUNDLES, newest("build-"));
    const atStart = packagesLoadedAtStart(build, "build.mjs");
    for (const name of ["@11ty/eleventy", "@11ty/eleventy-plugin-rss", "markdown-it", "htmlparser2", "js-yaml", "luxon"]) expect(atStart, name).not.toContain(name);
    // They are in the bundle, though, a dynamic import away (what a small site renders with).
    const everywhere = readdirSync(build).flatMap((file) => [...packagesLoadedAtStart(build, file)]);
    expect(everywhere).toContain("markdown-it");
    // The rendering process's bundle loads them as it starts.
    expect(packagesLoadedAtStart(path.join(BUNDLES, newest("render-")), "render.mjs")).toContain("markdown-it");
  });

  it("compiles again after a source or the way it bundles changed, and reuses the bundle while neither did", async () => {
    const dir = makeTempDir("gloss-compiled-project-");
    copies.push(dir);
    for (const name of COPIED) cpSync(path.join(ROOT, name), path.join(dir, name), { recursive: true });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    const files: Record<string, string> = {
      "posts/_data/site.yaml": DEFAULT_SITE,
      "posts/_data/authors.yaml": DEFAULT_AUTHORS,
      "posts/_data/outlets.yaml": DEFAULT_OUTLETS,
      "posts/_data/sources.yaml": DEFAULT_SOURCES,
      "posts/only.md": postFile({ title: "The only post", date: "2020-01-05" }),
    };
    mkdirSync(path.join(dir, "posts/_data"), { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const skipLink = () => readFileSync(path.join(dir, "_site/index.html"), "utf8").match(/<a[^>]*href="#main"[^>]*>([^<]*)</)?.[1];

    const first = await npmBuild(dir, {});
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/Built _site in/);
    // One bundle: a site this small renders in the build's own process (no render.ts bundle).
    const made = bundlesFor(dir);
    expect(made.map((name) => name.replace(/-[0-9a-f]+$/, ""))).toEqual(["build"]);
    expect(skipLink()).toBe("Skip to content");

    // Reused while nothing changed, and made again when how compiled.js bundles changes (a script
    // runs the same way: check-content, a bundle of its own, is quicker to run than a build).
    const site = { dir, contentDir: path.join(dir, "posts"), outputDir: path.join(dir, "_site") };
    const checkBundles = () => bundlesFor(dir).filter((name) => name.startsWith("check-content-"));
    for (let run = 0; run < 2; run += 1) expect((await runCli("check-content.ts", site, {}, [], dir)).code).toBe(0);
    expect(checkBundles()).toHaveLength(1);
    appendFileSync(path.join(dir, "lib/cli/compiled.js"), "// bundled another way\n");
    expect((await runCli("check-content.ts", site, {}, [], dir)).code).toBe(0);
    expect(checkBundles()).toHaveLength(2);
    expect(bundlesFor(dir).filter((name) => name.startsWith("build-"))).toEqual(made);

    // An edit to a module deep in what the build imports (not the entry point): a label.
    const messages = path.join(dir, "lib/core/messages/en.ts");
    writeFileSync(messages, readFileSync(messages, "utf8").replace('"skip.toContent": "Skip to content"', '"skip.toContent": "Skip to the post"'));
    const edited = await npmBuild(dir, {});
    expect(edited.code, edited.output).toBe(0);
    expect(skipLink()).toBe("Skip to the post");
    expect(bundlesFor(dir).filter((name) => name.startsWith("build-"))).toHaveLength(2);
  });
});
