// `npm run new` and `npm run new:source` on a fixture content folder (GLOSS_CONTENT_DIR), then
// the real validation and build over what they wrote.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SITE, DEFAULT_SOURCES, buildSite, makeSite, outputFile, runCli, type FixtureSite } from "../helpers/site.ts";

// 03:00 UTC on 2 January is still 1 January in New York (the fixture's zone) and already the
// 2nd in Kiritimati (the tests' TZ): the date must come from the site's zone.
const NOW = { GLOSS_NOW: "2026-01-02T03:00:00Z" };
const SOURCES_WITH_COMMENTS = `# Stories quoted by posts on this site.
# Keep this comment.
${DEFAULT_SOURCES.replace("  published: 2020-01-02\n", "  published: 2020-01-02   # as printed\n")}`;

describe("npm run new", () => {
  let site: FixtureSite;
  let first: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    site = makeSite({}, { site: `${DEFAULT_SITE}defaultAuthor: ann\n` });
    first = await runCli("new-post.ts", site, NOW, ["Hanoi:", "what now?"]);
  });

  it("creates posts/<slug>.md as a draft dated today in the site's zone, by the default author", () => {
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout.split("\n")[0]).toBe("Created posts/hanoi-what-now.md");
    const text = readFileSync(path.join(site.contentDir, "hanoi-what-now.md"), "utf8");
    expect(text.split("\n").slice(0, 8)).toEqual(["---", "title: 'Hanoi: what now?'", "date: 2026-01-01", "author: ann", "tags: []", "sources: []", "draft: true", "---"]);
  });

  it("writes a post that validates, shows in serve mode and stays out of the build", async () => {
    const check = await runCli("check-content.ts", site, NOW);
    expect(check.code).toBe(0);
    // Production mode counts published posts only; the dev server's mode counts the draft.
    expect(check.stdout).toMatch(/^Content OK: 0 posts/);
    const build = await buildSite(site, NOW);
    expect(build.code).toBe(0);
    expect(existsSync(outputFile(site, "/posts/hanoi-what-now/"))).toBe(false);
    const serve = await runCli("check-content.ts", site, { ...NOW, ELEVENTY_RUN_MODE: "serve" });
    expect(serve.stdout).toMatch(/^Content OK: 1 post,/);
  });

  it("refuses to overwrite a post or reuse its slug", async () => {
    const again = await runCli("new-post.ts", site, NOW, ["Hanoi: what now?"]);
    expect([again.code, again.stdout, again.stderr]).toEqual([1, "", 'posts/hanoi-what-now.md already has the slug "hanoi-what-now": choose another title, or edit that post.\n']);
    writeFileSync(path.join(site.contentDir, "broken.md"), "not a post");
    const over = await runCli("new-post.ts", site, NOW, ["Broken"]);
    expect([over.code, over.stderr]).toEqual([1, "posts/broken.md already exists: it was left as it was.\n"]);
    expect(readFileSync(path.join(site.contentDir, "broken.md"), "utf8")).toBe("not a post");
  });

  it("takes --author, and refuses an unknown one or none at all", async () => {
    const other = await runCli("new-post.ts", site, NOW, ["By anon", "--author", "anon"]);
    expect(other.code).toBe(0);
    expect(readFileSync(path.join(site.contentDir, "by-anon.md"), "utf8")).toContain("\nauthor: anon\n");
    const both = await runCli("new-post.ts", site, NOW, ["By both", "--author", "anon", "--author", "ann"]);
    expect([both.code, both.stderr]).toEqual([0, ""]);
    expect(both.stdout).toContain("a draft dated 2026-01-01 by anon and ann:");
    expect(readFileSync(path.join(site.contentDir, "by-both.md"), "utf8")).toContain("\nauthor: [anon, ann]\n");
    const twice = await runCli("new-post.ts", site, NOW, ["Twice", "--author", "ann", "--author", "ann"]);
    expect([twice.code, twice.stderr]).toEqual([1, "--author ann is given twice: name each author once.\n"]);
    const unknown = await runCli("new-post.ts", site, NOW, ["X", "--author", "bob"]);
    expect([unknown.code, unknown.stderr]).toEqual([1, 'No author "bob" in posts/_data/authors.yaml (known: ann, anon).\n']);
    const bare = makeSite();
    const none = await runCli("new-post.ts", bare, NOW, ["X"]);
    expect([none.code, none.stderr]).toEqual([1, "No author: set defaultAuthor in posts/_data/site.yaml or pass --author <id> (known: ann, anon).\n"]);
    const usage = await runCli("new-post.ts", bare, NOW, []);
    expect([usage.code, usage.stderr]).toEqual([1, 'usage: npm run new -- "Post title" [--author <author-id>]... (repeat --author for co-authors)\n']);
  });
});

