// Cross-reference resolution: registry entries become linked records (an author's outlet, a
// source's outlet), and each post's ids and tag names are looked up. Every unknown id, every
// duplicate and every clash is a ContentProblem naming the file, field and line; ids whose own
// entries were already reported as broken are not reported again where they are used.
import type { ContentProblem } from "../core/errors.ts";
import { toPostDate } from "../core/dates.ts";
import { say } from "../core/messages/index.ts";
import { RESERVED_TAG_SLUGS, ROUTES } from "../core/routes.ts";
import { slugify } from "../core/slugs.ts";
import { didYouMean } from "../core/suggest.ts";
import type { ContentInput, PostFile } from "../content/read.ts";
import type { Site } from "../content/site.ts";
import type { Author, Outlet, Source, Tag } from "./model.ts";
import { linkWarning, sourceLink } from "./source-link.ts";

export interface Registries {
  outlets: Map<string, Outlet>;
  authors: Map<string, Author>;
  sources: Map<string, Source>;
  /** Source ids whose entries were reported as broken: a post citing one is not told it is unknown. */
  brokenSources: Set<string>;
}

/** "did you mean `x`?" for an unknown id, among the ids of its registry (valid or not). */
function nearMiss(id: string, known: Iterable<string>, invalid: Iterable<string>): { hint?: string } {
  const hint = didYouMean(id, [...known, ...invalid]);
  return hint ? { hint } : {};
}

/** Outlets, authors and sources as linked records; their problems and warnings are pushed. */
export function resolveRegistries(input: ContentInput, site: Site, problems: ContentProblem[], warnings: string[]): Registries {
  const outlets = new Map<string, Outlet>();
  for (const [id, entry] of input.outlets) {
    outlets.set(id, { id, name: entry.name, url: entry.url, pageUrl: ROUTES.outlet(id), posts: [], sources: [], sourcePreview: [], sourcesUrl: undefined });
  }

  const authors = new Map<string, Author>();
  for (const [id, entry] of input.authors) {
    const outlet = entry.outlet ? outlets.get(entry.outlet) : undefined;
    if (entry.outlet && !outlet && !input.invalid.outlets.has(entry.outlet)) {
      problems.push({ file: input.files.authors, field: `${id}.outlet`, line: input.lineOf("authors", id, "outlet"), expected: `an outlet id from ${input.files.outlets}`, got: JSON.stringify(entry.outlet), ...nearMiss(entry.outlet, input.outlets.keys(), input.invalid.outlets) });
    }
    authors.set(id, {
      id,
      name: entry.name,
      displayName: entry.name ?? say(site.language, "author.unnamed"),
      url: entry.url,
      bio: entry.bio,
      outlet,
      outletNote: entry.outletNote,
      pageUrl: ROUTES.author(id),
      posts: [],
    });
  }
  if (site.defaultAuthor && !authors.has(site.defaultAuthor)) {
    problems.push({ file: "site settings", field: "defaultAuthor", expected: `an author id from ${input.files.authors}`, got: JSON.stringify(site.defaultAuthor), ...nearMiss(site.defaultAuthor, authors.keys(), input.invalid.authors) });
  }

  const sources = new Map<string, Source>();
  const sourceByUrl = new Map<string, string>();
  const brokenSources = new Set(input.invalid.sources);
  for (const [id, entry] of input.sources) {
    const outlet = outlets.get(entry.outlet);
    if (!outlet) {
      brokenSources.add(id);
      if (!input.invalid.outlets.has(entry.outlet)) problems.push({ file: input.files.sources, field: `${id}.outlet`, line: input.lineOf("sources", id, "outlet"), expected: `an outlet id from ${input.files.outlets}`, got: JSON.stringify(entry.outlet), ...nearMiss(entry.outlet, input.outlets.keys(), input.invalid.outlets) });
      continue;
    }
    const normalised = new URL(entry.url).href;
    const twin = sourceByUrl.get(normalised);
    if (twin) {
      problems.push({ file: input.files.sources, field: `${id}.url`, line: input.lineOf("sources", id, "url"), expected: "a URL no other source has", got: `the URL of source "${twin}"`, hint: "merge the two entries" });
    }
    sourceByUrl.set(normalised, id);
    const status = input.sourceStatus.get(id);
    const link = sourceLink(entry, status, site.language);
    sources.set(id, {
      id,
      title: entry.title,
      url: entry.url,
      archived: entry.archived,
      link,
      byline: entry.byline,
      outlet,
      published: toPostDate(entry.published.value, entry.published.dayOnly, entry.publishedAccuracy, site.language),
      pageUrl: ROUTES.source(id),
      posts: [],
      passages: [],
      jsonLd: "",
    });
    // Only a story readers cannot follow at all is worth a warning on every build.
    const warning = linkWarning(input.files.sources, id, link, status);
    if (warning) warnings.push(warning);
  }
  return { outlets, authors, sources, brokenSources };
}

