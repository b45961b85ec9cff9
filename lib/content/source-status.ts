// The record of what `npm run check:sources` saw: `_data/source-status.yaml`, beside the
// registries. Per source id, per link (`url`, `archived`): the status, the HTTP code, where a
// redirect led, when it was checked and since when it has failed. The build reads it (no
// network); the check command writes it, in a stable order so a diff shows only what changed.
import { existsSync, readFileSync } from "node:fs";
import { readBounded, type ReadLimits } from "./files.ts";
import { z } from "zod";
import type { ContentProblem } from "../core/errors.ts";
import { isSlug } from "../core/slugs.ts";
import { parseWith } from "./schema.ts";
import { decodeText, expectMapping, parseYaml, yamlLineFinder } from "./yaml.ts";

export const STATUS_FILE_NAME = "source-status.yaml";

/** What a check concludes about a link (lib/sources/check.ts decides; this file records). */
export const LINK_STATUSES = ["ok", "redirected", "gone", "blocked", "unreachable", "error"] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];
export const LINK_FIELDS = ["url", "archived"] as const;
export type LinkField = (typeof LINK_FIELDS)[number];

const day = z.string({ error: "a date as YYYY-MM-DD" }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: "a date as YYYY-MM-DD" });

const linkRecordSchema = z.strictObject(
  {
    /** The address that was checked: a record for another address (the source was edited since) is stale. */
    target: z.string({ error: "the URL that was checked" }).min(1, { error: "the URL that was checked" }),
    status: z.enum(LINK_STATUSES, { error: `one of ${LINK_STATUSES.join(", ")}` }),
    code: z.number({ error: "an HTTP status code" }).int().min(100).max(599).optional(),
    /** Where the redirects led (for `redirected`, the URL to put in sources.yaml). */
    finalUrl: z.string({ error: "a URL" }).optional(),
    detail: z.string({ error: "a short text" }).optional(),
    checked: day,
    /** The first check of an unbroken run of failures (gone, blocked, unreachable, error). */
    failingSince: day.optional(),
  },
  { error: "only target, status, code, finalUrl, detail, checked, failingSince" },
);
export type LinkRecord = z.output<typeof linkRecordSchema>;

const entrySchema = z.strictObject(
  { url: linkRecordSchema.optional(), archived: linkRecordSchema.optional() },
  { error: "only url: and archived: (what the check saw at each)" },
);
export type SourceStatusEntry = z.output<typeof entrySchema>;
export type SourceStatus = Map<string, SourceStatusEntry>;

/** Whether a status means the link has failed. */
export const isFailing = (status: LinkStatus) => status !== "ok" && status !== "redirected";

/** Parses the file's text; every problem is pushed, and valid entries are kept. */
export function parseSourceStatus(text: string, shown: string, problems: ContentProblem[]): SourceStatus {
  const status: SourceStatus = new Map();
  const parsed = parseYaml(text, shown);
  if (!parsed.ok) {
    problems.push({ ...parsed.problem, hint: "the file is written by npm run check:sources: run it again, or delete the file" });
    return status;
  }
  if (parsed.value === null || parsed.value === undefined) return status;
  const notMapping = expectMapping(parsed.value, shown, "entries keyed by source id");
  if (notMapping) {
    problems.push(notMapping);
    return status;
  }
  const lineOf = yamlLineFinder(text);
  for (const [id, value] of Object.entries(parsed.value as Record<string, unknown>)) {
    if (!isSlug(id)) {
      problems.push({ file: shown, field: id, line: lineOf([id]), expected: "a source id in lowercase-with-hyphens", got: JSON.stringify(id) });
      continue;
    }
    const result = parseWith(entrySchema, value ?? {}, { file: shown, prefix: [id], lineOf });
    if (result.ok) status.set(id, result.value);
    else problems.push(...result.problems);
  }
  return status;
}

/** Reads the status file if there is one (a site never checked has none: that is not a problem). */
export function readSourceStatus(file: string, shown: string, problems: ContentProblem[], limits?: ReadLimits): SourceStatus {
  if (!existsSync(file)) return new Map();
  let bytes: Buffer;
  if (limits) {
    // Within the content folder's bounds, like every other file there (lib/content/files.ts).
    const read = readBounded(file, limits);
    if (!read.ok) {
      problems.push({ file: shown, ...read.problem });
      return new Map();
    }
    bytes = read.bytes;
  } else bytes = readFileSync(file);
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    problems.push({ file: shown, line: decoded.line, expected: "UTF-8 text", got: decoded.got });
    return new Map();
  }
  return parseSourceStatus(decoded.text, shown, problems);
}

const HEADER = [
  "# Written by `npm run check:sources`: what the last check of each source's links saw.",
  "# The build reads it and never the network. Do not edit by hand: run the check again.",
  "# Per source id, for url and archived: target (the URL checked), status (ok, redirected,",
  "# gone, blocked, unreachable, error), code, finalUrl, detail, checked, failingSince.",
];

const FIELD_ORDER = ["target", "status", "code", "finalUrl", "detail", "checked", "failingSince"] as const;

function recordLines(field: LinkField, record: LinkRecord): string[] {
  const lines = [`  ${field}:`];
  for (const key of FIELD_ORDER) {
    const value = record[key];
    if (value === undefined) continue;
    const shown = typeof value === "number" || key === "status" || key === "checked" || key === "failingSince" ? String(value) : JSON.stringify(value);
    lines.push(`    ${key}: ${shown}`);
  }
  return lines;
}

/** The file's text: the header, then entries sorted by id, fields in one order. Same data, same bytes. */
export function serializeSourceStatus(status: SourceStatus): string {
  const lines = [...HEADER];
  for (const id of [...status.keys()].sort()) {
    const entry = status.get(id)!;
    lines.push(`${id}:`);
    for (const field of LINK_FIELDS) {
      const record = entry[field];
      if (record) lines.push(...recordLines(field, record));
    }
  }
  return `${lines.join("\n")}\n`;
}
