// The floor: plain Eleventy rendering the same Markdown files with a one-line layout and
// nothing else (a whole <html> document: Pagefind indexes only those). Writes a throwaway project folder whose build is what Gloss is compared to.
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Copies the corpus's posts into `dir/posts` with a bare layout and config; returns the config path. */
export function writeFloorProject(corpusDir: string, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  const posts = path.join(dir, "posts");
  mkdirSync(path.join(posts, "_includes"), { recursive: true });
  for (const name of readdirSync(corpusDir)) if (name.endsWith(".md")) copyFileSync(path.join(corpusDir, name), path.join(posts, name));
  writeFileSync(path.join(posts, "_includes/bare.njk"), "<!doctype html><html lang=\"en\"><title>{{ title }}</title><body>{{ content | safe }}</body></html>\n");
  writeFileSync(path.join(posts, "posts.json"), JSON.stringify({ layout: "bare.njk" }));
  const config = path.join(dir, "eleventy.config.mjs");
  writeFileSync(config, `export const config = { dir: { input: "posts", output: "_site" }, markdownTemplateEngine: false };\n`);
  return config;
}

/**
 * eleventy-base-blog (https://github.com/11ty/eleventy-base-blog, a checkout with its packages
 * installed) with its sample posts replaced by the corpus's: copied into `dir`, its node_modules
 * linked. What the launch target compares Gloss's build with.
 */
export function writeStarterProject(starterDir: string, corpusDir: string, dir: string): void {
  const blog = path.join(starterDir, "content/blog");
  if (!existsSync(path.join(blog, "blog.11tydata.js"))) throw new Error(`--starter ${starterDir}: expected a checkout of eleventy-base-blog (with content/blog/blog.11tydata.js), got none there (git clone https://github.com/11ty/eleventy-base-blog)`);
  if (!existsSync(path.join(starterDir, "node_modules/@11ty/eleventy"))) throw new Error(`--starter ${starterDir}: expected its packages installed, got no node_modules/@11ty/eleventy (run npm ci in it)`);
  rmSync(dir, { recursive: true, force: true });
  const skipped = new Set(["node_modules", ".git", "_site", ".cache"].map((name) => path.join(starterDir, name)));
  cpSync(starterDir, dir, { recursive: true, filter: (from) => !skipped.has(from) });
  symlinkSync(path.join(starterDir, "node_modules"), path.join(dir, "node_modules"), "dir");
  // Its sample posts (files and post folders) out; the blog folder's data file stays.
  const posts = path.join(dir, "content/blog");
  for (const name of readdirSync(posts)) if (name !== "blog.11tydata.js") rmSync(path.join(posts, name), { recursive: true, force: true });
  for (const name of readdirSync(corpusDir)) if (name.endsWith(".md")) copyFileSync(path.join(corpusDir, name), path.join(posts, name));
}
