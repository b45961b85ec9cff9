// Link and image URLs in post bodies: an allow-list of schemes (http, https, mailto, or none for
// links within the site). markdown-it's own filter lets `data:image/...` through; a data: or
// javascript: destination is left as the text the author wrote.
import type { MarkdownIt } from "markdown-it";

export const ALLOWED_SCHEMES: readonly string[] = ["http", "https", "mailto"];

export function isSafeLink(url: string): boolean {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  return scheme === undefined || ALLOWED_SCHEMES.includes(scheme.toLowerCase());
}

export function safeLinks(md: MarkdownIt): void {
  md.validateLink = isSafeLink;
}
