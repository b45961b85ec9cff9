// `npm run new:author -- <id> [--name "Name"] [--url <url>] [--outlet <outlet-id>] [--bio "..."]`:
// appends an author to _data/authors.yaml, what is not given left as a TODO (the name) or a
// comment (the rest). Refuses an id already there, an unknown outlet, a URL that is not http(s).
import path from "node:path";
import { parseArgs } from "node:util";
import { readEnv } from "../core/env.ts";
import { isSlug } from "../core/slugs.ts";
import { isHttpUrl } from "../content/schema.ts";
import { authorEntryText } from "../authoring/new-entry.ts";
import { appendToRegistry, readRegistryFile } from "../authoring/registry-file.ts";
import { fail, settingsOrFail } from "./command.ts";

const USAGE = 'usage: npm run new:author -- <author-id> [--name "Their Name"] [--url <their-site>] [--outlet <outlet-id>] [--bio "One sentence."]';

const { values, positionals } = parseArgs({
  options: { name: { type: "string" }, url: { type: "string" }, outlet: { type: "string" }, bio: { type: "string" } },
  allowPositionals: true,
});
const id = positionals[0]?.trim();
if (!id || positionals.length > 1) fail(USAGE);
if (!isSlug(id)) fail(`"${id}" is not an id in lowercase-with-hyphens (e.g. ${JSON.stringify("jane-doe")}).\n${USAGE}`);
const blank = (["name", "bio"] as const).find((key) => values[key] !== undefined && values[key].trim() === "");
if (blank) fail(`--${blank} is empty: leave it out to fill it in later.`);
if (values.url !== undefined && !isHttpUrl(values.url)) fail(`--url "${values.url}" is not an absolute http(s) URL.`);

const env = readEnv();
settingsOrFail(env);
const show = (file: string) => path.relative(env.cwd, file) || file;
const authorsFile = path.join(env.contentDir, "_data", "authors.yaml");
const outletsFile = path.join(env.contentDir, "_data", "outlets.yaml");

const authors = readRegistryFile(authorsFile, show(authorsFile));
if (!authors.ok) fail(authors.why);
if (Object.hasOwn(authors.registry.entries, id)) fail(`${authors.registry.shown} already has an author "${id}": choose another id, or edit that entry.`);
if (values.outlet !== undefined) {
  const outlets = readRegistryFile(outletsFile, show(outletsFile));
  if (!outlets.ok) fail(outlets.why);
  if (!Object.hasOwn(outlets.registry.entries, values.outlet)) {
    const known = Object.keys(outlets.registry.entries).join(", ") || "none yet";
    fail(`No outlet "${values.outlet}" in ${outlets.registry.shown} (known: ${known}): add it with npm run new:outlet first.`);
  }
}

const name = values.name?.trim();
const added = appendToRegistry(authors.registry, id, authorEntryText({ id, name, url: values.url, outlet: values.outlet, bio: values.bio?.trim() }));
if (!added.ok) fail(added.why);
console.log(`Added "${id}" to ${authors.registry.shown}:${added.line}`);
if (name === undefined) console.log("  fill in name (or ~ when it is not known); until then the build names the TODO.");
console.log(`  then put author: ${id} in a post, or pass --author ${id} to npm run new`);
