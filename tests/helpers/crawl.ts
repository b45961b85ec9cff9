// A link crawler for built sites served over HTTP: starting from some paths, it fetches every
// internal URL it finds in HTML (any URL attribute), CSS (url(), @import), XML (feeds, sitemaps:
// href attributes and URL-valued elements) and JSON (any string that looks like a site URL), and
// reports broken links, redirects, missing #fragments and links that escape the path prefix.
import { parseHTML } from "linkedom";

export interface CrawlOptions {
  /** Where the test server listens: `http://127.0.0.1:1234`. */
  serverOrigin: string;
  /** The site's public origin, as absolute links in the site name it: `https://example.org`. */
  siteOrigin: string;
  /** The path prefix every internal URL must start with: `/blog/`. */
  pathPrefix: string;
  /** Paths to start from (server paths, with the prefix). */
  start: string[];
}

export interface CrawlResult {
  /** Every internal path fetched, with its HTTP status. */
  fetched: Map<string, number>;
  /** Links followed, as `from → to`. */
  links: { from: string; to: string }[];
  /** One line per problem: `from → to: why`. */
  problems: string[];
}

const HTML_URL_ATTRIBUTES = ["href", "src", "srcset", "cite", "action", "formaction", "poster", "data", "ping"];
/** <meta> whose content is a URL (social cards, refresh). */
const META_URL = /^(og:url|og:image|og:image:url|og:image:secure_url|og:audio|og:video|twitter:image|twitter:url|msapplication-TileImage)$/i;
/** XML elements whose text is a URL: sitemap <loc>, RSS <link>/<guid>/<url>/<docs>, Atom <id>/<icon>/<logo>/<uri>. */
const XML_URL_ELEMENTS = new Set(["loc", "link", "guid", "url", "docs", "id", "icon", "logo", "uri"]);

function urlsInHtml(text: string): string[] {
  const { document } = parseHTML(text);
  const found: string[] = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of HTML_URL_ATTRIBUTES) {
      const value = element.getAttribute(attribute);
      if (value === null) continue;
      if (attribute === "srcset") found.push(...value.split(",").map((part) => part.trim().split(/\s+/)[0] ?? "").filter(Boolean));
      else if (attribute === "data" && element.tagName.toLowerCase() !== "object") continue;
      else found.push(value);
    }
    if (element.tagName.toLowerCase() === "meta") {
      const key = element.getAttribute("property") ?? element.getAttribute("name") ?? "";
      const content = element.getAttribute("content");
      if (content && META_URL.test(key)) found.push(content);
      if (content && element.getAttribute("http-equiv")?.toLowerCase() === "refresh") {
        const target = /url=(.*)$/i.exec(content)?.[1];
        if (target) found.push(target.trim());
      }
    }
  }
  // Inline styles may hold url() too.
  for (const style of document.querySelectorAll("style")) found.push(...urlsInCss(style.textContent ?? ""));
  return found;
}

function urlsInCss(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) found.push(match[2]!);
  for (const match of text.matchAll(/@import\s+(['"])([^'"]+)\1/g)) found.push(match[2]!);
  return found.filter((url) => !url.startsWith("data:"));
}

function urlsInXml(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/\shref="([^"]*)"/g)) found.push(decodeXml(match[1]!));
  for (const match of text.matchAll(/<([a-zA-Z:]+)(?:\s[^>]*)?>([^<]*)<\/\1>/g)) {
    const name = match[1]!.split(":").pop()!.toLowerCase();
    const value = decodeXml(match[2]!.trim());
    if (XML_URL_ELEMENTS.has(name) && /^(https?:\/\/|\/)/.test(value)) found.push(value);
  }
  return found;
}

function urlsInJson(text: string, siteOrigin: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === "string") {
      if (value.startsWith(`${siteOrigin}/`) || value === siteOrigin) found.push(value);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  try {
    walk(JSON.parse(text));
  } catch {
    // Not JSON after all: nothing to follow.
  }
  return found;
}

function decodeXml(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

function idsIn(html: string): Set<string> {
  const { document } = parseHTML(html);
  const ids = new Set<string>();
  for (const element of document.querySelectorAll("[id], a[name]")) {
    const id = element.getAttribute("id") ?? element.getAttribute("name");
    if (id) ids.add(id);
  }
  return ids;
}

/** The internal server path a URL found on `from` points at, or undefined for another site. */
export function internalTarget(raw: string, from: string, options: Pick<CrawlOptions, "siteOrigin">): { path: string; fragment: string } | undefined {
  const trimmed = raw.trim();
  if (trimmed === "" || /^(mailto|tel|javascript|data):/i.test(trimmed)) return undefined;
  const base = new URL(from, options.siteOrigin);
  const url = new URL(trimmed, base);
  if (url.origin !== new URL(options.siteOrigin).origin) return undefined;
  return { path: url.pathname, fragment: decodeURIComponent(url.hash.slice(1)) };
}

export async function crawl(options: CrawlOptions): Promise<CrawlResult> {
  const fetched = new Map<string, number>();
  const bodies = new Map<string, { type: string; text: string }>();
  const links: { from: string; to: string }[] = [];
  const problems: string[] = [];
  const queue = [...options.start];
  const queued = new Set(queue);

  const load = async (path: string) => {
    if (fetched.has(path)) return;
    const response = await fetch(`${options.serverOrigin}${path}`, { redirect: "manual" });
    fetched.set(path, response.status);
    const type = response.headers.get("content-type") ?? "";
    bodies.set(path, { type, text: response.status === 200 ? await response.text() : "" });
    if (response.status !== 200) await response.body?.cancel();
  };

  while (queue.length > 0) {
    const from = queue.shift()!;
    await load(from);
    const status = fetched.get(from)!;
    if (status !== 200) {
      problems.push(`${from}: status ${status}`);
      continue;
    }
    const { type, text } = bodies.get(from)!;
    const found = type.startsWith("text/html")
      ? urlsInHtml(text)
      : type.startsWith("text/css")
        ? urlsInCss(text)
        : /xml/.test(type)
          ? urlsInXml(text)
          : /json/.test(type)
            ? urlsInJson(text, options.siteOrigin)
            : type.startsWith("text/plain")
              ? [...text.matchAll(/^Sitemap:\s*(\S+)/gim)].map((m) => m[1]!)
              : [];
    for (const raw of found) {
      const target = internalTarget(raw, from, options);
      if (!target) continue;
      links.push({ from, to: raw });
      if (!target.path.startsWith(options.pathPrefix)) {
        problems.push(`${from} → ${raw}: escapes the path prefix ${options.pathPrefix}`);
        continue;
      }
      await load(target.path);
      const targetStatus = fetched.get(target.path)!;
      if (targetStatus !== 200) {
        problems.push(`${from} → ${raw}: status ${targetStatus}`);
        continue;
      }
      const body = bodies.get(target.path)!;
      if (target.fragment && body.type.startsWith("text/html") && !idsIn(body.text).has(target.fragment)) {
        problems.push(`${from} → ${raw}: no element with id "${target.fragment}"`);
      }
      if (!queued.has(target.path)) {
        queued.add(target.path);
        queue.push(target.path);
      }
    }
  }
  return { fetched, links, problems };
}
