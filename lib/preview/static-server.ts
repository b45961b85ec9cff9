// A small static file server that behaves like the static hosts Gloss targets: clean URLs
// (`/x/` → `/x/index.html`, `/x` → 301 `/x/`), the site under its path prefix, and
// `404.html` with status 404, and the headers of a `_headers` file (Netlify/Cloudflare format)
// in the site's root. Used by `npm run preview` and the browser tests.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { LOCAL_HOST, printedHost } from "../core/hosts.ts";
import { headersFor, readHeadersFile } from "./headers.ts";

export interface StaticServerOptions {
  /** The built site folder. */
  root: string;
  /** Where the site lives on the host: `/` or `/blog/`. */
  pathPrefix: string;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".xsl": "text/xsl; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".bib": "application/x-bibtex; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
};

export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A request target as site path segments, each percent-decoded on its own (so `%2F` cannot make
 * a segment boundary), or undefined when no host would serve it: a segment that decodes to
 * `.`, `..`, or holds `/`, `\\` or NUL, an empty segment (`//host`), a malformed encoding.
 */
export function requestSegments(target: string): { segments: string[]; directory: boolean } | undefined {
  const pathname = target.split(/[?#]/, 1)[0]!;
  if (!pathname.startsWith("/")) return undefined;
  const raw = pathname.slice(1).split("/");
  const directory = raw[raw.length - 1] === "";
  if (directory) raw.pop();
  const segments: string[] = [];
  for (const part of raw) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return undefined;
    }
    if (segment === "" || segment === "." || segment === ".." || /[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return { segments, directory };
}

/** Segments as a path that stays on this host: each percent-encoded, so `/\\x` or `//x` can never be written. */
function encodePath(segments: readonly string[], directory: boolean): string {
  return `/${segments.map(encodeURIComponent).join("/")}${directory && segments.length > 0 ? "/" : ""}`;
}

/** Decides what a request path serves: a file, a redirect, or the 404 page. Pure but for stat calls. */
export function resolveRequest(options: StaticServerOptions, requestPath: string): { status: 200 | 404; file: string | undefined } | { status: 301; location: string } {
  const root = path.resolve(options.root);
  const notFound = () => ({ status: 404 as const, file: isFile(path.join(root, "404.html")) ? path.join(root, "404.html") : undefined });
  const parsed = requestSegments(requestPath);
  if (!parsed) return notFound();
  const prefix = options.pathPrefix.split("/").filter(Boolean);
  const { segments, directory } = parsed;
  if (prefix.some((part, i) => segments[i] !== part)) return notFound();
  if (segments.length === prefix.length && !directory) {
    return prefix.length > 0 ? { status: 301, location: encodePath(segments, true) } : notFound();
  }
  const relative = segments.slice(prefix.length);
  const file = path.join(root, ...relative);
  // Never reached with the segments checked above; kept so no later change can serve outside the root.
  if (file !== root && !file.startsWith(root + path.sep)) return notFound();
  if (directory) {
    const index = path.join(file, "index.html");
    return isFile(index) ? { status: 200, file: index } : notFound();
  }
  if (isFile(file)) return { status: 200, file };
  if (isDirectory(file) && isFile(path.join(file, "index.html"))) return { status: 301, location: encodePath(segments, true) };
  return notFound();
}

export function createStaticServer(options: StaticServerOptions, headers: Record<string, string> = {}): Server {
  // Read once, as a host does at deploy time; the file itself is not served.
  const headersPath = path.join(options.root, "_headers");
  const rules = readHeadersFile(options.root);
  return createServer((request, response) => {
    const requestPath = new URL(request.url ?? "/", "http://host").pathname;
    const sitePath = requestPath.startsWith(options.pathPrefix) ? `/${requestPath.slice(options.pathPrefix.length)}` : requestPath;
    let resolved = resolveRequest(options, request.url ?? "/");
    if (resolved.status === 200 && resolved.file === path.resolve(headersPath)) {
      const page404 = path.join(options.root, "404.html");
      resolved = { status: 404, file: existsSync(page404) ? page404 : undefined };
    }
    if (resolved.status === 301) {
      response.writeHead(301, { location: resolved.location });
      response.end();
      return;
    }
    if (!resolved.file) {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      response.end("Not found");
      return;
    }
    response.writeHead(resolved.status, { "content-type": contentType(resolved.file), ...headersFor(rules, [requestPath, sitePath]), ...headers });
    if (request.method === "HEAD") response.end();
    else createReadStream(resolved.file).pipe(response);
  });
}

/** Starts a server on `host` (127.0.0.1, this machine only, by default) at a port, 0 for a free one; resolves with its origin. */
export function listen(server: Server, port = 0, host = LOCAL_HOST): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      if (address && typeof address === "object") resolve(`http://${printedHost(host)}:${address.port}`);
    });
  });
}
