// Checking one link: HEAD (GET where a server refuses HEAD), redirects followed by hand so each
// hop is recorded and a loop is caught, transient failures retried with back-off (429 honours
// Retry-After, capped), and the outcome classified the way the status file records it.
import type { LookupFunction } from "node:net";
import type { LinkStatus } from "../content/source-status.ts";
import { probe, type ProbeResult } from "./http.ts";

export interface Hop {
  url: string;
  code: number;
}

export interface LinkCheck {
  url: string;
  status: LinkStatus;
  /** The last HTTP status seen (undefined when no response came). */
  code: number | undefined;
  /** For `redirected`: where the permanent redirects lead, the URL to put in sources.yaml. */
  suggestedUrl: string | undefined;
  /** The URL the chain ended at, when it is not `url`. */
  finalUrl: string | undefined;
  /** Every response on the way, in order. */
  chain: Hop[];
  /** A few words on what happened: "404", "redirect loop", "timeout (no response in 15000 ms), 3 attempts". */
  detail: string;
}

export interface CheckOptions {
  timeoutMs: number;
  userAgent: string;
  /** Attempts after the first, for transient failures (5xx, 429, timeouts, resets). */
  retries: number;
  /** Back-off before retry n (from 0): backoffMs × 2ⁿ. */
  backoffMs: number;
  /** The longest Retry-After honoured; a longer one is cut to this. */
  maxRetryAfterMs: number;
  maxHops: number;
  /** Waits for the host's turn (the per-host rate limit); resolves when a request may go. */
  gate: (host: string) => Promise<void>;
  sleep: (ms: number) => Promise<void>;
  lookup?: LookupFunction | undefined;
}

export const CHECK_DEFAULTS = {
  timeoutMs: 15_000,
  retries: 2,
  backoffMs: 1_000,
  maxRetryAfterMs: 60_000,
  maxHops: 10,
} satisfies Partial<CheckOptions>;

/** HEAD answers some servers give where GET would work: ask again with GET. */
const HEAD_REFUSED = new Set([400, 403, 404, 405, 501]);
const PERMANENT = new Set([301, 308]);
const REDIRECT = new Set([301, 302, 303, 307, 308]);
const GONE = new Set([404, 410]);
const BLOCKED = new Set([401, 402, 403, 451]);

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

const isTransient = (result: ProbeResult) =>
  result.kind === "error" ? result.error === "timeout" || result.error === "reset" : result.code >= 500 || result.code === 429;

/** One URL, HEAD first then GET if HEAD is refused, retried while the failure is transient. */
async function fetchStatus(url: URL, options: CheckOptions): Promise<{ result: ProbeResult; attempts: number }> {
  let result: ProbeResult = { kind: "error", error: "other", detail: "not tried" };
  for (let attempt = 0; attempt <= options.retries; attempt += 1) {
    await options.gate(url.host);
    result = await probe(url, { method: "HEAD", timeoutMs: options.timeoutMs, userAgent: options.userAgent, lookup: options.lookup });
    if (result.kind === "response" && HEAD_REFUSED.has(result.code)) {
      await options.gate(url.host);
      result = await probe(url, { method: "GET", timeoutMs: options.timeoutMs, userAgent: options.userAgent, lookup: options.lookup });
    }
    if (!isTransient(result) || attempt === options.retries) return { result, attempts: attempt + 1 };
    const asked = result.kind === "response" && result.code === 429 ? retryAfterMs(result.retryAfter, Date.now()) : undefined;
    await options.sleep(asked === undefined ? options.backoffMs * 2 ** attempt : Math.min(asked, options.maxRetryAfterMs));
  }
  return { result, attempts: options.retries + 1 };
}

function statusOf(code: number): LinkStatus {
  if (code >= 200 && code < 300) return "ok";
  if (GONE.has(code)) return "gone";
  if (BLOCKED.has(code)) return "blocked";
  if (code >= 500 || code === 429) return "unreachable";
  return "error";
}

/** Checks one link, following up to maxHops redirects. Never rejects. */
export async function checkLink(url: string, options: CheckOptions): Promise<LinkCheck> {
  const chain: Hop[] = [];
  const seen = new Set<string>();
  let current = new URL(url);
  // Where the first run of permanent redirects leads: the address the story has moved to.
  let suggested: string | undefined;
  let stillPermanent = true;
  const done = (status: LinkStatus, code: number | undefined, detail: string): LinkCheck => {
    const finalUrl = current.href === new URL(url).href ? undefined : current.href;
    const suggestedUrl = status === "ok" && suggested !== undefined ? suggested : undefined;
    return { url, status: suggestedUrl ? "redirected" : status, code, suggestedUrl, finalUrl, chain, detail };
  };
  for (let hop = 0; hop <= options.maxHops; hop += 1) {
    if (seen.has(current.href)) return done("error", chain.at(-1)?.code, `redirect loop back to ${current.href}`);
    seen.add(current.href);
    const { result, attempts } = await fetchStatus(current, options);
    const tries = attempts > 1 ? `, ${attempts} attempts` : "";
    if (result.kind === "error") return done("unreachable", undefined, `${result.error} (${result.detail})${tries}`);
    chain.push({ url: current.href, code: result.code });
    if (REDIRECT.has(result.code)) {
      if (!result.location) return done("error", result.code, `${result.code} without a Location header`);
      let next: URL;
      try {
        next = new URL(result.location, current);
      } catch {
        return done("error", result.code, `${result.code} to an invalid Location "${result.location}"`);
      }
      if (next.protocol !== "http:" && next.protocol !== "https:") return done("error", result.code, `${result.code} to a non-web address ${next.href}`);
      if (stillPermanent && PERMANENT.has(result.code)) suggested = next.href;
      else stillPermanent = false;
      current = next;
      continue;
    }
    return done(statusOf(result.code), result.code, `${chain.map((h) => h.code).join(" → ")}${tries}`);
  }
  return done("error", chain.at(-1)?.code, `more than ${options.maxHops} redirects`);
}
