// `npm run import -- <file> [--from wordpress|blogger|feed] [--dry-run] [--limit N] [--all]`:
// brings an old blog's export into posts/ and the registries (lib/import/run.ts), then prints
// what was done and what is left to fill in. Exits 1 on an unreadable export or registry.
import { parseArgs } from "node:util";
import { existsSync } from "node:fs";
import { findContentErrors, formatProblem } from "../core/errors.ts";
import { readEnv } from "../core/env.ts";
import { FORMATS, type ImportFormat } from "../import/formats.ts";
import { ImportError, importExport, RegistryError } from "../import/run.ts";
import { formatReport } from "../import/report.ts";

const USAGE = "usage: npm run import -- <export-file> [--from wordpress|blogger|feed] [--dry-run] [--limit N] [--all]";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let parsed;
try {
  parsed = parseArgs({
    options: { from: { type: "string" }, "dry-run": { type: "boolean", default: false }, limit: { type: "string" }, all: { type: "boolean", default: false } },
    allowPositionals: true,
  });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const { values, positionals } = parsed;
const file = positionals[0];
if (!file || positionals.length > 1) fail(USAGE);
if (!existsSync(file)) fail(`${file}: no such file.\n${USAGE}`);
if (values.from !== undefined && !FORMATS.includes(values.from as ImportFormat)) fail(`--from "${values.from}": expected one of ${FORMATS.join(", ")}.\n${USAGE}`);
const limit = values.limit === undefined ? undefined : Number(values.limit);
if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) fail(`--limit "${values.limit}": expected a whole number above 0.\n${USAGE}`);

try {
  const report = await importExport({
    file,
    ...(values.from ? { from: values.from as ImportFormat } : {}),
    dryRun: values["dry-run"],
    ...(limit ? { limit } : {}),
    env: readEnv(),
  });
  console.log(formatReport(report, values.all));
} catch (error) {
  if (error instanceof ImportError || error instanceof RegistryError) fail(`Import failed: ${error.message}`);
  const content = findContentErrors(error);
  if (content) fail(`Import failed: the site settings are not valid:\n${content.problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
  throw error;
}
