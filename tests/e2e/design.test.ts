// What a reader sees in Chromium: the layout fits a phone, both color schemes apply, print drops
// navigation and shows outbound URLs, motion is opt-in. Screenshots of the home page and a post at
// 390 and 1280 px, light and dark, go to tests/.artifacts/screenshots/ (the best are in docs/).
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/browser.ts";
import { ROOT } from "../helpers/site.ts";
import { buildAndServe, launchSite, type ServedSite } from "../helpers/served-site.ts";

const SHOTS = path.join(ROOT, "tests/.artifacts/screenshots");
const POST = "/posts/they-really-messed-up-in-north-korea/";
const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
];
const SCREENSHOTS = [
  { name: "home", url: "/" },
  { name: "post", url: POST },
  // The same post scrolled to the end of its first quotation: clipping, attribution, commentary.
  { name: "post-quotation", url: POST, scrollTo: "figure.quotation figcaption" },
].flatMap((target) => WIDTHS.flatMap((size) => (["light", "dark"] as const).map((scheme) => ({ ...target, ...size, scheme }))));

describe("design in Chromium", () => {
  let served: ServedSite;
  let browser: Browser;
  // One tab, navigated by every test (opening one costs about half a second).
  let tab: Page;
  beforeAll(async () => {
    served = await buildAndServe(launchSite());
    browser = await launchChromium();
    tab = await browser.newPage();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  /** The tab at `url`, at the size and in the scheme asked for, on screen, with no motion preference unless asked. */
  async function open(url: string, options: { width?: number; height?: number; scheme?: "light" | "dark"; reducedMotion?: "reduce" | "no-preference" } = {}): Promise<Page> {
    await tab.setViewportSize({ width: options.width ?? 1280, height: options.height ?? 800 });
    await tab.emulateMedia({ media: "screen", colorScheme: options.scheme ?? "light", reducedMotion: options.reducedMotion ?? null });
    await tab.goto(`${served.origin}${url}`);
    return tab;
  }

  it.each(SCREENSHOTS)("screenshot: $name at $width px, $scheme", async ({ name, url, width, height, scheme, scrollTo }) => {
    const page = await open(url, { width, height, scheme });
    if (scrollTo) await page.locator(scrollTo).first().evaluate((el) => el.scrollIntoView({ block: "center", behavior: "instant" }));
    const file = path.join(SHOTS, `${name}-${width}-${scheme}.png`);
    await page.screenshot({ path: file });
    expect(statSync(file).size).toBeGreaterThan(10_000);
  });

  it.each(["/", POST, "/sources/cnn-hanoi-summit-snub/", "/tags/", "/archive/"])("%s fits a 320 px phone without sideways scrolling", async (url) => {
    const page = await open(url, { width: 320, height: 640 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
  });

  it("keeps post text to a comfortable measure on a wide screen", async () => {
    const page = await open(POST, { width: 1600 });
    const { width, fontSize } = await page.locator(".post-body > p").first().evaluate((p) => ({ width: p.getBoundingClientRect().width, fontSize: parseFloat(getComputedStyle(p).fontSize) }));
    // About 65 characters a line: an average character is roughly half an em.
    const charactersPerLine = width / (fontSize * 0.5);
    expect(charactersPerLine).toBeGreaterThan(55);
    expect(charactersPerLine).toBeLessThan(80);
  });

  it("sets quotations apart from commentary, with the attribution visible under them", async () => {
    const page = await open(POST);
    const style = (selector: string) =>
      page.locator(selector).first().evaluate((el) => {
        const s = getComputedStyle(el);
        return { font: s.fontFamily, background: s.backgroundColor, border: s.borderLeftWidth };
      });
    const commentary = await style(".post-body > p");
    const quotation = await style("figure.quotation blockquote");
    expect(quotation.font).not.toBe(commentary.font);
    expect(quotation.background).not.toBe(commentary.background);
    expect(parseFloat(quotation.border)).toBeGreaterThan(0);
    const caption = page.locator("figure.quotation figcaption.quotation-source").first();
    expect(await caption.isVisible()).toBe(true);
    const [quoteBox, captionBox] = await Promise.all([page.locator("figure.quotation blockquote").first().boundingBox(), caption.boundingBox()]);
    expect(captionBox!.y).toBeGreaterThanOrEqual(quoteBox!.y + quoteBox!.height);
  });

  it("follows the reader's color scheme", async () => {
    const colors = async (scheme: "light" | "dark") => {
      const page = await open("/", { scheme });
      const result = await page.evaluate(() => ({ bg: getComputedStyle(document.body).backgroundColor, fg: getComputedStyle(document.body).color }));
      return result;
    };
    const luminance = (rgb: string) => rgb.match(/\d+/g)!.slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3;
    const light = await colors("light");
    const dark = await colors("dark");
    expect(luminance(light.bg)).toBeGreaterThan(200);
    expect(luminance(light.fg)).toBeLessThan(60);
    expect(luminance(dark.bg)).toBeLessThan(40);
    expect(luminance(dark.fg)).toBeGreaterThan(200);
  });

  it("prints without navigation, with the URL after each outbound link", async () => {
    const page = await open(POST);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".site-header nav").isVisible()).toBe(false);
    expect(await page.locator(".post-nav").isVisible()).toBe(false);
    const after = await page.locator(".post-sources a.external").first().evaluate((a) => getComputedStyle(a, "::after").content);
    expect(after).toContain("https://www.cnn.com/2019/03/06/politics/trump-kim-hanoi-summit-snub/index.html");
    const internal = await page.locator(".byline a").first().evaluate((a) => getComputedStyle(a, "::after").content);
    expect(internal).toBe("none");
  });

  it("animates nothing for a reader who asks for reduced motion", async () => {
    const motion = async (reducedMotion: "reduce" | "no-preference") => {
      const page = await open(POST, { reducedMotion });
      const result = await page.evaluate(() => ({
        scroll: getComputedStyle(document.documentElement).scrollBehavior,
        transition: getComputedStyle(document.querySelector(".post-body a")!).transitionDuration,
      }));
      return result;
    };
    expect(await motion("reduce")).toEqual({ scroll: "auto", transition: "0s" });
    expect((await motion("no-preference")).scroll).toBe("smooth");
  });
});