/** What a post refers to by id, whether it passed validation or not. */
interface PostRefs {
  file: string;
  lineOf: PostFile["lineOf"];
  /** Author ids it names (one or a list), in order. */
  authors: readonly string[];
  sources: readonly string[];
}

/** The field of the `i`th of `count` author ids, as the author wrote it: `author`, or `author[1]` in a list. */
function authorField(i: number, count: number): string {
  return count === 1 ? "author" : `author[${i}]`;
}

/** Unknown ids among a post's references, as problems; each with a "did you mean" when one is near. */
function checkRefs(ref: PostRefs, input: ContentInput, registries: Registries, problems: ContentProblem[]): void {
  ref.authors.forEach((id, i) => {
    if (!registries.authors.has(id) && !input.invalid.authors.has(id)) {
      problems.push({ file: ref.file, field: authorField(i, ref.authors.length), line: ref.lineOf(["author"]), expected: `an author id from ${input.files.authors}`, got: JSON.stringify(id), ...nearMiss(id, registries.authors.keys(), input.invalid.authors) });
    }
  });
  ref.sources.forEach((id, i) => {
    if (!registries.sources.has(id) && !registries.brokenSources.has(id)) {
      problems.push({ file: ref.file, field: `sources[${i}]`, line: ref.lineOf(["sources"]), expected: `a source id from ${input.files.sources}`, got: JSON.stringify(id), ...nearMiss(id, input.sources.keys(), input.invalid.sources) });
    }
  });
}

/** A post's authors (in byline order) and listed sources, looked up; unknown ids are pushed as problems. */
export function resolvePostRefs(file: PostFile, input: ContentInput, registries: Registries, problems: ContentProblem[]): { authors: Author[] | undefined; sources: Source[] } {
  const { data } = file;
  checkRefs({ file: file.file, lineOf: file.lineOf, authors: data.author, sources: data.sources }, input, registries, problems);
  const found = data.author.map((id) => registries.authors.get(id)).filter((author): author is Author => author !== undefined);
  const authors = found.length === data.author.length ? found : undefined;
  const sources: Source[] = [];
  for (const id of data.sources) {
    const source = registries.sources.get(id);
    if (source) sources.push(source);
  }
  return { authors, sources };
}

/** Posts that failed validation: their unknown ids are reported now, not after the next fix. */
export function checkRejectedRefs(input: ContentInput, registries: Registries, problems: ContentProblem[]): void {
  for (const ref of input.rejected) checkRefs(ref, input, registries, problems);
}

/** The tags a post names (a rejected post's too, so a misspelt tag shows in the same run). */
export interface TaggedPost {
  file: string;
  lineOf: PostFile["lineOf"];
  tags: readonly string[];
}

/**
 * Tags by slug, made as posts name them: the first spelling of a slug wins, and a post that
 * spells it otherwise (case, punctuation) or names a reserved slug gets a problem.
 */
export function tagResolver(problems: ContentProblem[]): { resolve(post: TaggedPost): Tag[]; tags(): Tag[] } {
  const tags = new Map<string, Tag>();
  /** The file that first named each tag, for the message about a different spelling. */
  const firstFiles = new Map<string, string>();
  return {
    resolve(post) {
      const postTags: Tag[] = [];
      const line = () => post.lineOf(["tags"]);
      for (const name of post.tags) {
        const slug = slugify(name);
        const existing = tags.get(slug);
        const reserved = RESERVED_TAG_SLUGS.get(slug);
        if (!slug) {
          problems.push({ file: post.file, field: "tags", line: line(), expected: "a tag with letters or digits", got: JSON.stringify(name) });
        } else if (reserved) {
          problems.push({ file: post.file, field: "tags", line: line(), expected: `a tag whose URL slug is not "${slug}"`, got: JSON.stringify(name), hint: `${ROUTES.tag(slug)} is ${reserved}` });
        } else if (existing && existing.name !== name) {
          problems.push({ file: post.file, field: "tags", line: line(), expected: `the tag spelled as "${existing.name}" (as in ${firstFiles.get(slug)})`, got: JSON.stringify(name), hint: `both would be the page ${ROUTES.tag(slug)}: spell the tag one way` });
        } else if (existing) {
          if (!postTags.includes(existing)) postTags.push(existing);
        } else {
          const tag = { name, slug, url: ROUTES.tag(slug), posts: [] };
          tags.set(slug, tag);
          firstFiles.set(slug, post.file);
          postTags.push(tag);
        }
      }
      return postTags;
    },
    tags: () => [...tags.values()],
  };
}
