// Eleventy adapter for the post-build checks: after each build, reads the pages just written
// (a production build's were read as they were written, lib/pipeline/page-sink.ts; the dev
// server's are parsed from Eleventy's results), the facts of the pages a warm build carried
// over, and the output's files (with the files carried over, which may not all be linked into
// place yet), then runs every check. A production build's files are those its sink wrote and
// those it carried, any other the file system's answer (lib/checks/built-site.ts, siteFiles):
// its output is not walked, 19,800 folders at 10,000 posts. The dev server's output is.
// A production build fails on any issue; the dev server prints them and goes on serving.
import path from "node:path";
import type { GlossEnv } from "../core/env.ts";
import { fileReader, listFiles, siteFiles } from "../checks/built-site.ts";
import { CheckFailure, formatIssue, runChecks, type NamedCheck } from "../checks/index.ts";
import type { ContentStage } from "../pipeline/load.ts";
import { builtPages, type AfterBuildResult, type PageSink } from "../pipeline/page-sink.ts";

export interface ChecksConfigApi {
  on(event: "eleventy.after", handler: (args: { results: AfterBuildResult[]; directories: { output: string } }) => unknown): void;
}

export interface ChecksOptions {
  /** Run mode (a production build fails on an issue; the dev server warns) and folders. */
  env: GlossEnv;
  /** The content stage: the build's settings, and whether it rendered only some pages. */
  content: ContentStage;
  /** The checks, in the order their issues are reported. */
  checks: readonly NamedCheck[];
  /** A production build's pages, read as they were written; none: Eleventy's results (the dev server). */
  sink?: PageSink | undefined;
}

export function checksPlugin(eleventyConfig: ChecksConfigApi, { env, content, checks, sink }: ChecksOptions): void {
  eleventyConfig.on("eleventy.after", ({ results, directories }) => {
    const carriedPages = content.carried();
    const pages = builtPages(results, sink, carriedPages);
    const site = content.settings();
    const root = path.resolve(env.cwd, directories.output);
    // With a warm build's carried files, which may still be being linked into place.
    const carried = content.carriedFiles();
    const files = sink ? siteFiles(root, [...urlsIn(root, sink.writtenFiles().keys()), ...carried]) : new Set([...listFiles(root), ...carried]);
    const read = fileReader(root, files);
    const issues = runChecks({ pages, files, read, pathPrefix: site.pathPrefix, siteOrigin: site.origin, partial: content.partial(), carried: new Set(carriedPages) }, checks);
    if (issues.length === 0) {
      content.checked(pages);
      return;
    }
    const lines = issues.map(formatIssue);
    if (env.mode === "build") throw new CheckFailure(lines);
    console.warn(`[gloss] ${lines.length} post-build check warning(s):\n${lines.map((l) => `  ${l}`).join("\n")}`);
  });
}

/** The site URLs (`/posts/x/index.html`) of the files written below `root`, given by absolute path. */
function* urlsIn(root: string, files: Iterable<string>): Iterable<string> {
  const inside = `${root}${path.sep}`;
  for (const file of files) {
    if (!file.startsWith(inside)) continue;
    const name = file.slice(inside.length);
    yield `/${path.sep === "/" ? name : name.split(path.sep).join("/")}`;
  }
}
