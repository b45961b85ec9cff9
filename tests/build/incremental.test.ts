// Dev-server rebuilds: after the first build, only the pages an edit can have changed are
// rendered again (lib/pipeline/incremental.ts). Planned against a generated corpus, then seen in a real
// `eleventy --watch` whose output is compared file by file.
import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DevContent } from "../../lib/pipeline/dev.ts";
import type { GlossData } from "../../lib/pipeline/load.ts";
import { readEnv } from "../../lib/core/env.ts";
import { writeCorpus } from "../../lib/cli/bench-gen.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true, maxRetries: 5 })));

function corpus(posts: number): string {
  // Inside the project: Eleventy's watcher does not see edits in the system's temp folder.
  const dir = mkdtempSync(path.join(ROOT, "tests/.incremental-"));
  made.push(dir);
  writeCorpus(path.join(dir, "posts"), posts);
  return dir;
}

/** The URLs a plan renders, by the items Eleventy paginates over. */
function plannedUrls(catalog: GlossData, only: ReadonlySet<object> | undefined): string[] {
  const all: { item: object; url: string }[] = [
    ...catalog.posts.map((p) => ({ item: p, url: p.url })),
    ...(Object.values(catalog.pages) as { url: string }[][]).flatMap((pages) => pages.map((p) => ({ item: p, url: p.url }))),
    ...catalog.feeds.all.map((f) => ({ item: f, url: f.atomPath })),
  ];
  return all.filter((r) => !only || only.has(r.item)).map((r) => r.url);
}

