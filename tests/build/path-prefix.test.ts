// Sub-path deploys: a fixture site built for https://example.org/blog/, served under /blog/ the
// way a static host would, crawled from its home page: every internal link, asset, feed and
// #fragment must resolve, none may leave the prefix, and no absolute URL may keep the old address.
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles } from "../../lib/checks/built-site.ts";
import { createStaticServer, listen } from "../../lib/preview/static-server.ts";
import { crawl, type CrawlResult } from "../helpers/crawl.ts";
import { DEFAULT_SITE, buildSite, makeSite, postFile, type FixtureSite } from "../helpers/site.ts";

const SITE_ORIGIN = "https://example.org";
const PREFIX = "/blog/";
const TEXT_FILE = /\.(html|xml|json|txt|css|js|webmanifest)$|^\/_headers$/;

describe("a site built with GLOSS_PATH_PREFIX=/blog/ and GLOSS_SITE_URL", () => {
  let site: FixtureSite;
  let server: Server;
  let origin: string;
  let result: CrawlResult;
  let files: string[];
  beforeAll(async () => {
    site = makeSite(
      {
        "first-post.md": postFile({
          title: "First post",
          date: "2020-01-05",
          tags: ["North Korea"],
          sources: ["story"],
          body: "Opening words.\n\n> [!quote story]\n> The quoted words.\n\nSee [the second post](/posts/second-post/) and [the sources](../../sources/).",
        }),
        "second-post.md": postFile({ title: "Second post", date: "2020-01-06", author: "anon", tags: ["North Korea", "Diplomacy"], body: "Back to [the first](/posts/first-post/#main)." }),
        "third-post.md": postFile({ title: "Third post", date: "2020-02-01", sources: ["other-story"], body: "> [!quote other-story]\n> Other words.\n\nMine." }),
        "a-draft.md": postFile({ title: "A draft", extra: "draft: true" }),
      },
      // One post per page, so pagers link page 2 and 3 of every listing.
      { site: DEFAULT_SITE.replace("pageSize: 10", "pageSize: 1") },
    );
    const built = await buildSite(site, { GLOSS_PATH_PREFIX: PREFIX, GLOSS_SITE_URL: `${SITE_ORIGIN}/` });
    // Content warnings and Eleventy's slow-step notes (which a loaded machine triggers) are not errors.
    expect(built.stderr.replace(/^(warning: |\[11ty\] Benchmark ).*\n/gm, "")).toBe("");
    expect(built.code).toBe(0);
    files = [...listFiles(site.outputDir)];
    server = createStaticServer({ root: site.outputDir, pathPrefix: PREFIX });
    origin = await listen(server);
    // Start from the home page and the 404 page (not linked from anywhere); feeds, sitemaps and
    // search indexes are reached through the links the pages give for them.
    result = await crawl({ serverOrigin: origin, siteOrigin: SITE_ORIGIN, pathPrefix: PREFIX, start: [PREFIX, `${PREFIX}404.html`] });
  });
  afterAll(() => {
    server?.close();
  });

  it("has no broken link, asset or fragment, and no link leaving /blog/", () => {
    expect(result.problems).toEqual([]);
    expect(result.links.length).toBeGreaterThan(100);
  });

  it("reaches every page of the site by following links", () => {
    const pages = files.filter((file) => file.endsWith(".html")).map((file) => `${PREFIX}${file.slice(1).replace(/index\.html$/, "")}`);
    expect(pages.length).toBeGreaterThan(15);
    const unreached = pages.filter((page) => !result.fetched.has(page));
    expect(unreached).toEqual([]);
    expect(result.fetched.get(`${PREFIX}css/gloss.css`)).toBe(200);
  });

  it("leaves the draft out", () => {
    expect([...result.fetched.keys()].some((url) => url.includes("a-draft"))).toBe(false);
  });

  it("puts the new address, with the prefix, in every absolute link", () => {
    const offending: string[] = [];
    for (const file of files.filter((f) => TEXT_FILE.test(f))) {
      const text = readFileSync(path.join(site.outputDir, file), "utf8");
      if (text.includes("fixture.example")) offending.push(`${file}: still names fixture.example`);
      for (const match of text.matchAll(/https:\/\/example\.org[^"'<\s)]*/g)) {
        if (!match[0].startsWith(`${SITE_ORIGIN}${PREFIX}`)) offending.push(`${file}: ${match[0]}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("gives each page its canonical address under the prefix", async () => {
    const html = await (await fetch(`${origin}${PREFIX}posts/first-post/`)).text();
    expect(html).toContain(`<link rel="canonical" href="${SITE_ORIGIN}${PREFIX}posts/first-post/">`);
    expect(html).toContain(`<a href="${PREFIX}posts/second-post/">the second post</a>`);
  });

  it("serves nothing outside the prefix, and redirects /blog to /blog/", async () => {
    expect((await fetch(`${origin}/`)).status).toBe(404);
    const bare = await fetch(`${origin}/blog`, { redirect: "manual" });
    expect([bare.status, bare.headers.get("location")]).toEqual([301, PREFIX]);
    const missing = await fetch(`${origin}${PREFIX}no/such/page/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain(`href="${PREFIX}archive/"`);
  });
});
