// Fixture sites for build tests: a temp content folder with registries, built by the real
// `npm run build` entry point in a child process, and its pages parsed with linkedom.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseHTML } from "linkedom";
import { makeTempDir } from "./temp.ts";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** tsx's loader by absolute URL: fixture builds run in a temp folder with no node_modules. */
export const TSX = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;

export const DEFAULT_SITE = `title: Fixture Blog
description: A fixture site for tests.
url: https://fixture.example/
language: en
timeZone: America/New_York
pageSize: 10
feedSize: 20
`;

export const DEFAULT_OUTLETS = `news:
  name: Daily News
  url: https://news.example/
blog:
  name: The Blog
  url: https://blog.example/
`;

export const DEFAULT_AUTHORS = `ann:
  name: Ann Author
  url: https://ann.example/
  bio: Writes about things.
  outlet: blog
anon:
  name: ~
  outletNote: a blog whose name is not known
`;

export const DEFAULT_SOURCES = `story:
  title: A Big Story
  outlet: news
  url: https://news.example/2020/01/02/big-story
  published: 2020-01-02
  byline: Reporter Rita
  archived: https://archive.example/news.example/big-story
other-story:
  title: Another Story
  outlet: news
  url: https://news.example/2020/02/03/another
  published: 2020-02-03
`;

export interface FixtureSite {
  dir: string;
  contentDir: string;
  outputDir: string;
}

export interface PostSpec {
  title?: string;
  date?: string;
  author?: string;
  tags?: string[];
  sources?: string[];
  extra?: string;
  body?: string;
}

export function postFile(spec: PostSpec): string {
  const lines = ["---"];
  if (spec.title !== undefined) lines.push(`title: ${JSON.stringify(spec.title)}`);
  lines.push(`date: ${spec.date ?? "2020-01-05"}`);
  lines.push(`author: ${spec.author ?? "ann"}`);
  if (spec.tags) lines.push(`tags: ${JSON.stringify(spec.tags)}`);
  if (spec.sources) lines.push(`sources: ${JSON.stringify(spec.sources)}`);
  if (spec.extra) lines.push(spec.extra);
  lines.push("---", "", spec.body ?? "Some words of commentary.", "");
  return lines.join("\n");
}

/**
 * Writes a fixture content folder in a temp folder removed after the calling test file.
 * `files` maps paths under the content folder to text or bytes.
 */
export function makeSite(files: Record<string, string | Uint8Array> = {}, registries: Partial<Record<"site" | "authors" | "outlets" | "sources", string>> = {}): FixtureSite {
  const dir = makeTempDir("gloss-");
  const contentDir = path.join(dir, "posts");
  mkdirSync(path.join(contentDir, "_data"), { recursive: true });
  writeFileSync(path.join(contentDir, "_data/site.yaml"), registries.site ?? DEFAULT_SITE);
  writeFileSync(path.join(contentDir, "_data/authors.yaml"), registries.authors ?? DEFAULT_AUTHORS);
  writeFileSync(path.join(contentDir, "_data/outlets.yaml"), registries.outlets ?? DEFAULT_OUTLETS);
  writeFileSync(path.join(contentDir, "_data/sources.yaml"), registries.sources ?? DEFAULT_SOURCES);
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(contentDir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return { dir, contentDir, outputDir: path.join(dir, "_site") };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a lib/cli script (e.g. `new-post.ts`) against a fixture site, as its npm script does:
 * compiled ahead of time (lib/cli/compiled.js); from a copy of the project when `project` names one.
 */
export function runCli(script: string, site: FixtureSite, env: Record<string, string> = {}, args: string[] = [], project = ROOT): Promise<RunResult> {
  return runNode([path.join(project, "lib/cli/compiled.js"), path.join(project, "lib/cli", script), ...args], site, env);
}

/** Node with these arguments, in the fixture site's folder, with its folders in the environment. */
function runNode(argv: string[], site: FixtureSite, env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, {
      cwd: site.dir,
      env: {
        ...process.env,
        GLOSS_CONTENT_DIR: site.contentDir,
        GLOSS_OUTPUT_DIR: site.outputDir,
        // The site's own image cache, in its temp folder (the default sits beside the content
        // folder, which for the launch site is the project's).
        GLOSS_CACHE_DIR: path.join(site.dir, ".cache"),
        GLOSS_NOW: "2026-01-01T12:00:00Z",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * `npm run build` of a fixture site, run as package.json's `build` script runs it: compiled ahead
 * of time (lib/cli/compiled.js), which is what authors run, and about 0.8 s a build faster than
 * through tsx's loader. (tests/build/compiled.test.ts finds both writing the same site.)
 */
export const buildSite = (site: FixtureSite, env: Record<string, string> = {}) =>
  runNode([path.join(ROOT, "lib/cli/compiled.js"), path.join(ROOT, "lib/cli/build.ts")], site, env);

/** The built file for a URL path (`/tags/x/` → `_site/tags/x/index.html`). */
export function outputFile(site: FixtureSite, url: string): string {
  const clean = url.split("#")[0]!.split("?")[0]!;
  return path.join(site.outputDir, clean.endsWith("/") ? `${clean}index.html` : clean);
}

export function readPage(site: FixtureSite, url: string): Document {
  const file = outputFile(site, url);
  if (!existsSync(file)) throw new Error(`No page built at ${url} (${file})`);
  return parseHTML(readFileSync(file, "utf8")).document as unknown as Document;
}

export function texts(doc: Document, selector: string): string[] {
  return [...doc.querySelectorAll(selector)].map((el) => (el.textContent ?? "").replace(/\s+/g, " ").trim());
}
