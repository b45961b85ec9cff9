import { describe, expect, it } from "vitest";
import { extractFacts } from "../../lib/checks/facts.ts";
import { checkPageCsp, cspCheck } from "../../lib/checks/csp.ts";
import {
  BASE_POLICY,
  SEARCH_POLICY,
  headerRules,
  headersFile,
  metaPolicy,
  policyFor,
  serializePolicy,
  type Policy,
} from "../../lib/outputs/csp.ts";
import { isSafeLink } from "../../lib/markdown/safe-links.ts";
import { headersFor, parseHeadersFile } from "../../lib/preview/headers.ts";

const allSources = (policy: Policy) => Object.values(policy).flat();

describe("the policy", () => {
  it.each([
    ["every page", BASE_POLICY],
    ["the search page", SEARCH_POLICY],
  ])("%s allows no inline script or style and no eval", (_name, policy) => {
    const text = serializePolicy(policy);
    expect(text).not.toContain("'unsafe-inline'");
    expect(text).not.toContain("'unsafe-eval'");
    expect(text).toContain("default-src 'none'");
    expect(text).toContain("frame-ancestors 'none'");
    expect(allSources(policy).every((s) => s === "'self'" || s === "'none'" || s === "'wasm-unsafe-eval'")).toBe(true);
  });

  it.each([
    ["/", BASE_POLICY],
    ["/posts/x/", BASE_POLICY],
    ["/search/", SEARCH_POLICY],
    ["/searching/", BASE_POLICY],
    ["/404.html", BASE_POLICY],
  ])("scopes 'wasm-unsafe-eval' to the search page: %s", (url, policy) => {
    expect(policyFor(url)).toBe(policy);
  });

  it("leaves header-only directives out of the <meta> policy", () => {
    expect(metaPolicy("/")).toBe("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'");
    expect(metaPolicy("/search/")).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });
});

describe("the _headers file", () => {
  const pages = ["/", "/page/2/", "/posts/a/", "/posts/b/", "/tags/", "/tags/x/", "/search/", "/404.html"];
  // Read back by the preview server's reader, the one reader of the file.
  const rules = parseHeadersFile(headersFile(headerRules(pages)));

  it("round-trips through the Netlify/Cloudflare format", () => {
    expect(rules.map((r) => ({ path: r.pattern, headers: Object.fromEntries(r.headers) }))).toEqual(headerRules(pages));
    expect(rules.map((r) => r.pattern)).toEqual(["/*", "/", "/404.html", "/page/*", "/posts/*", "/search/*", "/tags/*"]);
  });

  it("gives every page exactly its own policy, with one matching CSP rule (hosts join or override duplicates)", () => {
    for (const url of pages) {
      const matching = rules.filter((r) => headersFor([r], url)["Content-Security-Policy"] !== undefined);
      expect(matching, url).toHaveLength(1);
      expect(headersFor(rules, url)["Content-Security-Policy"]).toBe(serializePolicy(policyFor(url)));
      expect(headersFor(rules, url)).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin" });
      expect(headersFor(rules, url)["Permissions-Policy"]).toContain("camera=()");
    }
  });

  it("puts the path prefix in front of every rule", () => {
    expect(headerRules(["/", "/posts/a/"], "/blog/").map((r) => r.path)).toEqual(["/blog/*", "/blog/", "/blog/posts/*"]);
  });

  it("splits a section whose pages need different policies into one rule per page", () => {
    const mixed = headerRules(["/docs/", "/docs/search/"], "/", (url) => (url.endsWith("/search/") ? SEARCH_POLICY : BASE_POLICY));
    expect(mixed.map((r) => [r.path, r.headers["Content-Security-Policy"]?.includes("wasm")])).toEqual([["/*", undefined], ["/docs/", false], ["/docs/search/", true]]);
  });
});

