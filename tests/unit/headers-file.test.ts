import { describe, expect, it } from "vitest";
import { headersFor, parseHeadersFile } from "../../lib/preview/headers.ts";

const FILE = `# Security headers for every page
/*
  X-Content-Type-Options: nosniff
  Content-Security-Policy: default-src 'self'; img-src 'self' data:

/posts/*
  Cache-Control: max-age=60
/tags/:tag/
  X-Robots-Tag: noindex
/css/*
  Cache-Control: max-age=3600
  x-content-type-options: nosniff
https://example.org/*
  X-Never: applied
`;

describe("the _headers file", () => {
  const rules = parseHeadersFile(FILE);

  it("reads patterns and their headers, values with colons intact", () => {
    expect(rules.map((r) => r.pattern)).toEqual(["/*", "/posts/*", "/tags/:tag/", "/css/*", "https://example.org/*"]);
    expect(rules[0]!.headers[1]).toEqual(["Content-Security-Policy", "default-src 'self'; img-src 'self' data:"]);
  });

  it.each([
    ["/", { "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'self'; img-src 'self' data:" }],
    ["/posts/x/", { "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'self'; img-src 'self' data:", "Cache-Control": "max-age=60" }],
    ["/tags/kim/", { "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'self'; img-src 'self' data:", "X-Robots-Tag": "noindex" }],
    ["/tags/kim/page/2/", { "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'self'; img-src 'self' data:" }],
    ["/css/gloss.css", { "X-Content-Type-Options": "nosniff, nosniff", "Content-Security-Policy": "default-src 'self'; img-src 'self' data:", "Cache-Control": "max-age=3600" }],
  ])("applies to %s", (sitePath, headers) => {
    expect(headersFor(rules, sitePath)).toEqual(headers);
  });
});

describe("a request under a deploy prefix", () => {
  const rules = parseHeadersFile("/*\n  X-Content-Type-Options: nosniff\n/blog/posts/*\n  Cache-Control: max-age=60\n/posts/*\n  X-Robots-Tag: noindex\n");

  it("matches rules written with the prefix and rules written within the site, each rule once", () => {
    expect(headersFor(rules, ["/blog/posts/x/", "/posts/x/"])).toEqual({ "X-Content-Type-Options": "nosniff", "Cache-Control": "max-age=60", "X-Robots-Tag": "noindex" });
    expect(headersFor(rules, ["/blog/", "/"])).toEqual({ "X-Content-Type-Options": "nosniff" });
  });
});
