// One build at a time per output folder (lib/pipeline/lock.ts), with real builds in child
// processes: builds started together all succeed, one after another, and leave one whole site;
// a build waits while a live build holds the lock, and takes over the lock of a dead one.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, TSX, buildSite, makeSite, postFile, type FixtureSite, type RunResult } from "../helpers/site.ts";
import { hashTree } from "../helpers/tree.ts";

const posts = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`post-${i}.md`, postFile({ title: `Post ${i}`, date: `2020-01-${String(i + 1).padStart(2, "0")}`, tags: [`Tag ${i % 3}`] })]));

/** A build whose output is watched as it comes (runCli's, with the child process at hand). */
function startBuild(site: FixtureSite, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", TSX, path.join(ROOT, "lib/cli/build.ts")], {
    cwd: site.dir,
    env: { ...process.env, GLOSS_CONTENT_DIR: site.contentDir, GLOSS_OUTPUT_DIR: site.outputDir, GLOSS_NOW: "2026-01-01T12:00:00Z", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const result: RunResult = { code: null, stdout: "", stderr: "" };
  child.stdout.on("data", (chunk: Buffer) => (result.stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (result.stderr += chunk.toString()));
  const done = new Promise<RunResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ ...result, code }));
  });
  return { child, result, done };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Every build's address found in the site's pages, feeds and sitemap. */
function addresses(site: FixtureSite): Set<string> {
  const found = new Set<string>();
  for (const file of Object.keys(hashTree(site.outputDir))) {
    if (!/\.(html|xml|json)$/.test(file)) continue;
    for (const match of readFileSync(path.join(site.outputDir, file), "utf8").matchAll(/https:\/\/(one|two|three)\.example/g)) found.add(match[0]);
  }
  return found;
}

const leftovers = (site: FixtureSite) => readdirSync(site.dir).filter((name) => name.startsWith("_site."));
/** What is left once the previous site, deleted in the background after the swap (lib/pipeline/swap.ts), is gone. */
async function settled(site: FixtureSite): Promise<string[]> {
  for (let waited = 0; waited < 20_000 && leftovers(site).includes("_site.old"); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  return leftovers(site);
}

// Several real builds per test, on a machine that may be busy.
describe("one build at a time", { timeout: 300_000 }, () => {
  it("three builds of one folder started together all succeed, and leave one whole site from one of them", async () => {
    const site = makeSite(posts);
    // Each build publishes under its own address, so pages from two builds would show two.
    const builds = ["https://one.example", "https://two.example", "https://three.example"].map((url) => startBuild(site, { GLOSS_SITE_URL: url }));
    const results = await Promise.all(builds.map((build) => build.done));
    for (const result of results) {
      expect(result.stderr.replace(/^warning: .*\n/gm, "")).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Built _site in /m);
    }
    expect(addresses(site).size).toBe(1);
    const files = Object.keys(hashTree(site.outputDir));
    expect(files).toEqual(expect.arrayContaining(["index.html", "404.html", "sitemap.xml", "feed.xml", "posts/post-0/index.html", "posts/post-11/index.html", "pagefind/pagefind.js"]));
    expect(await settled(site)).toEqual([]);
  });

  it("a build waits while a live build holds the lock, leaving the site as it is, and goes on once it is released", async () => {
    const site = makeSite(posts);
    expect((await buildSite(site)).code).toBe(0);
    const before = hashTree(site.outputDir);
    // A live process stands in for a build that holds the lock.
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 120000)"], { stdio: "ignore" });
    const lockFile = `${site.outputDir}.lock`;
    writeFileSync(lockFile, JSON.stringify({ pid: holder.pid, started: "2026-01-01T09:00:00.000Z" }));
    try {
      writeFileSync(path.join(site.contentDir, "post-0.md"), postFile({ title: "Post 0, edited", date: "2020-01-01" }));
      const build = startBuild(site);
      await until(() => build.result.stdout.includes("Waiting"), "the build to wait");
      expect(build.result.stdout).toBe(`Waiting for the build of _site that started at 2026-01-01T09:00:00.000Z (PID ${holder.pid}) to finish... (if no build is running, delete _site.lock)\n`);
      expect(hashTree(site.outputDir)).toEqual(before);
      expect(leftovers(site)).toEqual(["_site.lock"]); // Not even a staging folder yet.
      rmSync(lockFile); // The holder is done.
      const result = await build.done;
      expect(result.code).toBe(0);
      expect(result.stderr).not.toContain("took over");
      expect(readFileSync(path.join(site.outputDir, "posts/post-0/index.html"), "utf8")).toContain("Post 0, edited");
      expect(await settled(site)).toEqual([]);
    } finally {
      holder.kill();
    }
  });

  it("the lock of a build that is no longer running is taken over, with a warning", async () => {
    const site = makeSite(posts);
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const pid = Number(gone.stdout);
    writeFileSync(`${site.outputDir}.lock`, JSON.stringify({ pid, started: "2026-01-01T09:00:00.000Z" }));
    const result = await buildSite(site);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`warning: took over the lock of a build of _site that is no longer running (PID ${pid}, started at 2026-01-01T09:00:00.000Z)\n`);
    expect(existsSync(path.join(site.outputDir, "index.html"))).toBe(true);
    expect(await settled(site)).toEqual([]);
  });

  it("a failed build releases the lock", async () => {
    const site = makeSite({ "bad.md": postFile({ title: "" }) });
    expect((await buildSite(site)).code).toBe(1);
    expect(await settled(site)).toEqual([]);
    expect((await buildSite(site)).stderr).not.toContain("Waiting");
  });
});

describe("file system failures", () => {
  it("an output folder whose parent folders do not exist yet is made, with them", async () => {
    const site = makeSite(posts);
    const outputDir = path.join(site.dir, "dist/deep/_site");
    const result = await buildSite({ ...site, outputDir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(existsSync(path.join(outputDir, "index.html"))).toBe(true);
  });

  it("an output folder that cannot be written (its parent is a file) fails in one line naming the path, without a stack trace", async () => {
    const site = makeSite(posts);
    writeFileSync(path.join(site.dir, "blocker"), "a file where a folder should be");
    const result = await buildSite({ ...site, outputDir: path.join(site.dir, "blocker/_site") });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("Build failed: cannot open blocker/_site.lock: a part of the path is a file, not a folder (ENOTDIR)\nThe previous site in blocker/_site was left as it was.\n");
    expect(result.stdout).toBe("");
  });
});
