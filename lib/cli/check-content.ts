// `npm run check:content`: validates every post and registry (schema, ids, quotations)
// without building the site, printing problems in the build's file › field format.
import { performance } from "node:perf_hooks";
import { findContentErrors, formatProblem } from "../errors.ts";
import { readEnv } from "../env.ts";
import { loadCatalog } from "../load.ts";

const started = performance.now();
try {
  const catalog = loadCatalog(readEnv());
  for (const warning of catalog.warnings) console.warn(`warning: ${warning}`);
  const ms = Math.round(performance.now() - started);
  console.log(`Content OK: ${catalog.posts.length} posts, ${catalog.sources.length} sources, ${catalog.authors.length} authors (${ms} ms)`);
} catch (error) {
  const content = findContentErrors(error);
  if (!content) throw error;
  console.error(`${content.problems.length} content problem${content.problems.length === 1 ? "" : "s"}:`);
  for (const problem of content.problems) console.error(`  ${formatProblem(problem)}`);
  process.exit(1);
}
