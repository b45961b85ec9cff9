// `npm run new:source`: a new entry for `_data/sources.yaml`, pure. From a story's URL it derives
// an id, guesses the outlet from the host, and writes placeholders the schema rejects until the
// author fills them in; the entry is appended as text so the file's comments stay as they were.
import yaml from "js-yaml";
import { isDeepStrictEqual } from "node:util";
import { PLACEHOLDER } from "../content/schema.ts";
import { slugify } from "../core/slugs.ts";

const TRACKING = /^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|smid|cmpid|ocid)$/i;

/** The story's URL without tracking parameters (`utm_source`, `fbclid`...) and without a #fragment. */
export function cleanStoryUrl(raw: string): URL {
  const url = new URL(raw);
  for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
  url.hash = "";
  return url;
}

/** Host without `www.`: `www.cnn.com` → `cnn.com`. */
export function bareHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/^www\d*\./, "");
}

/**
 * The outlet whose homepage is on the story's host (or a parent domain of it: `edition.cnn.com`
 * belongs to `cnn.com`); the most specific match wins. Undefined when none is known.
 */
export function guessOutlet(url: URL, outlets: ReadonlyMap<string, { url: string }>): string | undefined {
  const host = bareHost(url);
  let best: { id: string; length: number } | undefined;
  for (const [id, outlet] of outlets) {
    let outletHost: string;
    try {
      outletHost = bareHost(new URL(outlet.url));
    } catch {
      continue;
    }
    if ((host === outletHost || host.endsWith(`.${outletHost}`)) && (!best || outletHost.length > best.length)) {
      best = { id, length: outletHost.length };
    }
  }
  return best?.id;
}

const SECOND_LEVEL = new Set(["co", "com", "org", "net", "gov", "ac", "edu", "ne", "or"]);

/** A short name for a host with no known outlet: `news.bbc.co.uk` → `bbc`, `nytimes.com` → `nytimes`. */
export function hostName(url: URL): string {
  const labels = bareHost(url).split(".");
  if (labels.length > 1) labels.pop();
  if (labels.length > 1 && SECOND_LEVEL.has(labels[labels.length - 1]!)) labels.pop();
  return slugify(labels[labels.length - 1] ?? "") || "source";
}

const NOISE_SEGMENT = /^(index|default|amp|article|story|print)$/i;
const MAX_WORDS = 6;

/** The part of a story URL that names the story: the last path segment with words in it. */
export function storySlug(url: URL): string {
  const segments = url.pathname
    .split("/")
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .map((segment) => segment.replace(/\.(s?html?|php|aspx?|jsp)$/i, ""))
    .filter((segment) => segment !== "" && !NOISE_SEGMENT.test(segment) && !/^\d+$/.test(segment));
  const named = [...segments].reverse().find((segment) => /[-_ ]/.test(segment)) ?? segments[segments.length - 1] ?? "";
  return slugify(named).split("-").filter(Boolean).slice(0, MAX_WORDS).join("-");
}

/** `cnn` + `.../trump-kim-hanoi-summit-snub/index.html` → `cnn-trump-kim-hanoi-summit-snub`, unique among `taken`. */
export function sourceId(url: URL, outletId: string | undefined, taken: ReadonlySet<string>): string {
  const prefix = outletId ?? hostName(url);
  const story = storySlug(url) || "story";
  const base = story === prefix || story.startsWith(`${prefix}-`) ? story : `${prefix}-${story}`;
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}

export interface NewSourceEntry {
  id: string;
  url: URL;
  /** Outlet id, or undefined when no outlet has the story's host. */
  outlet: string | undefined;
  /** A snapshot found by `--archive`, written as `archived:` instead of the comment saying where to find one. */
  archived?: string | undefined;
}

/** The YAML block for one entry, with placeholders and comments saying what goes where. */
export function sourceEntryText(entry: NewSourceEntry): string {
  const outlet = entry.outlet
    ? `  outlet: ${entry.outlet}`
    : `  outlet: ${PLACEHOLDER}   # no outlet in outlets.yaml is on ${bareHost(entry.url)}: add one there, then put its id here`;
  return [
    `${entry.id}:`,
    `  title: ${PLACEHOLDER}   # the headline, exactly as published`,
    outlet,
    `  url: ${JSON.stringify(entry.url.href)}`,
    `  published: ${PLACEHOLDER}   # YYYY-MM-DD; add publishedAccuracy: on-or-after or about when not exact`,
    "  # byline: the story's authors, only if the story names them",
    entry.archived ? `  archived: ${JSON.stringify(entry.archived)}` : "  # archived: a snapshot URL, e.g. from https://web.archive.org/ (npm run archive finds one)",
    "",
  ].join("\n");
}

/**
 * Appends `entryText` to the registry's text, leaving everything before it byte for byte, and
 * checks that the result parses to the old entries plus exactly the new one.
 */
export function appendEntry(registryText: string, id: string, entryText: string): { ok: true; text: string } | { ok: false; why: string } {
  const separator = registryText === "" ? "" : registryText.endsWith("\n") ? "\n" : "\n\n";
  const text = `${registryText}${separator}${entryText}`;
  let before: unknown;
  let after: unknown;
  try {
    before = yaml.load(registryText, { schema: yaml.CORE_SCHEMA }) ?? {};
    after = yaml.load(text, { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    return { ok: false, why: `the file would not be valid YAML (${(error as { reason?: string }).reason ?? "parse error"})` };
  }
  const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);
  if (!isMapping(before) || !isMapping(after)) return { ok: false, why: "the file is not a mapping of id: entry" };
  const { [id]: added, ...rest } = after;
  if (added === undefined || !isDeepStrictEqual(rest, before)) {
    return { ok: false, why: "appending would change the entries already there (is the file written as a block mapping, one id: per line?)" };
  }
  return { ok: true, text };
}

/** The 1-based line where `id:` starts in `text`. */
export function lineOfEntry(text: string, id: string): number {
  return text.split("\n").findIndex((line) => line.startsWith(`${id}:`)) + 1;
}
