// Every page type of the launch site and of a fixture blog, audited by axe-core in Chromium at
// WCAG 2.1 AA, in the light and the dark color scheme: zero violations. A deliberately broken
// page proves the audit can fail.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditAccessibility, describeViolations, type AxeViolation } from "../helpers/axe.ts";
import { launchChromium } from "../helpers/browser.ts";
import { makeFixtureBlog } from "../helpers/fixture-blog.ts";
import { buildAndServe, launchSite, type ServedSite } from "../helpers/served-site.ts";

/** One row per page type of the launch site. */
export const LAUNCH_PAGE_TYPES: { type: string; url: string }[] = [
  { type: "home", url: "/" },
  { type: "post", url: "/posts/they-really-messed-up-in-north-korea/" },
  { type: "post by an unnamed author", url: "/posts/latest-cnn-story-on-hanoi-gives-the-real-scoop/" },
  { type: "tag", url: "/tags/north-korea/" },
  { type: "tags index", url: "/tags/" },
  { type: "author", url: "/authors/digby/" },
  { type: "authors index", url: "/authors/" },
  { type: "source", url: "/sources/cnn-hanoi-summit-snub/" },
  { type: "sources index", url: "/sources/" },
  { type: "outlet", url: "/outlets/cnn/" },
  { type: "outlets index", url: "/outlets/" },
  { type: "archive", url: "/archive/" },
  { type: "archive month", url: "/archive/2019/03/" },
  { type: "search, with results", url: "/search/?q=Yongbyon" },
  { type: "standalone page", url: "/about/" },
  { type: "404", url: "/no/such/page/" },
];

/** Fixture-blog pages with what the launch site lacks: pagers, hostile titles, lists, tables, code. */
const FIXTURE_PAGE_TYPES: { type: string; url: string }[] = [
  { type: "home, page 1 of 3", url: "/" },
  { type: "home, page 2", url: "/page/2/" },
  { type: "post with every kind of markdown (footnotes, anchors, contents, images)", url: "/posts/first-post/" },
  { type: "post with its own share image", url: "/posts/third-post/" },
  { type: "tag, page 2", url: "/tags/north-korea/page/2/" },
  { type: "author with an unknown name", url: "/authors/anon/" },
  { type: "co-authored post with its cite section", url: "/posts/co-authored/" },
  { type: "source", url: "/sources/story/" },
  { type: "standalone page with a quotation", url: "/about/" },
];

const SCHEMES = ["light", "dark"] as const;

describe("accessibility (axe-core, WCAG 2.1 AA) in Chromium", () => {
  let browser: Browser;
  let page: Page;
  let launch: ServedSite;
  let fixture: ServedSite;
  beforeAll(async () => {
    [launch, fixture] = await Promise.all([buildAndServe(launchSite()), buildAndServe(makeFixtureBlog())]);
    browser = await launchChromium();
    // axe is injected as an inline script, which the site's CSP rightly refuses.
    // One tab for every audit: opening one costs about half a second.
    page = await (await browser.newContext({ bypassCSP: true })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await launch?.close();
    await fixture?.close();
  });

  /** Violations on one page, audited in each scheme in turn: `light: color-contrast (serious): …`. */
  async function audit(origin: string, url: string, schemes: readonly ("light" | "dark")[] = SCHEMES) {
    await page.emulateMedia({ colorScheme: schemes[0] });
    await page.goto(`${origin}${url}`);
    const found: Record<string, AxeViolation[]> = {};
    for (const colorScheme of schemes) {
      await page.emulateMedia({ colorScheme });
      found[colorScheme] = await auditAccessibility(page);
    }
    return found;
  }
  const described = (found: Record<string, AxeViolation[]>) => Object.entries(found).flatMap(([scheme, violations]) => describeViolations(violations).map((line) => `${scheme}: ${line}`));

  it.each(LAUNCH_PAGE_TYPES)("launch site: $type ($url) has no violations, light or dark", async ({ url }) => {
    expect(described(await audit(launch.origin, url))).toEqual([]);
  });
  it.each(FIXTURE_PAGE_TYPES)("fixture blog: $type ($url) has no violations, light or dark", async ({ url }) => {
    expect(described(await audit(fixture.origin, url))).toEqual([]);
  });

  it("fails a page with an image without alt, and low contrast that only the dark scheme has", async () => {
    // A real page of the site, broken on purpose: an unlabelled image, and a stylesheet whose
    // dark-scheme rule puts grey text on a dark grey ground.
    const dir = path.join(launch.site.outputDir, "broken");
    mkdirSync(dir, { recursive: true });
    const home = readFileSync(path.join(launch.site.outputDir, "index.html"), "utf8");
    writeFileSync(path.join(dir, "broken.css"), "@media (prefers-color-scheme: dark) { .faint { color: #555; background: #333; } }\n");
    writeFileSync(path.join(dir, "missing.png"), "");
    writeFileSync(
      path.join(dir, "index.html"),
      home
        .replace("</head>", `<link rel="stylesheet" href="/broken/broken.css">\n</head>`)
        .replace("<main id=\"main\">", `<main id="main">\n<img src="/broken/missing.png">\n<p class="faint">Hard to read at night.</p>`),
    );
    const { light = [], dark = [] } = await audit(launch.origin, "/broken/");
    expect(light.map((v) => v.id)).toContain("image-alt");
    expect(light.map((v) => v.id)).not.toContain("color-contrast");
    expect(dark.map((v) => v.id)).toEqual(expect.arrayContaining(["image-alt", "color-contrast"]));
    expect(dark.find((v) => v.id === "color-contrast")?.nodes.join()).toContain(".faint");
  });
});
