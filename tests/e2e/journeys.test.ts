// Readers' journeys through the launch site in Chromium, by mouse and by keyboard alone.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/browser.ts";
import { buildAndServe, launchSite, type ServedSite } from "../helpers/served-site.ts";

const DIGBY_POST = { title: "They really messed up in North Korea", url: "/posts/they-really-messed-up-in-north-korea/" };
const NATION_POST = { title: "Latest CNN story on Hanoi gives the real scoop.", url: "/posts/latest-cnn-story-on-hanoi-gives-the-real-scoop/" };
const CNN_SOURCE = "/sources/cnn-hanoi-summit-snub/";

describe("reader journeys in Chromium", () => {
  let served: ServedSite;
  let browser: Browser;
  let page: Page;
  const at = (url: string) => `${served.origin}${url}`;
  const heading = () => page.locator("h1").textContent();

  beforeAll(async () => {
    served = await buildAndServe(launchSite());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it("home → post → its author → back → its CNN source → the other post quoting that story", async () => {
    page = await browser.newPage();
    await page.goto(at("/"));
    await page.getByRole("link", { name: DIGBY_POST.title, exact: true }).click();
    await expect.poll(() => page.url()).toBe(at(DIGBY_POST.url));
    expect(await heading()).toBe(DIGBY_POST.title);

    await page.locator(".byline").getByRole("link", { name: "digby", exact: true }).click();
    await expect.poll(() => page.url()).toBe(at("/authors/digby/"));
    expect(await heading()).toBe("digby");
    expect(await page.locator(".post-list").getByRole("link", { name: DIGBY_POST.title }).count()).toBe(1);

    await page.goBack();
    await expect.poll(() => page.url()).toBe(at(DIGBY_POST.url));
    expect(await heading()).toBe(DIGBY_POST.title);

    // The attribution under the quotation leads to the page of the quoted story.
    await page.locator("figure.quotation figcaption").getByRole("link", { name: "(all quotes from this story)" }).click();
    await expect.poll(() => page.url()).toBe(at(CNN_SOURCE));
    expect(await heading()).toBe("A snub and a last minute Hail Mary: Trump's tough lesson in North Korean diplomacy");

    // A passage both posts quote names both; follow it to the other post's quotation.
    const shared = page.locator(".passages li").filter({ hasText: "Choe rushed back to get an answer." });
    await shared.getByRole("link", { name: NATION_POST.title }).click();
    await expect.poll(() => page.url()).toBe(at(`${NATION_POST.url}#q1`));
    expect(await heading()).toBe(NATION_POST.title);
    expect(await page.locator("#q1 blockquote").textContent()).toContain("Choe rushed back to get an answer.");
    await page.close();
  });

  it("tags index → tag → post", async () => {
    page = await browser.newPage();
    await page.goto(at("/"));
    await page.locator(".site-header nav").getByRole("link", { name: "Tags" }).click();
    await expect.poll(() => page.url()).toBe(at("/tags/"));
    await page.locator("main").getByRole("link", { name: "Hanoi summit" }).click();
    await expect.poll(() => page.url()).toBe(at("/tags/hanoi-summit/"));
    expect(await heading()).toBe("Tag: Hanoi summit");
    await page.getByRole("link", { name: NATION_POST.title }).click();
    await expect.poll(() => page.url()).toBe(at(NATION_POST.url));
    expect(await page.locator(".chips").getByRole("link", { name: "Hanoi summit" }).getAttribute("href")).toBe("/tags/hanoi-summit/");
    await page.close();
  });

  it("a tag chip on a post leads to the tag, a source chip to the quoted story", async () => {
    page = await browser.newPage();
    await page.goto(at(DIGBY_POST.url));
    await page.locator(".post-header .chips").getByRole("link", { name: "Kim Jong Un" }).click();
    await expect.poll(() => page.url()).toBe(at("/tags/kim-jong-un/"));
    await page.goBack();
    await page.locator(".post-header .source-chips").getByRole("link").first().click();
    await expect.poll(() => page.url()).toBe(at(CNN_SOURCE));
    await page.close();
  });

  it("search: \"Yongbyon\" typed in the header's box finds both posts, and a result opens the post", async () => {
    page = await browser.newPage();
    await page.goto(at("/"));
    await page.locator(".site-header").getByRole("searchbox").fill("Yongbyon");
    await page.locator(".site-header").getByRole("button", { name: "Search" }).click();
    await expect.poll(() => page.url()).toBe(at("/search/?q=Yongbyon"));
    // Pagefind loads its index and WebAssembly first: allow it longer than a poll's default second.
    await expect.poll(() => page.locator("[data-search-results] h2 a").allTextContents(), { timeout: 15_000 }).toEqual(expect.arrayContaining([DIGBY_POST.title, NATION_POST.title]));
    expect(await page.locator("[data-search-status]").textContent()).toMatch(/^2 posts found for “Yongbyon”/);
    await page.locator("[data-search-results]").getByRole("link", { name: DIGBY_POST.title }).click();
    await expect.poll(() => page.url()).toBe(at(DIGBY_POST.url));
    await page.close();
  });

  it("keyboard only: Tab reaches the skip link, then every header link in order, each visibly focused", async () => {
    page = await browser.newPage();
    await page.goto(at(DIGBY_POST.url));
    // Everything focusable in the header, in document order (a search form may join the links).
    const headerStops = await page
      .locator(".site-header")
      .locator("a[href], input:not([type=hidden]), button, select, textarea")
      .evaluateAll((els) => els.map((el) => el.getAttribute("href") ?? `${el.tagName.toLowerCase()}[name=${el.getAttribute("name")}]`));
    expect(headerStops.filter((stop) => stop.startsWith("/"))).toEqual(["/", "/", "/tags/", "/authors/", "/sources/", "/archive/"]);
    const visited: { href: string; text: string; outline: string; visible: boolean }[] = [];
    for (let i = 0; i < 1 + headerStops.length; i++) {
      await page.keyboard.press("Tab");
      visited.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const style = getComputedStyle(el);
          const box = el.getBoundingClientRect();
          return {
            href: el.getAttribute("href") ?? `${el.tagName.toLowerCase()}[name=${el.getAttribute("name")}]`,
            text: (el.textContent ?? "").trim(),
            outline: `${style.outlineStyle} ${style.outlineWidth}`,
            visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
          };
        }),
      );
    }
    expect(visited.map((v) => v.href)).toEqual(["#main", ...headerStops]);
    expect(visited[0]!.text).toBe("Skip to content");
    for (const v of visited) {
      expect(v.visible, `${v.href} is on screen when focused`).toBe(true);
      expect(v.outline, `${v.href} shows a focus outline`).toMatch(/^solid [3-9]/);
    }
    await page.close();
  });

  it("keyboard only: the skip link moves focus past the header into the main content", async () => {
    page = await browser.newPage();
    await page.goto(at(DIGBY_POST.url));
    expect(await page.locator(".skip-link").isVisible()).toBe(true);
    const before = await page.locator(".skip-link").boundingBox();
    expect(before!.y + before!.height).toBeLessThanOrEqual(0);
    await page.keyboard.press("Tab");
    const focused = await page.locator(".skip-link").boundingBox();
    expect(focused!.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.url()).toBe(at(`${DIGBY_POST.url}#main`));
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("main") !== null)).toBe(true);
    await page.close();
  });
});
