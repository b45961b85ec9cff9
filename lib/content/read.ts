// Reading the content folder: posts (`*.md` with YAML front matter) and the registries
// (`_data/authors.yaml`, `outlets.yaml`, `sources.yaml`). Each file is read once, decoded
// strictly and validated; every problem is collected, none is thrown half-way.
import path from "node:path";
import { formatProblem, type ContentProblem } from "../core/errors.ts";
import {
  authorSchema,
  outletSchema,
  parseWith,
  postSchemaFor,
  sourceSchema,
  type AuthorEntry,
  type OutletEntry,
  type SourceEntry,
} from "./schema.ts";
import { isSlug, slugify } from "../core/slugs.ts";
import { defaultLimits, listContentFolder, plainFileStamp, readDecoded, readText, type ReadLimits } from "./files.ts";
import { stampOf, type ContentMemo } from "./memo.ts";
import { fileDigest, type FrontMatterStore, type PostFile, type PostReferences } from "./post-file.ts";
import { expectMapping, parseYaml, readFrontMatter, splitFrontMatter, yamlLineFinder } from "./yaml.ts";
import { STATUS_FILE_NAME, readSourceStatus, type SourceStatus } from "./source-status.ts";

export type { FrontMatterStore, PostFile, PostReferences } from "./post-file.ts";

export interface ContentInput {
  posts: PostFile[];
  /** References of posts that failed validation: cross-checked too, so every problem shows at once. */
  rejected: PostReferences[];
  authors: Map<string, AuthorEntry>;
  outlets: Map<string, OutletEntry>;
  sources: Map<string, SourceEntry>;
  /** What `npm run check:sources` last saw of each source's links (empty when never run). */
  sourceStatus: SourceStatus;
  /** Ids whose entries are present but invalid (already reported): not "unknown" to cross-checks. */
  invalid: Record<(typeof REGISTRY_NAMES)[number], Set<string>>;
  /** Registry file paths as shown in messages. */
  files: { authors: string; outlets: string; sources: string };
  /** Lines of registry entries, for cross-check messages. */
  lineOf: (registry: "authors" | "outlets" | "sources", id: string, field?: string) => number | undefined;
}

export { createContentMemo, type ContentMemo } from "./memo.ts";

export const REGISTRY_NAMES = ["authors", "outlets", "sources"] as const;

interface ReadOptions {
  contentDir: string;
  /** Root that message paths are relative to. */
  root: string;
  timeZone: string;
  /** Symbolic links and sizes allowed (lib/content/files.ts); the defaults when not given. */
  limits?: ReadLimits;
}

function readRegistry<T>(
  file: string,
  shown: string,
  parseEntry: (id: string, value: unknown, lineOf: ReturnType<typeof yamlLineFinder>) => { ok: true; value: T } | { ok: false; problems: ContentProblem[] },
  problems: ContentProblem[],
  limits: ReadLimits,
): { entries: Map<string, T>; invalid: Set<string>; lineOf: ReturnType<typeof yamlLineFinder> } {
  const entries = new Map<string, T>();
  const invalid = new Set<string>();
  const text = readText(file, shown, problems, limits);
  const lineOf = yamlLineFinder(text ?? "");
  if (text === undefined) return { entries, invalid, lineOf };
  const parsed = parseYaml(text, shown);
  if (!parsed.ok) {
    problems.push(parsed.problem);
    return { entries, invalid, lineOf };
  }
  if (parsed.value === null || parsed.value === undefined) return { entries, invalid, lineOf };
  const notMapping = expectMapping(parsed.value, shown, "entries keyed by id");
  if (notMapping) {
    problems.push(notMapping);
    return { entries, invalid, lineOf };
  }
  for (const [id, value] of Object.entries(parsed.value as Record<string, unknown>)) {
    if (!isSlug(id)) {
      problems.push({ file: shown, field: id, line: lineOf([id]), expected: "an id in lowercase-with-hyphens", got: JSON.stringify(id) });
      continue;
    }
    const result = parseEntry(id, value, lineOf);
    if (result.ok) entries.set(id, result.value);
    else {
      invalid.add(id);
      problems.push(...result.problems);
    }
  }
  return { entries, invalid, lineOf };
}

