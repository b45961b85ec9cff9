// The `_headers` file Netlify and Cloudflare Pages read from the published folder: path patterns
// (`/*`, `/posts/*`, `/tags/:tag/`) each followed by indented `Name: value` lines. Parsed here
// so `npm run preview` sends the same headers those hosts would. Pure.

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

/** Headers for a site path (`/posts/x/`, without the deploy prefix): every matching rule, in order; repeats joined with ", ". */
export function headersFor(rules: readonly HeaderRule[], sitePath: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const names: Record<string, string> = {};
  for (const rule of rules) {
    if (!rule.pattern.startsWith("/") || !patternToRegExp(rule.pattern).test(sitePath)) continue;
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      names[key] ??= name;
      headers[names[key]] = headers[names[key]] === undefined ? value : `${headers[names[key]]}, ${value}`;
    }
  }
  return headers;
}
