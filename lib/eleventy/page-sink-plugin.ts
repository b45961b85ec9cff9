// Eleventy adapter for lib/pipeline/page-sink.ts (production builds): the last transform writes
// each page itself and hands Eleventy an empty stand-in to keep, and the public folder is copied
// before the pages are written (Eleventy runs dry, so its passthrough copy does nothing).
import path from "node:path";
import type { GlossEnv } from "../core/env.ts";
import { copyPublic, type PageSink } from "../pipeline/page-sink.ts";

/** The slice of Eleventy's config API this adapter uses. */
export interface PageSinkConfigApi {
  addPlugin(plugin: (eleventyConfig: PageSinkConfigApi) => void): void;
  addTransform(name: string, transform: (this: { page: { url: string | false; outputPath: string | false } }, content: string | Buffer) => string | Buffer): void;
  on(event: "eleventy.before", handler: () => unknown): void;
}

export interface PageSinkOptions {
  env: GlossEnv;
  /** Where the pages go; none: Eleventy writes them (the dev server). */
  sink: PageSink | undefined;
}

export function pageSinkPlugin(eleventyConfig: PageSinkConfigApi, { env, sink }: PageSinkOptions): void {
  if (!sink) return;
  eleventyConfig.on("eleventy.before", () => copyPublic(path.resolve(env.cwd, env.publicDir), path.resolve(env.cwd, env.outputDir)));
  // Added as a plugin, so that it comes after every other transform, plugins' too: they read text.
  eleventyConfig.addPlugin((config) => {
    config.addTransform("gloss-page-sink", function (content) {
      const { url, outputPath } = this.page;
      return typeof url === "string" && typeof outputPath === "string" ? sink.write(url, outputPath, content) : content;
    });
  });
}
