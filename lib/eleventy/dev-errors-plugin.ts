// Eleventy adapter for the dev server's error page (lib/pipeline/dev-errors.ts): while the last
// rebuild found content problems, Eleventy's dev server answers every page request with the
// list of them (its reload client is added as to any page, so the fix reloads the tab).
// Requests for anything else (stylesheets, the reload client itself) pass through.
import { DevContent } from "../pipeline/dev.ts";
import { devErrorPage, isPageRequest } from "../pipeline/dev-errors.ts";
import type { ContentStage } from "../pipeline/load.ts";

export interface DevErrorsConfigApi {
  setServerOptions(options: { onRequest: Record<string, (request: { url: URL }) => unknown> }): void;
}

export interface DevErrorsOptions {
  content: ContentStage;
}

export function devErrorsPlugin(eleventyConfig: DevErrorsConfigApi, { content }: DevErrorsOptions): void {
  if (!(content instanceof DevContent)) return;
  eleventyConfig.setServerOptions({
    onRequest: {
      "/*": ({ url }) => {
        const lines = content.errors.lines;
        if (!lines || !isPageRequest(url.pathname)) return undefined;
        return { status: 500, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }, body: devErrorPage(lines) };
      },
    },
  });
}
