import { describe, expect, it } from "vitest";
import { formatProblem } from "../../lib/core/errors.ts";
import { parseWith } from "../../lib/content/schema.ts";
import { normalisePrefix, siteSchema, textDirection, toSite } from "../../lib/content/site.ts";

const settings = { title: "T", description: "D", url: "https://example.org/", language: "en", timeZone: "Europe/London" };
const parse = (data: object) => {
  const result = parseWith(siteSchema, data, { file: "site.yaml" });
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
  return result.value;
};

describe("site settings", () => {
  it.each([
    [{}, {}, "https://example.org", "/", "example.org"],
    [{ pathPrefix: "/blog/" }, {}, "https://example.org/blog", "/blog/", "example.org/blog"],
    [{}, { pathPrefix: "/gloss" }, "https://example.org/gloss", "/gloss/", "example.org/gloss"],
    [{ pathPrefix: "/blog/" }, { siteUrl: "https://octo.github.io", pathPrefix: "/gloss" }, "https://octo.github.io/gloss", "/gloss/", "octo.github.io/gloss"],
    [{}, { siteUrl: "http://localhost:8080/" }, "http://localhost:8080", "/", "localhost:8080"],
  ])("settings %j with overrides %j → url %s, prefix %s, address %s", (extra, overrides, url, prefix, address) => {
    const site = toSite(parse({ ...settings, ...extra }), { siteUrl: undefined, pathPrefix: undefined, ...overrides });
    expect([site.url, site.pathPrefix, site.address]).toEqual([url, prefix, address]);
  });

  it.each([
    ["/", "/"],
    ["blog", "/blog/"],
    ["/blog", "/blog/"],
    ["//a/b//", "/a/b/"],
    ["", "/"],
  ])("normalises the prefix %j to %j", (input, output) => {
    expect(normalisePrefix(input)).toBe(output);
  });

  it.each([
    [{ url: "https://example.org/blog/" }, 'site.yaml › url: expected the site\'s address without a path, like https://example.org/ (a sub-path goes in pathPrefix), got "https://example.org/blog/"'],
    [{ url: "example.org" }, 'site.yaml › url: expected an absolute http(s) URL, got "example.org"'],
    [{ pathPrefix: "blog" }, 'site.yaml › pathPrefix: expected a path like / or /blog/, got "blog"'],
  ])("rejects %j", (extra, message) => {
    const result = parseWith(siteSchema, { ...settings, ...extra }, { file: "site.yaml" });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([message]);
  });
});

describe("textDirection (the site's dir, declared once on <html> with its lang)", () => {
  it.each([
    ["en", "ltr"],
    ["ru", "ltr"],
    ["zh-Hans", "ltr"],
    ["ar", "rtl"],
    ["he", "rtl"],
    ["fa-IR", "rtl"],
    ["ur", "rtl"],
  ])("%s → %s", (language, dir) => {
    expect(textDirection(language)).toBe(dir);
  });
});
