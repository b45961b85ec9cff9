// Outbound links in post bodies: marked as external and opened without handing the page an opener.
import type { MarkdownIt } from "markdown-it";

export function externalLinks(md: MarkdownIt): void {
  const fallback = md.renderer.rules.link_open;
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const href = String(token.attrGet("href") ?? "");
    // Absolute and protocol-relative URLs leave the site; relative ones and #anchors do not.
    if (/^(?:https?:)?\/\//i.test(href)) {
      token.attrSet("rel", "noopener external");
      token.attrJoin("class", "external");
    }
    return fallback ? fallback(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
}
