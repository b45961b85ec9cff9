import { describe, expect, it } from "vitest";
import type { PageFacts } from "../../lib/checks/facts.ts";
import { extractFacts } from "../../lib/checks/facts.ts";
import { LinkTable, placeOf } from "../../lib/checks/link-table.ts";
import type { BuiltSite } from "../../lib/checks/index.ts";
import { checkLinks, MAX_LINK_ISSUES, plainRootPath, resolveLink } from "../../lib/checks/links.ts";

/** A page's facts from a few links and ids: `a:/x/` is an a[href], `link:/css/x.css` a link[href]. */
function page(url: string, links: string[] = [], ids: string[] = []): PageFacts {
  return {
    url,
    bytes: 0,
    ids,
    links: links.map((spec) => {
      const [tag, ...rest] = spec.split(":");
      const value = rest.join(":");
      const attr = tag === "img" || tag === "script" ? "src" : tag === "form" ? "action" : "href";
      return { tag: tag!, attr, value, rel: undefined };
    }),
    scripts: [],
    handlers: [],
    styleAttributes: [],
    styleElements: 0,
    metaCsp: undefined,
    h1Count: 1,
    listItems: 0,
    redirect: false,
  };
}

function site(pages: PageFacts[], extraFiles: string[] = [], options: Partial<BuiltSite> = {}): BuiltSite {
  const files = new Set(extraFiles);
  for (const p of pages) files.add(p.url.endsWith("/") ? `${p.url}index.html` : p.url);
  return { pages, files, ...options };
}

const messages = (built: BuiltSite) => checkLinks(built).map((issue) => `${issue.page} › ${issue.message}`);

describe("resolveLink", () => {
  const files = new Set(["/index.html", "/tags/index.html", "/tags/x/index.html", "/tags/северная-корея/index.html", "/css/gloss.css", "/404.html"]);
  const at = (value: string, pageUrl = "/tags/x/", pathPrefix = "/") => resolveLink(value, pageUrl, { pathPrefix, siteOrigin: "https://example.org", files });
  it.each([
    ["/tags/", "/", { kind: "internal", file: "/tags/index.html", fragment: undefined }],
    ["/tags", "/", { kind: "internal", file: "/tags/index.html", fragment: undefined }],
    ["../", "/", { kind: "internal", file: "/tags/index.html", fragment: undefined }],
    ["./#top", "/", { kind: "internal", file: "/tags/x/index.html", fragment: "top" }],
    ["#caf%C3%A9", "/", { kind: "internal", file: "/tags/x/index.html", fragment: "café" }],
    // A slug in another script: linked percent-encoded, written under its own name.
    ["/tags/%D1%81%D0%B5%D0%B2%D0%B5%D1%80%D0%BD%D0%B0%D1%8F-%D0%BA%D0%BE%D1%80%D0%B5%D1%8F/", "/", { kind: "internal", file: "/tags/северная-корея/index.html", fragment: undefined }],
    ["/tags/северная-корея/", "/", { kind: "internal", file: "/tags/северная-корея/index.html", fragment: undefined }],
    ["/css/gloss.css?v=2", "/", { kind: "internal", file: "/css/gloss.css", fragment: undefined }],
    ["https://example.org/tags/", "/", { kind: "internal", file: "/tags/index.html", fragment: undefined }],
    ["https://other.example/tags/", "/", { kind: "external" }],
    ["//other.example/x", "/", { kind: "external" }],
    ["mailto:a@example.org", "/", { kind: "external" }],
    ["/nope/", "/", { kind: "problem", message: "leads to /nope/, which was not built" }],
    ["/%E0%A4%A/", "/", { kind: "problem", message: "has a malformed percent-encoding" }],
    ["/blog/tags/", "/blog/", { kind: "internal", file: "/tags/index.html", fragment: undefined }],
    ["/blog", "/blog/", { kind: "internal", file: "/index.html", fragment: undefined }],
    ["../", "/blog/", { kind: "internal", file: "/tags/index.html", fragment: undefined }],
    ["/tags/", "/blog/", { kind: "problem", message: "leads outside the site's path prefix /blog/" }],
    ["https://example.org/blog/css/gloss.css", "/blog/", { kind: "internal", file: "/css/gloss.css", fragment: undefined }],
    ["https://example.org/elsewhere/", "/blog/", { kind: "external" }],
    // A fragment of the page itself, read without the URL parser, the same as with it.
    ["#main", "/", { kind: "internal", file: "/tags/x/index.html", fragment: "main" }],
    ["#main", "/blog/", { kind: "internal", file: "/tags/x/index.html", fragment: "main" }],
    ["#fn1:ref?x", "/", { kind: "internal", file: "/tags/x/index.html", fragment: "fn1:ref?x" }],
    ["#", "/", { kind: "internal", file: "/tags/x/index.html", fragment: undefined }],
    ["#a b", "/", { kind: "internal", file: "/tags/x/index.html", fragment: "a b" }],
  ])("%s (prefix %s)", (value, prefix, expected) => {
    expect(at(value, "/tags/x/", prefix)).toEqual(expected);
  });

  it("reads a page's own fragment as the URL parser does, whatever the page's address", () => {
    const parsedFrom = (value: string, pageUrl: string, prefix: string) => {
      const url = new URL(value, `https://gloss.invalid${prefix}${pageUrl.slice(1)}`);
      return { path: decodeURIComponent(url.pathname), fragment: url.hash.length > 1 ? decodeURIComponent(url.hash.slice(1)) : undefined };
    };
    for (const pageUrl of ["/tags/x/", "/tags/северная-корея/", "/404.html", "/"]) {
      for (const prefix of ["/", "/blog/"]) {
        for (const value of ["#main", "#q-1", "#fn:1", "#a%20b", "#", "#x#y"]) {
          const target = at(value, pageUrl, prefix);
          const expected = parsedFrom(value, pageUrl, prefix);
          expect(target, `${value} on ${pageUrl} under ${prefix}`).toEqual({ kind: "internal", file: `${expected.path.slice(prefix.length - 1)}${expected.path.endsWith("/") ? "index.html" : ""}`, fragment: expected.fragment });
        }
      }
    }
  });
});

