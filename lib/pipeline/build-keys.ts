// What a warm production build (lib/pipeline/warm.ts) keys on: the inputs that are not posts
// (inputsKey), each post file's digest (postStamps), and the file each route is written to.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { GlossEnv } from "../core/env.ts";
import { fileRoute } from "../core/routes.ts";
import { filesBelow } from "../core/tree.ts";
import { fileDigest } from "../content/post-file.ts";
import type { Site } from "../content/site.ts";
import type { Post } from "../catalog/model.ts";
import type { CardStyle } from "../outputs/cards.ts";
import { SNAPSHOT_VERSION } from "./build-record.ts";

/** The file a route is written to, relative to the output (`/posts/x/` → `posts/x/index.html`). */
export function outputFileOf(url: string): string {
  const file = fileRoute(url).replace(/^\/+/, "");
  return file === "" || file.endsWith("/") ? `${file}index.html` : file;
}

/** A file's SHA-1, as the manifest and the post stamps keep it. */
export const sha1Of = (file: string) => fileDigest(readFileSync(file));

/**
 * Each post file's digest (its bytes): what the planner compares, by file as the catalog names
 * it. `known` gives those of the bytes the build read (front-matter-store.ts), else the file is
 * read again.
 */
export function postStamps(posts: readonly Pick<Post, "file">[], cwd: string, known?: (file: string) => string | undefined): Map<string, string> {
  return new Map(posts.map((post) => [post.file, known?.(post.file) ?? sha1Of(path.resolve(cwd, post.file))]));
}

/**
 * Everything a build reads that is not a post: the settings, every other file of the content
 * and pages folders (registries, the source-status file, images), Gloss's own code, layouts
 * and public files, and the folders themselves. Any change to it renders every page and every
 * post body (render-store.ts keys its renders by it).
 */
export function inputsKey(env: GlossEnv, site: Site): string {
  const hash = createHash("sha256");
  const add = (label: string, value: string | Buffer) => hash.update(`${label}\0`).update(value).update("\0");
  add("version", String(SNAPSHOT_VERSION));
  add("site", JSON.stringify(site));
  add("folders", JSON.stringify([env.contentDir, env.pagesDir, env.publicDir, env.layoutsDir].map((dir) => path.resolve(env.cwd, dir))));
  const addTree = (label: string, dir: string, skip: (relative: string) => boolean = () => false) => {
    for (const file of filesBelow(dir)) if (!skip(file)) add(`${label}/${file}`, readFileSync(path.join(dir, file)));
  };
  // Posts are the stamps; every other file there is part of the key.
  addTree("content", env.contentDir, (file) => !file.includes("/") && file.endsWith(".md"));
  addTree("pages", env.pagesDir);
  addTree("public", env.publicDir);
  addTree("layouts", env.layoutsDir);
  addTree("lib", path.join(env.root, "lib"));
  for (const file of ["eleventy.config.ts", "package-lock.json"]) {
    const full = path.join(env.root, file);
    if (existsSync(full)) add(file, readFileSync(full));
  }
  return hash.digest("hex");
}

/**
 * The planner's key: the inputs' (inputsKey) and how the cards are drawn (it names every card:
 * lib/outputs/cards.ts, cardStyle). Any change to it renders every page.
 */
export function buildKey(inputs: string, cards: CardStyle): string {
  return createHash("sha256").update(`${inputs}\0cards\0${cards}`).digest("hex");
}
