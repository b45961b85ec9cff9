// How a failed production build is told on stderr: every content problem on a line of its own,
// anything else (a failed post-build check, a file-system error naming its path) in one
// `Build failed:` line. lib/cli/render.ts prints it where the build failed; lib/cli/build.ts adds
// that the previous site was left as it was.
import { findContentErrors, formatProblem } from "../core/errors.ts";
import { describeFsError } from "../core/fs-errors.ts";
import { count } from "../core/text.ts";

export function failureLines(error: unknown): string[] {
  const content = findContentErrors(error);
  if (content) return [`Build failed: ${count(content.problems.length, "content problem")}`, ...content.problems.map((problem) => `  ${formatProblem(problem)}`)];
  return [`Build failed: ${describeFsError(error) ?? describeError(error)}`];
}

/** The messages of an error and of the errors it wraps (Eleventy wraps a plugin's), each once. */
function describeError(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth += 1) {
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string" && !messages.includes(message)) messages.push(message);
    current = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
  }
  return messages.join("\n  ") || String(error);
}
