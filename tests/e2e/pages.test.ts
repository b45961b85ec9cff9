// Standalone pages as a reader meets them in Chromium: the header and footer links lead to them,
// the current one is marked, and search finds a page's words. (axe-core audits /about/ in
// tests/e2e/accessibility.test.ts.)
import { describe, expect, it } from "vitest";
import { makeFixtureBlog } from "../helpers/fixture-blog.ts";
import { inChromium } from "../helpers/served-site.ts";

describe("standalone pages of the fixture blog in Chromium", () => {
  const ctx = inChromium(makeFixtureBlog);

  it("reaches the About page from the header of the home page, and the Colophon from the footer", async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.origin}/`);
    await page.getByRole("navigation", { name: "Site", exact: true }).getByRole("link", { name: "About" }).click();
    await expect.poll(() => page.url()).toBe(`${ctx.origin}/about/`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("About the Fixture Blog");
    expect(await page.getByRole("navigation", { name: "Site", exact: true }).getByRole("link", { name: "About" }).getAttribute("aria-current")).toBe("page");
    // The quotation in the page links to the story's page on the site.
    expect(await page.locator("main figure figcaption").count()).toBe(1);
    await page.getByRole("navigation", { name: "Pages", exact: true }).getByRole("link", { name: "Colophon" }).click();
    await expect.poll(() => page.url()).toBe(`${ctx.origin}/colophon/`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Colophon");
    await page.close();
  });

  it("finds a page by a word only it contains", async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.origin}/search/?q=zanzibarite`);
    await page.locator("[data-search-status]").filter({ hasText: /found/ }).waitFor();
    expect(await page.locator(".search-results h2 a").allTextContents()).toEqual(["About the Fixture Blog"]);
    await page.locator(".search-results h2 a").click();
    await expect.poll(() => page.url()).toBe(`${ctx.origin}/about/`);
    await page.close();
  });
});