/** Reads one post file into a validated PostFile, or records why not. */
export function readPost(
  text: string,
  shown: string,
  timeZone: string,
  problems: ContentProblem[],
  rejected: PostReferences[] = [],
): PostFile | undefined {
  if (text.trim() === "") {
    problems.push({ file: shown, expected: "a post: front matter between --- lines, then Markdown", got: "an empty file" });
    return undefined;
  }
  const front = readFrontMatter(text, shown, "title:, date:, author:", problems);
  if (!front) return undefined;
  const { split, lineOf } = front;
  const parsed = { value: front.value };
  const result = parseWith(postSchemaFor(timeZone), parsed.value, { file: shown, lineOf });
  const bodyEmpty = split.body.trim() === "";
  if (bodyEmpty) problems.push({ file: shown, line: split.bodyLine, expected: "some text after the front matter", got: "an empty post" });
  if (!result.ok || bodyEmpty) {
    if (!result.ok) problems.push(...result.problems);
    const raw = parsed.value as Record<string, unknown>;
    const ids = (value: unknown) => (Array.isArray(value) ? value : []).filter((v): v is string => typeof v === "string" && isSlug(v));
    const tags = (Array.isArray(raw.tags) ? raw.tags : []).filter((v): v is string => typeof v === "string" && v.trim() !== "");
    rejected.push({ file: shown, lineOf, authors: ids(Array.isArray(raw.author) ? raw.author : [raw.author]), sources: ids(raw.sources), tags, body: split.body, lineOffset: split.bodyLine - 1 });
    return undefined;
  }
  const stem = path.basename(shown, ".md");
  const slug = result.value.slug ?? slugify(stem);
  if (!slug) {
    problems.push({ file: shown, expected: "a file name with letters or digits (it becomes the URL)", got: JSON.stringify(stem) });
    return undefined;
  }
  return { file: shown, slug, data: result.value, body: split.body, lineOffset: split.bodyLine - 1, lineOf };
}

/**
 * A post read before from the same bytes (a FrontMatterStore's): its body and line finder from
 * the text, as `readPost` splits it.
 */
function keptPost(text: string, shown: string, kept: { slug: string; data: PostFile["data"] }): PostFile {
  const split = splitFrontMatter(text);
  return { file: shown, slug: kept.slug, data: kept.data, body: split.body, lineOffset: split.bodyLine - 1, lineOf: yamlLineFinder(split.yaml, 1) };
}

/**
 * A post file whose stamp is the one it had when a build before read it (a FrontMatterStore's
 * `takeUnchanged`): its slug, front matter and where its body starts from the store, its file
 * not read. Its body and the lines of its fields are read only if something asks for them (a
 * post whose kept render is missing, a problem to place); the bytes read then must be those the
 * store names, or the build stops: the file changed while it ran.
 */
function unreadPost(full: string, shown: string, kept: { slug: string; data: PostFile["data"]; digest: string; lineOffset: number }, limits: ReadLimits): PostFile {
  let text: Pick<PostFile, "body" | "lineOf"> | undefined;
  const load = () => {
    if (text) return text;
    const problems: ContentProblem[] = [];
    const read = readDecoded(full, shown, problems, limits);
    if (!read || fileDigest(read.bytes) !== kept.digest) throw new Error(`${shown} changed while this build ran (${problems.length > 0 ? formatProblem(problems[0]!) : "its bytes are not those it was read from"}); run the build again.`);
    const split = splitFrontMatter(read.text);
    return (text = { body: split.body, lineOf: yamlLineFinder(split.yaml, 1) });
  };
  return {
    file: shown,
    slug: kept.slug,
    data: kept.data,
    get body() {
      return load().body;
    },
    lineOffset: kept.lineOffset,
    lineOf: (field) => load().lineOf(field),
  };
}

/**
 * Reads post files again into the memo (the dev server, after the watcher named them), with
 * each one's PostFile before and after. Undefined when one is new, gone or now has a problem:
 * then the whole folder is read, and the problem reported, as in any build.
 */
export function rereadPosts(files: readonly string[], options: ReadOptions, memo: ContentMemo): { before: PostFile; after: PostFile }[] | undefined {
  const reread: { before: PostFile; after: PostFile }[] = [];
  for (const full of files) {
    const known = memo.posts.get(full);
    const stamp = stampOf(full);
    if (!known?.post || stamp === undefined) return undefined;
    if (stamp === known.stamp) continue;
    const shown = path.relative(options.root, full) || full;
    const problems: ContentProblem[] = [];
    const text = readText(full, shown, problems, options.limits ?? defaultLimits(options.contentDir));
    const after = text === undefined ? undefined : readPost(text, shown, options.timeZone, problems);
    if (!after || problems.length > 0) return undefined;
    memo.posts.set(full, { stamp, post: after, problems: [], rejected: [] });
    memo.stamps.set(shown, stamp);
    reread.push({ before: known.post, after });
  }
  return reread;
}

