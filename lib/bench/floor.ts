// The floor: plain Eleventy rendering the same Markdown files with a one-line layout and
// nothing else (a whole <html> document: Pagefind indexes only those). Writes a throwaway project folder whose build is what Gloss is compared to.
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
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
