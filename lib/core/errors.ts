// Content errors: one type for every problem an author can cause, reported together,
// one line each: `posts/x.md:3 › date: expected YYYY-MM-DD, got "May 3" (hint)`.
import { count } from "./text.ts";

export interface ContentProblem {
  /** File, relative to the project root where possible. */
  file: string;
  /** Field path in the file (`date`, `sources[1]`, `cnn.url`), when the problem is a field. */
  field?: string;
  /** 1-based line in the file, when known. */
  line?: number;
  expected: string;
  /** What was found, already shown as text. */
  got: string;
  hint?: string;
}

export function formatProblem(p: ContentProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  const field = p.field ? ` › ${p.field}` : "";
  const hint = p.hint ? ` (${p.hint})` : "";
  return `${where}${field}: expected ${p.expected}, got ${p.got}${hint}`;
}

/** Shows a found value briefly and unambiguously in a message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") {
    const short = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(short);
  }
  if (value instanceof Date) return `a date (${value.toISOString()})`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${String(value)}`;
}

export class ContentErrors extends Error {
  readonly problems: readonly ContentProblem[];
  constructor(problems: readonly ContentProblem[]) {
    const lines = problems.map(formatProblem);
    super(
      `${count(problems.length, "content problem")}:\n${lines.map((l) => `  ${l}`).join("\n")}`,
    );
    this.name = "ContentErrors";
    this.problems = problems;
  }
}

/** Finds a ContentErrors in an error's cause chain (Eleventy wraps what a data function throws). */
export function findContentErrors(error: unknown): ContentErrors | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth += 1) {
    if (current instanceof ContentErrors) return current;
    if ((current as { name?: unknown }).name === "ContentErrors") return current as ContentErrors;
    if (typeof current !== "object") return undefined;
    const next: unknown =
      (current as { originalError?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
    current = next;
  }
  return undefined;
}

/** How many warnings a command prints before it summarises the rest. */
export const WARNINGS_SHOWN = 10;

/** Warning lines as commands print them: the first few, then how many more (a big blog has hundreds). */
export function warningLines(warnings: readonly string[], shown = WARNINGS_SHOWN): string[] {
  const lines = warnings.slice(0, shown).map((w) => `warning: ${w}`);
  if (warnings.length > shown) lines.push(`warning: … and ${warnings.length - shown} more (npm run check:content -- --all-warnings lists them all)`);
  return lines;
}
