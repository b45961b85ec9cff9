// A built site served like a static host on 127.0.0.1, for browser tests: the launch site
// (the real posts/) or a fixture site, each built by the real `npm run build` entry point.
import { mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createStaticServer, listen } from "../../lib/static-server.ts";
import { ROOT, buildSite, type FixtureSite } from "./site.ts";

export interface ServedSite {
  site: FixtureSite;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  close(): Promise<void>;
}

/** The launch site (this repository's posts/) as a fixture: built into a fresh temp folder. */
export function launchSite(): FixtureSite {
  const dir = mkdtempSync(path.join(tmpdir(), "gloss-e2e-"));
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
