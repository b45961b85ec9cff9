// `npm start` in a throwaway copy of the project: drafts and scheduled posts are shown and
// labelled, the open page reloads itself, and edits to a post, a layout, a data file and a lib/
// module all reach the served pages (a lib/ edit with fresh code, not a stale rebuild).
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/browser.ts";
import { listeningAddresses } from "../helpers/listening.ts";
import { DEFAULT_AUTHORS, DEFAULT_OUTLETS, DEFAULT_SITE, DEFAULT_SOURCES, ROOT, postFile } from "../helpers/site.ts";
import { makeTempDir } from "../helpers/temp.ts";

const COPIED = ["package.json", "tsconfig.json", "eleventy.config.ts", "lib", "layouts", "public"];

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

/** Polls `read` until `accept` holds; fails with the last value seen. */
async function waitFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await read();
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Timed out waiting for ${what}; last seen: ${String(last ?? lastError).slice(0, 300)}`);
}

/** Whether any process of the group is still running. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the process group, then SIGKILL if it has not gone within 10 s; waits until it has. */
async function stopProcessGroup(pgid: number): Promise<void> {
  for (const signal of ["SIGTERM", "SIGKILL"] as const) {
    try {
      process.kill(-pgid, signal);
    } catch {
      return; // Already gone.
    }
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
      if (!groupAlive(pgid)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`The dev server's processes (group ${pgid}) did not exit`);
}

describe("npm start (the dev server)", () => {
  let dir: string;
  let child: ChildProcess;
  let output = "";
  let origin: string;
  let browser: Browser;
  const page = async (url: string) => (await fetch(`${origin}${url}`)).text();
  const edit = (file: string, from: string, to: string) => {
    const full = path.join(dir, file);
    const text = readFileSync(full, "utf8");
    if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
    writeFileSync(full, text.replace(from, to));
  };

  beforeAll(async () => {
    dir = makeTempDir("gloss-dev-");
    for (const name of COPIED) cpSync(path.join(ROOT, name), path.join(dir, name), { recursive: true });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    mkdirSync(path.join(dir, "posts/_data"), { recursive: true });
    const files: Record<string, string> = {
      "posts/_data/site.yaml": DEFAULT_SITE,
      "posts/_data/authors.yaml": DEFAULT_AUTHORS,
      "posts/_data/outlets.yaml": DEFAULT_OUTLETS,
      "posts/_data/sources.yaml": DEFAULT_SOURCES,
      "posts/published.md": postFile({ title: "A published post", date: "2020-01-05" }),
      "posts/unnamed.md": postFile({ title: "By nobody we know", date: "2020-01-04", author: "anon" }),
      "posts/work-in-progress.md": postFile({ title: "Work in progress", date: "2020-01-06", extra: "draft: true" }),
      "posts/next-year.md": postFile({ title: "Next year", date: "2099-01-01" }),
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const port = await freePort();
    // The same command a blogger runs, from the copy's own package.json.
    child = spawn("npm", ["start", "--", `--port=${port}`], { cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, GLOSS_CONTENT_DIR: "", GLOSS_OUTPUT_DIR: "" } });
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    origin = `http://127.0.0.1:${port}`;
    await waitFor(() => page("/"), (html) => html.includes("A published post"), `the dev server on port ${port}\n${output}`, 90_000);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    // The whole process group: npm, tsx watch and Eleventy. Waited for, because the folder it
    // serves from is removed after this hook (tests/setup.ts).
    if (child?.pid) await stopProcessGroup(child.pid);
  });

  it("listens on 127.0.0.1 only (it shows drafts) and prints that address", () => {
    const port = Number(new URL(origin).port);
    expect(listeningAddresses(port)).toEqual(["127.0.0.1"]);
    expect(output).toContain(`Server at ${origin}/`);
    expect(output).not.toContain("Listening on");
  });

  it("shows drafts and scheduled posts, labelled", async () => {
    const home = await page("/");
    expect(home).toMatch(/Work in progress<\/a> <span class="label">Draft<\/span>/);
    expect(home).toMatch(/Next year<\/a> <span class="label">Scheduled<\/span>/);
    expect(await page("/posts/work-in-progress/")).toContain('<p class="label" data-pagefind-ignore>Draft: not published</p>');
    expect(await page("/posts/next-year/")).toContain('<p class="label" data-pagefind-ignore>Scheduled: hidden until its date</p>');
  });

  it("reloads the open page when a post changes", async () => {
    const tab = await browser.newPage();
    await tab.goto(`${origin}/posts/published/`);
    expect(await tab.locator("h1").textContent()).toBe("A published post");
    // The dev server injects its reload client into pages a browser navigates to.
    expect(await tab.locator('script[src^="/.11ty/reload-client.js"]').count()).toBe(1);
    edit("posts/published.md", 'title: "A published post"', 'title: "An edited post"');
    await tab.waitForFunction(() => document.querySelector("h1")?.textContent === "An edited post", undefined, { timeout: 45_000 });
    await tab.close();
  });

  it("rebuilds when a layout changes", async () => {
    edit("layouts/partials/site-footer.njk", "<footer class=\"site-footer\">", "<footer class=\"site-footer\"><p>Footer edited</p>");
    await waitFor(() => page("/"), (html) => html.includes("Footer edited"), "the layout edit");
  });

  it("rebuilds when a data file changes", async () => {
    edit("posts/_data/site.yaml", "title: Fixture Blog", "title: Renamed Blog");
    await waitFor(() => page("/"), (html) => html.includes("<title>Renamed Blog</title>"), "the settings edit");
  });

  it("prints a content problem once, without a stack trace, and shows it in the open tab until it is fixed", async () => {
    const tab = await browser.newPage();
    await tab.goto(`${origin}/posts/unnamed/`);
    expect(await tab.locator("h1").textContent()).toBe("By nobody we know");
    const before = output.length;
    const problem = 'posts/unnamed.md:4 › author: expected an author id from posts/_data/authors.yaml, got "nobody"';
    edit("posts/unnamed.md", "author: anon", "author: nobody");
    await tab.waitForFunction(() => document.querySelector("h1")?.textContent?.includes("content problem"), undefined, { timeout: 45_000 });
    expect(await tab.locator("main li").allTextContents()).toEqual([problem]);
    // Every page shows it, not just the one being edited; a stylesheet is still served.
    const other = await fetch(`${origin}/`);
    expect(other.status).toBe(500);
    expect(await other.text()).toContain(problem.replace(/"/g, "&quot;"));
    expect((await fetch(`${origin}/css/gloss.css`)).status).toBe(200);
    const log = output.slice(before);
    expect(log.split(problem).length - 1).toBe(1);
    expect(log).not.toMatch(/^\s+at /m);
    edit("posts/unnamed.md", "author: nobody", "author: anon");
    await tab.waitForFunction(() => document.querySelector("h1")?.textContent === "By nobody we know", undefined, { timeout: 45_000 });
    await tab.close();
  });

  it("runs the new code when a lib/ module changes", async () => {
    expect(await page("/posts/unnamed/")).toContain("Unnamed author");
    // The label lives in the English message table (lib/core/messages/en.ts), read by lib/catalog/.
    edit("lib/core/messages/en.ts", '"author.unnamed": "Unnamed author"', '"author.unnamed": "Author not named"');
    await waitFor(() => page("/posts/unnamed/"), (html) => html.includes("Author not named"), "the lib/ edit");
  });
});
