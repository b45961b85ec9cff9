// Content schemas: one zod schema per content type, types derived from them, and
// parse functions that turn raw front matter / registry entries into typed records
// or ContentProblems (file, field, line, expected, got). Nothing else reads raw data.
import { z } from "zod";
import { DATE_ACCURACIES, dateAt, isDayOnly, parseDate } from "../core/dates.ts";
import { describeValue, type ContentProblem } from "../core/errors.ts";
import { isSlug } from "../core/slugs.ts";
import { didYouMean } from "../core/suggest.ts";

export function isHttpUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** What `npm run new:source` writes where the author must fill something in: never valid. */
export const PLACEHOLDER = "TODO";
export const PLACEHOLDER_HINT = "replace the TODO placeholder";
const isPlaceholder = (value: string) => value.trim().toUpperCase() === PLACEHOLDER;
const notPlaceholder = (expected: string) =>
  [(value: string) => !isPlaceholder(value), { error: expected, params: { hint: PLACEHOLDER_HINT }, abort: true }] as const;

const text = (expected: string) =>
  z.string({ error: expected }).trim().min(1, { error: expected }).refine(...notPlaceholder(expected));
const id = (expected: string) =>
  z.string({ error: expected }).refine(...notPlaceholder(expected)).refine(isSlug, { error: expected });
const httpUrl = z.string({ error: "an http(s) URL" }).refine(isHttpUrl, { error: "an absolute http(s) URL" });

/** A date field: a string (registries and front matter are read without YAML timestamps). */
function dateField(zone: string) {
  return z.string({ error: "a date as YYYY-MM-DD" }).transform((input, ctx) => {
    if (isPlaceholder(input)) {
      ctx.addIssue({ code: "custom", message: "a date as YYYY-MM-DD", params: { hint: PLACEHOLDER_HINT } });
      return z.NEVER;
    }
    const parsed = parseDate(input, zone);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.expected });
      return z.NEVER;
    }
    return { value: parsed.value, dayOnly: isDayOnly(input) };
  });
}

const AUTHOR_ID = "an author id (lowercase-with-hyphens) from _data/authors.yaml";
/** `author: digby` or `author: [digby, other]`: always a list of distinct ids once parsed, in byline order. */
const authorIds = z
  .union([id(AUTHOR_ID), z.array(id(AUTHOR_ID), { error: "a list of author ids" }).min(1, { error: "at least one author id" })], {
    error: `${AUTHOR_ID}, or a list of them ([a, b])`,
  })
  .transform((value, ctx) => {
    const ids = typeof value === "string" ? [value] : value;
    const twin = ids.find((item, i) => ids.indexOf(item) !== i);
    if (twin !== undefined) {
      ctx.addIssue({ code: "custom", message: "each author once", params: { hint: `remove the second "${twin}"` } });
      return z.NEVER;
    }
    return ids;
  });

/**
 * An old address of a post (`aliases:`): root-relative, without the path prefix, ending in `/`
 * or `.html`, made of characters a URL path holds as they are (no `..`, query or fragment).
 */
export function isAliasPath(value: string): boolean {
  return /^\/([A-Za-z0-9._~!$&'()*+,;=:@%-]+\/)*([A-Za-z0-9._~!$&'()*+,;=:@%-]+\.html)?$/.test(value) && !/(^|\/)\.\.?(\/|$)/.test(value) && value !== "/";
}
const ALIAS = "a root-relative old address like /2019/03/old-post/ (ending in / or .html)";
const aliases = z.array(z.string({ error: ALIAS }).refine(isAliasPath, { error: ALIAS }), { error: "a list of old addresses ([/old/path/])" });

const accuracy = z.enum(DATE_ACCURACIES, { error: `one of ${DATE_ACCURACIES.join(", ")}` });

export function postSchema(zone: string) {
  return z.strictObject(
    {
      title: text("a non-empty title"),
      date: dateField(zone),
      dateAccuracy: accuracy.default("exact"),
      dateNote: text("a sentence on how the date is known").optional(),
      updated: dateField(zone).optional(),
      author: authorIds,
      tags: z.array(text("a non-empty tag"), { error: "a list of tags" }).default([]),
      sources: z
        .array(id("a source id (lowercase-with-hyphens) from _data/sources.yaml"), { error: "a list of source ids" })
        .default([]),
      description: text("a non-empty description").optional(),
      draft: z.boolean({ error: "true or false (a YAML boolean, unquoted)" }).default(false),
      slug: id("a slug (lowercase-with-hyphens)").optional(),
      aliases: aliases.default([]),
      toc: z.boolean({ error: "true or false (a YAML boolean, unquoted)" }).default(false),
      image: text("an image file next to the post, or /path in public/").optional(),
      imageAlt: text("a sentence saying what the image shows").optional(),
    },
    { error: "only known fields (title, date, dateAccuracy, dateNote, updated, author, tags, sources, description, draft, slug, aliases, toc, image, imageAlt)" },
  );
}
export type PostFrontMatter = z.output<ReturnType<typeof postSchema>>;

