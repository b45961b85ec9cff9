// Redirect pages and the `_redirects` file, from the catalog's redirects (a post's `aliases:`):
// each old address gets a page that sends readers on (meta refresh, canonical link, a visible
// link, no script, noindex), and a `from to 301` line Netlify and Cloudflare Pages read. An
// alias that lands on any other page of the site is a content problem naming both.
import { ContentErrors, type ContentProblem } from "../core/errors.ts";
import { withPrefix } from "../core/routes.ts";
import type { Site } from "../content/site.ts";
import type { Post, Redirect } from "../catalog/model.ts";
import { outputPathOf } from "../catalog/redirects.ts";
import type { PageKind } from "./kind-types.ts";

/** The `_redirects` file: one `old new 301` line per alias, both with the path prefix. */
export function redirectsFile(redirects: readonly Redirect[], site: Site): string {
  const lines = redirects.map((r) => `${withPrefix(site, r.from)} ${withPrefix(site, r.post.url)} 301`);
  return `# Written by the build from the posts' aliases: edit those, not this file.\n${lines.map((l) => `${l}\n`).join("")}`;
}

/**
 * Aliases that land where another page of the site is written, as problems; thrown together.
 * One pass over every kind's items (the same cost as writing them).
 */
export function checkRedirectClashes(redirects: readonly Redirect[], kinds: readonly PageKind<unknown>[], items: Record<string, readonly unknown[]>, redirectKind: string): void {
  if (redirects.length === 0) return;
  const wanted = new Map(redirects.map((r) => [outputPathOf(r.from), r]));
  const problems: ContentProblem[] = [];
  for (const kind of kinds) {
    if (kind.name === redirectKind) continue;
    for (const item of kind.items ? (items[kind.name] ?? []) : [undefined]) {
      const url = kind.url(item);
      const r = wanted.get(outputPathOf(url));
      if (!r) continue;
      const owner = kind.name === "post" ? `the address of ${(item as Post).file}` : `the address of the site's ${kind.name} page`;
      problems.push({ file: r.file, field: r.field, line: r.line, expected: "an old address no other page or alias has", got: `"${r.from}", ${owner}` });
    }
  }
  if (problems.length > 0) throw new ContentErrors(problems);
}
