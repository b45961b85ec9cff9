// Reading standalone pages: `*.md` in the pages folder (beside the content folder, never in it),
// each with a title and a description in its front matter. A page's file name is its address
// (`about.md` → `/about/`), so a name one of the site's own routes uses is a content error.
import { readdirSync } from "node:fs";
import path from "node:path";
import type { ContentProblem } from "../core/errors.ts";
import { slugify } from "../core/slugs.ts";
import type { ReadLimits } from "./files.ts";
import { readText } from "./files.ts";
import { pageSchema, parseWith, type LineFinder, type PageFrontMatter } from "./schema.ts";
import { readFrontMatter } from "./yaml.ts";

export interface PageFile {
  /** Path shown in messages, relative to the working folder. */
  file: string;
  slug: string;
  data: PageFrontMatter;
  body: string;
  /** Lines before the body (front matter), so markdown token lines become file lines. */
  lineOffset: number;
  lineOf: LineFinder;
}

export interface PagesOptions {
  pagesDir: string;
  /** Root that message paths are relative to. */
  root: string;
  /** Slugs a page may not take, with what owns each (lib/core/routes.ts reservedPageSlugs). */
  reserved: ReadonlyMap<string, string>;
  /** Symbolic links and sizes allowed, as for the content folder (lib/content/files.ts). */
  limits: ReadLimits;
}

/** Reads every page; a missing pages folder is a site without pages, not a problem. */
export function readPages(options: PagesOptions): { pages: PageFile[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const pages: PageFile[] = [];
  let names: string[];
  try {
    names = readdirSync(options.pagesDir).filter((name) => name.endsWith(".md")).sort();
  } catch {
    return { pages, problems };
  }
  for (const name of names) {
    const full = path.join(options.pagesDir, name);
    const shown = path.relative(options.root, full) || full;
    const text = readText(full, shown, problems, options.limits);
    const page = text === undefined ? undefined : readPage(text, shown, options.reserved, problems);
    if (page) pages.push(page);
  }
  return { pages, problems };
}

/** One page file into a validated PageFile, or the problems why not. */
export function readPage(text: string, shown: string, reserved: ReadonlyMap<string, string>, problems: ContentProblem[]): PageFile | undefined {
  const stem = path.basename(shown, ".md");
  const slug = slugify(stem);
  const owner = reserved.get(slug);
  if (!slug || slug !== stem) {
    problems.push({ file: shown, expected: "a file name in lowercase-with-hyphens (it becomes the page's address)", got: JSON.stringify(stem), hint: slug ? `rename it to ${slug}.md` : undefined });
    return undefined;
  }
  if (owner) {
    problems.push({ file: shown, expected: "a page name that none of the site's own addresses uses", got: `"${slug}", which is ${owner}`, hint: "rename the file, e.g. about-tags.md" });
    return undefined;
  }
  const front = readFrontMatter(text, shown, "title:, description:", problems);
  if (!front) return undefined;
  const { split, lineOf } = front;
  const parsed = { value: front.value };
  const result = parseWith(pageSchema, parsed.value, { file: shown, lineOf });
  if (!result.ok) problems.push(...result.problems);
  if (split.body.trim() === "") problems.push({ file: shown, line: split.bodyLine, expected: "some text after the front matter", got: "an empty page" });
  if (!result.ok || split.body.trim() === "") return undefined;
  return { file: shown, slug, data: result.value, body: split.body, lineOffset: split.bodyLine - 1, lineOf };
}
