// `npm run build` renders a large site in a process of its own (lib/cli/render.ts) and, when it
// renders every page, builds the search index only once that process has exited, so Eleventy's
// memory and Pagefind's never add up (a warm build, which carried pages over, starts on it while
// that process records the build, from what it sent first); a rendering process that dies (the
// kernel's out-of-memory killer) fails the build cleanly.
// A small site renders in the build's own process. "Large" is GLOSS_RENDER_APART_FROM posts
// (1,000); these tests set it low. A small site's share cards are drawn by the build itself as
// Eleventy renders; a large site's, sent over by its rendering process once the pages are
// written, are drawn by a process of their own (lib/cli/draw-cards.ts) at the lowest priority,
// and only when some are missing from the cache.
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeCorpus } from "../../lib/cli/bench-gen.ts";
import { fileDigest } from "../../lib/core/digest.js";
import { CARD_GLYPHS_FROM } from "../../lib/outputs/cards.ts";
import { ROOT, TSX, type FixtureSite } from "../helpers/site.ts";
import { makeTempDir } from "../helpers/temp.ts";
import { hashTree } from "../helpers/tree.ts";

function corpusSite(posts: number): FixtureSite {
  const dir = makeTempDir("gloss-render-process-");
  const contentDir = path.join(dir, "posts");
  writeCorpus(contentDir, posts);
  return { dir, contentDir, outputDir: path.join(dir, "_site") };
}

/** The command lines of a process's children, read from /proc. */
function children(pid: number): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent === pid) found.push({ pid: Number(name), command: readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0").join(" ") });
    } catch {
      // gone while read
    }
  }
  return found;
}

interface Watched {
  code: number | null;
  stdout: string;
  stderr: string;
  /** What the build's children were at each look, every few milliseconds. */
  looks: { render: boolean; pagefind: boolean }[];
  /** The priority (nice) of each thread of the card-drawing process (lib/cli/draw-cards.ts), at each look that found it. */
  drawing: number[][];
}

