// Eleventy adapter for the page kinds that are plain text (`text` in lib/outputs/page-kinds.ts:
// a post's citation files): written straight into the output on `eleventy.after`, before the
// post-build checks read it, instead of rendered as Eleventy pages. Each is the text the catalog
// made, byte for byte what a layout of `{{ text | safe }}` wrote. A dev-server rebuild writes
// only the items it planned (`renderOnly`), as the pages adapter renders only those.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { GlossEnv } from "../core/env.ts";
import { fileRoute } from "../core/routes.ts";
import { PAGE_KINDS } from "../outputs/page-kinds.ts";
import type { ContentStage } from "../pipeline/load.ts";
import type { PageSink } from "../pipeline/page-sink.ts";

/** The slice of Eleventy's config API this adapter uses. */
export interface FilesConfigApi {
  on(event: "eleventy.after", handler: (args: { directories: { output: string } }) => unknown): void;
}

export interface FilesOptions {
  /** Folders (the output is resolved against `cwd`). */
  env: GlossEnv;
  /** The build's data: each kind's items, and what this build renders. */
  content: ContentStage;
  /** A production build's writer, which keeps what the build's record needs of each file; none: written here (the dev server). */
  sink?: PageSink | undefined;
}

export function filesPlugin(eleventyConfig: FilesConfigApi, { env, content, sink }: FilesOptions): void {
  eleventyConfig.on("eleventy.after", ({ directories }) => {
    const data = content.loaded();
    if (!data) return; // the content stage failed: it reported why
    const root = path.resolve(env.cwd, directories.output);
    const only = data.renderOnly;
    const made = new Set<string>();
    for (const kind of PAGE_KINDS) {
      if (!kind.text) continue;
      for (const item of kind.items ? data.kinds[kind.name] ?? [] : [undefined]) {
        if (only && !only.has(item as object)) continue;
        const url = kind.url(item);
        const file = path.join(root, ...fileRoute(url).split("/").filter(Boolean));
        if (sink) {
          sink.write(url, file, kind.text(item));
          continue;
        }
        const dir = path.dirname(file);
        if (!made.has(dir)) mkdirSync(dir, { recursive: true });
        made.add(dir);
        writeFileSync(file, kind.text(item));
      }
    }
  });
}
