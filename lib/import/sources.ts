// Quoted stories met during an import: one source per story (URLs compared without scheme,
// `www.`, tracking parameters, fragment or trailing slash), reusing an entry the registry already
// has, with the outlet from the host (a new outlet entry when none is known). What the link does
// not say is written as a TODO placeholder, with a hint in a comment: never invented.
import { DateTime } from "luxon";
import { PLACEHOLDER } from "../content/schema.ts";
import { bareHost, cleanStoryUrl, guessOutlet, hostName, sourceId, storySlug } from "../authoring/new-source.ts";
import type { FoundLink } from "./clean-html.ts";
import { scalar, type NewEntry, type RawRegistry } from "./registries.ts";

/** Link text this short is a label ("CNN", "here", "The Daily Ledger"), not a headline. */
const MIN_TITLE_WORDS = 4;
/** Link text that says who reported, not what: "the Ledger reports", "as the Post noted". */
const ATTRIBUTION = /\b(reports?|reported|reporting|says|said|writes|wrote|notes|noted|explains|according|via|here|link|story|article)\b/i;

/** The link text as a title, when it reads like a headline rather than a label. */
export function titleFromLink(text: string): string | undefined {
  const words = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length < MIN_TITLE_WORDS || /^https?:\/\//.test(text) || ATTRIBUTION.test(words.slice(-2).join(" ")) || ATTRIBUTION.test(words[0] ?? "")) return undefined;
  return text;
}

export function storyKey(url: URL): string {
  const clean = cleanStoryUrl(url.href);
  const path = clean.pathname.replace(/\/(index\.html?)?$/i, "") || "/";
  return `${bareHost(clean)}${path}${clean.search}`;
}

/** A date in the story's address (`/2019/02/28/`, `/2019-02-28/`, `/20190228/`), when it has a real one. */
export function dateInUrl(url: URL): string | undefined {
  const match = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/_.-]|$)/.exec(url.pathname) ?? /\/((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-]|$)/.exec(url.pathname);
  if (!match) return undefined;
  const date = DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }, { zone: "UTC" });
  return date.isValid ? date.toISODate()! : undefined;
}

interface NewSource {
  id: string;
  url: URL;
  outlet: string;
  outletIsNew: boolean;
  title?: string;
  titleHint: string;
  /** What the link said, when it did not read like a headline. */
  linkText: string;
  published?: string;
  /** The day of the first post quoting it: the story ran on or before it. */
  quotedOn: string;
}

export class SourceBook {
  private readonly byKey = new Map<string, string>();
  private readonly taken: Set<string>;
  private readonly outletIds: Set<string>;
  private readonly outlets: Map<string, { url: string }>;
  readonly added: NewSource[] = [];
  readonly addedOutlets: Array<{ id: string; url: string; host: string }> = [];

  constructor(
    sources: RawRegistry,
    outlets: RawRegistry,
    /** Hosts of the old blog itself: links there are not quoted stories. */
    private readonly ownHosts: ReadonlySet<string>,
  ) {
    this.taken = new Set(sources.entries.keys());
    for (const [id, entry] of sources.entries) {
      const url = typeof entry.url === "string" ? parseUrl(entry.url) : undefined;
      if (url) this.byKey.set(storyKey(url), id);
    }
    this.outletIds = new Set(outlets.entries.keys());
    this.outlets = new Map();
    for (const [id, entry] of outlets.entries) if (typeof entry.url === "string") this.outlets.set(id, { url: entry.url });
  }

  /** The source id for a link in or next to a quote, or undefined when it is not a story's address. */
  attribute(link: FoundLink, quotedOn: string): string | undefined {
    const url = parseUrl(link.href);
    if (!url || !/^https?:$/.test(url.protocol) || url.pathname === "/" || this.ownHosts.has(bareHost(url))) return undefined;
    const key = storyKey(url);
    const known = this.byKey.get(key);
    if (known) return known;
    const clean = cleanStoryUrl(url.href);
    let outlet = guessOutlet(clean, this.outlets);
    let outletIsNew = false;
    if (!outlet) {
      const base = hostName(clean);
      outlet = base;
      for (let n = 2; this.outletIds.has(outlet); n += 1) outlet = `${base}-${n}`;
      const home = `${clean.protocol}//${clean.hostname}/`;
      this.outletIds.add(outlet);
      this.outlets.set(outlet, { url: home });
      this.addedOutlets.push({ id: outlet, url: home, host: bareHost(clean) });
      outletIsNew = true;
    }
    const id = sourceId(clean, outlet, this.taken);
    this.taken.add(id);
    this.byKey.set(key, id);
    const title = titleFromLink(link.text);
    const published = dateInUrl(clean);
    this.added.push({ id, url: clean, outlet, outletIsNew, titleHint: storySlug(clean).replace(/-/g, " "), linkText: link.text, quotedOn, ...(title ? { title } : {}), ...(published ? { published } : {}) });
    return id;
  }

  sourceEntries(): NewEntry[] {
    return this.added.map((source) => {
      const lines = [`${source.id}:`];
      lines.push(source.title ? `  title: ${scalar(source.title)}   # from the link text: check it against the headline` : `  title: ${PLACEHOLDER}   # the headline, exactly as published${hints(source)}`);
      lines.push(`  outlet: ${source.outlet}`);
      lines.push(`  url: ${JSON.stringify(source.url.href)}`);
      lines.push(source.published ? `  published: ${source.published}   # from the date in the address` : `  published: ${PLACEHOLDER}   # YYYY-MM-DD; the story ran on or before ${source.quotedOn}, when a post first quoted it`);
      lines.push("  # byline: the story's authors, only if the story names them", "  # archived: a snapshot URL, e.g. from https://web.archive.org/", "");
      return { id: source.id, text: lines.join("\n") };
    });
  }

  outletEntries(): NewEntry[] {
    return this.addedOutlets.map((outlet) => ({
      id: outlet.id,
      text: [`${outlet.id}:`, `  name: ${PLACEHOLDER}   # the name of the publication at ${outlet.host}`, `  url: ${JSON.stringify(outlet.url)}`, ""].join("\n"),
    }));
  }
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function hints(source: NewSource): string {
  const said = [source.linkText ? `the link said ${JSON.stringify(source.linkText)}` : "", source.titleHint ? `the address says ${JSON.stringify(source.titleHint)}` : ""].filter(Boolean);
  return said.length ? ` (${said.join("; ")})` : "";
}
