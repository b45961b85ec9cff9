// `npm run check:content`: validates every post and registry (schema, ids, quotations) without
// building the site: the build's own content stage (lib/pipeline/load.ts), with no Eleventy, templates
// or output. Problems and warnings are printed exactly as `npm run build` prints them.
import { performance } from "node:perf_hooks";
import { findContentErrors, formatProblem, warningLines } from "../core/errors.ts";
import { readEnv } from "../core/env.ts";
import { count } from "../core/text.ts";
import { loadCatalog } from "../pipeline/load.ts";

const started = performance.now();
try {
  const catalog = loadCatalog(readEnv());
  const all = process.argv.includes("--all-warnings");
  for (const line of warningLines(catalog.warnings, all ? Infinity : undefined)) console.warn(line);
  const passages = catalog.sources.reduce((sum, source) => sum + source.passages.length, 0);
  // performance.now() counts from process start, so the second figure includes start-up.
  const checked = Math.round(performance.now() - started);
  const total = Math.round(performance.now());
  console.log(
    `Content OK: ${count(catalog.posts.length, "post")}, ${count(catalog.sources.length, "source")}, ` +
      `${count(catalog.authors.length, "author")}, ${count(passages, "quoted passage")} (checked in ${checked} ms, ${total} ms with start-up)`,
  );
} catch (error) {
  const content = findContentErrors(error);
  if (!content) throw error;
  console.error(`Content check failed: ${count(content.problems.length, "content problem")}`);
  for (const problem of content.problems) console.error(`  ${formatProblem(problem)}`);
  process.exit(1);
}
