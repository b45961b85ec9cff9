// What "harmless" means for a built page, asserted the same way by the build and browser tests:
// no executable script, no event-handler attributes, no script-bearing URLs, no embedded frames.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";

/** `<script type>` values that are data blocks, never executed (JSON-LD). */
export const DATA_SCRIPT_TYPES = ["application/ld+json"];
const URL_ATTRIBUTES = ["href", "src", "action", "formaction", "cite", "poster", "data", "background", "xlink:href", "srcset"];
const BAD_SCHEME = /^\s*(javascript|data|vbscript):/i;

/** Every HTML file of a built site, as [site URL, html]. */
export function builtPages(outputDir: string): [string, string][] {
  const pages: [string, string][] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".html")) {
        const url = `/${path.relative(outputDir, full).split(path.sep).join("/")}`.replace(/index\.html$/, "");
        pages.push([url, readFileSync(full, "utf8")]);
      }
    }
  };
  walk(outputDir);
  return pages.sort(([a], [b]) => (a < b ? -1 : 1));
}

/** Everything on a page that could run script or pull in another document, as readable lines. */
export function dangers(html: string): string[] {
  const { document } = parseHTML(html);
  const found: string[] = [];
  for (const script of document.querySelectorAll("script")) {
    const type = (script.getAttribute("type") ?? "").trim().toLowerCase();
    const src = script.getAttribute("src");
    if (DATA_SCRIPT_TYPES.includes(type)) {
      try {
        JSON.parse(script.textContent ?? "");
      } catch {
        found.push(`a ${type} block that is not valid JSON (broken out of?)`);
      }
    } else if (src === null || !src.startsWith("/") || src.startsWith("//")) {
      found.push(`<script${src === null ? "" : ` src="${src}"`}>${(script.textContent ?? "").slice(0, 40)}`);
    }
  }
  for (const element of document.querySelectorAll("*")) {
    for (const attr of [...element.attributes]) {
      if (attr.name.toLowerCase().startsWith("on")) found.push(`${element.tagName.toLowerCase()}[${attr.name}]`);
      if (attr.name === "style") found.push(`${element.tagName.toLowerCase()}[style]`);
      if (URL_ATTRIBUTES.includes(attr.name.toLowerCase()) && BAD_SCHEME.test(attr.value)) found.push(`${element.tagName.toLowerCase()}[${attr.name}="${attr.value.slice(0, 40)}"]`);
    }
  }
  // Markup a template may legitimately hold (svg icons, a search form) is judged by its attributes above.
  for (const tag of ["iframe", "frame", "object", "embed", "style", "base"]) {
    for (const element of document.querySelectorAll(tag)) found.push(`<${element.tagName.toLowerCase()}>`);
  }
  for (const meta of document.querySelectorAll("meta[http-equiv]")) {
    if (meta.getAttribute("http-equiv")?.toLowerCase() !== "content-security-policy") found.push(`<meta http-equiv="${meta.getAttribute("http-equiv")}">`);
  }
  return found;
}