describe("plainRootPath", () => {
  // Read without the URL parser only where the parser would return the path as written.
  it.each([
    "/",
    "/posts/a/",
    "/posts/a/#q-3",
    "/css/gloss.css",
    "/.well-known/x",
    "/a..b/c.d/",
    "/tags/a,b;c=d/",
    "/x/#frag/with?query-like:text",
    "/posts/it's/",
  ])("reads %s as the URL parser does", (value) => {
    const url = new URL(value, "https://gloss.invalid/tags/x/");
    expect(plainRootPath(value)).toEqual({ origin: url.origin, pathname: url.pathname, hash: url.hash });
  });

  it.each([
    "//other.example/x",
    "/a/./b/",
    "/a/../b/",
    "/a/..",
    "/a/.",
    "/a/.#x",
    "/a/..#x",
    "/caf%C3%A9/",
    "/tags/северная-корея/",
    "/x?y=1",
    "/x#",
    "/x#a#b",
    "/x\\y",
    "/a b/",
    "/x/#a b",
    "/x/{y}/",
    "/x/`y`/",
    "/x/\"y\"/",
    "/x/<y>/",
    "/x/^y|z[0]/",
    "posts/a/",
    "#main",
    "https://gloss.invalid/x/",
  ])("leaves %s to the URL parser", (value) => {
    expect(plainRootPath(value)).toBeUndefined();
  });
});

