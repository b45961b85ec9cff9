// `npm run check:sources`, pure parts: which links to check this run, how the results update
// the status record, and the report (a summary table, then one line per problem naming the
// source id and its line in sources.yaml).
import { LINK_FIELDS, LINK_STATUSES, isFailing, type LinkField, type LinkRecord, type SourceStatus } from "../content/source-status.ts";
import type { LinkCheck } from "./check.ts";

/** A source's links as the registry has them, with the lines to name in messages. */
export interface SourceLinks {
  id: string;
  url: string;
  archived: string | undefined;
  /** 1-based lines of `url:` and `archived:` in sources.yaml. */
  lines: Partial<Record<LinkField, number>>;
}

export interface PlannedCheck {
  id: string;
  field: LinkField;
  url: string;
}

export interface PlanOptions {
  /** Today, YYYY-MM-DD, in the site's zone. */
  today: string;
  /** Skip links checked fewer than this many days ago (and at the same address). */
  olderThanDays: number | undefined;
  /** Check only this source. */
  only: string | undefined;
}

/** `30d` → 30. Undefined when the text is not a number of days. */
export function parseDays(text: string): number | undefined {
  const match = /^(\d+)d?$/.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

/** `15s`, `500ms` or a bare number of milliseconds, for the commands' time flags. */
export function parseMilliseconds(text: string): number | undefined {
  const match = /^(\d+)(ms|s)?$/.exec(text.trim());
  return match ? Number(match[1]) * (match[2] === "s" ? 1000 : 1) : undefined;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The links to check this run, in source-id order; and how many were skipped as recent. */
export function planChecks(sources: readonly SourceLinks[], status: SourceStatus, options: PlanOptions): { checks: PlannedCheck[]; recent: number } {
  const checks: PlannedCheck[] = [];
  let recent = 0;
  for (const source of [...sources].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (options.only !== undefined && source.id !== options.only) continue;
    for (const field of LINK_FIELDS) {
      const url = source[field];
      if (url === undefined) continue;
      const record = status.get(source.id)?.[field];
      const fresh = record && record.target === url && options.olderThanDays !== undefined && daysBetween(record.checked, options.today) < options.olderThanDays;
      if (fresh) recent += 1;
      else checks.push({ id: source.id, field, url });
    }
  }
  return { checks, recent };
}

/** What to record of one check, given the record it replaces (for `failingSince`). */
export function toRecord(check: LinkCheck, before: LinkRecord | undefined, today: string): LinkRecord {
  const failing = isFailing(check.status);
  const wasFailing = before && before.target === check.url && isFailing(before.status);
  const finalUrl = check.status === "redirected" ? check.suggestedUrl : check.finalUrl;
  return {
    target: check.url,
    status: check.status,
    ...(check.code !== undefined ? { code: check.code } : {}),
    ...(finalUrl !== undefined ? { finalUrl } : {}),
    ...(check.status !== "ok" ? { detail: check.detail } : {}),
    checked: today,
    ...(failing ? { failingSince: wasFailing ? (before.failingSince ?? before.checked) : today } : {}),
  };
}

/**
 * The status after this run: each checked link's new record; every other record kept as it
 * was (byte for byte once written), except those of sources or links no longer in sources.yaml.
 */
export function updateStatus(before: SourceStatus, sources: readonly SourceLinks[], results: readonly { check: PlannedCheck; result: LinkCheck }[], today: string): SourceStatus {
  const after: SourceStatus = new Map();
  for (const source of sources) {
    const old = before.get(source.id);
    const entry: { url?: LinkRecord; archived?: LinkRecord } = {};
    for (const field of LINK_FIELDS) if (source[field] !== undefined && old?.[field]) entry[field] = old[field];
    if (entry.url || entry.archived) after.set(source.id, entry);
  }
  for (const { check, result } of results) {
    const entry = after.get(check.id) ?? {};
    entry[check.field] = toRecord(result, before.get(check.id)?.[check.field], today);
    after.set(check.id, entry);
  }
  return after;
}

/** The summary table: one row per status, a column per link kind. */
export function summaryTable(results: readonly { check: PlannedCheck; result: LinkCheck }[], recent: number): string[] {
  const counts = new Map<string, { url: number; archived: number }>();
  for (const status of LINK_STATUSES) counts.set(status, { url: 0, archived: 0 });
  for (const { check, result } of results) counts.get(result.status)![check.field] += 1;
  const rows = [["status", "url", "archived"], ...LINK_STATUSES.map((status) => [status, String(counts.get(status)!.url), String(counts.get(status)!.archived)])];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) => `${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padStart(widths[1]!)}  ${row[2]!.padStart(widths[2]!)}`);
  lines.splice(1, 0, `${"-".repeat(widths[0]!)}  ${"-".repeat(widths[1]!)}  ${"-".repeat(widths[2]!)}`);
  if (recent > 0) lines.push(`(${recent} link${recent === 1 ? "" : "s"} checked recently, skipped)`);
  return lines;
}

/** One line per link that is not plainly ok: `file:line › id.field: status (detail) url`, and what to do. */
export function problemLines(results: readonly { check: PlannedCheck; result: LinkCheck }[], sources: readonly SourceLinks[], file: string): string[] {
  const byId = new Map(sources.map((source) => [source.id, source]));
  const lines: string[] = [];
  for (const { check, result } of results) {
    if (result.status === "ok") continue;
    const line = byId.get(check.id)?.lines[check.field];
    const where = line === undefined ? file : `${file}:${line}`;
    let advice = "";
    if (result.status === "redirected") advice = ` → moved permanently: use ${result.suggestedUrl}`;
    else if (check.field === "url" && (result.status === "gone" || result.status === "blocked") && byId.get(check.id)?.archived === undefined) advice = " → no archived copy: npm run archive finds one";
    lines.push(`${where} › ${check.id}.${check.field}: ${result.status} (${result.detail}) ${check.url}${advice}`);
  }
  return lines;
}
