// Site settings: one file (`_data/site.yaml` in the content folder), validated, with the
// deploy overrides from lib/core/env.ts applied. Everything else asks this module.
import path from "node:path";
import { z } from "zod";
import { isValidZone } from "../core/dates.ts";
import { ContentErrors, type ContentProblem } from "../core/errors.ts";
import type { GlossEnv } from "../core/env.ts";
import { defaultLimits, readBounded } from "./files.ts";
import { isHttpUrl, parseWith } from "./schema.ts";
import { decodeText, expectMapping, parseYaml, yamlLineFinder } from "./yaml.ts";

export const siteSchema = z.strictObject({
  title: z.string({ error: "the site's title" }).trim().min(1, { error: "the site's title" }),
  description: z.string({ error: "a one-sentence description" }).trim().min(1, { error: "a one-sentence description" }),
  url: z
    .string({ error: "the site's absolute URL" })
    .refine(isHttpUrl, { error: "an absolute http(s) URL", abort: true })
    // A path here would be silently dropped from every link: it belongs in pathPrefix.
    .refine(isOrigin, { error: "the site's address without a path, like https://example.org/ (a sub-path goes in pathPrefix)" }),
  language: z.string({ error: "a language tag like en" }).regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, { error: "a language tag like en or en-GB" }),
  timeZone: z.string({ error: "an IANA time zone" }).refine(isValidZone, { error: "an IANA time zone like Europe/London" }),
  defaultAuthor: z.string().optional(),
  pageSize: z.number({ error: "a whole number" }).int().min(1).max(200).default(10),
  indexPageSize: z.number({ error: "a whole number" }).int().min(1).max(500).default(100),
  feedSize: z.number({ error: "a whole number" }).int().min(1).max(200).default(20),
  pathPrefix: z.string().regex(/^\/([^/]+\/)*$/, { error: "a path like / or /blog/" }).default("/"),
  followSymlinksOutside: z.boolean({ error: "true or false" }).default(false),
  // Which standalone pages (pages/<slug>.md) the header and the footer link to, in order.
  nav: z
    .strictObject(
      {
        header: z.array(z.string({ error: "a page's slug" }), { error: "a list of page slugs, like [about]" }).default([]),
        footer: z.array(z.string({ error: "a page's slug" }), { error: "a list of page slugs, like [about]" }).default([]),
      },
      { error: "only header and footer, each a list of page slugs" },
    )
    .default({ header: [], footer: [] }),
});

function isOrigin(url: string): boolean {
  const parsed = new URL(url);
  return parsed.pathname === "/" && parsed.search === "" && parsed.hash === "";
}

export interface Site {
  title: string;
  description: string;
  /** Absolute origin + path prefix, without trailing slash: `https://example.org/blog`. */
  url: string;
  /** The address without its scheme, as a search engine's `site:` operator takes it: `example.org/blog`. */
  address: string;
  /** Origin only: `https://example.org`. */
  origin: string;
  language: string;
  /** The writing direction of `language`, declared once on <html> with it: `rtl` for Arabic, Hebrew, Persian, Urdu… */
  dir: "ltr" | "rtl";
  timeZone: string;
  defaultAuthor: string | undefined;
  /** Posts per listing page (home, tag, author, outlet, source, month). */
  pageSize: number;
  /** Entries per index page (tags, authors, outlets, sources, archive months). */
  indexPageSize: number;
  feedSize: number;
  /** `/` or `/blog/`. */
  pathPrefix: string;
  /** Whether posts and registries may be symbolic links to files outside the project (lib/content/files.ts). */
  followSymlinksOutside: boolean;
  /** Slugs of the standalone pages the header and the footer link to, in order (checked by the catalog). */
  nav: { header: string[]; footer: string[] };
}

export const SITE_FILE = path.join("_data", "site.yaml");

/** The address the launch site ships with: a deploy that still uses it points every absolute link nowhere. */
export const PLACEHOLDER_ORIGIN = "https://gloss.example";

