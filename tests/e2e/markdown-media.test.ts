// What a reader sees of footnotes, heading anchors, contents and images, in Chromium, on the
// fixture blog's post that uses all of them, under the site's Content Security Policy.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { makeFixtureBlog } from "../helpers/fixture-blog.ts";
import { inChromium } from "../helpers/served-site.ts";

const POST = "/posts/first-post/";

describe("markdown extras in Chromium", () => {
  const ctx = inChromium(makeFixtureBlog);

  async function open(url: string): Promise<{ page: Page; violations: string[]; close: () => Promise<void> }> {
    const context = await ctx.browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => console.error(`Content-Security-Policy violation: ${event.violatedDirective} ${event.blockedURI}`));
    });
    await page.goto(`${ctx.origin}${url}`, { waitUntil: "load" });
    return { page, violations, close: () => context.close() };
  }

  const opacity = (page: Page, selector: string) => page.$eval(selector, (el) => getComputedStyle(el).opacity);

  it("shows a heading's '#' when the keyboard reaches it, and follows it to the heading", async () => {
    const { page, close } = await open(POST);
    const anchor = 'a.heading-anchor[href="#a-heading-of-my-own"]';
    expect(await opacity(page, anchor)).toBe("0");
    // Tab until the anchor has focus, as a keyboard user would.
    for (let i = 0; i < 60 && !(await page.$eval(anchor, (el) => el === document.activeElement)); i += 1) await page.keyboard.press("Tab");
    expect(await page.$eval(anchor, (el) => el === document.activeElement)).toBe(true);
    expect(await opacity(page, anchor)).toBe("1");
    const box = await page.$eval(anchor, (el) => el.getBoundingClientRect().toJSON() as DOMRect);
    expect(box.width).toBeGreaterThan(0);
    await page.keyboard.press("Enter");
    await page.waitForURL(/#a-heading-of-my-own$/);
    await close();
  });

  it("shows the '#' when the pointer is over the heading", async () => {
    const { page, close } = await open(POST);
    await page.hover("#main-section");
    expect(await opacity(page, 'a.heading-anchor[href="#main-section"]')).toBe("1");
    await close();
  });

  it("links a footnote reference to its note, and the contents to the headings", async () => {
    const { page, close } = await open(POST);
    await page.click('sup.footnote-ref a[href="#fn1"]');
    await page.waitForURL(/#fn1$/);
    expect(await page.$eval("#fn1", (el) => el.matches(":target"))).toBe(true);
    await page.click('nav.toc a[href="#main-section"]');
    await page.waitForURL(/#main-section$/);
    await close();
  });

  it("loads the images in a modern format, at their declared shape, with no CSP violation", async () => {
    const { page, violations, close } = await open(POST);
    await page.evaluate(() => Promise.all([...document.images].map((img) => img.decode().catch(() => undefined))));
    const first = await page.$eval(".post-body picture img", (img) => ({ src: (img as HTMLImageElement).currentSrc, width: (img as HTMLImageElement).naturalWidth, ratio: img.clientWidth / img.clientHeight }));
    expect(first.src).toMatch(/\.(avif|webp)$/);
    expect(first.width).toBeGreaterThan(0);
    expect(first.ratio).toBeCloseTo(2, 1);
    expect(await page.$$eval(".post-body img", (imgs) => imgs.filter((img) => !(img as HTMLImageElement).complete || (img as HTMLImageElement).naturalWidth === 0).length)).toBe(0);
    expect(violations).toEqual([]);
    await close();
  });
});
