// Production builds only: every page leaves Eleventy's transforms as its UTF-8 bytes, not a
// string. Eleventy keeps every page's output in memory until the build ends (the `results` of
// eleventy.after, and a cache on each template); our pages hold characters outside Latin-1
// (— … → “”), so V8 stores their text at two bytes a character, where UTF-8 takes about one, off
// the JavaScript heap. The files written are byte for byte the same. The dev server, which reads
// its pages' text, keeps strings.
import type { GlossEnv } from "../core/env.ts";

/** The slice of Eleventy's config API this adapter uses. */
export interface OutputBytesConfigApi {
  addPlugin(plugin: (eleventyConfig: OutputBytesConfigApi) => void): void;
  addTransform(name: string, transform: (content: string | Buffer) => string | Buffer): void;
}

export interface OutputBytesOptions {
  /** Only a production build (`build`) holds its output as bytes. */
  mode: GlossEnv["mode"];
}

export function outputBytesPlugin(eleventyConfig: OutputBytesConfigApi, env: OutputBytesOptions): void {
  if (env.mode !== "build") return;
  // Added as a plugin, so that it comes after every other transform, plugins' too: they read text.
  eleventyConfig.addPlugin((config) => {
    config.addTransform("gloss-output-bytes", (content) => (typeof content === "string" ? Buffer.from(content) : content));
  });
}
