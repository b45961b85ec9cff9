// Search, feeds and script weight of the built launch site in Chromium, served like a static host.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SHARDS_FILE, buildSearchIndex, searchDefaults } from "../../lib/outputs/search.ts";
import { inChromium } from "../helpers/served-site.ts";

const DIGBY = "They really messed up in North Korea";
const OTHER = "Latest CNN story on Hanoi gives the real scoop.";

describe("search and feeds of the launch site in Chromium", () => {
  const ctx = inChromium();

  const results = async (page: Page) => {
    await page.locator("[data-search-status]").filter({ hasText: /found/ }).waitFor();
    return (await page.locator(".search-results h2 a").allTextContents()).sort();
  };

  it("finds both posts for “Yongbyon” and only digby's for “Metropole”", async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.origin}/search/?q=Yongbyon`);
    expect(await results(page)).toEqual([OTHER, DIGBY].sort());
    expect(await page.locator("[data-search-status]").textContent()).toBe("2 posts found for “Yongbyon”.");
    expect(await page.locator(".search-results mark").first().textContent()).toBe("Yongbyon");
    await page.locator("#search-q").fill("Metropole");
    await page.locator("#search-q").press("Enter");
    await expect.poll(() => results(page)).toEqual([DIGBY]);
    expect(page.url()).toBe(`${ctx.origin}/search/?q=Metropole`);
    // Enter ran the search typing had started: the results stay as drawn once the pause after
    // typing is over, so a click on them lands.
    await page.locator(".search-results h2 a").evaluate((link) => link.setAttribute("data-drawn", "first"));
    await page.waitForTimeout(600);
    expect(await page.locator(".search-results h2 a").getAttribute("data-drawn")).toBe("first");
    await page.locator(".search-results h2 a").click();
    await expect.poll(() => page.url()).toBe(`${ctx.origin}/posts/they-really-messed-up-in-north-korea/`);
    await page.close();
  });

  it("searches from the box in the header of any page", async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.origin}/tags/`);
    await page.getByRole("searchbox", { name: "Search posts" }).fill("Metropole");
    await page.getByRole("search").getByRole("button", { name: "Search" }).click();
    await expect.poll(() => page.url()).toBe(`${ctx.origin}/search/?q=Metropole`);
    expect(await results(page)).toEqual([DIGBY]);
    await page.close();
  });

  it("says plainly what to do when JavaScript is off", async () => {
    const context = await ctx.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${ctx.origin}/search/?q=Yongbyon`);
    const notice = page.locator("[data-search-nojs]");
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain("needs JavaScript");
    expect(await notice.getByRole("link", { name: "the archive" }).getAttribute("href")).toBe("/archive/");
    await context.close();
    const scripted = await ctx.browser.newPage();
    await scripted.goto(`${ctx.origin}/search/`);
    await expect.poll(() => scripted.locator("[data-search-nojs]").isVisible()).toBe(false);
    await scripted.close();
  });

  it("loads JavaScript on the search page only (bytes measured)", async () => {
    const page = await ctx.browser.newPage();
    const loaded = { js: 0, wasm: 0 };
    page.on("response", async (response) => {
      const type = response.headers()["content-type"] ?? "";
      if (type.includes("javascript")) loaded.js += (await response.body()).length;
      if (type.includes("wasm") || response.url().includes("wasm")) loaded.wasm += (await response.body()).length;
    });
    // Every other page first, in one tab: none may load a byte of script.
    const locs = [...readFileSync(path.join(ctx.site.outputDir, "sitemap.xml"), "utf8").matchAll(/<loc>https:\/\/gloss\.example(\/[^<]*)<\/loc>/g)].map((m) => m[1]!);
    const others = [...locs.filter((l) => l !== "/search/"), "/404.html"];
    for (const loc of others) await page.goto(`${ctx.origin}${loc}`, { waitUntil: "load" });
    expect(others.length).toBeGreaterThan(15);
    expect(loaded.js).toBe(0);
    await page.goto(`${ctx.origin}/search/?q=Yongbyon`, { waitUntil: "networkidle" });
    await results(page);
    expect(loaded.js).toBeGreaterThan(0);
    console.log(`[measure] search page JavaScript: ${loaded.js} bytes (+ ${loaded.wasm} bytes of WebAssembly); ${others.length} other pages: 0 bytes`);
    await page.close();
  });

  it("shows a feed as a readable page when opened in the browser", async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.origin}/tags/north-korea/feed.xml`);
    expect(await page.locator("h1").textContent()).toBe("Gloss: North Korea");
    expect(await page.locator(".feed-notice").textContent()).toContain("https://gloss.example/tags/north-korea/feed.xml");
    expect((await page.locator(".post-summary-title a").allTextContents()).sort()).toEqual([OTHER, DIGBY].sort());
    await page.close();
  });
});

describe("a search index in shards, merged in the browser", () => {
  // The launch site, indexed again with one post a shard: two Pagefind bundles, as a large
  // archive gets (lib/outputs/search.ts), each post in its own; the About page goes with the first.
  const ctx = inChromium();
  const indexInShards = async () => {
    const { pages } = await buildSearchIndex(ctx.site.outputDir, { ...searchDefaults, shardSize: 1 });
    expect(pages).toBe(2 + 1);
  };

  it("writes one bundle a shard, lists the others for the search page, and leaves no working folder", async () => {
    await indexInShards();
    const out = ctx.site.outputDir;
    expect(JSON.parse(readFileSync(path.join(out, "pagefind", SHARDS_FILE), "utf8"))).toEqual({ shards: ["shards/1/"] });
    expect(existsSync(path.join(out, "pagefind/pagefind-entry.json"))).toBe(true);
    expect(existsSync(path.join(out, "pagefind/shards/1/pagefind-entry.json"))).toBe(true);
    expect(readdirSync(out).filter((name) => name.startsWith("."))).toEqual([]);
  });

  it("finds posts of every shard, with their addresses", async () => {
    await indexInShards();
    const page = await ctx.browser.newPage();
    const failed: string[] = [];
    page.on("response", (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${ctx.origin}/search/?q=Yongbyon`);
    await page.locator("[data-search-status]").filter({ hasText: /found/ }).waitFor();
    expect(await page.locator("[data-search-status]").textContent()).toBe("2 posts found for “Yongbyon”.");
    const links = await page.locator(".search-results h2 a").evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
    expect(links.sort()).toEqual(
      [
        [DIGBY, "/posts/they-really-messed-up-in-north-korea/"],
        [OTHER, "/posts/latest-cnn-story-on-hanoi-gives-the-real-scoop/"],
      ].sort(),
    );
    // A word only one shard holds: that post comes first. (A shard without the word answers with
    // Pagefind's fallback, the pages holding its longest known prefix, ranked below: a known
    // difference of shards, docs/performance.md.)
    await page.locator("#search-q").fill("Metropole");
    await page.locator("#search-q").press("Enter");
    await expect.poll(async () => (await page.locator(".search-results h2 a").allTextContents())[0]).toBe(DIGBY);
    expect(await page.locator(".search-results mark").first().textContent()).toBe("Metropole");
    expect(failed).toEqual([]);
    await page.close();
  });
});