/**
 * The warning a production build prints, once, while the site's address is the placeholder:
 * canonical links, feeds and the sitemap would point at it. Undefined when the address is real.
 */
export function placeholderUrlWarning(site: Pick<Site, "origin">): string | undefined {
  if (site.origin !== PLACEHOLDER_ORIGIN) return undefined;
  return [
    `warning: the site's address is still the placeholder ${PLACEHOLDER_ORIGIN}/: canonical links, feeds and the sitemap point at it.`,
    `  Set url in the site settings (${SITE_FILE} in the content folder) to your address, or GLOSS_SITE_URL for the build; Netlify, Cloudflare Pages and Vercel builds give it automatically (docs/publishing.md, "The site's address").`,
  ].join("\n");
}

/** Builds Site settings from parsed YAML plus overrides; pure. */
export function toSite(entry: z.output<typeof siteSchema>, env: Pick<GlossEnv, "siteUrl" | "pathPrefix">): Site {
  const pathPrefix = normalisePrefix(env.pathPrefix ?? entry.pathPrefix);
  const origin = new URL(env.siteUrl ?? entry.url).origin;
  const url = `${origin}${pathPrefix}`.replace(/\/$/, "");
  return {
    title: entry.title,
    description: entry.description,
    url,
    address: url.replace(/^https?:\/\//, ""),
    origin,
    language: entry.language,
    dir: textDirection(entry.language),
    timeZone: entry.timeZone,
    defaultAuthor: entry.defaultAuthor,
    pageSize: entry.pageSize,
    indexPageSize: entry.indexPageSize,
    feedSize: entry.feedSize,
    pathPrefix,
    followSymlinksOutside: entry.followSymlinksOutside,
    nav: entry.nav,
  };
}

/** Scripts written right to left, for a runtime whose Intl.Locale has no text info. */
const RTL_LANGUAGES = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi"]);

/** The writing direction of a language tag: from Intl.Locale's text info, or the list above. */
export function textDirection(language: string): "ltr" | "rtl" {
  try {
    const locale = new Intl.Locale(language) as Intl.Locale & { textInfo?: { direction?: string }; getTextInfo?: () => { direction?: string } };
    const direction = locale.getTextInfo?.().direction ?? locale.textInfo?.direction;
    if (direction === "rtl" || direction === "ltr") return direction;
    return RTL_LANGUAGES.has(locale.language) ? "rtl" : "ltr";
  } catch {
    return "ltr";
  }
}

export function normalisePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/** Reads and validates the settings file; throws ContentErrors naming the file and field. */
export function loadSite(env: GlossEnv): Site {
  const file = path.join(env.contentDir, SITE_FILE);
  const shown = path.relative(env.cwd, file) || file;
  // The settings themselves are read with the default limits: they say what later reads allow.
  const read = readBounded(file, defaultLimits(env.contentDir));
  if (!read.ok) {
    const missing = read.problem.got === "no such file";
    throw new ContentErrors([missing ? { file: shown, expected: "a site settings file", got: "no such file" } : { file: shown, ...read.problem }]);
  }
  const decoded = decodeText(read.bytes);
  if (!decoded.ok) throw new ContentErrors([{ file: shown, line: decoded.line, expected: "UTF-8 text", got: decoded.got, hint: "save the file as UTF-8" }]);
  const parsed = parseYaml(decoded.text, shown);
  if (!parsed.ok) throw new ContentErrors([parsed.problem]);
  const notMapping = expectMapping(parsed.value, shown, "site settings");
  if (notMapping) throw new ContentErrors([notMapping]);
  const result = parseWith(siteSchema, parsed.value, { file: shown, lineOf: yamlLineFinder(decoded.text) });
  if (!result.ok) throw new ContentErrors(result.problems satisfies ContentProblem[]);
  return toSite(result.value, env);
}
