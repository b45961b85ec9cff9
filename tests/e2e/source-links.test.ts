// In Chromium: a built site whose quoted story was recorded gone shows the archived copy first,
// on the post (the quotation's caption and the Sources list) and on the source page, with the
// note readers need; and those pages pass axe (WCAG 2.1 AA, light and dark) and raise no CSP
// violation under the headers the build wrote.
import { describe, expect, it } from "vitest";
import { auditAccessibility, describeViolations } from "../helpers/axe.ts";
import { ARCHIVED, CHECKED, ORIGINAL, POST_URL, makeGoneSourceSite } from "../helpers/gone-source.ts";
import { inChromium } from "../helpers/served-site.ts";

const PAGES = [POST_URL, "/sources/story/", "/sources/other-story/"];

describe("a source recorded gone, in Chromium", () => {
  const ctx = inChromium(() => makeGoneSourceSite());

  it("leads the quotation's caption with the archived copy, and tells the reader why", async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.origin}${POST_URL}`);
    const caption = page.locator("figure.quotation figcaption").first();
    const first = caption.locator("a").first();
    expect(await first.getAttribute("href")).toBe(ARCHIVED);
    expect(await first.innerText()).toBe("A Big Story");
    expect(await caption.locator(".link-note").innerText()).toBe(`the original is no longer available (checked ${CHECKED})`);
    expect(await caption.locator(".link-note").isVisible()).toBe(true);
    expect(await caption.locator("a", { hasText: "original address" }).getAttribute("href")).toBe(ORIGINAL);
    await page.close();
  });

  it("leads the post's Sources list with the archived copy", async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.origin}${POST_URL}`);
    const item = page.locator(".post-sources li").first();
    expect(await item.locator("a").first().getAttribute("href")).toBe(ARCHIVED);
    expect(await item.locator(".link-note").isVisible()).toBe(true);
    await page.close();
  });

  it("leads the source page with the note and the archived copy, before any other outbound link", async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.origin}/sources/story/`);
    expect(await page.locator("article p.link-note").innerText()).toBe(`The original is no longer available (checked ${CHECKED}).`);
    const outbound = page.locator("article a.external");
    expect(await outbound.first().getAttribute("href")).toBe(ARCHIVED);
    expect(await outbound.first().innerText()).toBe("Read the archived copy");
    expect(await outbound.nth(1).getAttribute("href")).toBe(ORIGINAL);
    await page.close();
  });

  it.each(PAGES)("%s has no axe violations, light or dark", async (url) => {
    // axe is injected as an inline script, which the site's CSP rightly refuses.
    const context = await ctx.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${ctx.origin}${url}`);
    const found: string[] = [];
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      found.push(...describeViolations(await auditAccessibility(page)).map((line) => `${colorScheme}: ${line}`));
    }
    await context.close();
    expect(found).toEqual([]);
  });

  it.each(PAGES)("%s raises no CSP violation under the policy the build wrote", async (url) => {
    const context = await ctx.browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => console.error(`Content-Security-Policy violation: ${event.violatedDirective}`));
    });
    const response = await page.goto(`${ctx.origin}${url}`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).toMatch(/default-src/);
    await context.close();
    expect(violations).toEqual([]);
  });
});
