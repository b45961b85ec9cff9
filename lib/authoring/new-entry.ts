// `npm run new:author` and `npm run new:outlet`: new entries for `_data/authors.yaml` and
// `_data/outlets.yaml`, pure. What the author gives is written as YAML that reads back exactly;
// what they leave out is a TODO placeholder the schema rejects until it is filled in. Appending
// and the checks that nothing else changes are new-source.ts's (appendEntry).
import yaml from "js-yaml";
import { PLACEHOLDER } from "../content/schema.ts";
import { bareHost, hostName } from "./new-source.ts";

/** A YAML scalar that reads back as exactly `value` (quoted when it looks like a number, a date, `yes`...). */
export function yamlScalar(value: string): string {
  return yaml.dump(value, { lineWidth: -1, schema: yaml.CORE_SCHEMA }).trimEnd();
}

export interface NewAuthorEntry {
  id: string;
  /** The name as they sign; undefined: a TODO to fill in (or `~` when it is not known). */
  name: string | undefined;
  url: string | undefined;
  outlet: string | undefined;
  bio: string | undefined;
}

export function authorEntryText(entry: NewAuthorEntry): string {
  const lines = [`${entry.id}:`];
  lines.push(entry.name !== undefined ? `  name: ${yamlScalar(entry.name)}` : `  name: ${PLACEHOLDER}   # the name as they sign their posts, or ~ when it is not known`);
  lines.push(entry.url !== undefined ? `  url: ${yamlScalar(entry.url)}` : "  # url: their own site, if they have one");
  lines.push(entry.bio !== undefined ? `  bio: ${yamlScalar(entry.bio)}` : "  # bio: one sentence, only what is known");
  lines.push(entry.outlet !== undefined ? `  outlet: ${entry.outlet}` : "  # outlet: the id of the outlet they write for, from outlets.yaml");
  return `${lines.join("\n")}\n`;
}

export interface NewOutletEntry {
  id: string;
  name: string | undefined;
  url: URL;
}

/** An outlet's id from its homepage's host: `https://www.thenation.com/` → `thenation`, unique among `taken`. */
export function outletId(url: URL, taken: ReadonlySet<string>): string {
  const base = hostName(url);
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}

export function outletEntryText(entry: NewOutletEntry): string {
  const name = entry.name !== undefined ? `  name: ${yamlScalar(entry.name)}` : `  name: ${PLACEHOLDER}   # the outlet's name as it writes it (${bareHost(entry.url)})`;
  return [`${entry.id}:`, name, `  url: ${yamlScalar(entry.url.href)}`, ""].join("\n");
}
