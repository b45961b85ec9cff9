// Eleventy adapter for the post-build checks: after each build, reads the pages just written
// (a production build's were read as they were written, lib/pipeline/page-sink.ts; the dev
// server's are parsed from Eleventy's results), the facts of the pages a warm build carried
// over, and the output's file list, then runs every check.
// A production build fails on any issue; the dev server prints them and goes on serving.
import path from "node:path";
import type { GlossEnv } from "../core/env.ts";
import { fileReader, listFiles } from "../checks/built-site.ts";
import { extractFacts } from "../checks/facts.ts";
import { CheckFailure, formatIssue, runChecks, type NamedCheck } from "../checks/index.ts";
import type { ContentStage } from "../pipeline/load.ts";
import type { PageSink } from "../pipeline/page-sink.ts";

export interface AfterBuildResult {
  url: string | false;
  outputPath: string | false;
  /** The page as written. */
  content: string | Buffer;
}

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
    const pages = sink
      ? sink.pages().slice()
      : results
          .filter((r): r is AfterBuildResult & { url: string } => typeof r.url === "string" && typeof r.outputPath === "string" && r.outputPath.endsWith(".html"))
          // structuredClone copies the strings: htmlparser2's attribute values are slices of the
          // page's text, and would keep every page's text alive until the checks are done.
          .map((r) => structuredClone(extractFacts(r.url, r.content.toString())));
    // A warm production build's pages carried over from the last build, as that build read them.
    // (One at a time: a spread of 100,000 arguments overflows the stack.)
    for (const page of content.carried()) pages.push(page);
    const site = content.settings();
    const root = path.resolve(env.cwd, directories.output);
    const files = listFiles(root);
    const read = fileReader(root, files);
    const issues = runChecks({ pages, files, read, pathPrefix: site.pathPrefix, siteOrigin: site.origin, partial: content.partial() }, checks);
    if (issues.length === 0) {
      content.checked(pages);
      return;
    }
    const lines = issues.map(formatIssue);
    if (env.mode === "build") throw new CheckFailure(lines);
    console.warn(`[gloss] ${lines.length} post-build check warning(s):\n${lines.map((l) => `  ${l}`).join("\n")}`);
  });
}