describe("rebuild planning", () => {
  const dir = corpus(60);
  const content = path.join(dir, "posts");
  const dev = new DevContent({ ...readEnv({ GLOSS_CONTENT_DIR: content }), mode: "serve" });
  const load = () => {
    const data = dev.load();
    dev.built();
    return { catalog: data, only: data.renderOnly, urls: plannedUrls(data, data.renderOnly) };
  };
  const first = load();
  const total = first.urls.length;
  const postOf = (file: string) => first.catalog.posts.find((p) => p.file.endsWith(file))!;

  it("renders every page first, then nothing when nothing changed", () => {
    expect(first.only).toBeUndefined();
    expect(total).toBeGreaterThan(100);
    expect(load().urls).toEqual([]);
  });

  it("after a post's text changes: its page, its neighbours' and related posts' pages, and the listings and feeds showing it", () => {
    const post = postOf("post-000030.md");
    appendFileSync(path.join(content, "post-000030.md"), "\nA new closing sentence.\n");
    const { catalog, urls } = load();
    const edited = catalog.posts.find((p) => p.url === post.url)!;
    expect(urls).toContain(post.url);
    for (const near of [edited.newer, edited.older, ...catalog.posts.filter((p) => p.related.includes(edited))]) expect(urls).toContain(near!.url);
    for (const tag of edited.tags) {
      const pages = catalog.pages.tags.filter((p) => p.owner === tag);
      expect(urls).toEqual(expect.arrayContaining(pages.filter((p) => p.items.includes(edited)).map((p) => p.url)));
    }
    expect(urls).toEqual(expect.arrayContaining(catalog.pages.home.filter((p) => p.items.includes(edited)).map((p) => p.url)));
    const feeds = catalog.feeds.all.filter((f) => f.entries.some((e) => e.post === edited)).map((f) => f.atomPath);
    expect(feeds.length).toBeGreaterThan(0);
    expect(urls).toEqual(expect.arrayContaining(feeds));
    // Not the index pages (no count changed), nor posts that show nothing of it.
    expect(urls).not.toContain("/tags/");
    const unrelated = catalog.posts.filter((p) => !urls.includes(p.url));
    expect(unrelated.length).toBeGreaterThan(40);
    expect(urls.length).toBeLessThan(total / 4);
  });

  it("after a post joins a tag: every page of that tag and the tag indexes too", () => {
    const file = path.join(content, "post-000012.md");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^tags: \[/m, 'tags: ["A brand new tag",'));
    const { catalog, urls } = load();
    expect(urls).toEqual(expect.arrayContaining(["/tags/", "/tags/by-name/", "/tags/a-brand-new-tag/"]));
    expect(catalog.pages.tags.some((p) => p.url === "/tags/a-brand-new-tag/")).toBe(true);
  });

  it("after a post is deleted: the pages that listed it or linked to it", () => {
    const gone = postOf("post-000020.md");
    const [newer, older] = [gone.newer!, gone.older!];
    unlinkSync(path.join(content, "post-000020.md"));
    const { urls } = load();
    expect(urls).toEqual(expect.arrayContaining([newer.url, older.url, "/"]));
    expect(urls).not.toContain(gone.url);
  });

  it("renders everything when a layout changed, and plans against that build afterwards", () => {
    dev.changed(["./layouts/post.njk", `./${path.relative(process.cwd(), path.join(content, "post-000001.md"))}`]);
    expect(load().only).toBeUndefined();
    dev.changed([`./${path.relative(process.cwd(), path.join(content, "post-000001.md"))}`]);
    expect(load().urls).toEqual([]);
  });

  it("patches an edit to a post's text into the same catalog: body, summary, quotes, feeds", () => {
    const file = path.join(content, "post-000040.md");
    const before = load();
    const post = before.catalog.posts.find((p) => p.file.endsWith("post-000040.md"))!;
    const source = post.sources[0]!;
    const text = readFileSync(file, "utf8");
    // A new opening paragraph (the summary) and a quotation reworded.
    const edited = text
      .replace(/\n---\n/, "\n---\nA freshly written opening paragraph.\n\n")
      .replace(new RegExp(`(> \\[!quote ${source.id}\\]\\n> )`), "$1Freshly reworded quoted words. ");
    expect(edited).toContain("Freshly reworded quoted words.");
    writeFileSync(file, edited);
    dev.changed([file]);
    const after = load();
    expect(after.catalog).toBe(before.catalog);
    expect(post.html).toContain("A freshly written opening paragraph.");
    expect(post.summary).toBe("A freshly written opening paragraph.");
    expect(source.passages.some((group) => group.text.startsWith("Freshly reworded quoted words."))).toBe(true);
    for (const feed of after.catalog.feeds.all) for (const entry of feed.entries) if (entry.post === post) expect(entry.summary).toBe(post.summary);
    expect(after.urls).toContain(post.url);
    expect(after.urls).toEqual(expect.arrayContaining(after.catalog.pages.sources.filter((p) => p.owner === source).map((p) => p.url)));
    expect(after.urls).not.toContain("/tags/");
    expect(after.urls.length).toBeLessThan(total / 4);
  });

  it("builds the catalog again when an edit changes a post's front matter", () => {
    const file = path.join(content, "post-000041.md");
    const before = load();
    writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, 'title: "A retitled post"'));
    dev.changed([file]);
    const after = load();
    expect(after.catalog).not.toBe(before.catalog);
    expect(after.catalog.posts.some((p) => p.title === "A retitled post")).toBe(true);
  });

  it("renders everything when a registry changes", () => {
    appendFileSync(path.join(content, "_data/sources.yaml"), "\n# a comment\n");
    expect(load().only).toBeUndefined();
  });
});

