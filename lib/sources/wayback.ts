// The Wayback Machine, from `npm run archive` and `npm run new:source -- --archive`: the
// availability API (the snapshot closest to a day) and Save Page Now (a new capture). Both
// endpoints are settings (lib/core/env.ts), so tests point them at a local fake.
import { getText } from "./http.ts";

export interface WaybackOptions {
  /** The availability API, e.g. https://archive.org/wayback/available. */
  api: string;
  /** Save Page Now; the URL to save is appended, e.g. https://web.archive.org/save/. */
  save: string;
  timeoutMs: number;
  userAgent: string;
}

export type Snapshot = { ok: true; url: string; timestamp: string | undefined } | { ok: false; why: string };

const MAX_ANSWER = 256 * 1024;

/** `2019-03-06` → `20190306`, the API's timestamp. */
export const waybackDay = (isoDay: string) => isoDay.replaceAll("-", "").slice(0, 8);

/** The archive's own snapshot links come back as http://; the same address over https is what readers should get. */
function secure(url: string): string {
  return url.replace(/^http:\/\/(web\.)?archive\.org\//, (_m, web: string | undefined) => `https://${web ?? ""}archive.org/`);
}

/** The snapshot closest to `day` (YYYY-MM-DD), when the archive has one that answered 200. */
export async function findSnapshot(url: string, day: string | undefined, options: WaybackOptions): Promise<Snapshot> {
  const query = new URL(options.api);
  query.searchParams.set("url", url);
  if (day) query.searchParams.set("timestamp", waybackDay(day));
  const answer = await getText(query, { timeoutMs: options.timeoutMs, userAgent: options.userAgent, maxBytes: MAX_ANSWER });
  if (!answer.ok) return { ok: false, why: `the availability API did not answer (${answer.why})` };
  if (answer.code !== 200) return { ok: false, why: `the availability API answered ${answer.code}` };
  let closest: { available?: unknown; url?: unknown; status?: unknown; timestamp?: unknown } | undefined;
  try {
    closest = (JSON.parse(answer.text) as { archived_snapshots?: { closest?: typeof closest } }).archived_snapshots?.closest;
  } catch {
    return { ok: false, why: "the availability API answered something other than JSON" };
  }
  if (!closest || closest.available !== true || typeof closest.url !== "string") return { ok: false, why: "no snapshot in the archive" };
  if (closest.status !== undefined && String(closest.status) !== "200") return { ok: false, why: `the closest snapshot recorded a ${String(closest.status)}, not the story` };
  return { ok: true, url: secure(closest.url), timestamp: typeof closest.timestamp === "string" ? closest.timestamp : undefined };
}

/** Asks Save Page Now for a capture of `url` and reads the snapshot's address from the answer. */
export async function saveSnapshot(url: string, options: WaybackOptions): Promise<Snapshot> {
  const endpoint = new URL(`${options.save}${url}`);
  const answer = await getText(endpoint, { timeoutMs: options.timeoutMs, userAgent: options.userAgent, maxBytes: MAX_ANSWER });
  if (!answer.ok) return { ok: false, why: `Save Page Now did not answer (${answer.why})` };
  const where = answer.contentLocation ?? (answer.code >= 300 && answer.code < 400 ? answer.location : undefined);
  if (answer.code >= 400 || !where) return { ok: false, why: `Save Page Now answered ${answer.code} without the snapshot's address` };
  const snapshot = secure(new URL(where, endpoint).href);
  return { ok: true, url: snapshot, timestamp: /\/web\/(\d{14})/.exec(snapshot)?.[1] };
}