/** The registry files, as messages name them (relative to the project root). */
export function registryFiles(options: Pick<ReadOptions, "contentDir" | "root">): ContentInput["files"] {
  const show = (name: string) => {
    const file = path.join(options.contentDir, "_data", `${name}.yaml`);
    return path.relative(options.root, file) || file;
  };
  return { authors: show("authors"), outlets: show("outlets"), sources: show("sources") };
}

/**
 * Reads and validates everything in the content folder. Cross-references are checked later.
 * With a `store` (a production build), a post file whose bytes an earlier build read is not
 * parsed and validated again.
 */
export function readContent(options: ReadOptions, memo?: ContentMemo, store?: FrontMatterStore): { input: ContentInput; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const show = (file: string) => path.relative(options.root, file) || file;
  const dataDir = path.join(options.contentDir, "_data");
  const files = registryFiles(options);
  const sourceEntry = sourceSchema(options.timeZone);
  const limits = options.limits ?? defaultLimits(options.contentDir);
  const authors = readRegistry(path.join(dataDir, "authors.yaml"), files.authors, (id, value, lineOf) =>
    parseWith(authorSchema, value ?? {}, { file: files.authors, prefix: [id], lineOf }), problems, limits);
  const outlets = readRegistry(path.join(dataDir, "outlets.yaml"), files.outlets, (id, value, lineOf) =>
    parseWith(outletSchema, value ?? {}, { file: files.outlets, prefix: [id], lineOf }), problems, limits);
  const sources = readRegistry(path.join(dataDir, "sources.yaml"), files.sources, (id, value, lineOf) =>
    parseWith(sourceEntry, value ?? {}, { file: files.sources, prefix: [id], lineOf }), problems, limits);
  const statusFile = path.join(dataDir, STATUS_FILE_NAME);
  const sourceStatus = readSourceStatus(statusFile, show(statusFile), problems, limits);

  const posts: PostFile[] = [];
  const rejected: PostReferences[] = [];
  // Only what the content policy allows is read; anything else there is reported (policy.ts).
  const listing = listContentFolder(options.contentDir, show);
  const names = listing.posts;
  problems.push(...listing.problems);
  if (!listing.found) problems.push({ file: show(options.contentDir), expected: "a folder of posts", got: "no such folder" });
  if (memo) {
    memo.stamps.clear();
    memo.registries = [...REGISTRY_NAMES, "source-status"].map((name) => stampOf(path.join(dataDir, `${name}.yaml`)) ?? "").join("|");
  }
  const seen = new Set<string>();
  for (const name of names) {
    const full = path.join(options.contentDir, name);
    const shown = show(full);
    const stamp = memo ? stampOf(full) : undefined;
    const known = stamp === undefined ? undefined : memo?.posts.get(full);
    if (memo && stamp !== undefined) {
      seen.add(full);
      memo.stamps.set(shown, stamp);
    }
    if (known && known.stamp === stamp) {
      problems.push(...known.problems);
      rejected.push(...known.rejected);
      if (known.post) posts.push(known.post);
      continue;
    }
    // A production build's post file unchanged since the last build read it: not read now.
    const stampNow = store && !memo ? plainFileStamp(full, limits) : undefined;
    const unchanged = stampNow === undefined ? undefined : store?.takeUnchanged(shown, stampNow);
    if (unchanged) {
      posts.push(unreadPost(full, shown, unchanged, limits));
      continue;
    }
    const ownProblems: ContentProblem[] = [];
    const ownRejected: PostReferences[] = [];
    const read = readDecoded(full, shown, ownProblems, limits);
    const digest = read && store ? fileDigest(read.bytes) : undefined;
    const kept = digest === undefined ? undefined : store?.take(shown, digest, read!.stamp);
    const post = !read ? undefined : kept ? keptPost(read.text, shown, kept) : readPost(read.text, shown, options.timeZone, ownProblems, ownRejected);
    if (post && !kept && digest !== undefined) store?.keep(shown, digest, read!.stamp, post);
    if (memo && stamp !== undefined) memo.posts.set(full, { stamp, post, problems: ownProblems, rejected: ownRejected });
    problems.push(...ownProblems);
    rejected.push(...ownRejected);
    if (post) posts.push(post);
  }
  if (memo) for (const full of memo.posts.keys()) if (!seen.has(full)) memo.posts.delete(full);
  const registries = { authors, outlets, sources };
  return {
    input: {
      posts,
      rejected,
      authors: authors.entries,
      outlets: outlets.entries,
      sources: sources.entries,
      sourceStatus,
      invalid: { authors: authors.invalid, outlets: outlets.invalid, sources: sources.invalid },
      files,
      lineOf: (registry, id, field) => registries[registry].lineOf(field ? [id, field] : [id]),
    },
    problems,
  };
}

