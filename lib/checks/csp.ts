// Post-build check: nothing on a page that its Content Security Policy (lib/outputs/csp.ts) would block.
// Inline script (JSON-LD data blocks aside), event-handler attributes, style= attributes, <style>
// elements, javascript: URLs, resources from other sites, and a missing or stale <meta> policy.
import { metaPolicy, policyFor, type Directive, type Policy } from "../outputs/csp.ts";
import type { CheckIssue, NamedCheck } from "./index.ts";
import type { LinkFact, PageFacts } from "./facts.ts";

/** `<script type>` values that are data, never executed, so no policy applies to them. */
export const DATA_BLOCK_TYPES: readonly string[] = ["application/ld+json"];

function allowsInline(policy: Policy, directive: Directive): boolean {
  return (policy[directive] ?? policy["default-src"] ?? []).includes("'unsafe-inline'" as never);
}

/** Which directive governs a loaded resource, or undefined for a plain link. */
function directiveOf(link: LinkFact): Directive | undefined {
  if (link.tag === "script") return "script-src";
  if (link.tag === "img") return "img-src";
  if (link.tag === "iframe") return "frame-src";
  if (link.tag === "link" && /(^|\s)stylesheet(\s|$)/i.test(link.rel ?? "")) return "style-src";
  return undefined;
}

/** Whether a resource URL as written in the page is allowed by a directive's sources. */
function allowsUrl(policy: Policy, directive: Directive, value: string): boolean {
  const sources: readonly string[] = policy[directive] ?? policy["default-src"] ?? [];
  const trimmed = value.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  const sameOrigin = scheme === undefined && !trimmed.startsWith("//");
  if (sameOrigin) return sources.includes("'self'");
  if (scheme === "https" || scheme === "http" || trimmed.startsWith("//")) {
    const origin = new URL(trimmed, "https://placeholder.invalid/").origin;
    return sources.includes(origin);
  }
  return scheme !== undefined && sources.includes(`${scheme}:`);
}

export function checkPageCsp(page: PageFacts, policy: Policy = policyFor(page.url), expectedMeta: string = metaPolicy(page.url)): string[] {
  const messages: string[] = [];
  for (const script of page.scripts) {
    if (script.src !== undefined) continue;
    const type = (script.type ?? "").trim().toLowerCase();
    if (DATA_BLOCK_TYPES.includes(type)) continue;
    if (!allowsInline(policy, "script-src")) {
      messages.push(`inline <script${type ? ` type="${type}"` : ""}> (${script.inlineLength} characters) is blocked by script-src: move it to a file under public/`);
    }
  }
  if (!allowsInline(policy, "script-src")) {
    for (const handler of page.handlers) messages.push(`event-handler attribute ${handler} is blocked by script-src: attach the listener from a script file`);
  }
  if (!allowsInline(policy, "style-src")) {
    for (const tag of page.styleAttributes) messages.push(`style= attribute on <${tag}> is blocked by style-src: use a class in public/css/`);
    if (page.styleElements > 0) messages.push(`${page.styleElements} inline <style> element(s) blocked by style-src: move the rules to public/css/`);
  }
  for (const link of page.links) {
    if (/^\s*javascript:/i.test(link.value)) {
      messages.push(`${link.tag}[${link.attr}] is a javascript: URL, which script-src blocks: ${JSON.stringify(link.value.slice(0, 60))}`);
      continue;
    }
    const directive = directiveOf(link);
    if (directive && !allowsUrl(policy, directive, link.value)) {
      messages.push(`${link.tag}[${link.attr}] ${JSON.stringify(link.value.slice(0, 80))} is not allowed by ${directive}: serve it from this site (public/)`);
    }
  }
  if (page.metaCsp === undefined) messages.push(`no <meta http-equiv="Content-Security-Policy">: the layout must include partials/head-security.njk`);
  else if (page.metaCsp !== expectedMeta) messages.push(`the <meta> Content-Security-Policy is not the one lib/outputs/csp.ts gives this page: ${JSON.stringify(page.metaCsp)}`);
  return messages;
}

export const cspCheck: NamedCheck = {
  name: "csp",
  run: (site) => site.pages.flatMap((page): CheckIssue[] => (site.carried?.has(page) ? [] : checkPageCsp(page).map((message) => ({ page: page.url, message })))),
};
