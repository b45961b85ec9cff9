// A blog in four scripts (issue 14, finding 6): tests/fixtures/scripts/ (French with accents,
// Russian, Chinese, Arabic; tags "C", "C++" and "C#") built as an Arabic site and as a Chinese
// one. Its pages browse in Chromium at percent-encoded addresses the preview server serves, its
// feeds parse, axe finds nothing with lang/dir declared, and search finds a Cyrillic and a CJK word.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseAtomFeed, parseJsonFeed } from "feedsmith";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { auditAccessibility } from "../helpers/axe.ts";
import { inChromium } from "../helpers/served-site.ts";
import { ROOT, runCli, type FixtureSite } from "../helpers/site.ts";
import { makeTempDir } from "../helpers/temp.ts";

const FIXTURE = path.join(ROOT, "tests/fixtures/scripts");

/** The fixture blog in a temp folder, its site language set to `language`. */
function scriptsSite(language: string): FixtureSite {
  const dir = makeTempDir("gloss-scripts-");
  const contentDir = path.join(dir, "posts");
  cpSync(FIXTURE, contentDir, { recursive: true });
  const settings = path.join(contentDir, "_data/site.yaml");
  writeFileSync(settings, readFileSync(settings, "utf8").replace(/^language: .*$/m, `language: ${language}`));
  return { dir, contentDir, outputDir: path.join(dir, "_site") };
}

const searchResults = async (page: Page) => {
  await page.locator("[data-search-status]").filter({ hasText: /found/ }).waitFor();
  return (await page.locator(".search-results h2 a").allTextContents()).sort();
};

describe("a blog in four scripts, as an Arabic site (right to left)", () => {
  const ctx = inChromium(() => scriptsSite("ar"));
  let auditTab: Page | undefined;
  const read = (file: string) => readFileSync(path.join(ctx.site.outputDir, file), "utf8");

  it("writes each page at its slug in its own script, and links to it percent-encoded", () => {
    const post = read("posts/северная-корея/index.html");
    for (const slug of ["северная-корея", "дипломатия"]) expect(post).toContain(`href="/tags/${encodeURIComponent(slug)}/"`);
    expect(read("tags/北朝鲜/index.html")).toContain("朝鲜半岛的和平前景");
    expect(read("tags/كوريا-الشمالية/index.html")).toContain("قمة هانوي: ماذا بعد؟");
    expect(read("tags/economie/index.html")).toContain("Café, crème et diplomatie à Hanoï");
    expect(read("sources/саммит-в-ханое/index.html")).toContain("Стороны разъехались, не подписав никакого документа.");
  });

  it("gives C, C++ and C# a page each", () => {
    expect([read("tags/c/index.html"), read("tags/c-plus-plus/index.html"), read("tags/c-sharp/index.html")].map((html) => /<h1[^>]*>([^<]*)</.exec(html)?.[1])).toEqual(["Tag: C", "Tag: C++", "Tag: C#"]);
  });

  it("writes feeds and a sitemap with ASCII URLs that feed readers parse", () => {
    const atom = parseAtomFeed(read("tags/северная-корея/feed.xml"));
    expect(atom.entries?.map((e) => (typeof e.title === "string" ? e.title : e.title?.value))).toEqual(["Северная Корея: что дальше?"]);
    const postUrl = `https://scripts.example/posts/${encodeURIComponent("северная-корея")}/`;
    expect(atom.entries?.[0]?.links?.[0]?.href).toBe(postUrl);
    const json = parseJsonFeed(read("feed.json"));
    expect((json.items ?? []).map((i) => i.url)).toContain(`https://scripts.example/posts/${encodeURIComponent("朝鲜半岛")}/`);
    expect((json.items ?? []).map((i) => i.title)).toContain("قمة هانوي: ماذا بعد؟");
    const locs = [...read("sitemap.xml").matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!);
    expect(locs).toContain(postUrl);
    expect(locs.filter((loc) => /[^\x21-\x7e]/.test(loc))).toEqual([]);
  });

  it("browses from a post to its Cyrillic tag and on to the Chinese post, by clicking", async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.origin}/posts/${encodeURIComponent("северная-корея")}/`);
    expect(await page.locator("h1").textContent()).toBe("Северная Корея: что дальше?");
    await page.getByRole("link", { name: "Северная Корея", exact: true }).first().click();
    await expect.poll(() => decodeURI(page.url())).toBe(`${ctx.origin}/tags/северная-корея/`);
    expect(await page.locator("h1").textContent()).toContain("Северная Корея");
    await page.goto(`${ctx.origin}/tags/`);
    await page.getByRole("link", { name: "北朝鲜" }).first().click();
    await page.getByRole("link", { name: "朝鲜半岛的和平前景" }).click();
    await expect.poll(() => decodeURI(page.url())).toBe(`${ctx.origin}/posts/朝鲜半岛/`);
    expect(await page.locator("h1").textContent()).toBe("朝鲜半岛的和平前景");
    await page.close();
  });

  it.each(["/", "/posts/قمة-هانوي/", "/posts/северная-корея/", "/tags/", "/sources/саммит-в-ханое/", "/search/"])(
    "%s declares lang=ar dir=rtl and passes axe (WCAG 2.1 AA)",
    async (url) => {
      // axe is injected as a script, which the site's CSP forbids: this tab's context bypasses it.
      // One tab for every page (opening one costs about half a second).
      auditTab ??= await (await ctx.browser.newContext({ bypassCSP: true })).newPage();
      const page = auditTab;
      const response = await page.goto(`${ctx.origin}${encodeURI(url)}`);
      expect(response?.status()).toBe(200);
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["ar", "rtl"]);
      expect(await auditAccessibility(page)).toEqual([]);
    },
  );

  it("finds a Cyrillic word", async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.origin}/search/?q=${encodeURIComponent("переговоры")}`);
    expect(await searchResults(page)).toEqual(["Северная Корея: что дальше?"]);
    await page.close();
  });
});

