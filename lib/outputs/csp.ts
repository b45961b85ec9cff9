// The Content Security Policy as typed data, and the security headers shipped with it: one strict
// policy for every page, relaxed only where a page needs it (Pagefind's search page compiles
// WebAssembly). Serialised for the `_headers` file and for a `<meta http-equiv>` tag. (The one
// reader of `_headers`, for the preview server, is lib/preview/headers.ts.)
import { ROUTES } from "../core/routes.ts";

/** The fetch and navigation directives Gloss sets. */
export type Directive =
  | "default-src"
  | "script-src"
  | "style-src"
  | "img-src"
  | "font-src"
  | "connect-src"
  | "manifest-src"
  | "media-src"
  | "worker-src"
  | "frame-src"
  | "object-src"
  | "base-uri"
  | "form-action"
  | "frame-ancestors";

/** Source expressions Gloss allows itself. `'unsafe-inline'` and `'unsafe-eval'` are not in the type. */
export type SourceExpression = "'self'" | "'none'" | "'wasm-unsafe-eval'" | `https://${string}`;

export type Policy = Readonly<Partial<Record<Directive, readonly SourceExpression[]>>>;

/** Every page: nothing from another site, no inline script or style, no plugins, no framing. */
export const BASE_POLICY = {
  "default-src": ["'none'"],
  "script-src": ["'self'"],
  "style-src": ["'self'"],
  "img-src": ["'self'"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "manifest-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
} as const satisfies Policy;

/** Pagefind's search page: its script compiles the WebAssembly index (`'wasm-unsafe-eval'`), nothing more. */
export const SEARCH_POLICY = {
  ...BASE_POLICY,
  "script-src": ["'self'", "'wasm-unsafe-eval'"],
} as const satisfies Policy;

/** Page URLs (without the path prefix) that get a policy other than BASE_POLICY. */
export const SCOPED_POLICIES: readonly { path: string; policy: Policy }[] = [{ path: ROUTES.search, policy: SEARCH_POLICY }];

/** Directives a `<meta>` policy cannot carry (browsers ignore them there). */
export const HEADER_ONLY_DIRECTIVES: readonly Directive[] = ["frame-ancestors"];

/** The headers sent with every file, next to the CSP of each page. */
export const COMPANION_HEADERS: Readonly<Record<string, string>> = {
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
};

/** The policy of a page, by its URL without the path prefix (`/search/`, `/posts/x/`). */
export function policyFor(url: string): Policy {
  return SCOPED_POLICIES.find((scope) => url.startsWith(scope.path))?.policy ?? BASE_POLICY;
}

/** `default-src 'none'; script-src 'self'; …` in the order the policy lists its directives. */
export function serializePolicy(policy: Policy, target: "header" | "meta" = "header"): string {
  return Object.entries(policy)
    .filter(([name]) => target === "header" || !HEADER_ONLY_DIRECTIVES.includes(name as Directive))
    .map(([name, sources]) => `${name} ${(sources as readonly string[]).join(" ")}`)
    .join("; ");
}

const serialized = { header: new WeakMap<Policy, string>(), meta: new WeakMap<Policy, string>() };

/** `serializePolicy`, made once for each policy and target: the checks and `_headers` ask for every page's. */
function policyText(policy: Policy, target: "header" | "meta"): string {
  let text = serialized[target].get(policy);
  if (text === undefined) serialized[target].set(policy, (text = serializePolicy(policy, target)));
  return text;
}

/** The `<meta http-equiv="Content-Security-Policy">` content for a page. */
export function metaPolicy(url: string): string {
  return policyText(policyFor(url), "meta");
}

export interface HeaderRule {
  /** A path pattern as Netlify and Cloudflare Pages read it: `/`, `/posts/*`, `/404.html`. */
  path: string;
  headers: Record<string, string>;
}

/**
 * The rules for a built site. Companions go on `/*`. The CSP goes on one rule per top-level
 * section (`/posts/*`), never on `/*`: where several rules match, Cloudflare Pages joins the
 * values (two CSPs are both enforced, so the search page could not be relaxed), Netlify keeps
 * the last. Disjoint rules mean both hosts send exactly the page's own policy.
 */
export function headerRules(pageUrls: readonly string[], pathPrefix = "/", policyOf: (url: string) => Policy = policyFor): HeaderRule[] {
  const prefix = pathPrefix.replace(/\/$/, "");
  const sections = new Map<string, string[]>();
  for (const url of [...new Set(pageUrls)].sort()) {
    const segments = url.split("/");
    // "/" and top-level files ("/404.html") are rules of their own; "/posts/x/" belongs to "/posts/*".
    const key = url === "/" || segments.length === 2 ? url : `/${segments[1]}/*`;
    const list = sections.get(key);
    if (list) list.push(url);
    else sections.set(key, [url]);
  }
  const rules: HeaderRule[] = [{ path: `${prefix}/*`, headers: { ...COMPANION_HEADERS } }];
  const header = (url: string) => policyText(policyOf(url), "header");
  for (const [key, urls] of sections) {
    const policies = new Set(urls.map(header));
    // A section whose pages need different policies gets one rule per page instead.
    const paths = policies.size === 1 ? [[key, urls[0]!] as const] : urls.map((url) => [url, url] as const);
    for (const [pattern, url] of paths) {
      rules.push({ path: `${prefix}${pattern}`, headers: { "Content-Security-Policy": header(url) } });
    }
  }
  return rules;
}

/** The `_headers` file (Netlify and Cloudflare Pages format). */
export function headersFile(rules: readonly HeaderRule[]): string {
  const blocks = rules.map((rule) => [rule.path, ...Object.entries(rule.headers).map(([name, value]) => `  ${name}: ${value}`)].join("\n"));
  return `# Written by the build from lib/outputs/csp.ts: edit that file, not this one.\n\n${blocks.join("\n\n")}\n`;
}
