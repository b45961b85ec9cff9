// `npm run bench:gen -- <N> <dir> [seed]`: writes a synthetic corpus of N posts into <dir>
// (a content folder: build it with GLOSS_CONTENT_DIR=<dir> npm run build).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateCorpus } from "../bench/corpus.ts";

export function writeCorpus(dir: string, posts: number, seed = 1): number {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "_data"), { recursive: true });
  const files = generateCorpus({ posts, seed });
  for (const [name, text] of files) writeFileSync(path.join(dir, name), text);
  return files.size;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count, dir, seed] = process.argv.slice(2);
  const posts = Number(count);
  if (!Number.isInteger(posts) || posts < 1 || !dir) {
    console.error("usage: npm run bench:gen -- <N posts> <dir> [seed]");
    process.exit(2);
  }
  const written = writeCorpus(path.resolve(dir), posts, seed ? Number(seed) : 1);
  console.log(`Wrote ${written} files (${posts} posts) to ${dir}`);
}
