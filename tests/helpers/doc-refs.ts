// What the Markdown documents of the repository point at: repository paths in code spans, the
// targets of links and images, and the anchors of headings, so a test can tell which ones are gone.
// The rules for what counts as a path are here, in one place, with the reason for each.
import path from "node:path";

export interface DocRef {
  /** As written in the document. */
  written: string;
  /** Repository-relative path it names (POSIX), without a trailing slash. */
  path: string;
  /** `#anchor` of a link, if any (checked against the target's headings when it is Markdown). */
  anchor: string | undefined;
  /** Whether the document writes it as a folder (`lib/core/`). */
  folder: boolean;
  line: number;
}

/**
 * Root files named without a slash that count as paths. Any other bare name (`gloss.css`,
 * `authors.yaml`, `post.njk`) is shorthand for a file the text has already placed, not a path.
 */
export const ROOT_FILES = new Set([
  "README.md",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "eleventy.config.ts",
  "netlify.toml",
  ".node-version",
  ".gitignore",
]);

/** Extensions of files the repository holds, so a path under an unknown folder (`lbi/x.ts`) still counts. */
const FILE_EXTENSION = /\.(ts|js|mjs|cjs|md|njk|ya?ml|json|toml|css|svg|png|txt)$/;

/** Fenced code blocks hold commands, output and examples, not references: they are blanked out (lines kept). */
export function withoutFences(markdown: string): string {
  let fence: string | undefined;
  return markdown
    .split("\n")
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence === undefined && marker) {
        fence = marker;
        return "";
      }
      if (fence !== undefined) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
        return "";
      }
      return line;
    })
    .join("\n");
}

/**
 * A code span names a repository path when all of it is one path, relative to the repository root:
 * - no spaces (a command, a message or a sentence is not a path);
 * - no URL scheme (`https://…`, `mailto:`, `javascript:`) and no leading `/`, which is an address
 *   on the site (`/posts/x/`) or on a server (`/var/www/gloss/`);
 * - no placeholder or glob characters (`posts/<slug>.md`, `posts/*.md`, `page/<n>/`, `…`) and no
 *   `#`, `?`, `=`, `@` (`11ty/eleventy#3551`, `/search/?q=`, a package name);
 * - a slash, or one of ROOT_FILES;
 * - a first folder that is one of `topLevel` (the repository's own), or a file extension of a
 *   kind the repository holds: `actions/configure-pages` or `text/html` are not paths.
 * Post files directly in `posts/` are examples of an author's own posts, never checked: the docs
 * tell you to replace the launch posts, and must stay true when you do.
 * Paths under build output or git-ignored folders (`outputs`) are made by a build, not stored.
 */
export function codeSpanPath(span: string, topLevel: ReadonlySet<string>, outputs: readonly string[]): string | undefined {
  const text = span.trim();
  if (text === "" || /\s/.test(text)) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith("/")) return undefined;
  if (/[*<>…{}[\]$?#=@,;()'"`|\\]/.test(text)) return undefined;
  const bare = text.replace(/^\.\//, "").replace(/\/$/, "");
  if (!bare.includes("/")) return ROOT_FILES.has(bare) ? bare : undefined;
  const first = bare.split("/")[0]!;
  if (!topLevel.has(first) && !FILE_EXTENSION.test(bare)) return undefined;
  if (outputs.some((out) => bare === out || bare.startsWith(`${out}/`))) return undefined;
  if (/^posts\/[^/]+\.md$/.test(bare)) return undefined;
  return bare;
}

/**
 * A link or image target names a file relative to the document's folder, as GitHub renders it:
 * targets with a scheme (`https:`, `mailto:`) or a leading `/` are addresses, not files, and a
 * bare `#anchor` points into the document itself.
 */
export function linkTarget(target: string, docPath: string): { path: string; anchor: string | undefined } | undefined {
  const trimmed = target.trim().replace(/^<|>$/g, "").split(/\s+/)[0]!;
  if (trimmed === "" || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith("/")) return undefined;
  const [file, anchor] = trimmed.split("#", 2) as [string, string | undefined];
  const resolved = file === "" ? docPath : path.posix.normalize(path.posix.join(path.posix.dirname(docPath), decodeURI(file)));
  return { path: resolved.replace(/\/$/, ""), anchor: anchor || undefined };
}

/** Every path and link target a document names, with its line. */
export function docRefs(markdown: string, docPath: string, topLevel: ReadonlySet<string>, outputs: readonly string[]): DocRef[] {
  const refs: DocRef[] = [];
  const lines = withoutFences(markdown).split("\n");
  // Links, with code spans emptied first (`[label](destination)` written as code is not a link);
  // a label may run over lines of one paragraph, and the link counts at the line of its target.
  const prose = lines.map((line) => line.replace(/`[^`]+`/g, (span) => `\`${"x".repeat(span.length - 2)}\``)).join("\n");
  for (const match of prose.matchAll(/!?\[(?:[^\]`\n]|\n(?![ \t]*\n)|`[^`]*`)*\]\(([^)\s]+(?:\s+"[^"]*")?)\)/g)) {
    const target = linkTarget(match[1]!, docPath);
    const line = prose.slice(0, match.index + match[0].lastIndexOf("](")).split("\n").length;
    if (target) refs.push({ written: match[1]!, path: target.path, anchor: target.anchor, folder: match[1]!.split("#")[0]!.endsWith("/"), line });
  }
  for (const [index, line] of lines.entries()) {
    for (const match of line.matchAll(/`([^`]+)`/g)) {
      const found = codeSpanPath(match[1]!, topLevel, outputs);
      if (found) refs.push({ written: match[1]!, path: found, anchor: undefined, folder: match[1]!.trim().endsWith("/"), line: index + 1 });
    }
  }
  return refs;
}

/** The `#anchors` GitHub gives a document's headings: lowercased, punctuation dropped, spaces as `-`, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of withoutFences(markdown).split("\n")) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    // A link in a heading counts by its text; backticks and other punctuation simply drop out.
    const text = heading.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1").trim().toLowerCase();
    const base = text.replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, "").replace(/\s/g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Lines (outside fenced code) with an odd number of backticks: a code span broken across lines, whose path no check would see. */
export function brokenCodeSpans(markdown: string): number[] {
  return withoutFences(markdown)
    .split("\n")
    .flatMap((line, index) => ((line.match(/`/g)?.length ?? 0) % 2 === 1 ? [index + 1] : []));
}

/** `lib/<name>/` wherever a document writes it, code, diagrams and paths to files inside included. */
export function libFoldersNamed(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/(?<![\w./-])lib\/([\w-]+)\//g)].map((match) => match[1]!));
}

/** `lib/<name>/` written as a code span of its own: how the architecture document names a folder. */
export function libFoldersInCodeSpans(markdown: string): Set<string> {
  return new Set([...withoutFences(markdown).matchAll(/`lib\/([\w-]+)\/`/g)].map((match) => match[1]!));
}

/** Folder paths from `.gitignore` lines without globs (`_site/`, `tests/.artifacts/`): build output, not stored. */
export function ignoredFolders(gitignore: string): string[] {
  return gitignore
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#") && !line.startsWith("!") && !/[*?[]/.test(line))
    .map((line) => line.replace(/^\//, "").replace(/\/$/, ""));
}
