// Redirects from a post's old addresses (`aliases:`): one per alias of a published post, with
// clashes between aliases, and with post pages, reported as problems naming both files. Clashes
// with the other pages of the site are the outputs stage's to find (lib/outputs/redirects.ts),
// where every page's address is known.
import type { ContentProblem } from "../core/errors.ts";
import { absolute } from "../core/routes.ts";
import type { PostFile } from "../content/read.ts";
import type { Post, Redirect } from "./model.ts";

/** The file a site path is written to: `/old/` → `/old/index.html`; two addresses clash when these match. */
export function outputPathOf(sitePath: string): string {
  return sitePath.endsWith("/") ? `${sitePath}index.html` : sitePath;
}

/** Every published post's aliases as redirects, or problems for those that clash. Linear in posts and aliases. */
export function buildRedirects(posts: readonly Post[], files: ReadonlyMap<Post, PostFile>, site: { url: string }, problems: ContentProblem[]): Redirect[] {
  const taken = new Map<string, string>();
  for (const post of posts) taken.set(outputPathOf(post.url), `the address of ${post.file}`);
  const redirects: Redirect[] = [];
  for (const post of posts) {
    const file = files.get(post);
    post.aliases.forEach((from, i) => {
      const key = outputPathOf(from);
      const owner = taken.get(key);
      if (owner) {
        problems.push({ file: post.file, field: `aliases[${i}]`, line: file?.lineOf(["aliases"]), expected: "an old address no other page or alias has", got: `"${from}", ${owner}` });
        return;
      }
      taken.set(key, `already an alias of ${post.file}`);
      redirects.push({ from, post, canonical: absolute(site, post.url), file: post.file, field: `aliases[${i}]`, line: file?.lineOf(["aliases"]) });
    });
  }
  return redirects;
}
