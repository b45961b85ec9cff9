// Post-build checks: pure functions from the built pages' facts to issues. They only read;
// they run once per build, fail a production build and warn in the dev server.
import type { PageFacts } from "./facts.ts";
import { count } from "../core/text.ts";

export interface CheckIssue {
  /** Page URL (or file) the issue is on. */
  page: string;
  message: string;
}

export interface BuiltSite {
  pages: PageFacts[];
  /** Every file in the output, as site URLs (`/css/gloss.css`, `/posts/x/index.html`). */
  files: Set<string>;
  /** `/` (the default) or `/blog/`: links in the HTML carry it, page URLs and `files` do not. */
  pathPrefix?: string;
  /** The site's origin (`https://example.org`), so absolute links to the site itself are checked. */
  siteOrigin?: string;
  /** Only some pages were built (a dev-server rebuild): checks of the whole site are skipped. */
  partial?: boolean;
  /**
   * Pages carried over byte for byte from the last build, which passed every check with the same
   * code and settings (a warm production build, lib/pipeline/warm.ts): a check of each page by
   * itself (csp.ts) has read them already. A check of the whole site (links.ts) reads them too.
   */
  carried?: ReadonlySet<PageFacts>;
  /** Reads an output file by site URL (undefined when there is none). Checks only read. */
  read?: (url: string) => Buffer | undefined;
}

export type Check = (site: BuiltSite) => CheckIssue[];

export interface NamedCheck {
  name: string;
  run: Check;
}

export function runChecks(site: BuiltSite, checks: readonly NamedCheck[]): { check: string; issue: CheckIssue }[] {
  return checks.flatMap((check) => check.run(site).map((issue) => ({ check: check.name, issue })));
}

export function formatIssue({ check, issue }: { check: string; issue: CheckIssue }): string {
  return `${issue.page} › ${check}: ${issue.message}`;
}

export class CheckFailure extends Error {
  constructor(readonly lines: string[]) {
    super(`${count(lines.length, "post-build check failure")}:\n${lines.map((l) => `  ${l}`).join("\n")}`);
    this.name = "CheckFailure";
  }
}