describe("a blog in four scripts, as a Chinese site", () => {
  const ctx = inChromium(() => scriptsSite("zh"));

  it("declares lang=zh dir=ltr and finds a CJK word inside a sentence, and a Cyrillic one", async () => {
    const page = await ctx.browser.newPage();
    // 谈判 ("negotiation") sits inside runs of characters with no spaces: found only because
    // Pagefind segments Chinese words on pages whose lang is zh.
    await page.goto(`${ctx.origin}/search/?q=${encodeURIComponent("谈判")}`);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["zh", "ltr"]);
    expect(await searchResults(page)).toEqual(["朝鲜半岛的和平前景"]);
    await page.goto(`${ctx.origin}/search/?q=${encodeURIComponent("переговоры")}`);
    expect(await searchResults(page)).toEqual(["Северная Корея: что дальше?"]);
    await page.close();
  });
});

describe("npm run new in another script", () => {
  it("creates posts/северная-корея-сегодня.md, which validates", async () => {
    const site = scriptsSite("ru");
    const created = await runCli("new-post.ts", site, { GLOSS_NOW: "2026-01-02T03:00:00Z" }, ["Северная Корея сегодня"]);
    expect(created.code).toBe(0);
    expect(created.stdout.split("\n")[0]).toBe("Created posts/северная-корея-сегодня.md");
    expect(readFileSync(path.join(site.contentDir, "северная-корея-сегодня.md"), "utf8")).toContain("title: Северная Корея сегодня\n");
    const check = await runCli("check-content.ts", site, { GLOSS_NOW: "2026-01-02T03:00:00Z" });
    // Valid; Russian has no interface table yet, which the check says (and nothing else).
    expect({ code: check.code, stderr: check.stderr }).toEqual({
      code: 0,
      stderr: 'warning: site settings › language: no interface messages for "ru" (there are: en, de); labels and dates are in English (add lib/core/messages/<language>.ts)\n',
    });
  });
});
