// axe-core run inside a Chromium page at the WCAG 2.1 AA tags. The script is injected from
// node_modules (no network); contexts that use it bypass the site's CSP, which forbids inline scripts.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "./site.ts";

export const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const AXE_SOURCE = readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** CSS selectors of the offending nodes, with axe's one-line summary of each. */
  nodes: string[];
}

interface AxeResultsLike {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
}

/** Runs axe on the page as it is now (after `page.goto`/`emulateMedia`) and returns its violations. */
export async function auditAccessibility(page: Page): Promise<AxeViolation[]> {
  // Let running CSS transitions finish: after a colour-scheme switch, link colours fade between
  // the two themes, and axe would measure the contrast of a half-way colour.
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.addScriptTag({ content: AXE_SOURCE });
  const results = await page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResultsLike> } }).axe;
    return axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
  }, WCAG_21_AA);
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${(n.failureSummary ?? "").replace(/\s+/g, " ")}`),
  }));
}

/** One line per violation, for a readable assertion failure. */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations.flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${v.help} — ${node}`));
}
