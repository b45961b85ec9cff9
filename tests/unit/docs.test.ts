// The documents stay true to the repository: docs/architecture.md describes every folder of lib/
// and no other, and every file, folder and heading README.md and docs/*.md point at exists.
// What counts as a path is decided in tests/helpers/doc-refs.ts, rule by rule; the rules are tested first.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { brokenCodeSpans, codeSpanPath, docRefs, headingAnchors, ignoredFolders, libFoldersInCodeSpans, libFoldersNamed, linkTarget } from "../helpers/doc-refs.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** Every Markdown document of the repository: the README and docs/*.md. */
const DOCS = ["README.md", ...readdirSync(path.join(ROOT, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)];

/**
 * Made by a build, not stored: what .gitignore ignores, and the folders `npm run build` writes
 * beside `_site/` (lib/cli/build.ts builds into `_site.staging/` and moves the old site aside).
 */
const OUTPUTS = [...ignoredFolders(read(".gitignore")), "_site", "_site.staging", "_site.old"];

/** The repository's own top-level entries: a path must start in one of them (or have a file extension). */
const TOP_LEVEL = new Set(readdirSync(ROOT).filter((name) => !OUTPUTS.includes(name) && name !== ".git"));

/** `what (n):` then one offender per line, so a failure names every one of them at once. */
const listed = (what: string, offenders: readonly string[]) => `${what} (${offenders.length}):\n  ${offenders.join("\n  ")}\n`;

describe("what counts as a path in a document", () => {
  const top = new Set(["lib", "tests", "posts", "docs", ".ci", ".github"]);
  const outputs = ["_site", "tests/.artifacts"];

  it.each([
    ["lib/core/env.ts", "lib/core/env.ts"],
    ["lib/catalog/", "lib/catalog"],
    [".ci/run", ".ci/run"],
    [".github/workflows/pages.yml", ".github/workflows/pages.yml"],
    ["posts/_data/sources.yaml", "posts/_data/sources.yaml"],
    ["tests/fixtures/seeds/", "tests/fixtures/seeds"],
    ["eleventy.config.ts", "eleventy.config.ts"],
    ["netlify.toml", "netlify.toml"],
    ["lbi/core/env.ts", "lbi/core/env.ts"],
  ])("`%s` is a path: %s", (span, expected) => {
    expect(codeSpanPath(span, top, outputs)).toBe(expected);
  });

  it.each([
    ["a command", "npm run new -- \"Post title\""],
    ["a site address", "/posts/my-post/"],
    ["a server folder", "/var/www/gloss/"],
    ["a URL", "https://example.org/blog/"],
    ["a placeholder", "posts/<slug>.md"],
    ["a glob", "posts/*.md"],
    ["an issue reference", "11ty/eleventy#3551"],
    ["a package", "@11ty/eleventy-plugin-rss"],
    ["a GitHub action", "actions/configure-pages"],
    ["a bare file name placed by the text", "authors.yaml"],
    ["build output", "_site/_headers"],
    ["a git-ignored folder", "tests/.artifacts/screenshots/"],
    ["an example post", "posts/my-post.md"],
    ["a message", "posts/bad.md:3 › date: expected a date"],
  ])("%s is not: `%s`", (_what, span) => {
    expect(codeSpanPath(span, top, outputs)).toBeUndefined();
  });

  it("reads link targets from the document's own folder, and leaves addresses alone", () => {
    expect(linkTarget("writing.md#site-settings", "docs/publishing.md")).toEqual({ path: "docs/writing.md", anchor: "site-settings" });
    expect(linkTarget("../README.md", "docs/architecture.md")).toEqual({ path: "README.md", anchor: undefined });
    expect(linkTarget("docs/post-1280-dark.png", "README.md")).toEqual({ path: "docs/post-1280-dark.png", anchor: undefined });
    expect(linkTarget("#daily-workflow", "README.md")).toEqual({ path: "README.md", anchor: "daily-workflow" });
    expect(linkTarget("https://pagefind.app/", "README.md")).toBeUndefined();
    expect(linkTarget("/posts/x/", "README.md")).toBeUndefined();
  });

  it("finds references outside fenced code only, with their lines", () => {
    const doc = ["See `lib/core/env.ts` and [the docs](docs/writing.md#x).", "```sh", "cat lib/nowhere.ts `lib/fenced.ts`", "```", "`posts/<slug>.md` and `[label](destination)`"].join("\n");
    expect(docRefs(doc, "README.md", top, outputs).map((ref) => [ref.path, ref.anchor, ref.line])).toEqual([
      ["docs/writing.md", "x", 1],
      ["lib/core/env.ts", undefined, 1],
    ]);
  });

  it("finds links whose label runs over lines of a paragraph, at the line of their target", () => {
    const doc = ["Drawn by a process of their own ([cards drawn at the", "lowest priority](docs/performance.md#cards)).", "", "A [label", "", "cut by a blank line](docs/nowhere.md)."].join("\n");
    expect(docRefs(doc, "README.md", top, outputs).map((ref) => [ref.path, ref.anchor, ref.line])).toEqual([["docs/performance.md", "cards", 2]]);
  });

  it("gives headings GitHub's anchors", () => {
    const doc = "# Gloss\n## Starting a post: `npm run new`\n## The dev server's fast path\n### nginx (or any server of your own)\n## Notes\n## Notes\n## Tried on 5 December, 01:30–02:00 UTC\n```\n# not a heading\n```";
    expect([...headingAnchors(doc)]).toEqual(["gloss", "starting-a-post-npm-run-new", "the-dev-servers-fast-path", "nginx-or-any-server-of-your-own", "notes", "notes-1", "tried-on-5-december-01300200-utc"]);
  });
});

describe("docs/architecture.md and lib/", () => {
  const doc = read("docs/architecture.md");
  const folders = readdirSync(path.join(ROOT, "lib"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  it("names every folder directly under lib/, as `lib/<name>/`", () => {
    const named = libFoldersInCodeSpans(doc);
    const missing = folders.filter((name) => !named.has(name)).map((name) => `lib/${name}/`);
    expect(missing, listed("folders of lib/ that docs/architecture.md does not name", missing)).toEqual([]);
  });

  it("names no lib/ folder that does not exist", () => {
    const gone = [...libFoldersNamed(doc)].filter((name) => !folders.includes(name)).map((name) => `lib/${name}/`);
    expect(gone, listed("lib/ folders docs/architecture.md names that do not exist", gone)).toEqual([]);
  });
});

describe("README.md and docs/*.md", () => {
  const refs = DOCS.flatMap((doc) => docRefs(read(doc), doc, TOP_LEVEL, OUTPUTS).map((ref) => ({ doc, ...ref })));

  it("are read whole: they name files and link to one another", () => {
    expect(DOCS).toEqual(expect.arrayContaining(["README.md", "docs/writing.md", "docs/publishing.md", "docs/architecture.md", "docs/performance.md"]));
    expect(refs.length).toBeGreaterThan(50);
  });

  it("keep each code span on one line, where the path check reads it", () => {
    const broken = DOCS.flatMap((doc) => brokenCodeSpans(read(doc)).map((line) => `${doc}:${line}`));
    expect(broken, listed("lines where a code span opens and closes on another line", broken)).toEqual([]);
  });

  it("name only files and folders that exist", () => {
    const missing = refs
      .filter((ref) => {
        const full = path.join(ROOT, ref.path);
        return !existsSync(full) || (ref.folder && !statSync(full).isDirectory());
      })
      .map((ref) => `${ref.doc}:${ref.line} names \`${ref.written}\`, which is not ${ref.folder ? "a folder" : "a file"} in the repository`);
    expect(missing, listed("paths that do not exist", missing)).toEqual([]);
  });

  it("link only to headings that exist", () => {
    const anchors = new Map<string, Set<string>>();
    const anchorsOf = (file: string) => anchors.get(file) ?? anchors.set(file, headingAnchors(read(file))).get(file)!;
    const broken = refs
      .filter((ref) => ref.anchor !== undefined && ref.path.endsWith(".md") && existsSync(path.join(ROOT, ref.path)))
      .filter((ref) => !anchorsOf(ref.path).has(ref.anchor!))
      .map((ref) => `${ref.doc}:${ref.line} links to ${ref.path}#${ref.anchor}, which has no such heading`);
    expect(broken, listed("links to headings that do not exist", broken)).toEqual([]);
  });
});