describe("the dev server's rebuild", () => {
  it("rewrites the edited post's page and feeds, and leaves pages that show nothing of it untouched", async () => {
    const dir = corpus(40);
    const content = path.join(dir, "posts");
    const out = path.join(dir, "_site");
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "node_modules/@11ty/eleventy/cmd.cjs"), `--config=${path.join(ROOT, "eleventy.config.ts")}`, "--watch"], {
      cwd: ROOT,
      env: { ...process.env, GLOSS_CONTENT_DIR: content, GLOSS_DEV_OUTPUT_DIR: out },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const builds = () => output.match(/Wrote \d+ files/g) ?? [];
    const until = (done: () => boolean, what: string) =>
      new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const poll = setInterval(() => {
          if (done()) resolve(void clearInterval(poll));
          else if (Date.now() - started > 90_000) {
            clearInterval(poll);
            reject(new Error(`${what}:\n${output.slice(-3000)}`));
          }
        }, 50);
      });
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    try {
      await until(() => builds().length === 1, "no first build");
      const page = (url: string) => path.join(out, url, "index.html");
      const postPages = Array.from({ length: 40 }, (_, i) => page(`/posts/post-${String(i + 1).padStart(6, "0")}/`));
      const before = postPages.map((file) => statSync(file).mtimeMs);
      await new Promise((resolve) => setTimeout(resolve, 1000)); // let the watcher arm
      // The newest post: on the home page and in the site feed.
      appendFileSync(path.join(content, "post-000040.md"), "\nAn edit made while the server runs.\n");
      await until(() => builds().length === 2, "no rebuild");
      const written = Number(/Wrote (\d+) files/.exec(builds()[1]!)?.[1]);
      expect(readFileSync(postPages[39]!, "utf8")).toContain("An edit made while the server runs.");
      expect(readFileSync(path.join(out, "feed.xml"), "utf8")).toContain("An edit made while the server runs.");
      expect(readFileSync(path.join(out, "feed.json"), "utf8")).toContain("An edit made while the server runs.");
      const rewritten = postPages.filter((file, i) => statSync(file).mtimeMs !== before[i]);
      expect(rewritten.length).toBeGreaterThanOrEqual(2); // the post and the one before it
      expect(rewritten.length).toBeLessThan(15);
      expect(output).toMatch(/\[gloss\] 1 post text\(s\) changed: \d+ of \d+ pages/);
      expect(written).toBeLessThan(40);
      // The rebuild's search index runs in the background, in Pagefind's own process: let it
      // finish writing into the output folder before the folder is removed.
      await until(() => (output.match(/\[gloss\] search index: \d+ page/g) ?? []).length === 2, "no search index after the rebuild");

      // A new title: the post's citation files (plain text, not Eleventy pages) are written
      // again with it, and no other post's.
      const citation = (n: number, name: string) => path.join(out, `posts/post-${String(n).padStart(6, "0")}`, name);
      const cites = Array.from({ length: 40 }, (_, i) => citation(i + 1, "cite.bib"));
      const citesBefore = cites.map((file) => statSync(file).mtimeMs);
      const edited = path.join(content, "post-000040.md");
      writeFileSync(edited, readFileSync(edited, "utf8").replace(/^title: .*$/m, 'title: "A title changed while the server runs"'));
      await until(() => builds().length === 3, "no rebuild after the title edit");
      expect(readFileSync(citation(40, "cite.bib"), "utf8")).toContain("A title changed while the server runs");
      expect(readFileSync(citation(40, "cite.json"), "utf8")).toContain("A title changed while the server runs");
      expect(cites.filter((file, i) => statSync(file).mtimeMs !== citesBefore[i])).toEqual([citation(40, "cite.bib")]);
      await until(() => (output.match(/\[gloss\] search index: \d+ page/g) ?? []).length === 3, "no search index after the title edit");

      // A new opening paragraph, patched into the same catalog: the post's summary on the home
      // page is the new one (a build renders each summary once, and the next build again).
      writeFileSync(edited, readFileSync(edited, "utf8").replace(/\n---\n[^\n]+/, "\n---\nAn opening paragraph written while the server runs."));
      await until(() => builds().length === 4, "no rebuild after the opening edit");
      expect(output.match(/\[gloss\] 1 post text\(s\) changed/g)).toHaveLength(2);
      expect(readFileSync(path.join(out, "index.html"), "utf8")).toContain('<p class="summary">An opening paragraph written while the server runs.</p>');
      await until(() => (output.match(/\[gloss\] search index: \d+ page/g) ?? []).length === 4, "no search index after the opening edit");
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill();
      await exited;
    }
  }, 120_000);
});
