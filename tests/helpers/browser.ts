// Debian's Chromium driven by playwright-core for browser tests. A missing browser is a test
// failure with a clear message, never a skip.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, readEnv } from "../../lib/core/env.ts";

export async function launchChromium(): Promise<Browser> {
  const executablePath = readEnv().chromium;
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}. Install it with: apt-get install -y chromium (npm test does this), or set GLOSS_CHROMIUM.`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}
