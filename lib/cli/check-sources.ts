// `npm run check:sources [-- --strict --older-than 30d --only <id> --concurrency 4 --timeout 15s]`:
// asks every source's `url` and `archived` address whether it still answers, prints a summary
// and one line per problem, and records what it saw in _data/source-status.yaml for the build.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readContent } from "../content/read.ts";
import { readOptions } from "../pipeline/load.ts";
import { STATUS_FILE_NAME, readSourceStatus, serializeSourceStatus } from "../content/source-status.ts";
import { now } from "../core/dates.ts";
import { readEnv } from "../core/env.ts";
import { formatProblem, type ContentProblem } from "../core/errors.ts";
import { CHECK_DEFAULTS, checkLink } from "../sources/check.ts";
import { hostGate, mapPool, sleep } from "../sources/pool.ts";
import { parseDays, parseMilliseconds, planChecks, problemLines, summaryTable, updateStatus, type SourceLinks } from "../sources/run.ts";
import { fail, settingsOrFail } from "./command.ts";

const USAGE = "usage: npm run check:sources -- [--strict] [--older-than 30d] [--only <source-id>] [--concurrency 4] [--timeout 15s] [--host-interval 1000] [--backoff 1000]";

function milliseconds(text: string, flag: string): number {
  return parseMilliseconds(text) ?? fail(`--${flag} "${text}": expected milliseconds, or seconds as 15s.\n${USAGE}`, 2);
}

function whole(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) fail(`--${flag} "${text}": expected a whole number.\n${USAGE}`, 2);
  return Number(text);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      strict: { type: "boolean", default: false },
      "older-than": { type: "string" },
      only: { type: "string" },
      concurrency: { type: "string" },
      timeout: { type: "string" },
      "host-interval": { type: "string" },
      backoff: { type: "string" },
    },
  });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
const { values } = parsed;
const olderThanDays = values["older-than"] === undefined ? undefined : parseDays(values["older-than"]);
if (values["older-than"] !== undefined && olderThanDays === undefined) fail(`--older-than "${values["older-than"]}": expected a number of days, as 30d.\n${USAGE}`, 2);

const env = readEnv();
const site = settingsOrFail(env, 2);
const { input, problems: contentProblems } = readContent(readOptions(env, site));
// An entry the build would reject is not checked; say so, and check the others.
for (const problem of contentProblems.filter((p) => p.file === input.files.sources)) console.warn(`warning: ${formatProblem(problem)} (not checked)`);
if (values.only !== undefined && !input.sources.has(values.only)) fail(`--only "${values.only}": no such source in ${input.files.sources}.`, 2);

const statusFile = path.join(env.contentDir, "_data", STATUS_FILE_NAME);
const statusShown = path.relative(env.cwd, statusFile) || statusFile;
const problems: ContentProblem[] = [];
const before = readSourceStatus(statusFile, statusShown, problems);
if (problems.length > 0) fail(`${problems.map(formatProblem).join("\n")}\nFix or delete ${statusShown}, then run the check again.`, 2);

const sources: SourceLinks[] = [...input.sources].map(([id, entry]) => ({
  id,
  url: entry.url,
  archived: entry.archived,
  lines: { url: input.lineOf("sources", id, "url"), archived: input.lineOf("sources", id, "archived") },
}));
const today = now(site.timeZone, env.now).toISODate()!;
const { checks, recent } = planChecks(sources, before, { today, olderThanDays, only: values.only });

const version = (JSON.parse(readFileSync(path.join(env.root, "package.json"), "utf8")) as { version: string }).version;
const options = {
  ...CHECK_DEFAULTS,
  timeoutMs: values.timeout === undefined ? CHECK_DEFAULTS.timeoutMs : milliseconds(values.timeout, "timeout"),
  backoffMs: values.backoff === undefined ? CHECK_DEFAULTS.backoffMs : milliseconds(values.backoff, "backoff"),
  userAgent: `Gloss-source-check/${version} (+${site.url}/)`,
  gate: hostGate(values["host-interval"] === undefined ? 1000 : milliseconds(values["host-interval"], "host-interval")),
  sleep,
};
const concurrency = whole(values.concurrency, "concurrency", 4);
if (concurrency < 1) fail(`--concurrency must be at least 1.\n${USAGE}`, 2);

console.log(`Checking ${checks.length} link(s) of ${sources.length} source(s) in ${input.files.sources}…`);
const results = await mapPool(checks, concurrency, async (check) => ({ check, result: await checkLink(check.url, options) }));

const after = updateStatus(before, sources, results, today);
const text = serializeSourceStatus(after);
const old = existsSync(statusFile) ? readFileSync(statusFile, "utf8") : "";
if (text !== old) writeFileSync(statusFile, text);

console.log("");
for (const line of summaryTable(results, recent)) console.log(line);
const lines = problemLines(results, sources, input.files.sources);
console.log("");
if (lines.length === 0) console.log("No problems among the links checked.");
else for (const line of lines) console.log(line);
console.log(`\nRecorded in ${statusShown}${text === old ? " (unchanged)" : ""}.`);
if (values.strict && lines.length > 0) process.exit(1);