/** A post's front matter as JSON, kept for the next build (lib/pipeline/front-matter-store.ts): its dates as moments. */
export type StoredFrontMatter = Omit<PostFrontMatter, "date" | "updated"> & { date: StoredDate; updated?: StoredDate };
type StoredDate = { epochMs: number; dayOnly: boolean };

export function storedFrontMatter(data: PostFrontMatter): StoredFrontMatter {
  const stored = { ...data } as unknown as StoredFrontMatter;
  stored.date = { epochMs: data.date.value.toMillis(), dayOnly: data.date.dayOnly };
  if (data.updated) stored.updated = { epochMs: data.updated.value.toMillis(), dayOnly: data.updated.dayOnly };
  return stored;
}

/** The front matter `storedFrontMatter` kept, as the post schema gave it in the same `zone` (the fields in the same order). */
export function frontMatterFromStored(stored: StoredFrontMatter, zone: string): PostFrontMatter {
  const data = { ...stored } as unknown as PostFrontMatter;
  data.date = { value: dateAt(stored.date.epochMs, zone), dayOnly: stored.date.dayOnly };
  if (stored.updated) data.updated = { value: dateAt(stored.updated.epochMs, zone), dayOnly: stored.updated.dayOnly };
  return data;
}

const postSchemas = new Map<string, ReturnType<typeof postSchema>>();
/** The post schema for a zone, built once: building a zod schema per post is measurable at 10,000 posts. */
export function postSchemaFor(zone: string): ReturnType<typeof postSchema> {
  let schema = postSchemas.get(zone);
  if (!schema) postSchemas.set(zone, (schema = postSchema(zone)));
  return schema;
}

/** A standalone page (`pages/about.md`): a title and a description; its file name is its address. */
export const pageSchema = z.strictObject(
  {
    title: text("a non-empty title"),
    description: text("a one-sentence description (search engines and link cards show it)"),
    /** A shorter label for the header or footer link ("About" for "About this site"). */
    navTitle: text("a short label for navigation links").optional(),
  },
  { error: "only known fields (title, description, navTitle); a page's place in the navigation is set in _data/site.yaml (nav)" },
);
export type PageFrontMatter = z.output<typeof pageSchema>;

export const authorSchema = z.strictObject({
  /** null when the author is not named anywhere we know of: shown honestly, never invented. */
  name: z.union([text("a display name"), z.null()], { error: "a display name, or ~ when the name is not known" }),
  url: httpUrl.optional(),
  bio: text("a short bio").optional(),
  outlet: id("an outlet id from _data/outlets.yaml").optional(),
  /** Shown where no outlet is known, e.g. "their own blog, whose name is not known". */
  outletNote: text("a short note").optional(),
});
export type AuthorEntry = z.output<typeof authorSchema>;

export const outletSchema = z.strictObject({
  name: text("an outlet name"),
  url: httpUrl,
});
export type OutletEntry = z.output<typeof outletSchema>;

export function sourceSchema(zone: string) {
  return z.strictObject({
    title: text("the story's headline"),
    outlet: id("an outlet id from _data/outlets.yaml"),
    url: httpUrl,
    published: dateField(zone),
    publishedAccuracy: accuracy.default("exact"),
    byline: text("the story's byline").optional(),
    archived: httpUrl.optional(),
  });
}
export type SourceEntry = z.output<ReturnType<typeof sourceSchema>>;

/** Where a field sits in a file, for error lines. */
export type LineFinder = (path: readonly PropertyKey[]) => number | undefined;

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === "number" ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`))
    .join("");
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Runs a schema and turns every issue into a ContentProblem. `prefix` is the entry's key in a registry. */
export function parseWith<T extends z.ZodType>(
  schema: T,
  data: unknown,
  where: { file: string; prefix?: readonly PropertyKey[]; lineOf?: LineFinder },
): { ok: true; value: z.output<T> } | { ok: false; problems: ContentProblem[] } {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const known = Object.keys((schema as unknown as { shape?: Record<string, unknown> }).shape ?? {});
  const problems = result.error.issues.flatMap((issue): ContentProblem[] => {
    const prefix = where.prefix ?? [];
    if (issue.code === "unrecognized_keys") {
      // One line per unknown field, each at its own line, with the known field it is nearest to.
      return issue.keys.map((key) => {
        const path = [...prefix, ...issue.path, key];
        const hint = didYouMean(key, known);
        return { file: where.file, field: formatPath(path), line: where.lineOf?.(path), expected: issue.message, got: `unknown field ${JSON.stringify(key)}`, ...(hint ? { hint } : {}) };
      });
    }
    const path = [...prefix, ...issue.path];
    const found = valueAt(data, issue.path);
    const hint = issue.code === "custom" ? (issue.params as { hint?: string } | undefined)?.hint : undefined;
    return [{
      file: where.file,
      field: formatPath(path),
      line: where.lineOf?.(path),
      expected: issue.message,
      got: describeValue(found),
      ...(hint ? { hint } : {}),
    }];
  });
  return { ok: false, problems };
}