describe("checkLinks", () => {
  it("reads a page's own fragments as resolveLink does: under a path prefix, on pages with plain and other addresses, and on a page that was not built", () => {
    const fragments = ["#main", "#gone", "#fn:1", "#a%20b", "#", "#x#y"];
    for (const pathPrefix of ["/", "/blog/"]) {
      const pages = ["/", "/tags/x/", "/tags/северная-корея/", "/404.html"].map((url) => page(url, fragments.map((f) => `a:${f}`), ["main", "fn:1", "a b", "x#y"]));
      // Reachability aside (partial): the pages do not link to one another.
      const built = site(pages, [], { pathPrefix, partial: true });
      const expected = pages.flatMap((p) =>
        fragments.flatMap((value) => {
          const target = resolveLink(value, p.url, { pathPrefix, siteOrigin: undefined, files: built.files });
          if (target.kind !== "internal") return [`${p.url} › ${target.kind}`];
          return target.fragment !== undefined && !p.ids.includes(target.fragment) ? [`${p.url} › link a[href]=${JSON.stringify(value)} points to #${target.fragment}, but this page has no element with that id`] : [];
        }),
      );
      expect(expected).toHaveLength(4);
      expect(messages(built), pathPrefix).toEqual(expected);
    }
    // A page whose own file is not among the built files: its fragments lead nowhere.
    const unbuilt = page("/posts/a/", ["a:#main"], ["main"]);
    expect(messages({ pages: [page("/", ["a:/posts/a/"]), unbuilt], files: new Set(["/index.html"]) })).toContain('/posts/a/ › link a[href]="#main" leads to /posts/a/, which was not built');
  });

  it("reads a link object shared by many pages the same on each (the pages' own fragments, the 404 page)", () => {
    const shared = (value: string) => ({ tag: "a", attr: "href", value, rel: undefined });
    const home = shared("/");
    const toA = shared("/posts/a/#q-2");
    const relative = shared("archive/");
    const local = shared("#main");
    const pages = [
      { ...page("/", [], ["main"]), links: [toA, local, shared("/posts/b/")] },
      { ...page("/posts/a/", [], ["q-1"]), links: [home, toA, local] },
      { ...page("/posts/b/", [], ["main"]), links: [home, toA, local, relative] },
      { ...page("/404.html"), links: [home, relative, toA] },
    ];
    expect(messages(site(pages))).toEqual([
      '/ › link a[href]="/posts/a/#q-2" points to #q-2, but /posts/a/ has no element with that id',
      '/posts/a/ › link a[href]="/posts/a/#q-2" points to #q-2, but this page has no element with that id',
      '/posts/a/ › link a[href]="#main" points to #main, but this page has no element with that id',
      '/posts/b/ › link a[href]="/posts/a/#q-2" points to #q-2, but /posts/a/ has no element with that id',
      '/posts/b/ › link a[href]="archive/" leads to /posts/b/archive/, which was not built',
      '/404.html › relative link a[href]="archive/": this page is served at any address, so links on it must start with /',
      '/404.html › link a[href]="/posts/a/#q-2" points to #q-2, but /posts/a/ has no element with that id',
    ]);
  });

  it("follows a URL written in an anchor, and not the same URL in a stylesheet link", () => {
    // The stylesheet link is read first; the anchor's reading is its own.
    expect(messages(site([page("/", ["link:/b/", "a:/c/"]), page("/b/"), page("/c/", ["a:/b/"])]))).toEqual([]);
    expect(messages(site([page("/", ["a:/c/"]), page("/b/"), page("/c/", ["link:/b/"])]))).toEqual(["/b/ › cannot be reached from the home page by following links"]);
  });


  it("passes a site whose links all resolve and whose pages are all reachable", () => {
    const built = site(
      [
        page("/", ["a:/posts/a/", "a:/tags/", "link:/css/gloss.css", "a:#main", "a:https://elsewhere.example/"], ["main"]),
        page("/posts/a/", ["a:/", "a:/tags/#t-korea", "a:", "img:/img/a.png", "a:mailto:x@example.org"], ["main"]),
        page("/tags/", ["a:/posts/a/#main", "a:../"], ["main", "t-korea"]),
        page("/404.html", ["a:/"]),
      ],
      ["/css/gloss.css", "/img/a.png"],
    );
    expect(messages(built)).toEqual([]);
  });

  it.each<[string, PageFacts[], string[]]>([
    ["a link to a page that was not built", [page("/", ["a:/posts/gone/"])], ['/ › link a[href]="/posts/gone/" leads to /posts/gone/, which was not built']],
    ["a missing stylesheet", [page("/", ["link:/css/nope.css"])], ['/ › link link[href]="/css/nope.css" leads to /css/nope.css, which was not built']],
    ["a missing image", [page("/", ["img:/img/x.png"])], ['/ › link img[src]="/img/x.png" leads to /img/x.png, which was not built']],
    ["a same-page anchor with no target", [page("/", ["a:#nowhere"], ["main"])], ['/ › link a[href]="#nowhere" points to #nowhere, but this page has no element with that id']],
    [
      "an anchor into another page with no such id",
      [page("/", ["a:/posts/a/#q-3"]), page("/posts/a/", ["a:/"], ["q-1"])],
      ['/ › link a[href]="/posts/a/#q-3" points to #q-3, but /posts/a/ has no element with that id'],
    ],
    ["a repeated id", [page("/", [], ["main", "x", "x", "main", "x"])], ['/ › id "x" is used more than once', '/ › id "main" is used more than once']],
    [
      "a page no link leads to",
      [page("/", ["a:/a/"]), page("/a/", ["a:/"]), page("/orphan/", ["a:/"])],
      ["/orphan/ › cannot be reached from the home page by following links"],
    ],
    [
      "pages linked only from an unreachable page",
      [page("/"), page("/island/", ["a:/island/two/"]), page("/island/two/", ["a:/island/"])],
      ["/island/ › cannot be reached from the home page by following links", "/island/two/ › cannot be reached from the home page by following links"],
    ],
    [
      "a page reached only through a stylesheet-like link, not an anchor",
      [page("/", ["link:/b/"]), page("/b/")],
      ["/b/ › cannot be reached from the home page by following links"],
    ],
    ["no home page", [page("/a/")], ["/ › there is no home page to reach the others from"]],
    [
      "a relative link on the 404 page, which is served at any address",
      [page("/"), page("/404.html", ["a:archive/"])],
      ['/404.html › relative link a[href]="archive/": this page is served at any address, so links on it must start with /'],
    ],
  ])("fails on %s", (_name, pages, expected) => {
    expect(messages(site(pages))).toEqual(expected);
  });

  it("counts a form's action as a way to reach a page (the header's search box)", () => {
    expect(messages(site([page("/", ["form:/search/"]), page("/search/", ["a:/"])]))).toEqual([]);
  });

  it("needs no link to a redirect page, but checks where its meta refresh leads", () => {
    const redirect = (url: string, target: string) => extractFacts(url, `<!DOCTYPE html><title>x</title><meta http-equiv="refresh" content="0; url=${target}"><a href="${target}">x</a>`);
    expect(messages(site([page("/", ["a:/posts/a/"]), page("/posts/a/", ["a:/"]), redirect("/old/", "/posts/a/")]))).toEqual([]);
    expect(messages(site([page("/"), redirect("/old/", "/posts/gone/")]))).toEqual([
      '/old/ › link meta[content]="/posts/gone/" leads to /posts/gone/, which was not built',
      '/old/ › link a[href]="/posts/gone/" leads to /posts/gone/, which was not built',
    ]);
  });

  it("reads links under a path prefix, and catches links that forget it", () => {
    const pages = [page("/", ["a:/blog/posts/a/", "link:/blog/css/gloss.css", "a:/blog/posts/a/#x"]), page("/posts/a/", ["a:/blog/", "a:/posts/a/"], ["x"])];
    expect(messages(site(pages, ["/css/gloss.css"], { pathPrefix: "/blog/" }))).toEqual([
      '/posts/a/ › link a[href]="/posts/a/" leads outside the site\'s path prefix /blog/',
    ]);
  });

  it("checks absolute links to the site's own origin", () => {
    const pages = [page("/", ["link:https://example.org/", "link:https://example.org/posts/gone/"])];
    expect(messages(site(pages, [], { siteOrigin: "https://example.org" }))).toEqual([
      '/ › link link[href]="https://example.org/posts/gone/" leads to /posts/gone/, which was not built',
    ]);
  });

  it("summarises beyond a cap, so one broken header link does not print ten thousand lines", () => {
    const pages = [page("/", Array.from({ length: 300 }, (_, i) => `a:/p/${i}/`).concat(["a:/broken/"]))];
    for (let i = 0; i < 300; i += 1) pages.push(page(`/p/${i}/`, ["a:/", "a:/broken/"]));
    const issues = checkLinks(site(pages));
    expect(issues).toHaveLength(MAX_LINK_ISSUES + 1);
    expect(issues.at(-1)).toEqual({ page: "(site)", message: `and ${301 - MAX_LINK_ISSUES} more link problems like these` });
  });

  it("stays fast on 20,000 pages with 60 links each (one pass and one walk)", () => {
    const count = 20_000;
    const pages: PageFacts[] = [];
    for (let i = 0; i < count; i += 1) {
      const links = ["a:/", "link:/css/gloss.css", "a:#main"];
      for (let k = 1; k <= 57; k += 1) links.push(`a:/p/${((i * 31 + k) % (count - 1)) + 1}/`);
      pages.push(page(i === 0 ? "/" : `/p/${i}/`, links, ["main", `x${i}`]));
    }
    pages[0]!.links.push(...Array.from({ length: count - 1 }, (_, i) => ({ tag: "a", attr: "href", value: `/p/${i + 1}/`, rel: undefined })));
    const built = site(pages, ["/css/gloss.css"]);
    // CPU time, not wall time: the machine's cores are shared, and waiting for them is not cost.
    const started = process.cpuUsage();
    const issues = checkLinks(built);
    const used = process.cpuUsage(started);
    expect(issues).toEqual([]);
    // About 0.7 s; a scan of every page per page (quadratic) would take many minutes.
    expect((used.user + used.system) / 1000).toBeLessThan(5_000);
  });

  it("reads each link by its own object when links of two tables share places", () => {
    // Two tables' links at the same places, with other values: a reading kept by place must not
    // be taken for the other table's link.
    const one = new LinkTable();
    const other = new LinkTable();
    const toA = one.intern({ tag: "a", attr: "href", value: "/a/", rel: undefined });
    const toNowhere = other.intern({ tag: "a", attr: "href", value: "/nowhere/", rel: undefined });
    expect(placeOf(toA)).toBe(placeOf(toNowhere));
    const pages = [{ ...page("/"), links: [toA] }, { ...page("/a/"), links: [toNowhere, { tag: "a", attr: "href", value: "/a/", rel: undefined }] }];
    expect(messages(site(pages))).toEqual(["/a/ › link a[href]=\"/nowhere/\" leads to /nowhere/, which was not built"]);
  });

  it("works on facts extracted from real HTML", () => {
    const home = extractFacts("/", '<a href="#main">skip</a><main id="main"><a href="/posts/a/#q1">a</a></main>');
    const post = extractFacts("/posts/a/", '<a href="/">home</a><blockquote id="q1"></blockquote><p id="q1"></p>');
    expect(messages(site([home, post]))).toEqual(['/posts/a/ › id "q1" is used more than once']);
  });
});
