// The dev server and the production build write separate folders: `npm start` renders drafts
// and scheduled posts into .gloss/dev/, and `_site/` (what `npm run preview`, rsync or a host
// deploys) never holds one, whatever the order of starts, builds and edits.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_AUTHORS, DEFAULT_OUTLETS, DEFAULT_SITE, DEFAULT_SOURCES, ROOT, postFile } from "../helpers/site.ts";
import { makeTempDir } from "../helpers/temp.ts";
import { hashTree } from "../helpers/tree.ts";

const COPIED = ["package.json", "tsconfig.json", "eleventy.config.ts", "lib", "layouts", "public"];
/** The project's own folders, not a fixture's: the variables are blanked for every command. */
const PROJECT_ENV = { GLOSS_CONTENT_DIR: "", GLOSS_OUTPUT_DIR: "", GLOSS_DEV_OUTPUT_DIR: "" };
/** What only an unpublished post puts on a page, a feed, the sitemap or the search index. */
const UNPUBLISHED = ["work-in-progress", "Work in progress", "next-year", "Next year", "Draft edited"];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...PROJECT_ENV } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

async function stopGroup(pgid: number): Promise<void> {
  for (const signal of ["SIGTERM", "SIGKILL"] as const) {
    try {
      process.kill(-pgid, signal);
    } catch {
      return;
    }
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
      try {
        process.kill(-pgid, 0);
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe("npm start and npm run build, in every order", () => {
  let dir: string;
  let server: ChildProcess | undefined;
  let origin: string;
  const page = async (url: string) => (await fetch(`${origin}${url}`)).text();
  const site = () => path.join(dir, "_site");
  /** Files of the deploy folder that show an unpublished post. */
  const leaks = () =>
    Object.keys(hashTree(site())).filter((file) => {
      const text = readFileSync(path.join(site(), file), "latin1");
      return UNPUBLISHED.some((word) => text.includes(word));
    });
  const build = async () => {
    const result = await run("npm", ["run", "build"], dir);
    expect(result.output).toContain("Built _site");
    expect(result.code).toBe(0);
  };
  const editDraft = (title: string) => writeFileSync(path.join(dir, "posts/work-in-progress.md"), postFile({ title, date: "2020-01-06", extra: "draft: true" }));

  beforeAll(() => {
    dir = makeTempDir("gloss-dev-output-");
    for (const name of COPIED) cpSync(path.join(ROOT, name), path.join(dir, name), { recursive: true });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    mkdirSync(path.join(dir, "posts/_data"), { recursive: true });
    const files: Record<string, string> = {
      "posts/_data/site.yaml": DEFAULT_SITE,
      "posts/_data/authors.yaml": DEFAULT_AUTHORS,
      "posts/_data/outlets.yaml": DEFAULT_OUTLETS,
      "posts/_data/sources.yaml": DEFAULT_SOURCES,
      "posts/published.md": postFile({ title: "A published post", date: "2020-01-05" }),
      "posts/work-in-progress.md": postFile({ title: "Work in progress", date: "2020-01-06", extra: "draft: true" }),
      "posts/next-year.md": postFile({ title: "Next year", date: "2099-01-01" }),
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  });

  afterAll(async () => {
    if (server?.pid) await stopGroup(server.pid);
  });

  it("build → start → edit → build → edit → build: _site never shows a draft or a scheduled post", async () => {
    // Build first.
    await build();
    expect(existsSync(path.join(site(), "posts/published/index.html"))).toBe(true);
    expect(leaks()).toEqual([]);
    const built = hashTree(site());

    // Start: the dev server shows drafts, from its own folder, and leaves _site as it was.
    const port = await freePort();
    server = spawn("npm", ["start", "--", `--port=${port}`], { cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...PROJECT_ENV } });
    let output = "";
    server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    origin = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await page("/")).includes("Work in progress"), `the dev server on port ${port}`).catch((error: Error) => {
      throw new Error(`${error.message}\n${output}`);
    });
    expect(existsSync(path.join(dir, ".gloss/dev/posts/work-in-progress/index.html"))).toBe(true);
    expect(existsSync(path.join(dir, ".gloss/dev/posts/next-year/index.html"))).toBe(true);
    expect(hashTree(site())).toEqual(built);

    // Edit while the server runs (it rebuilds), after a build.
    editDraft("Draft edited once");
    await waitFor(async () => (await page("/posts/work-in-progress/")).includes("Draft edited once"), "the first edit");
    expect(leaks()).toEqual([]);
    expect(hashTree(site())).toEqual(built);

    // Build while the server runs.
    await build();
    expect(leaks()).toEqual([]);
    const rebuilt = hashTree(site());

    // Edit after that build, then build again.
    editDraft("Draft edited twice");
    await waitFor(async () => (await page("/posts/work-in-progress/")).includes("Draft edited twice"), "the second edit");
    expect(hashTree(site())).toEqual(rebuilt);
    await build();
    expect(leaks()).toEqual([]);
    // The dev server still serves its own copy, drafts and all.
    expect(await page("/")).toContain("Next year");
  }, 600_000);
});
