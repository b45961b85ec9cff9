// In Chromium: the launch site raises no CSP violation on any page type (served with the
// _headers the build wrote, like a static host), and the hostile site runs no script and opens
// no dialog even with the CSP switched off.
import { cpSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { builtPages } from "../helpers/hostile.ts";
import { inChromium } from "../helpers/served-site.ts";
import { ROOT, makeSite } from "../helpers/site.ts";

/** One URL per kind of page: the first of each top-level section and depth, plus a missing page. */
export function pageTypes(outputDir: string): string[] {
  const seen = new Map<string, string>();
  for (const [url] of builtPages(outputDir)) {
    const segments = url.split("/").filter(Boolean);
    const key = `${segments[0] ?? ""}/${segments.length}`;
    if (!seen.has(key)) seen.set(key, url);
  }
  return [...seen.values(), "/no/such/page/"];
}

interface Visit {
  url: string;
  status: number | undefined;
  csp: string | undefined;
  violations: string[];
  dialogs: string[];
}

/**
 * Loads pages one after another in one tab (a tab is the costly part: about half a second to
 * open) and collects each page's CSP reports (events and console) and dialogs.
 */
async function visitAll(browser: Browser, origin: string, urls: readonly string[], options: { bypassCSP?: boolean } = {}): Promise<Visit[]> {
  const context = await browser.newContext({ bypassCSP: options.bypassCSP ?? false });
  const page: Page = await context.newPage();
  let violations: string[] = [];
  let dialogs: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content-Security-Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const visits: Visit[] = [];
  for (const url of urls) {
    violations = [];
    dialogs = [];
    const response = await page.goto(`${origin}${url}`, { waitUntil: "load" });
    // Give late work (timers, lazy loads) a moment to run or report.
    await page.waitForTimeout(100);
    visits.push({ url, status: response?.status(), csp: response?.headers()["content-security-policy"], violations, dialogs });
  }
  await context.close();
  return visits;
}

describe("the launch site in Chromium, under its Content Security Policy", () => {
  const ctx = inChromium();

  it("reports zero CSP violations on every page type, with the header and the <meta> policy", async () => {
    const types = pageTypes(ctx.site.outputDir);
    expect(types).toEqual(expect.arrayContaining(["/", "/tags/", "/authors/", "/outlets/", "/sources/", "/archive/", "/404.html"]));
    for (const section of ["posts", "tags", "authors", "outlets", "sources"]) expect(types.some((url) => new RegExp(`^/${section}/[^/]+/$`).test(url)), section).toBe(true);
    const visits = await visitAll(ctx.browser, ctx.origin, types);
    for (const v of visits) {
      expect(v.status, v.url).toBe(v.url === "/no/such/page/" ? 404 : 200);
      if (v.url !== "/no/such/page/") expect(v.csp, v.url).toMatch(/^default-src 'none'; script-src 'self'/);
    }
    expect(visits.filter((v) => v.violations.length > 0 || v.dialogs.length > 0)).toEqual([]);
  });

  it("would report a violation: an inline script injected into a page is blocked and reported", async () => {
    const context = await ctx.browser.newContext();
    const page = await context.newPage();
    const reports: string[] = [];
    page.on("console", (message) => {
      if (/Content.Security.Policy/i.test(message.text())) reports.push(message.text());
    });
    await page.goto(`${ctx.origin}/`);
    const ran = await page.evaluate(async () => {
      const script = document.createElement("script");
      script.textContent = "window.__ran = true";
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return (window as unknown as { __ran?: boolean }).__ran ?? false;
    });
    expect(ran).toBe(false);
    await expect.poll(() => reports.length).toBeGreaterThan(0);
    await context.close();
  });
});

describe("the hostile site in Chromium", () => {
  const ctx = inChromium(() => {
    const site = makeSite();
    cpSync(path.join(ROOT, "tests/fixtures/hostile"), site.contentDir, { recursive: true });
    return site;
  });

  it("runs no script and opens no dialog on any page, even with the CSP bypassed", async () => {
    const pages = builtPages(ctx.site.outputDir).map(([url]) => url);
    expect(pages.length).toBeGreaterThan(10);
    // One tab for every page, as in visitAll.
    const context = await ctx.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    let dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    for (const url of pages) {
      dialogs = [];
      await page.goto(`${ctx.origin}${url}`, { waitUntil: "load" });
      // Hover and focus everything a reader could, so any handler that slipped through would fire.
      const live = await page.evaluate(() => {
        const all = [...document.querySelectorAll("*")];
        for (const el of all) {
          el.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
          if (el instanceof HTMLElement) el.focus();
        }
        return {
          // JSON-LD is data; the search page's own script file is the one script the site ships.
          scripts: [...document.scripts].filter((s) => s.type !== "application/ld+json" && new URL(s.src || "x:", location.href).pathname !== "/js/search.js").length,
          handlers: all.flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => `${el.tagName}[${a.name}]`)),
          badLinks: [...document.querySelectorAll<HTMLAnchorElement | HTMLAreaElement>("a[href], area[href]")].filter((a) => a.protocol !== "http:" && a.protocol !== "https:" && a.protocol !== "mailto:").map((a) => a.href),
          frames: document.querySelectorAll("iframe, frame, object, embed").length,
        };
      });
      await page.waitForTimeout(50);
      expect({ url, dialogs, ...live }).toEqual({ url, dialogs: [], scripts: 0, handlers: [], badLinks: [], frames: 0 });
    }
    await context.close();
  });

  it("reports zero CSP violations on the hostile site either", async () => {
    const visits = await visitAll(ctx.browser, ctx.origin, pageTypes(ctx.site.outputDir));
    expect(visits.filter((v) => v.violations.length > 0 || v.dialogs.length > 0)).toEqual([]);
  });
});
