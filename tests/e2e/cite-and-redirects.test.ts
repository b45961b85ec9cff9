// What a reader sees of co-authors, "Cite this post" and old addresses, in Chromium: the cite
// section opens by keyboard without any script, its files download, and an old address lands
// on the post.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { makeFixtureBlog } from "../helpers/fixture-blog.ts";
import { inChromium } from "../helpers/served-site.ts";

describe("cite section and redirects in Chromium", () => {
  const ctx = inChromium(makeFixtureBlog);
  let page: Page;
  beforeAll(async () => {
    page = await ctx.browser.newPage({ javaScriptEnabled: false });
  });
  afterAll(async () => {
    await page?.close();
  });

  it("shows the cite section closed, and opens it with the keyboard, no script needed", async () => {
    await page.goto(`${ctx.origin}/posts/co-authored/`);
    const citation = page.locator("details.cite .citation");
    expect(await citation.isVisible()).toBe(false);
    await page.locator("details.cite summary").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => citation.isVisible()).toBe(true);
    expect(await citation.textContent()).toBe("Ann Author and [unnamed author]. “Written together.” Fixture Blog (blog), March 3, 2021. https://fixture.example/posts/co-authored/.");
    expect(await page.locator(".byline").textContent()).toBe("By Ann Author and Unnamed author");
  });

  it("serves the BibTeX and CSL-JSON files the section links to", async () => {
    const bib = await fetch(`${ctx.origin}/posts/co-authored/cite.bib`);
    expect(bib.status).toBe(200);
    expect(await bib.text()).toMatch(/^@online\{co-authored,\n {2}author = \{\{Ann Author\} and \{\[unnamed author\]\}\},\n/);
    const csl = (await (await fetch(`${ctx.origin}/posts/co-authored/cite.json`)).json()) as { type: string }[];
    expect(csl[0]!.type).toBe("post-weblog");
  });

  it("sends a reader at an old address on to the post, without a script", async () => {
    await page.goto(`${ctx.origin}/2021/03/together/`);
    await page.waitForURL(`${ctx.origin}/posts/co-authored/`, { timeout: 10_000 });
    expect(await page.locator("h1").textContent()).toBe("Written together");
  });
});