describe("the post-build CSP check", () => {
  const meta = (url: string) => `<meta http-equiv="Content-Security-Policy" content="${metaPolicy(url)}">`;
  const page = (body: string, url = "/posts/x/") => extractFacts(url, `<!doctype html><html><head>${meta(url)}</head><body>${body}</body></html>`);

  it.each([
    ["a clean page", "<p>Hello</p><script src=\"/js/app.js\"></script>", []],
    ["JSON-LD, which is data", '<script type="application/ld+json">{"@type":"BlogPosting"}</script>', []],
    ["an inline script", "<script>alert(1)</script>", ["inline <script> (8 characters) is blocked by script-src: move it to a file under public/"]],
    ["an inline module", '<script type="module">import "x"</script>', ['inline <script type="module"> (10 characters) is blocked by script-src: move it to a file under public/']],
    ["an event handler", '<img src="/a.png" onerror="alert(1)">', ["event-handler attribute img[onerror] is blocked by script-src: attach the listener from a script file"]],
    ["a style attribute", '<p style="color:red">x</p>', ["style= attribute on <p> is blocked by style-src: use a class in public/css/"]],
    ["a <style> element", "<style>p{}</style>", ["1 inline <style> element(s) blocked by style-src: move the rules to public/css/"]],
    ["a javascript: link", '<a href=" JavaScript:alert(1)">x</a>', ['a[href] is a javascript: URL, which script-src blocks: " JavaScript:alert(1)"']],
    ["an image from another site", '<img src="https://cdn.example/a.png">', ['img[src] "https://cdn.example/a.png" is not allowed by img-src: serve it from this site (public/)']],
    ["a data: image", '<img src="data:image/png;base64,AAAA">', ['img[src] "data:image/png;base64,AAAA" is not allowed by img-src: serve it from this site (public/)']],
    ["a stylesheet from a CDN", '<link rel="stylesheet" href="//cdn.example/x.css">', ['link[href] "//cdn.example/x.css" is not allowed by style-src: serve it from this site (public/)']],
    ["an iframe", '<iframe src="/x/"></iframe>', ['iframe[src] "/x/" is not allowed by frame-src: serve it from this site (public/)']],
  ])("%s", (_name, body, messages) => {
    expect(checkPageCsp(page(body))).toEqual(messages);
  });

  it("requires the page's own <meta> policy", () => {
    expect(checkPageCsp(extractFacts("/", "<p>x</p>"))).toEqual(['no <meta http-equiv="Content-Security-Policy">: the layout must include partials/head-security.njk']);
    expect(checkPageCsp(extractFacts("/search/", `<head>${meta("/")}</head>`))).toEqual([`the <meta> Content-Security-Policy is not the one lib/outputs/csp.ts gives this page: ${JSON.stringify(metaPolicy("/"))}`]);
  });

  it("reports each issue against its page", () => {
    const issues = cspCheck.run({ pages: [page("<p>fine</p>", "/a/"), page('<b onclick="x()">', "/b/")], files: new Set() });
    expect(issues).toEqual([{ page: "/b/", message: "event-handler attribute b[onclick] is blocked by script-src: attach the listener from a script file" }]);
  });

  it("does not read again a page carried over from a build that passed it, and reads the pages rendered beside it", () => {
    const carried = page('<b onclick="x()">', "/carried/");
    const rendered = page('<i onclick="y()">', "/rendered/");
    const issues = cspCheck.run({ pages: [rendered, carried], files: new Set(), carried: new Set([carried]) });
    expect(issues).toEqual([{ page: "/rendered/", message: "event-handler attribute i[onclick] is blocked by script-src: attach the listener from a script file" }]);
  });
});

describe("link schemes in Markdown", () => {
  it.each([
    ["https://a.example/", true],
    ["http://a.example/", true],
    ["mailto:a@b.example", true],
    ["/posts/x/", true],
    ["#q1", true],
    ["page.html", true],
    ["javascript:alert(1)", false],
    [" JAVASCRIPT:alert(1)", false],
    ["data:image/png;base64,AAAA", false],
    ["data:text/html,<script>", false],
    ["vbscript:x", false],
    ["file:///etc/passwd", false],
  ])("%s → %s", (url, safe) => {
    expect(isSafeLink(url)).toBe(safe);
  });
});
