// Eleventy adapter for lib/outputs/csp.ts: the `contentSecurityPolicy` filter for the <meta> tag in
// layouts/partials/head-security.njk, and the `_headers` file written after each build from
// the pages actually built.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { headerRules, headersFile, metaPolicy } from "../outputs/csp.ts";
import type { GlossEnv } from "../core/env.ts";

export interface CspConfigApi {
  addFilter(name: string, filter: (url: string) => string): void;
  on(event: "eleventy.after", handler: (args: { results: { url: string | false; outputPath: string | false }[]; dir: { output: string } }) => unknown): void;
}

/** `partial()` tells a dev-server build that rendered only some pages (it leaves `_headers` alone). */
export function cspPlugin(eleventyConfig: CspConfigApi, env: GlossEnv, pathPrefix: string, partial: () => boolean = () => false): void {
  eleventyConfig.addFilter("contentSecurityPolicy", (url) => metaPolicy(String(url)));
  eleventyConfig.on("eleventy.after", ({ results, dir }) => {
    // The rules name the pages built; a partial build knows only some of them.
    if (partial()) return;
    const pages = results.flatMap((r) => (typeof r.url === "string" && typeof r.outputPath === "string" && r.outputPath.endsWith(".html") ? [r.url] : []));
    writeFileSync(path.resolve(env.cwd, dir.output, "_headers"), headersFile(headerRules(pages, pathPrefix)));
  });
}
