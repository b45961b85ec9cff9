// The one reader of the `_headers` file Netlify and Cloudflare Pages read from the published
// folder: path patterns (`/*`, `/posts/*`, `/tags/:tag/`) each followed by indented
// `Name: value` lines. Read here so `npm run preview` and the browser tests send the headers
// those hosts would. lib/outputs/csp.ts writes the file.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export interface HeaderRule {
  pattern: string;
  headers: [name: string, value: string][];
}

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  let current: HeaderRule | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      current = { pattern: line.trim(), headers: [] };
      rules.push(current);
      continue;
    }
    const colon = line.indexOf(":");
    if (!current || colon < 0) continue;
    current.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

function patternToRegExp(pattern: string): RegExp {
  const source = pattern
    .split(/(\*|:[A-Za-z]\w*)/)
    .map((part) => (part === "*" ? ".*" : part.startsWith(":") ? "[^/]+" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

/**
 * Headers for a request: every rule that matches one of its paths, in order, each rule once; a
 * header that several rules set is joined with ", ", as Cloudflare Pages does (two policies,
 * both enforced). Under a deploy prefix a request has two paths: `/blog/posts/x/` as the host
 * sees it (the rules the build writes carry the prefix) and `/posts/x/` within the site (as a
 * hand-written file for a host that serves the site at its root would say it).
 */
export function headersFor(rules: readonly HeaderRule[], paths: string | readonly string[]): Record<string, string> {
  const candidates = typeof paths === "string" ? [paths] : paths;
  const headers: Record<string, string> = {};
  const names: Record<string, string> = {};
  for (const rule of rules) {
    if (!rule.pattern.startsWith("/")) continue;
    const pattern = patternToRegExp(rule.pattern);
    if (!candidates.some((candidate) => pattern.test(candidate))) continue;
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      names[key] ??= name;
      headers[names[key]] = headers[names[key]] === undefined ? value : `${headers[names[key]]}, ${value}`;
    }
  }
  return headers;
}

/** The rules of the `_headers` file in a built site's folder; none when it has no such file. */
export function readHeadersFile(root: string): HeaderRule[] {
  const file = path.join(root, "_headers");
  return existsSync(file) ? parseHeadersFile(readFileSync(file, "utf8")) : [];
}
