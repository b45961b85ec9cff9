// HTML (already cleaned by clean-html.ts) to Gloss Markdown with turndown: ATX headings, `-`
// bullets, fenced code, and a blockquote that names its source written as `> [!quote <id>]`
// (lib/markdown/quotations.ts). One turndown service for the whole import.
import TurndownService from "turndown";

let service: TurndownService | undefined;

function turndown(): TurndownService {
  if (service) return service;
  service = new TurndownService({ headingStyle: "atx", bulletListMarker: "-", codeBlockStyle: "fenced", emDelimiter: "*", strongDelimiter: "**" });
  service.addRule("glossQuotation", {
    filter: (node) => node.nodeName === "BLOCKQUOTE",
    replacement: (content, node) => {
      const id = (node as HTMLElement).getAttribute("data-gloss-quote");
      const body = content.replace(/^\n+|\n+$/g, "");
      const lines = id ? `[!quote ${id}]\n${body}` : body;
      return `\n\n${lines.replace(/^/gm, "> ").replace(/^> $/gm, ">")}\n\n`;
    },
  });
  return service;
}

export function toMarkdown(html: string): string {
  return turndown()
    .turndown(html)
    .replace(/[ \t]+$/gm, (spaces) => (spaces === "  " ? spaces : ""))
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
