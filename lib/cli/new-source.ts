// `npm run new:source -- <url> [--id id] [--archive]`: appends an entry for a quoted story to
// _data/sources.yaml with the outlet guessed from the host and TODO placeholders that fail
// validation until filled in. Refuses a URL already there; leaves the file's comments alone.
// With --archive, asks the Wayback Machine for its latest snapshot and fills in archived:.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readContent } from "../content/read.ts";
import { readOptions } from "../pipeline/load.ts";
import { formatProblem } from "../core/errors.ts";
import { readEnv } from "../core/env.ts";
import { appendEntry, cleanStoryUrl, guessOutlet, lineOfEntry, sourceEntryText, sourceId } from "../authoring/new-source.ts";
import { isHttpUrl } from "../content/schema.ts";
import { isSlug } from "../core/slugs.ts";
import { decodeText, parseYaml } from "../content/yaml.ts";
import { findSnapshot } from "../sources/wayback.ts";
import { fail, settingsOrFail } from "./command.ts";

const USAGE = "usage: npm run new:source -- <story-url> [--id <source-id>] [--archive]";

const { values, positionals } = parseArgs({ options: { id: { type: "string" }, archive: { type: "boolean", default: false } }, allowPositionals: true });
const raw = positionals[0]?.trim();
if (!raw || positionals.length > 1) fail(USAGE);
if (!isHttpUrl(raw)) fail(`"${raw}" is not an absolute http(s) URL.\n${USAGE}`);
const url = cleanStoryUrl(raw);
if (values.id !== undefined && !isSlug(values.id)) fail(`--id "${values.id}" is not an id in lowercase-with-hyphens.`);

const env = readEnv();
const site = settingsOrFail(env);

const { input } = readContent(readOptions(env, site));
const file = path.join(env.contentDir, "_data", "sources.yaml");
const shown = input.files.sources;
const before = existsSync(file) ? decodeText(readFileSync(file)) : { ok: true as const, text: "" };
if (!before.ok) fail(`${shown} is not UTF-8 text: fix it first.`);
const parsed = parseYaml(before.text, shown);
if (!parsed.ok) fail(`${formatProblem(parsed.problem)}\nFix ${shown} first.`);
const entries = (parsed.value ?? {}) as Record<string, { url?: unknown } | null>;

// The build rejects two sources with the same URL; say which entry has it already.
for (const [id, entry] of Object.entries(entries)) {
  const other = entry?.url;
  if (typeof other === "string" && isHttpUrl(other) && new URL(other).href === url.href) {
    fail(`${shown}:${lineOfEntry(before.text, id)} already has this URL as "${id}": quote it with > [!quote ${id}].`);
  }
}
const taken = new Set(Object.keys(entries));
if (values.id !== undefined && taken.has(values.id)) fail(`${shown} already has an entry "${values.id}": choose another --id.`);

const outlet = guessOutlet(url, input.outlets);
const id = values.id ?? sourceId(url, outlet, taken);
let archived: string | undefined;
if (values.archive) {
  // The story's date is not known yet (it is a TODO): the newest snapshot is the one to take.
  const version = (JSON.parse(readFileSync(path.join(env.root, "package.json"), "utf8")) as { version: string }).version;
  const found = await findSnapshot(url.href, undefined, { api: env.waybackApi, save: env.waybackSave, timeoutMs: 60_000, userAgent: `Gloss-archive/${version}` });
  if (found.ok) archived = found.url;
  console.log(found.ok ? `  archived copy: ${found.url}` : `  archived copy: none (${found.why}); npm run archive -- --save --only <id> asks for one`);
}
const appended = appendEntry(before.text, id, sourceEntryText({ id, url, outlet, archived }));
if (!appended.ok) fail(`Could not add to ${shown}: ${appended.why}. It was left as it was.`);
writeFileSync(file, appended.text);

console.log(`Added "${id}" to ${shown}:${lineOfEntry(appended.text, id)}`);
console.log(`  outlet: ${outlet ?? `TODO (no outlet in ${input.files.outlets} is on ${url.hostname}: add one there first)`}`);
console.log("  fill in title and published (byline and archived if known); until then the build names each TODO.");
console.log(`  then list "${id}" under sources: in a post and quote it with > [!quote ${id}]`);
