// `npm run preview` on a fixture site built for /blog/: a reader in Chromium gets clean URLs,
// the stylesheet, redirects to the trailing slash and the 404 page, as on a static host.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/browser.ts";
import { ROOT, TSX, buildSite, makeSite, postFile, runCli, type FixtureSite } from "../helpers/site.ts";

const PREFIX = { GLOSS_PATH_PREFIX: "/blog/" };

describe("npm run preview", () => {
  let site: FixtureSite;
  let child: ChildProcess;
  let origin: string;
  let output = "";
  let browser: Browser;
  beforeAll(async () => {
    site = makeSite({ "first-post.md": postFile({ title: "First post" }) });
    expect((await buildSite(site, PREFIX)).code).toBe(0);
    // A headers file as hosts read it (the build writes the real one).
    writeFileSync(path.join(site.outputDir, "_headers"), "/*\n  X-Content-Type-Options: nosniff\n/posts/*\n  X-Robots-Tag: noindex\n");
    child = spawn(process.execPath, ["--import", TSX, path.join(ROOT, "lib/cli/preview.ts"), "--port", "0"], {
      cwd: site.dir,
      env: { ...process.env, GLOSS_CONTENT_DIR: site.contentDir, GLOSS_OUTPUT_DIR: site.outputDir, ...PREFIX },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    origin = await new Promise<string>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /at (http:\/\/127\.0\.0\.1:\d+)\/blog\/ \(Ctrl-C to stop\)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.on("close", (code) => reject(new Error(`preview exited ${code}: ${output}`)));
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    // Waited for: the site it serves is removed after this hook (tests/setup.ts).
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, "exit");
      child.kill();
      await exited;
    }
  });

  it("prints where it serves _site, on 127.0.0.1 under the prefix", () => {
    expect(output).toMatch(/^Serving _site as a static host would at http:\/\/127\.0\.0\.1:\d+\/blog\/ \(Ctrl-C to stop\)\n  with the headers of _site\/_headers \(2 rules\)\n/);
  });

  it("sends the headers of _site/_headers, matched within the site", async () => {
    const post = await fetch(`${origin}/blog/posts/first-post/`);
    expect([post.headers.get("x-content-type-options"), post.headers.get("x-robots-tag")]).toEqual(["nosniff", "noindex"]);
    const home = await fetch(`${origin}/blog/`);
    expect([home.headers.get("x-content-type-options"), home.headers.get("x-robots-tag")]).toEqual(["nosniff", null]);
    const missing = await fetch(`${origin}/blog/nope/`);
    expect([missing.status, missing.headers.get("x-content-type-options")]).toEqual([404, "nosniff"]);
  });

  it("serves clean URLs and the stylesheet under the prefix, and redirects to the trailing slash", async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on("response", (response) => {
      if (response.status() >= 400) failed.push(response.url());
    });
    await page.goto(`${origin}/blog/`);
    await page.getByRole("link", { name: "First post" }).click();
    await expect.poll(() => page.url()).toBe(`${origin}/blog/posts/first-post/`);
    expect(await page.locator("h1").textContent()).toBe("First post");
    // The stylesheet loaded from under the prefix, with its rules (once the page has loaded).
    await page.waitForLoadState("load");
    const sheets = await page.evaluate(() => [...document.styleSheets].map((sheet) => [new URL(sheet.href ?? "").pathname, sheet.cssRules.length > 0]));
    expect(sheets).toEqual([["/blog/css/gloss.css", true]]);
    await page.goto(`${origin}/blog/posts/first-post`);
    expect(page.url()).toBe(`${origin}/blog/posts/first-post/`);
    expect(failed).toEqual([]);
    await page.close();
  });

  it("answers unknown addresses with the site's 404 page and status 404", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${origin}/blog/no/such/page/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Page not found");
    await page.getByRole("link", { name: "the archive" }).click();
    await expect.poll(() => page.url()).toBe(`${origin}/blog/archive/`);
    expect((await fetch(`${origin}/`)).status).toBe(404);
    await page.close();
    expect(output).toContain("404 GET /blog/no/such/page/");
  });

  it("says what to do when there is no built site or the port is taken", async () => {
    const empty = makeSite();
    const none = await runCli("preview.ts", empty);
    expect([none.code, none.stderr]).toEqual([1, "No site in _site: run `npm run build` first.\n"]);
    const port = new URL(origin).port;
    const taken = await runCli("preview.ts", site, PREFIX, ["--port", port]);
    expect([taken.code, taken.stderr]).toEqual([1, `Port ${port} is in use: try \`npm run preview -- --port ${Number(port) + 1}\`.\n`]);
  });
});
