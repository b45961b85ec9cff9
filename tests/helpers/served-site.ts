// A built site served like a static host on 127.0.0.1, for browser tests: the launch site
// (the real posts/) or a fixture site, each built by the real `npm run build` entry point.
import type { Server } from "node:http";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { createStaticServer, listen } from "../../lib/preview/static-server.ts";
import { launchChromium } from "./browser.ts";
import { ROOT, buildSite, type FixtureSite } from "./site.ts";
import { makeTempDir } from "./temp.ts";

export interface ServedSite {
  site: FixtureSite;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  close(): Promise<void>;
}

/** The launch site (this repository's posts/) as a fixture: built into a temp folder removed after the calling test file. */
export function launchSite(): FixtureSite {
  const dir = makeTempDir("gloss-e2e-");
  return { dir, contentDir: path.join(ROOT, "posts"), outputDir: path.join(dir, "_site") };
}

/** Builds `site` (throwing with the build's output if it fails) and serves it at `/`. */
export async function buildAndServe(site: FixtureSite): Promise<ServedSite> {
  const result = await buildSite(site);
  if (result.code !== 0) throw new Error(`Build of ${site.contentDir} failed:\n${result.stderr}${result.stdout}`);
  return serve(site);
}

/** Serves an already built site. */
export async function serve(site: FixtureSite): Promise<ServedSite> {
  const server: Server = createStaticServer({ root: site.outputDir, pathPrefix: "/" });
  const origin = await listen(server);
  return { site, origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A served site with a Chromium to read it in. Fields are filled by the hooks `inChromium` registers. */
export interface SiteInChromium extends ServedSite {
  browser: Browser;
}

/**
 * Registers beforeAll/afterAll in the calling describe block: builds and serves `make()` and
 * launches Chromium, then closes both. Read the fields inside tests, after the hook has run.
 */
export function inChromium(make: () => FixtureSite = launchSite): SiteInChromium {
  const ctx = {} as SiteInChromium;
  beforeAll(async () => {
    Object.assign(ctx, await buildAndServe(make()));
    ctx.browser = await launchChromium();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.close?.();
  });
  return ctx;
}
