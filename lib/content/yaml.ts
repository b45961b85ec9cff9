// Reading content files: strict UTF-8, one newline style, YAML without implicit
// timestamps (dates stay text until lib/core/dates.ts reads them in the site's zone).
import yaml from "js-yaml";
import { describeValue, type ContentProblem } from "../core/errors.ts";
import type { LineFinder } from "./schema.ts";

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Decodes bytes as UTF-8 (no BOM, LF newlines), or says where the first bad byte is. */
export function decodeText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; got: string; line: number } {
  try {
    const text = decoder.decode(bytes).replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
    return { ok: true, text };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, at).reduce((count, byte) => count + (byte === 0x0a ? 1 : 0), 1);
    const hex = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    return { ok: false, got: `byte 0x${hex}, which is not valid UTF-8`, line };
  }
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let length = 0;
    let min = 0x80;
    let max = 0xbf;
    if (b < 0x80) length = 1;
    else if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) min = 0xa0; // no overlong forms
      if (b === 0xed) max = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k < length; k += 1) {
      const next = bytes[i + k];
      const low = k === 1 ? min : 0x80;
      const high = k === 1 ? max : 0xbf;
      if (next === undefined || next < low || next > high) return i;
    }
    i += length;
  }
  return i;
}

/** Parses YAML with the core schema: `2019-03-06` stays a string, `no` stays a string. */
export function parseYaml(
  source: string,
  file: string,
  lineOffset = 0,
): { ok: true; value: unknown } | { ok: false; problem: ContentProblem } {
  try {
    return { ok: true, value: yaml.load(source, { schema: yaml.CORE_SCHEMA, filename: file }) };
  } catch (error) {
    const e = error as { reason?: string; mark?: { line: number } };
    return {
      ok: false,
      problem: {
        file,
        line: e.mark ? e.mark.line + 1 + lineOffset : undefined,
        expected: "valid YAML",
        got: e.reason ? `a YAML error: ${e.reason}` : "unreadable YAML",
      },
    };
  }
}

export function expectMapping(value: unknown, file: string, what: string): ContentProblem | undefined {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return undefined;
  return { file, expected: `${what} as a YAML mapping (key: value lines)`, got: describeValue(value) };
}

/**
 * Finds the line of a key path in simple block YAML: the first key at the top, each next key
 * indented below its parent. Good enough to point an author at the right line; undefined when unsure.
 */
export function yamlLineFinder(source: string, lineOffset = 0): LineFinder {
  // Split when first asked: most posts are never asked a line (only a problem is).
  let lines: string[] | undefined;
  return (path) => {
    lines ??= source.split("\n");
    let from = 0;
    let found: number | undefined;
    let indent = -1;
    for (const key of path) {
      if (typeof key !== "string") break;
      const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const pattern = new RegExp(`^(\\s*)["']?${escaped}["']?\\s*:`);
      let hit: number | undefined;
      for (let i = from; i < lines.length; i += 1) {
        const match = pattern.exec(lines[i] ?? "");
        if (match && (match[1]?.length ?? 0) > indent) {
          hit = i;
          indent = match[1]?.length ?? 0;
          break;
        }
      }
      if (hit === undefined) break;
      found = hit;
      from = hit + 1;
    }
    return found === undefined ? undefined : found + 1 + lineOffset;
  };
}

export interface FrontMatterFile {
  /** Raw front matter YAML (may be empty). */
  yaml: string;
  /** Markdown after the front matter. */
  body: string;
  /** 1-based line where the body starts in the file. */
  bodyLine: number;
  /** True when the file opened with a `---` block. */
  hasFrontMatter: boolean;
}

/** Splits `---\nyaml\n---\nbody`. A file without front matter is all body. */
export function splitFrontMatter(text: string): FrontMatterFile {
  const match = /^---[ \t]*\n([\s\S]*?)\n?^---[ \t]*(?:\n|$)/m.exec(text);
  if (!match || match.index !== 0) return { yaml: "", body: text, bodyLine: 1, hasFrontMatter: false };
  const head = match[0];
  const bodyLine = head.split("\n").length - (head.endsWith("\n") ? 0 : 1);
  return { yaml: match[1] ?? "", body: text.slice(head.length), bodyLine, hasFrontMatter: true };
}

/**
 * A file's front matter, read as far as YAML goes: split from the body, parsed, and a mapping.
 * Pushes the problem and returns undefined when it is not; `fields` names what the front matter
 * starts with, for the hint ("title:, date:, author:").
 */
export function readFrontMatter(text: string, shown: string, fields: string, problems: ContentProblem[]): { split: FrontMatterFile; value: Record<string, unknown>; lineOf: LineFinder } | undefined {
  const split = splitFrontMatter(text);
  if (!split.hasFrontMatter) {
    problems.push({ file: shown, line: 1, expected: "front matter between --- lines at the top", got: "none", hint: `start the file with ---, ${fields}, then ---` });
    return undefined;
  }
  const parsed = parseYaml(split.yaml, shown, 1);
  if (!parsed.ok) {
    problems.push(parsed.problem);
    return undefined;
  }
  const notMapping = expectMapping(parsed.value, shown, "front matter");
  if (notMapping) {
    problems.push({ ...notMapping, line: 2 });
    return undefined;
  }
  return { split, value: parsed.value as Record<string, unknown>, lineOf: yamlLineFinder(split.yaml, 1) };
}