describe("npm run new:source", () => {
  let site: FixtureSite;
  const sourcesFile = () => path.join(site.contentDir, "_data/sources.yaml");
  beforeAll(() => {
    site = makeSite({}, { sources: SOURCES_WITH_COMMENTS });
  });

  it("appends an entry with the outlet guessed from the host, keeping the file as it was", async () => {
    const result = await runCli("new-source.ts", site, NOW, ["https://www.news.example/2020/03/04/summit-ends-early/index.html?utm_source=feed"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe('Added "news-summit-ends-early" to posts/_data/sources.yaml:16');
    const text = readFileSync(sourcesFile(), "utf8");
    expect(text.startsWith(`${SOURCES_WITH_COMMENTS}\n`)).toBe(true);
    expect(text.slice(SOURCES_WITH_COMMENTS.length + 1).split("\n").slice(0, 5)).toEqual([
      "news-summit-ends-early:",
      "  title: TODO   # the headline, exactly as published",
      "  outlet: news",
      '  url: "https://www.news.example/2020/03/04/summit-ends-early/index.html"',
      "  published: TODO   # YYYY-MM-DD; add publishedAccuracy: on-or-after or about when not exact",
    ]);
  });

  it("leaves placeholders that validation names until they are filled in", async () => {
    const check = await runCli("check-content.ts", site, NOW);
    expect(check.code).toBe(1);
    expect(check.stderr).toBe(
      [
        "Content check failed: 2 content problems",
        "  posts/_data/sources.yaml:17 › news-summit-ends-early.title: expected the story's headline, got \"TODO\" (replace the TODO placeholder)",
        "  posts/_data/sources.yaml:20 › news-summit-ends-early.published: expected a date as YYYY-MM-DD, got \"TODO\" (replace the TODO placeholder)",
        "",
      ].join("\n"),
    );
    const text = readFileSync(sourcesFile(), "utf8");
    writeFileSync(sourcesFile(), text.replace("title: TODO", "title: Summit ends early").replace("published: TODO", "published: 2020-03-04"));
    const fixed = await runCli("check-content.ts", site, NOW);
    expect(fixed.code).toBe(0);
    expect((await buildSite(site, NOW)).code).toBe(0);
    expect(existsSync(outputFile(site, "/sources/news-summit-ends-early/"))).toBe(true);
  });

  it("marks an unknown outlet TODO and refuses a URL already registered", async () => {
    const unknown = await runCli("new-source.ts", site, NOW, ["https://elsewhere.example/a-story"]);
    expect(unknown.code).toBe(0);
    expect(readFileSync(sourcesFile(), "utf8")).toContain("elsewhere-a-story:\n  title: TODO   # the headline, exactly as published\n  outlet: TODO   # no outlet in outlets.yaml is on elsewhere.example: add one there, then put its id here\n");
    const before = readFileSync(sourcesFile(), "utf8");
    const twin = await runCli("new-source.ts", site, NOW, ["https://news.example/2020/01/02/big-story"]);
    expect([twin.code, twin.stdout, twin.stderr]).toEqual([1, "", 'posts/_data/sources.yaml:3 already has this URL as "story": quote it with > [!quote story].\n']);
    const badId = await runCli("new-source.ts", site, NOW, ["https://news.example/x", "--id", "story"]);
    expect([badId.code, badId.stderr]).toEqual([1, 'posts/_data/sources.yaml already has an entry "story": choose another --id.\n']);
    const notUrl = await runCli("new-source.ts", site, NOW, ["news.example/x"]);
    expect(notUrl.code).toBe(1);
    expect(readFileSync(sourcesFile(), "utf8")).toBe(before);
  });
});
