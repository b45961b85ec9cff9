// The three registries as an import sees them: their text as it is (comments included), the ids
// and URLs already there (entries with TODO placeholders too, so a second run finds the sources
// the first one added), and new entries appended at the end in one write, checked to leave every
// existing entry exactly as it was.
import { existsSync, readFileSync } from "node:fs";
import yaml from "js-yaml";
import { isDeepStrictEqual } from "node:util";
import { decodeText, parseYaml } from "../content/yaml.ts";
import { formatProblem } from "../core/errors.ts";

export interface RawRegistry {
  file: string;
  /** Path as shown in messages. */
  shown: string;
  text: string;
  entries: Map<string, Record<string, unknown>>;
}

export class RegistryError extends Error {}

export function readRegistry(file: string, shown: string): RawRegistry {
  const bytes = existsSync(file) ? readFileSync(file) : new Uint8Array();
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new RegistryError(`${shown}:${decoded.line}: expected UTF-8 text, got ${decoded.got} (fix it before importing)`);
  const parsed = parseYaml(decoded.text, shown);
  if (!parsed.ok) throw new RegistryError(`${formatProblem(parsed.problem)} (fix it before importing)`);
  const value = parsed.value ?? {};
  if (typeof value !== "object" || Array.isArray(value)) throw new RegistryError(`${shown}: expected entries keyed by id, got something else (fix it before importing)`);
  const entries = new Map<string, Record<string, unknown>>();
  for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
    entries.set(id, entry !== null && typeof entry === "object" ? (entry as Record<string, unknown>) : {});
  }
  return { file, shown, text: decoded.text, entries };
}

export interface NewEntry {
  id: string;
  /** The entry's YAML block, `id:` line first, ending with a newline. */
  text: string;
}

/**
 * The registry's text with `added` appended, everything before them byte for byte; refused when
 * the result would not read back as the old entries plus exactly the new ones.
 */
export function appendEntries(registry: RawRegistry, added: readonly NewEntry[]): string {
  if (added.length === 0) return registry.text;
  const head = registry.text === "" ? "" : registry.text.endsWith("\n") ? `${registry.text}\n` : `${registry.text}\n\n`;
  const text = `${head}${added.map((entry) => entry.text).join("\n")}`;
  const before = (yaml.load(registry.text, { schema: yaml.CORE_SCHEMA }) ?? {}) as Record<string, unknown>;
  let after: Record<string, unknown>;
  try {
    after = yaml.load(text, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
  } catch (error) {
    throw new RegistryError(`${registry.shown}: the new entries would not be valid YAML (${(error as { reason?: string }).reason ?? "parse error"}); it was left as it was`);
  }
  const rest = { ...after };
  for (const entry of added) {
    if (!(entry.id in rest)) throw new RegistryError(`${registry.shown}: the new entry "${entry.id}" would not read back; it was left as it was`);
    delete rest[entry.id];
  }
  if (!isDeepStrictEqual(rest, before)) {
    throw new RegistryError(`${registry.shown}: appending would change the entries already there (is it written as a block mapping, one id: per line?); it was left as it was`);
  }
  return text;
}

/** A YAML scalar that reads back as exactly `value`. */
export function scalar(value: string): string {
  return yaml.dump(value, { lineWidth: -1, schema: yaml.CORE_SCHEMA }).trimEnd();
}

/** Each `  field: TODO` in the entries `ids` of a registry's final text, with its 1-based line; one pass over the text. */
export function todoLines(text: string, ids: readonly string[]): Array<{ id: string; line: number; field: string }> {
  const wanted = new Set(ids);
  const found: Array<{ id: string; line: number; field: string }> = [];
  let current: string | undefined;
  text.split("\n").forEach((line, index) => {
    const top = /^([^\s#][^:]*):/.exec(line);
    if (top) current = wanted.has(top[1]!) ? top[1] : undefined;
    const todo = current === undefined ? null : /^ {2}([A-Za-z]+): TODO\b/.exec(line);
    if (todo) found.push({ id: current!, line: index + 1, field: todo[1]! });
  });
  return found;
}
