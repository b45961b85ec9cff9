// A registry file (`_data/*.yaml`) as the `new:*` commands read and extend it: its text as it
// is, its entries parsed, and an append that leaves every byte before the new entry alone.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { formatProblem } from "../core/errors.ts";
import { decodeText, parseYaml } from "../content/yaml.ts";
import { appendEntry, lineOfEntry } from "./new-source.ts";

export interface RegistryFile {
  file: string;
  /** As shown in messages: `posts/_data/authors.yaml`. */
  shown: string;
  text: string;
  entries: Record<string, Record<string, unknown> | null>;
}

/** The registry, or why it cannot be extended (not UTF-8, not YAML): fix it first. */
export function readRegistryFile(file: string, shown: string): { ok: true; registry: RegistryFile } | { ok: false; why: string } {
  const decoded = existsSync(file) ? decodeText(readFileSync(file)) : { ok: true as const, text: "" };
  if (!decoded.ok) return { ok: false, why: `${shown} is not UTF-8 text: fix it first.` };
  const parsed = parseYaml(decoded.text, shown);
  if (!parsed.ok) return { ok: false, why: `${formatProblem(parsed.problem)}\nFix ${shown} first.` };
  const entries = (parsed.value ?? {}) as RegistryFile["entries"];
  return { ok: true, registry: { file, shown, text: decoded.text, entries } };
}

/** Appends the entry and writes the file; the line the entry starts on, or why nothing was written. */
export function appendToRegistry(registry: RegistryFile, id: string, entryText: string): { ok: true; line: number } | { ok: false; why: string } {
  const appended = appendEntry(registry.text, id, entryText);
  if (!appended.ok) return { ok: false, why: `Could not add to ${registry.shown}: ${appended.why}. It was left as it was.` };
  writeFileSync(registry.file, appended.text);
  return { ok: true, line: lineOfEntry(appended.text, id) };
}
