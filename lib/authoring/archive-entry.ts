// Writing `archived:` into one entry of `_data/sources.yaml` as text, so every other byte of the
// file (comments, quoting, blank lines) stays as it was; the result is checked to parse to the
// old entries with exactly that one field added.
import yaml from "js-yaml";
import { isDeepStrictEqual } from "node:util";

type Mapping = Record<string, unknown>;
const isMapping = (value: unknown): value is Mapping => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * Inserts `  archived: "<url>"` after the last field line of entry `id` (a block mapping,
 * `id:` at the start of a line, fields indented below it), or says why it cannot.
 */
export function insertArchived(text: string, id: string, url: string): { ok: true; text: string; line: number } | { ok: false; why: string } {
  let before: unknown;
  try {
    before = yaml.load(text, { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    return { ok: false, why: `the file is not valid YAML (${(error as { reason?: string }).reason ?? "parse error"})` };
  }
  if (isMapping(before) && isMapping(before[id]) && before[id].archived !== undefined) return { ok: false, why: `entry "${id}" already has archived:` };
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line === `${id}:` || line.startsWith(`${id}: `) || line.startsWith(`${id}:\t`));
  if (start === -1) return { ok: false, why: `no entry "${id}:" at the start of a line` };
  let last = -1;
  let indent: string | undefined;
  for (let i = start + 1; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (/^\S/.test(line) && !line.startsWith("#")) break;
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    indent ??= /^\s*/.exec(line)![0];
    last = i;
  }
  if (last === -1 || indent === undefined) return { ok: false, why: `entry "${id}" is not a block of indented fields` };
  lines.splice(last + 1, 0, `${indent}archived: ${JSON.stringify(url)}`);
  const result = lines.join("\n");
  let after: unknown;
  try {
    after = yaml.load(result, { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    return { ok: false, why: `the file would not be valid YAML (${(error as { reason?: string }).reason ?? "parse error"})` };
  }
  if (!isMapping(before) || !isMapping(after)) return { ok: false, why: "the file is not a mapping of id: entry" };
  const old = before[id];
  const expected = isMapping(old) && old.archived === undefined ? { ...before, [id]: { ...old, archived: url } } : undefined;
  if (!expected || !isDeepStrictEqual(after, expected)) {
    return { ok: false, why: `adding the line would change more than "${id}.archived" (is the entry written as a block mapping, one field per line?)` };
  }
  return { ok: true, text: result, line: last + 2 };
}
