// `npm run new:outlet -- <homepage-url> [--id <id>] [--name "Name"]`: appends an outlet to
// _data/outlets.yaml with an id from the host and the name as a TODO unless given. Refuses an
// id or a homepage already there; leaves the file's comments alone.
import path from "node:path";
import { parseArgs } from "node:util";
import { readEnv } from "../core/env.ts";
import { isSlug } from "../core/slugs.ts";
import { isHttpUrl } from "../content/schema.ts";
import { outletEntryText, outletId } from "../authoring/new-entry.ts";
import { lineOfEntry } from "../authoring/new-source.ts";
import { appendToRegistry, readRegistryFile } from "../authoring/registry-file.ts";
import { fail, settingsOrFail } from "./command.ts";

const USAGE = 'usage: npm run new:outlet -- <homepage-url> [--id <outlet-id>] [--name "Outlet Name"]';

const { values, positionals } = parseArgs({ options: { id: { type: "string" }, name: { type: "string" } }, allowPositionals: true });
const raw = positionals[0]?.trim();
if (!raw || positionals.length > 1) fail(USAGE);
if (!isHttpUrl(raw)) fail(`"${raw}" is not an absolute http(s) URL.\n${USAGE}`);
const url = new URL(raw);
if (values.id !== undefined && !isSlug(values.id)) fail(`--id "${values.id}" is not an id in lowercase-with-hyphens.`);
if (values.name !== undefined && values.name.trim() === "") fail("--name is empty: leave it out to fill it in later.");

const env = readEnv();
settingsOrFail(env);
const file = path.join(env.contentDir, "_data", "outlets.yaml");
const read = readRegistryFile(file, path.relative(env.cwd, file) || file);
if (!read.ok) fail(read.why);
const { registry } = read;

for (const [id, entry] of Object.entries(registry.entries)) {
  const other = entry?.url;
  if (typeof other === "string" && isHttpUrl(other) && new URL(other).href === url.href) {
    fail(`${registry.shown}:${lineOfEntry(registry.text, id)} already has this homepage as "${id}".`);
  }
}
const taken = new Set(Object.keys(registry.entries));
if (values.id !== undefined && taken.has(values.id)) fail(`${registry.shown} already has an outlet "${values.id}": choose another --id.`);

const id = values.id ?? outletId(url, taken);
const name = values.name?.trim();
const added = appendToRegistry(registry, id, outletEntryText({ id, name, url }));
if (!added.ok) fail(added.why);
console.log(`Added "${id}" to ${registry.shown}:${added.line}`);
if (name === undefined) console.log("  fill in name; until then the build names the TODO.");
console.log(`  then use outlet: ${id} in sources.yaml or authors.yaml`);
