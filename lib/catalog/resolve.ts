// Cross-reference resolution: registry entries become linked records (an author's outlet, a
// source's outlet), and each post's ids and tag names are looked up. Every unknown id, every
// duplicate and every clash is a ContentProblem naming the file, field and line; ids whose own
// entries were already reported as broken are not reported again where they are used.
import type { ContentProblem } from "../core/errors.ts";
import { toPostDate } from "../core/dates.ts";
import { RESERVED_TAG_SLUGS, ROUTES } from "../core/routes.ts";
import { slugify } from "../core/slugs.ts";
import type { ContentInput, PostFile } from "../content/read.ts";
import type { Site } from "../content/site.ts";
import type { Author, Outlet, Source, Tag } from "./model.ts";

export interface Registries {
  outlets: Map<string, Outlet>;
  authors: Map<string, Author>;
  sources: Map<string, Source>;
  /** Source ids whose entries were reported as broken: a post citing one is not told it is unknown. */
  brokenSources: Set<string>;
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
      problems.push({ file: input.files.authors, field: `${id}.outlet`, line: input.lineOf("authors", id, "outlet"), expected: `an outlet id from ${input.files.outlets}`, got: JSON.stringify(entry.outlet) });
    }
    authors.set(id, {
      id,
      name: entry.name,
      displayName: entry.name ?? "Unnamed author",
      url: entry.url,
      bio: entry.bio,
      outlet,
      outletNote: entry.outletNote,
      pageUrl: ROUTES.author(id),
      posts: [],
    });
  }
  if (site.defaultAuthor && !authors.has(site.defaultAuthor)) {
    problems.push({ file: "site settings", field: "defaultAuthor", expected: `an author id from ${input.files.authors}`, got: JSON.stringify(site.defaultAuthor) });
  }

  const sources = new Map<string, Source>();
  const sourceByUrl = new Map<string, string>();
  const brokenSources = new Set(input.invalid.sources);
  for (const [id, entry] of input.sources) {
    const outlet = outlets.get(entry.outlet);
    if (!outlet) {
      brokenSources.add(id);
      if (!input.invalid.outlets.has(entry.outlet)) problems.push({ file: input.files.sources, field: `${id}.outlet`, line: input.lineOf("sources", id, "outlet"), expected: `an outlet id from ${input.files.outlets}`, got: JSON.stringify(entry.outlet) });
      continue;
    }
    const normalised = new URL(entry.url).href;
    const twin = sourceByUrl.get(normalised);
    if (twin) {
      problems.push({ file: input.files.sources, field: `${id}.url`, line: input.lineOf("sources", id, "url"), expected: "a URL no other source has", got: `the URL of source "${twin}"`, hint: "merge the two entries" });
    }
    sourceByUrl.set(normalised, id);
    sources.set(id, {
      id,
      title: entry.title,
      url: entry.url,
      archived: entry.archived,
      byline: entry.byline,
      outlet,
      published: toPostDate(entry.published.value, entry.published.dayOnly, entry.publishedAccuracy),
      pageUrl: ROUTES.source(id),
      posts: [],
      passages: [],
      jsonLd: "",
    });
    if (!entry.archived) warnings.push(`${input.files.sources} › ${id}: no archived copy (add archived: with a snapshot URL)`);
  }
  return { outlets, authors, sources, brokenSources };
}

/** The field of the `i`th of `count` author ids, as the author wrote it: `author`, or `author[1]` in a list. */
function authorField(i: number, count: number): string {
  return count === 1 ? "author" : `author[${i}]`;
}

/** Unknown author ids of a post, pushed as problems (ids whose entries are broken were reported there). */
function checkAuthorIds(file: string, lineOf: PostFile["lineOf"], ids: readonly string[], input: ContentInput, registries: Registries, problems: ContentProblem[]): void {
  ids.forEach((id, i) => {
    if (!registries.authors.has(id) && !input.invalid.authors.has(id)) {
      problems.push({ file, field: authorField(i, ids.length), line: lineOf(["author"]), expected: `an author id from ${input.files.authors}`, got: JSON.stringify(id) });
    }
  });
}

/** A post's authors (in byline order) and listed sources, looked up; unknown ids are pushed as problems. */
export function resolvePostRefs(file: PostFile, input: ContentInput, registries: Registries, problems: ContentProblem[]): { authors: Author[] | undefined; sources: Source[] } {
  const { data } = file;
  checkAuthorIds(file.file, file.lineOf, data.author, input, registries, problems);
  const found = data.author.map((id) => registries.authors.get(id)).filter((author): author is Author => author !== undefined);
  const authors = found.length === data.author.length ? found : undefined;
  const sources: Source[] = [];
  data.sources.forEach((id, i) => {
    const source = registries.sources.get(id);
    if (source) sources.push(source);
    else if (!registries.brokenSources.has(id)) problems.push({ file: file.file, field: `sources[${i}]`, line: file.lineOf(["sources"]), expected: `a source id from ${input.files.sources}`, got: JSON.stringify(id) });
  });
  return { authors, sources };
}

/** Posts that failed validation: their unknown ids are reported now, not after the next fix. */
export function checkRejectedRefs(input: ContentInput, registries: Registries, problems: ContentProblem[]): void {
  for (const ref of input.rejected) {
    checkAuthorIds(ref.file, ref.lineOf, ref.authors, input, registries, problems);
    ref.sources.forEach((id, i) => {
      if (!registries.sources.has(id) && !registries.brokenSources.has(id)) problems.push({ file: ref.file, field: `sources[${i}]`, line: ref.lineOf(["sources"]), expected: `a source id from ${input.files.sources}`, got: JSON.stringify(id) });
    });
  }
}

/**
 * Tags by slug, made as posts name them: the first spelling of a slug wins, and a post that
 * spells it otherwise (case, punctuation) or names a reserved slug gets a problem.
 */
export function tagResolver(problems: ContentProblem[]): { resolve(file: PostFile): Tag[]; tags(): Tag[] } {
  const tags = new Map<string, Tag>();
  /** The file that first named each tag, for the message about a different spelling. */
  const firstFiles = new Map<string, string>();
  return {
    resolve(file) {
      const postTags: Tag[] = [];
      const line = () => file.lineOf(["tags"]);
      for (const name of file.data.tags) {
        const slug = slugify(name);
        const existing = tags.get(slug);
        const reserved = RESERVED_TAG_SLUGS.get(slug);
        if (!slug) {
          problems.push({ file: file.file, field: "tags", line: line(), expected: "a tag with letters or digits", got: JSON.stringify(name) });
        } else if (reserved) {
          problems.push({ file: file.file, field: "tags", line: line(), expected: `a tag whose URL slug is not "${slug}"`, got: JSON.stringify(name), hint: `${ROUTES.tag(slug)} is ${reserved}` });
        } else if (existing && existing.name !== name) {
          problems.push({ file: file.file, field: "tags", line: line(), expected: `the tag spelled as "${existing.name}" (as in ${firstFiles.get(slug)})`, got: JSON.stringify(name), hint: "tags that differ only in case or punctuation share one page" });
        } else if (existing) {
          if (!postTags.includes(existing)) postTags.push(existing);
        } else {
          const tag = { name, slug, url: ROUTES.tag(slug), posts: [] };
          tags.set(slug, tag);
          firstFiles.set(slug, file.file);
          postTags.push(tag);
        }
      }
      return postTags;
    },
    tags: () => [...tags.values()],
  };
}
