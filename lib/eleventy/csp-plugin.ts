// Eleventy adapter for lib/outputs/csp.ts: the `contentSecurityPolicy` filter for the <meta> tag in
// layouts/partials/head-security.njk, and the `_headers` file written after each build from
// the pages actually built.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { headerRules, headersFile, metaPolicy } from "../outputs/csp.ts";
import type { GlossEnv } from "../core/env.ts";
import type { ContentStage } from "../pipeline/load.ts";
import { builtUrls, type BuiltResult, type PageSink } from "../pipeline/page-sink.ts";

export interface CspConfigApi {
  addFilter(name: string, filter: (url: string) => string): void;
  on(event: "eleventy.after", handler: (args: { results: BuiltResult[]; directories: { output: string } }) => unknown): void;
}

export interface CspOptions {
  /** Folders (the output folder is resolved from the working folder). */
  env: GlossEnv;
  /** The content stage: the build's path prefix, and whether it rendered only some pages. */
  content: ContentStage;
  /** A production build's pages, as they were written; none: Eleventy's results (the dev server). */
  sink?: PageSink | undefined;
}

export function cspPlugin(eleventyConfig: CspConfigApi, { env, content, sink }: CspOptions): void {
  eleventyConfig.addFilter("contentSecurityPolicy", (url) => metaPolicy(String(url)));
  eleventyConfig.on("eleventy.after", ({ results, directories }) => {
    // The rules name the pages built; a partial build knows only some of them.
    if (content.partial()) return;
    const pages = builtUrls(results, sink, content.carried());
    writeFileSync(path.resolve(env.cwd, directories.output, "_headers"), headersFile(headerRules(pages, content.settings().pathPrefix)));
  });
}
