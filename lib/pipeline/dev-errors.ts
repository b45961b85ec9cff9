// The dev server's failed rebuild, shown where the author is looking. While the content has
// problems, the problems are printed once (no stack trace) and every page the browser asks for
// is an error page listing them; the next good rebuild clears them and the page reloads itself.

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** The problems of the last rebuild, one line each; undefined while the content is good. */
export class DevErrors {
  lines: readonly string[] | undefined;

  fail(lines: readonly string[]): void {
    this.lines = lines;
  }

  clear(): void {
    this.lines = undefined;
  }
}

/** Whether a request is for a page (not a stylesheet, a script or an image): `/x/`, `/x.html`, `/x`. */
export function isPageRequest(pathname: string): boolean {
  const last = pathname.slice(pathname.lastIndexOf("/") + 1);
  return last === "" || last.endsWith(".html") || !last.includes(".");
}

/** The page served in place of every page while the content has problems. No script of its own. */
export function devErrorPage(lines: readonly string[]): string {
  const items = lines.map((line) => `<li><code>${escapeHtml(line)}</code></li>`).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Content problems · Gloss dev server</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1b18;background:#fffdf8}h1{color:#9b1c1c}li{margin:.4rem 0}code{white-space:pre-wrap;overflow-wrap:anywhere}</style>
</head>
<body>
<main>
<h1>The last rebuild found ${lines.length === 1 ? "a content problem" : `${lines.length} content problems`}</h1>
<p>Fix ${lines.length === 1 ? "it" : "them"} and save: this page reloads by itself once the content is good again.</p>
<ul>
${items}
</ul>
</main>
</body>
</html>
`;
}
