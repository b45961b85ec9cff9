// `npm run archive [-- --save] [--dry-run] [--only <id>]`: for every source without `archived:`,
// asks the Wayback Machine for the snapshot closest to the story's date and writes it into
// sources.yaml (as text: comments and every other byte stay); with --save, asks Save Page Now
// for a new capture where none exists. --dry-run prints what it would write and writes nothing.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { insertArchived } from "../authoring/archive-entry.ts";
import { readContent } from "../content/read.ts";
import { readOptions } from "../pipeline/load.ts";
import { decodeText } from "../content/yaml.ts";
import { readEnv } from "../core/env.ts";
import { formatProblem } from "../core/errors.ts";
import { hostGate } from "../sources/pool.ts";
import { findSnapshot, saveSnapshot, type WaybackOptions } from "../sources/wayback.ts";
import { parseMilliseconds } from "../sources/run.ts";
import { fail, settingsOrFail } from "./command.ts";

const USAGE = "usage: npm run archive -- [--save] [--dry-run] [--only <source-id>] [--timeout 30s] [--host-interval 1000]";

function milliseconds(text: string, flag: string): number {
  return parseMilliseconds(text) ?? fail(`--${flag} "${text}": expected milliseconds, or seconds as 30s.\n${USAGE}`, 2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      save: { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      only: { type: "string" },
      timeout: { type: "string" },
      "host-interval": { type: "string" },
    },
  });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
const { values } = parsed;

const env = readEnv();
const site = settingsOrFail(env, 2);
const { input, problems } = readContent(readOptions(env, site));
for (const problem of problems.filter((p) => p.file === input.files.sources)) console.warn(`warning: ${formatProblem(problem)} (skipped)`);
if (values.only !== undefined && !input.sources.has(values.only)) fail(`--only "${values.only}": no such source in ${input.files.sources}.`, 2);

const version = (JSON.parse(readFileSync(path.join(env.root, "package.json"), "utf8")) as { version: string }).version;
const wayback: WaybackOptions = {
  api: env.waybackApi,
  save: env.waybackSave,
  timeoutMs: values.timeout === undefined ? 60_000 : milliseconds(values.timeout, "timeout"),
  userAgent: `Gloss-archive/${version} (+${site.url}/)`,
};
const gate = hostGate(values["host-interval"] === undefined ? 1000 : milliseconds(values["host-interval"], "host-interval"));

const missing = [...input.sources]
  .filter(([id, entry]) => entry.archived === undefined && (values.only === undefined || id === values.only))
  .sort(([a], [b]) => (a < b ? -1 : 1));
const file = path.join(env.contentDir, "_data", "sources.yaml");
const decoded = decodeText(readFileSync(file));
if (!decoded.ok) fail(`${input.files.sources} is not UTF-8 text: fix it first.`, 2);
let text = decoded.text;
let written = 0;
let unresolved = 0;

console.log(`${missing.length} source(s) without archived: in ${input.files.sources}${values["dry-run"] ? " (dry run: nothing is written)" : ""}`);
for (const [id, entry] of missing) {
  const day = entry.published.value.toISODate() ?? undefined;
  await gate(new URL(wayback.api).host);
  let snapshot = await findSnapshot(entry.url, day, wayback);
  let how = snapshot.ok ? `snapshot closest to ${day}` : "";
  if (!snapshot.ok && values.save) {
    console.log(`  ${id}: ${snapshot.why}; asking Save Page Now…`);
    await gate(new URL(wayback.save).host);
    snapshot = await saveSnapshot(entry.url, wayback);
    how = "new capture";
  }
  if (!snapshot.ok) {
    unresolved += 1;
    console.log(`  ${id}: ${snapshot.why}${values.save ? "" : " (npm run archive -- --save asks for a capture)"}`);
    continue;
  }
  const inserted = insertArchived(text, id, snapshot.url);
  if (!inserted.ok) {
    unresolved += 1;
    console.log(`  ${id}: found ${snapshot.url}, but could not write it: ${inserted.why}`);
    continue;
  }
  text = inserted.text;
  written += 1;
  console.log(`  ${id}: ${how}${snapshot.timestamp ? ` (${snapshot.timestamp})` : ""}`);
  console.log(`    ${values["dry-run"] ? "would write" : "writes"} ${input.files.sources}:${inserted.line}  archived: ${JSON.stringify(snapshot.url)}`);
}
if (written > 0 && !values["dry-run"]) writeFileSync(file, text);
console.log(`${values["dry-run"] ? "Would write" : "Wrote"} ${written} archived: line(s)${unresolved > 0 ? `; ${unresolved} source(s) still without a copy` : ""}.`);