/** The nice value of each thread of a process, from /proc (field 19 of each thread's stat). */
function threadPriorities(pid: number): number[] {
  const priorities: number[] = [];
  try {
    for (const thread of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${thread}/stat`, "utf8");
      priorities.push(Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]));
    }
  } catch {
    // gone while read
  }
  return priorities;
}

/** Runs the build as the tests do (tsx), looking at its children while it runs; `onRender` sees the rendering process once. */
function watchBuild(site: FixtureSite, vars: Record<string, string>, onRender: (pid: number) => void = () => undefined): Promise<Watched> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX, path.join(ROOT, "lib/cli/build.ts")], {
      cwd: site.dir,
      env: { ...process.env, GLOSS_CONTENT_DIR: site.contentDir, GLOSS_OUTPUT_DIR: site.outputDir, GLOSS_CACHE_DIR: path.join(site.dir, ".cache"), GLOSS_NOW: "2026-01-01T12:00:00Z", ...vars },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const watched: Watched = { code: null, stdout: "", stderr: "", looks: [], drawing: [] };
    let told = false;
    const timer = setInterval(() => {
      const now = children(child.pid!);
      const render = now.find((c) => c.command.includes("lib/cli/render.ts"));
      watched.looks.push({ render: render !== undefined, pagefind: now.some((c) => /pagefind/.test(c.command)) });
      const drawer = now.find((c) => c.command.includes("lib/cli/draw-cards.ts"));
      const priorities = drawer ? threadPriorities(drawer.pid) : [];
      if (priorities.length > 0) watched.drawing.push(priorities);
      if (render && !told) {
        told = true;
        onRender(render.pid);
      }
    }, 5);
    child.stdout.on("data", (chunk: Buffer) => (watched.stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (watched.stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(timer);
      resolve({ ...watched, code });
    });
  });
}

const APART = { GLOSS_RENDER_APART_FROM: "1" };

/** A corpus site of `posts` posts, built once as a large site is (rendered apart). */
async function builtApart(posts: number): Promise<{ site: FixtureSite; first: Watched }> {
  const site = corpusSite(posts);
  const first = await watchBuild(site, APART);
  expect(first.code, first.stderr).toBe(0);
  return { site, first };
}

/** lib/cli/render.ts run by itself, as lib/cli/build.ts runs it, into `staging`: what it printed and the messages it sent. */
async function renderApart(site: FixtureSite, staging: string): Promise<{ code: unknown; stdout: string; stderr: string; messages: unknown[] }> {
  const child = spawn(process.execPath, ["--import", TSX, path.join(ROOT, "lib/cli/render.ts"), staging], {
    cwd: site.dir,
    env: { ...process.env, GLOSS_CONTENT_DIR: site.contentDir, GLOSS_OUTPUT_DIR: site.outputDir, GLOSS_CACHE_DIR: path.join(site.dir, ".cache"), GLOSS_NOW: "2026-01-01T12:00:00Z" },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    serialization: "advanced",
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const messages: unknown[] = [];
  child.on("message", (message) => messages.push(message));
  const code = await new Promise((resolve) => child.on("close", resolve));
  return { code, stdout, stderr, messages };
}

/** Adds a sentence to one of the site's posts (the fourth by name): "An edit." */
function editOnePost(site: FixtureSite): void {
  const edited = readdirSync(site.contentDir).filter((name) => name.endsWith(".md")).sort()[3]!;
  appendFileSync(path.join(site.contentDir, edited), "\nAn edit.\n");
}

/** `pages` names every post page in `staging`, each with the time its page says the post was published and the SHA-1 of its bytes. */
function expectPostPages(staging: string, pages: Map<string, { time: number; digest: string }>, count: number): void {
  expect(pages).toBeInstanceOf(Map);
  const postPages = readdirSync(path.join(staging, "posts")).map((name) => `posts/${name}/index.html`);
  expect(postPages).toHaveLength(count);
  expect([...pages.keys()].sort()).toEqual(postPages.sort());
  for (const file of postPages) {
    const bytes = readFileSync(path.join(staging, file));
    const published = Date.parse(/class="dt-published" datetime="([^"]+)"/.exec(bytes.toString("utf8"))![1]!);
    expect(pages.get(file), file).toEqual({ time: published, digest: fileDigest(bytes) });
  }
}

describe("the rendering process of npm run build", () => {
  it("is the build's own for a site of fewer posts than GLOSS_RENDER_APART_FROM", async () => {
    const site = corpusSite(60);
    const built = await watchBuild(site, { GLOSS_RENDER_APART_FROM: "61" });
    expect(built.code, built.stderr).toBe(0);
    expect(built.looks.some((look) => look.pagefind)).toBe(true);
    expect(built.looks.some((look) => look.render)).toBe(false);
  }, 120_000);

  it("has exited before Pagefind starts when it renders every page: the two never run at once", async () => {
    const site = corpusSite(120);
    const built = await watchBuild(site, { GLOSS_RENDER_APART_FROM: "120" });
    expect(built.code, built.stderr).toBe(0);
    const rendering = built.looks.flatMap((look, i) => (look.render ? [i] : []));
    const indexing = built.looks.flatMap((look, i) => (look.pagefind ? [i] : []));
    expect(rendering.length).toBeGreaterThan(0);
    expect(indexing.length).toBeGreaterThan(0);
    expect(Math.max(...rendering)).toBeLessThan(Math.min(...indexing));
  }, 120_000);

  it("sends the share cards its pages name to the build, which draws each one, as a build rendering in its own process does", async () => {
    // A site of CARD_GLYPHS_FROM posts: its cards are drawn glyph by glyph (palette PNGs).
    const apart = corpusSite(CARD_GLYPHS_FROM);
    const inside = corpusSite(CARD_GLYPHS_FROM);
    const [a, b] = [await watchBuild(apart, APART), await watchBuild(inside, { GLOSS_RENDER_APART_FROM: String(CARD_GLYPHS_FROM + 1) })];
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(a.looks.some((look) => look.render)).toBe(true);
    expect(b.looks.some((look) => look.render)).toBe(false);
    // Drawn by a process of their own, every thread of it at the lowest priority once it draws
    // (it sets its own as it starts: the last look finds it drawing or done); a small site's by the build.
    expect(a.drawing.length).toBeGreaterThan(0);
    expect(new Set(a.drawing.at(-1))).toEqual(new Set([19]));
    expect(b.drawing).toEqual([]);
    // Built again, every card in the cache: no process is started to draw none.
    const again = await watchBuild(apart, APART);
    expect(again.code, again.stderr).toBe(0);
    expect(again.looks.some((look) => look.render)).toBe(true);
    expect(again.drawing).toEqual([]);
    expect(again.stdout).not.toMatch(/share cards/);
    // The posts' cards and the site's.
    for (const built of [a, b]) expect(built.stdout).toMatch(new RegExp(`\\[gloss\\] share cards: ${CARD_GLYPHS_FROM + 1} made, 0 from the cache \\(\\d+ ms\\)`));
    const cards = (site: FixtureSite) => hashTree(path.join(site.outputDir, "cards"));
    expect(Object.keys(cards(apart))).toHaveLength(CARD_GLYPHS_FROM + 1);
    expect(cards(apart)).toEqual(cards(inside));
    // The search index read no post page back (the pages' facts came with the cards), and is the same.
    for (const site of [apart, inside]) expect(JSON.parse(readFileSync(path.join(site.dir, ".cache/search/gloss-pages.json"), "utf8")).pages).toEqual([]);
    expect(hashTree(path.join(apart.outputDir, "pagefind"))).toEqual(hashTree(path.join(inside.outputDir, "pagefind")));
    // Every card a page names is there, a 1200×630 palette PNG (IHDR: colour type 3).
    const named = new Set<string>();
    for (const name of readdirSync(path.join(apart.outputDir, "posts"))) {
      const html = readFileSync(path.join(apart.outputDir, "posts", name, "index.html"), "utf8");
      named.add(/<meta property="og:image" content="[^"]*\/cards\/([^"]+)"/.exec(html)![1]!);
    }
    expect(named.size).toBe(CARD_GLYPHS_FROM);
    for (const card of named) {
      const png = readFileSync(path.join(apart.outputDir, "cards", card));
      expect([png.readUInt32BE(16), png.readUInt32BE(20), png[25]], card).toEqual([1200, 630, 3]);
    }
  }, 120_000);

  it("draws no card itself: it sends what the search index needs of each post page, then the cards, as a Map by URL, and exits", async () => {
    const site = corpusSite(10);
    const cache = path.join(site.dir, ".cache");
    const staging = path.join(site.dir, "staging");
    const { code, stderr, messages } = await renderApart(site, staging);
    expect(code, stderr).toBe(0);
    expect(messages).toHaveLength(2);
    // First, once the pages are written and checked, what the search index needs of each post
    // page, so that it reads none back: when the page says its post was published, and the SHA-1
    // of the page as written. A cold build: every page rendered, nothing carried over.
    const { pages, partial } = messages[0] as { pages: Map<string, { time: number; digest: string }>; partial: boolean };
    expect(partial).toBe(false);
    expectPostPages(staging, pages, 10);
    // Then, once the build is recorded, the cards and the files to keep for the next build.
    const { cards, keep } = messages[1] as { cards: Map<string, { name: string; text: { title: string } }>; keep: string[] };
    expect(cards).toBeInstanceOf(Map);
    expect(cards.size).toBe(11);
    for (const [url, card] of cards) expect(url).toMatch(new RegExp(`^/cards/${card.name}-[0-9a-f]{10}\\.png$`));
    expect(keep).toContain("index.html");
    expect(keep).toContain([...pages.keys()][0]);
    expect(existsSync(path.join(cache, "cards"))).toBe(false);
    expect(existsSync(path.join(staging, "cards"))).toBe(false);
    expect(existsSync(path.join(staging, "index.html"))).toBe(true);
  }, 120_000);

  it("after an edit, says that it carried pages over, with each post page's SHA-1 as the last build's record keeps it, before it records the build", async () => {
    const { site } = await builtApart(10);
    editOnePost(site);
    const staging = path.join(site.dir, "staging");
    const { code, stdout, stderr, messages } = await renderApart(site, staging);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/\[gloss\] \d+ of \d+ pages rendered, \d+ carried over from the last build/);
    expect(messages).toHaveLength(2);
    const { pages, partial } = messages[0] as { pages: Map<string, { time: number; digest: string }>; partial: boolean };
    expect(partial).toBe(true);
    // The pages carried over (hard links to the last build's) and the edited post's, rendered again.
    expectPostPages(staging, pages, 10);
    // The edited post's page (and those of posts that show it) written again, to be kept for the
    // next build; the others carried over, as the last build wrote them.
    const keep = new Set((messages[1] as { keep: string[] }).keep);
    const written = [...pages.keys()].filter((file) => keep.has(file));
    const carried = [...pages.keys()].filter((file) => !keep.has(file));
    expect(written.filter((file) => readFileSync(path.join(staging, file), "utf8").includes("An edit."))).toHaveLength(1);
    expect(carried.length).toBeGreaterThan(0);
    for (const file of carried) expect(readFileSync(path.join(staging, file)), file).toEqual(readFileSync(path.join(site.outputDir, file)));
  }, 120_000);

  it("fails the build cleanly when it fails after the search index started: the index finishes, then the staging folder goes, and the previous site stays", async () => {
    const { site } = await builtApart(10);
    const before = hashTree(site.outputDir);
    // The record's list of folders made a folder with a file in it: the record, written after
    // what the search index needs was sent, cannot be written.
    const record = readdirSync(path.join(site.dir, ".cache/build")).map((name) => path.join(site.dir, ".cache/build", name, "folders.txt"));
    expect(record).toHaveLength(1);
    rmSync(record[0]!);
    mkdirSync(record[0]!);
    writeFileSync(path.join(record[0]!, "in-the-way"), "");
    editOnePost(site);
    const second = await watchBuild(site, APART);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/folders\.txt/);
    expect(second.stderr).toMatch(/The previous site in _site was left as it was\.\n$/);
    // The edited post's shard was being indexed when the rendering process failed.
    expect(second.looks.some((look) => look.pagefind)).toBe(true);
    expect(hashTree(site.outputDir)).toEqual(before);
    // Gone, and no Pagefind of this build still writing into it a second later.
    expect(existsSync(`${site.outputDir}.staging`)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(existsSync(`${site.outputDir}.staging`)).toBe(false);
  }, 120_000);

  it("fails the build in one line, the previous site left, when the process drawing the cards fails", async () => {
    const { site } = await builtApart(10);
    const before = hashTree(site.outputDir);
    // The cache's cards folder is a file: no card can be written there.
    const cards = path.join(site.dir, ".cache/cards");
    rmSync(cards, { recursive: true });
    writeFileSync(cards, "");
    const second = await watchBuild(site, APART);
    expect(second.code).toBe(1);
    expect(second.drawing.length).toBeGreaterThan(0);
    expect(second.stderr).toMatch(/^The share cards could not be drawn: .*\.cache\/cards/m);
    expect(second.stderr).toMatch(/(^|\n)Build failed: the process drawing the share cards exited with 1\nThe previous site in _site was left as it was\.\n$/);
    expect(hashTree(site.outputDir)).toEqual(before);
    expect(existsSync(`${site.outputDir}.staging`)).toBe(false);
  }, 120_000);

  it("killed outright (as by the out-of-memory killer), fails the build in one line and leaves the previous site", async () => {
    const { site, first } = await builtApart(60);
    expect(first.looks.some((look) => look.render)).toBe(true);
    const before = hashTree(site.outputDir);
    const second = await watchBuild(site, APART, (pid) => process.kill(pid, "SIGKILL"));
    expect(second.code).toBe(1);
    // (Anything the rendering process said before it was killed comes first: a warning.)
    expect(second.stderr).toMatch(/(^|\n)Build failed: the rendering process killed \(SIGKILL: out of memory\?\)\nThe previous site in _site was left as it was\.\n$/);
    expect(second.stderr.match(/Build failed/g)).toHaveLength(1);
    expect(hashTree(site.outputDir)).toEqual(before);
    expect(existsSync(`${site.outputDir}.staging`)).toBe(false);
  }, 120_000);
});
