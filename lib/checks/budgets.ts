// Page-weight budgets: every page's HTML plus the CSS it loads fits in one round trip
// (14 KiB gzipped), no JavaScript except where allowed (search), listings stay bounded.
import { gzipSync } from "node:zlib";
import type { BuiltSite, CheckIssue, NamedCheck } from "./index.ts";

export interface BudgetOptions {
  /** Largest gzipped HTML + stylesheets of one page, in bytes. */
  maxGzipBytes: number;
  /** Page URLs (prefix match) allowed to load JavaScript. */
  scriptPages: string[];
  /** Most list items (`<li>`) one page may hold: listings must be paginated. */
  maxListItems: number;
}

export const budgetDefaults = { maxGzipBytes: 14 * 1024, scriptPages: ["/search/"], maxListItems: 250 } satisfies BudgetOptions;

/** Script types that are data, not code (JSON-LD): they cost no JavaScript. */
const DATA_SCRIPT_TYPES = new Set(["application/ld+json", "application/json"]);

export function gzipSize(data: Buffer | string): number {
  return gzipSync(data, { level: 9 }).length;
}

export function checkBudgets(site: BuiltSite, options: Partial<BudgetOptions> = {}): CheckIssue[] {
  const o = { ...budgetDefaults, ...options };
  const cssSizes = new Map<string, number>();
  const cssSize = (href: string) => {
    const url = href.split(/[?#]/)[0]!;
    let size = cssSizes.get(url);
    if (size === undefined) {
      const file = site.read?.(url);
      size = file ? gzipSize(file) : 0;
      cssSizes.set(url, size);
    }
    return size;
  };
  const issues: CheckIssue[] = [];
  for (const page of site.pages) {
    const html = site.read?.(page.url.endsWith("/") ? `${page.url}index.html` : page.url);
    const htmlGzip = html ? gzipSize(html) : 0;
    const css = page.links.filter((l) => l.tag === "link" && l.rel?.split(/\s+/).includes("stylesheet") && l.value.startsWith("/")).reduce((sum, l) => sum + cssSize(l.value), 0);
    if (htmlGzip + css > o.maxGzipBytes) {
      issues.push({ page: page.url, message: `HTML + CSS is ${htmlGzip + css} bytes gzipped (HTML ${htmlGzip}, CSS ${css}), over the budget of ${o.maxGzipBytes}` });
    }
    const code = page.scripts.filter((s) => !DATA_SCRIPT_TYPES.has((s.type ?? "").toLowerCase()));
    if (code.length > 0 && !o.scriptPages.some((prefix) => page.url.startsWith(prefix))) {
      issues.push({ page: page.url, message: `loads JavaScript (${code.map((s) => s.src ?? "inline").join(", ")}); only ${o.scriptPages.join(", ")} may` });
    }
    if (page.listItems > o.maxListItems) {
      issues.push({ page: page.url, message: `holds ${page.listItems} list items, over ${o.maxListItems}: paginate it` });
    }
  }
  return issues;
}

export function budgetsCheck(options: Partial<BudgetOptions> = {}): NamedCheck {
  return { name: "budget", run: (site) => checkBudgets(site, options) };
}
