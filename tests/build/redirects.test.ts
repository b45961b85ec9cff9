// A post's old addresses (`aliases:`) through the real build, under a path prefix: a redirect
// page at each (meta refresh, canonical link, visible link, noindex, no script), a `_redirects`
// line each, nothing in the sitemap or the search index.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SITE, buildSite, makeSite, postFile, readPage, type FixtureSite } from "../helpers/site.ts";

const PREFIX = "/blog/";

describe("a post with aliases, built under /blog/", () => {
  let site: FixtureSite;
  let result: Awaited<ReturnType<typeof buildSite>>;
  beforeAll(async () => {
    site = makeSite(
      {
        "moved.md": postFile({ title: "Moved <here>", date: "2020-01-05", extra: "aliases: [/2020/01/moved/, /old-moved.html]" }),
        "other.md": postFile({ title: "Other", date: "2020-01-06", extra: "aliases: [/2020/01/other/]" }),
        "a-draft.md": postFile({ title: "A draft", extra: "draft: true\naliases: [/drafty/]" }),
      },
      { site: DEFAULT_SITE },
    );
    result = await buildSite(site, { GLOSS_PATH_PREFIX: PREFIX, GLOSS_SITE_URL: "https://example.org/" });
  });

  it("builds, the link check content with pages nothing links to", () => {
    expect(result.stderr.replace(/^(warning: |\[11ty\] Benchmark ).*\n/gm, "")).toBe("");
    expect(result.code).toBe(0);
  });

  it.each(["/2020/01/moved/", "/old-moved.html"])("writes a redirect page at %s", (from) => {
    const doc = readPage(site, from);
    expect(doc.querySelector('meta[http-equiv="refresh"]')?.getAttribute("content")).toBe("0; url=/blog/posts/moved/");
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe("https://example.org/blog/posts/moved/");
    expect(doc.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
    expect(doc.querySelector("main a")?.getAttribute("href")).toBe("/blog/posts/moved/");
    expect(doc.querySelector("main p")?.textContent).toBe("“Moved <here>” is now at https://example.org/blog/posts/moved/.");
    expect(doc.querySelectorAll("script")).toHaveLength(0);
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')).not.toBeNull();
  });

  it("writes one _redirects line per alias of a published post, with the prefix", () => {
    const lines = readFileSync(path.join(site.outputDir, "_redirects"), "utf8").split("\n").filter((l) => l && !l.startsWith("#"));
    expect(lines).toEqual(["/blog/2020/01/moved/ /blog/posts/moved/ 301", "/blog/old-moved.html /blog/posts/moved/ 301", "/blog/2020/01/other/ /blog/posts/other/ 301"]);
    expect(existsSync(path.join(site.outputDir, "drafty"))).toBe(false);
  });

  it("keeps old addresses out of the sitemap and the search index", () => {
    const sitemap = readFileSync(path.join(site.outputDir, "sitemap.xml"), "utf8");
    expect(sitemap).toContain("/blog/posts/moved/");
    expect(sitemap).not.toContain("2020/01/moved");
    expect(sitemap).not.toContain("old-moved");
    expect(readPage(site, "/2020/01/moved/").querySelector("[data-pagefind-body]")).toBeNull();
  });
});
