// What the npm scripts share: stopping with a message, and reading the site settings or
// stopping with every problem in them, one per line (as the build reports them).
import type { GlossEnv } from "../core/env.ts";
import { findContentErrors, formatProblem } from "../core/errors.ts";
import { loadSite, type Site } from "../content/site.ts";

/** Prints `message` on stderr and exits with `code` (1: the author's input; 2: how the command was called or what it found). */
export function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

/** The site settings, or every problem in them and an exit with `code`. */
export function settingsOrFail(env: GlossEnv, code = 1): Site {
  try {
    return loadSite(env);
  } catch (error) {
    const content = findContentErrors(error);
    if (!content) throw error;
    return fail(content.problems.map(formatProblem).join("\n"), code);
  }
}
