// Browsing the generated 69-post fixture in Chromium, served like a static host: a reader goes
// from the home page through the header, an index, a listing's pages and the breadcrumbs.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/browser.ts";
import { fixtureFiles, fixtureRegistries } from "../helpers/many-posts.ts";
import { buildAndServe, type ServedSite } from "../helpers/served-site.ts";
import { makeSite } from "../helpers/site.ts";

describe("browsing the fixture site in Chromium", () => {
  let served: ServedSite;
  let origin: string;
  let browser: Browser;
  beforeAll(async () => {
    served = await buildAndServe(makeSite(fixtureFiles(), fixtureRegistries()));
    origin = served.origin;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it("goes Tags → a tag → its next pages → back up by the breadcrumbs", async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Tags" }).click();
    await expect.poll(() => page.url()).toBe(`${origin}/tags/`);
    await page.getByRole("link", { name: "U.S.–DPRK talks" }).click();
    await expect.poll(() => page.url()).toBe(`${origin}/tags/us-dprk-talks/`);
    const pager = page.getByRole("navigation", { name: "Tag U.S.–DPRK talks: pages" });
    await pager.getByRole("link", { name: "Older →" }).click();
    await expect.poll(() => page.url()).toBe(`${origin}/tags/us-dprk-talks/page/2/`);
    expect(await page.locator("h1").textContent()).toBe("Tag: U.S.–DPRK talks (page 2 of 3)");
    await page.getByRole("navigation", { name: "Tag U.S.–DPRK talks: pages" }).getByRole("link", { name: "Page 3" }).click();
    await expect.poll(() => page.url()).toBe(`${origin}/tags/us-dprk-talks/page/3/`);
    expect(await page.locator(".post-summary").count()).toBe(2);
    await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Tags" }).click();
    await expect.poll(() => page.url()).toBe(`${origin}/tags/`);
    await page.close();
  });

  it("goes Archive → a year's month → the next month", async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Archive" }).click();
    await page.getByRole("link", { name: "December 2019" }).click();
    await expect.poll(() => page.url()).toBe(`${origin}/archive/2019/12/`);
    await page.getByRole("navigation", { name: "Other months" }).getByRole("link", { name: "January 2020" }).click();
    await expect.poll(() => page.url()).toBe(`${origin}/archive/2020/01/`);
    expect(await page.locator("h1").textContent()).toBe("January 2020");
    await page.close();
  });
});
