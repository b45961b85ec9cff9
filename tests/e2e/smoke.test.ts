// The built launch site in a real browser: served like a static host, read like a reader.
import { mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaticServer, listen } from "../../lib/static-server.ts";
import { launchChromium } from "../helpers/browser.ts";
import { ROOT, buildSite, type FixtureSite } from "../helpers/site.ts";

describe("the launch site in Chromium", () => {
  let site: FixtureSite;
  let server: Server;
  let origin: string;
  let browser: Browser;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gloss-e2e-"));
    site = { dir, contentDir: path.join(ROOT, "posts"), outputDir: path.join(dir, "_site") };
    expect((await buildSite(site)).code).toBe(0);
    server = createStaticServer({ root: site.outputDir, pathPrefix: "/" });
    origin = await listen(server);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it("goes from the home page to a post and on to the story it quotes", async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await page.getByRole("link", { name: "They really messed up in North Korea" }).click();
    await expect.poll(() => page.url()).toBe(`${origin}/posts/they-really-messed-up-in-north-korea/`);
    expect(await page.locator("h1").textContent()).toBe("They really messed up in North Korea");
    await page.locator(".post-sources").getByRole("link", { name: "every quote from this story" }).click();
    await expect.poll(() => page.url()).toBe(`${origin}/sources/cnn-hanoi-summit-snub/`);
    const quotedBy = await page.locator(".post-list .post-summary-title a").allTextContents();
    expect(quotedBy.sort()).toEqual(["Latest CNN story on Hanoi gives the real scoop.", "They really messed up in North Korea"]);
    await page.close();
  });

  it("serves the 404 page for an unknown address, with status 404", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${origin}/no/such/page/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Page not found");
    await page.close();
  });
});
