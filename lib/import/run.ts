// `npm run import`: streams an export record by record, writes each post as soon as it is read
// (never over an existing file), and appends the new authors, outlets and sources to the
// registries at the end, in one write each. `dryRun` does everything but write.
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readContent } from "../content/read.ts";
import { readOptions } from "../pipeline/load.ts";
import { loadSite } from "../content/site.ts";
import { now as nowIn } from "../core/dates.ts";
import type { GlossEnv } from "../core/env.ts";
import { bareHost } from "../authoring/new-source.ts";
import { AuthorBook, TagBook } from "./books.ts";
import { cleanHtml } from "./clean-html.ts";
import { atomEntry, detectFormat, readHead, rootFits, rssItem, wordpressItem, type ExportHead, type ImportFormat, type ImportItem } from "./formats.ts";
import { aliasOf, postText, wantedSlug } from "./post-file.ts";
import { appendEntries, readRegistry, todoLines, RegistryError } from "./registries.ts";
import { newReport, note, type ImportReport } from "./report.ts";
import { expandShortcodes } from "./shortcodes.ts";
import { SourceBook } from "./sources.ts";
import { toMarkdown } from "./to-markdown.ts";
import { streamRecords, XmlEncodingError, XmlStreamError, type XmlRoot } from "./xml-records.ts";

export interface ImportOptions {
  /** The export file. */
  file: string;
  /** The export's format; detected from the file when undefined. */
  from?: ImportFormat;
  /** Read and convert everything, write nothing. */
  dryRun: boolean;
  /** Stop after this many posts. */
  limit?: number;
  env: GlossEnv;
}

export class ImportError extends Error {}

export async function importExport(options: ImportOptions): Promise<ImportReport> {
  const { env } = options;
  const started = performance.now();
  const site = loadSite(env);
  const show = (file: string) => path.relative(env.cwd, file) || file;
  const dataDir = path.join(env.contentDir, "_data");
  const registries = {
    authors: readRegistry(path.join(dataDir, "authors.yaml"), show(path.join(dataDir, "authors.yaml"))),
    outlets: readRegistry(path.join(dataDir, "outlets.yaml"), show(path.join(dataDir, "outlets.yaml"))),
    sources: readRegistry(path.join(dataDir, "sources.yaml"), show(path.join(dataDir, "sources.yaml"))),
  };
  const { input } = readContent(readOptions(env, site));
  const existing = new Set(readdirSync(env.contentDir).filter((name) => name.endsWith(".md")).map((name) => name.slice(0, -3)));
  for (const post of input.posts) existing.add(post.slug);
  const tags = new TagBook();
  for (const post of input.posts) for (const tag of post.data.tags) tags.seed(tag);

  const report = newReport(show(options.file), options.dryRun);
  const authors = new AuthorBook(registries.authors);
  const head: ExportHead = { authors: new Map() };
  const ownHosts = new Set<string>();
  let sources: SourceBook | undefined;
  let root: XmlRoot | undefined;
  let format: ImportFormat | undefined;
  const used = new Set<string>();
  const moment = nowIn(site.timeZone, env.now);

  const importItem = (item: ImportItem, index: number) => {
    if (item.skip) return note(report.skipped, `${item.skip.what} (record ${index}): ${item.skip.why}`);
    if (item.comments) report.commentsSkipped += item.comments;
    const label = `"${item.title || "untitled"}" (record ${index})`;
    const author = item.author ? authors.idFor(item.author) : site.defaultAuthor;
    if (!author) return note(report.skipped, `post ${label}: no author in the export, and no defaultAuthor in the site settings to use instead`);
    if (!item.date) return note(report.skipped, `post ${label}: the export gives no date`);
    let slug = wantedSlug(item.slugHint, item.link, item.title);
    if (existing.has(slug)) return note(report.clashes, `post ${label}: posts/${slug}.md (or a post with that slug) exists already; left as it was`);
    const base = slug;
    for (let n = 2; used.has(slug) || existing.has(slug); n += 1) slug = `${base}-${n}`;
    const file = path.join(env.contentDir, `${slug}.md`);
    const shown = show(file);
    const address = absolute(item.link, head.link);
    if (address) ownHosts.add(bareHost(new URL(address)));
    const day = item.date.toISODate()!;
    const quoted: string[] = [];
    const book = (sources ??= new SourceBook(registries.sources, registries.outlets, ownHosts));
    const expanded = format === "wordpress" ? expandShortcodes(item.html) : { html: item.html, unrendered: [] };
    const clean = cleanHtml(expanded.html, {
      base: address ?? absolute(head.link, undefined),
      autop: item.autop,
      attribute: (link) => {
        const id = book.attribute(link, day);
        if (id && !quoted.includes(id)) quoted.push(id);
        return id;
      },
    });
    const body = toMarkdown(clean.html);
    if (!body) return note(report.skipped, `post ${label}: no text once converted`);
    let draft = item.status === "draft";
    if (item.status === "scheduled" && item.date <= moment) {
      draft = true;
      note(report.notes, `${shown}: scheduled on the old site for ${day}, a date now past: imported as a draft`);
    }
    if (item.statusNote) note(report.notes, `${shown}: ${item.statusNote}: imported as a draft`);
    if (item.dateNote) note(report.notes, `${shown}: ${item.dateNote}`);
    const alias = aliasOf(item.link);
    const text = postText({ title: item.title || undefined, date: item.date, author, tags: tags.normalise(item.tags), sources: quoted, aliases: alias && alias !== `/posts/${slug}/` ? [alias] : [], draft }, body);
    if (!options.dryRun) {
      try {
        writeFileSync(file, text, { flag: "wx" });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") return note(report.clashes, `post ${label}: ${shown} exists already; left as it was`);
        throw error;
      }
    }
    used.add(slug);
    report.posts += 1;
    if (draft) report.drafts += 1;
    else if (item.date > moment) report.scheduled += 1;
    note(report.written, `${shown}${draft ? " (draft)" : item.date > moment ? ` (scheduled for ${day})` : ""}${quoted.length ? `, quoting ${quoted.join(", ")}` : ""}`);
    if (!item.title) note(report.todos, `${shown}:2 › title: TODO (the export gives this post no title)`);
    report.quotes.attributed += clean.quotes.attributed;
    for (const plain of clean.quotes.plain) note(report.quotes.plain, `${shown}: "${plain}"`);
    for (const url of clean.images) note(report.images, `${shown}: ${url}`);
    for (const url of clean.media) note(report.media, `${shown}: ${url}`);
    if (clean.dropped.length) note(report.dropped, `${shown}: ${clean.dropped.join(", ")}`);
    if (expanded.unrendered.length) note(report.dropped, `${shown}: shortcodes ${expanded.unrendered.join(", ")} (left out: Gloss cannot render them)`);
    return undefined;
  };

  let index = 0;
  try {
    const { bytes } = await streamRecords(options.file, {
      root(found) {
        root = found;
        if (options.from && !rootFits(found, options.from)) {
          throw new ImportError(`${report.file}: expected a ${options.from} export, got an XML file whose root is <${found.local}> (try without --from, or another --from)`);
        }
      },
      record(kind, node) {
        if (kind === "head") return readHead(node, head);
        index += 1;
        format ??= options.from ?? detectFormat(root!, head);
        if (!format) throw new ImportError(`${report.file}: expected a WordPress export, a Blogger export, an RSS 2.0 or an Atom feed, got an XML file whose root is <${root!.local}>`);
        if (head.link && ownHosts.size === 0) {
          try {
            ownHosts.add(bareHost(new URL(head.link)));
          } catch {
            // a head link that is no address
          }
        }
        const item = format === "wordpress" ? wordpressItem(node, head, site.timeZone) : node.local === "entry" ? atomEntry(node, format === "blogger", head) : rssItem(node);
        importItem(item, index);
        return options.limit === undefined || report.posts < options.limit;
      },
    });
    report.bytes = bytes;
  } catch (error) {
    // The posts already written quote sources and name authors: register them, so the site stays whole.
    if (report.posts > 0) writeRegistries();
    if (error instanceof XmlEncodingError) throw new ImportError(`${report.file}: ${error.message}`);
    if (error instanceof XmlStreamError) throw new ImportError(`${report.file}: expected well-formed XML, got ${error.message}${report.posts ? ` (the ${report.posts === 1 ? "post" : `${report.posts} posts`} before the break ${report.posts === 1 ? "was" : "were"} written, with ${report.posts === 1 ? "its" : "their"} registry entries)` : ""}`);
    throw error;
  }
  if (!root) throw new ImportError(`${report.file}: expected an XML export, got an empty file`);
  report.format = format ?? options.from ?? detectFormat(root, head) ?? "feed";
  writeRegistries();
  for (const [tag, why] of tags.dropped) note(report.notes, `tag ${JSON.stringify(tag)} left out: ${why}`);
  report.seconds = (performance.now() - started) / 1000;
  const usage = process.resourceUsage();
  report.cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  report.peakRssMb = Math.round(usage.maxRSS / 1024);
  return report;

  function writeRegistries(): void {
    const newEntries = {
      authors: authors.entries(),
      outlets: sources?.outletEntries() ?? [],
      sources: sources?.sourceEntries() ?? [],
    };
    for (const name of ["authors", "outlets", "sources"] as const) {
      const registry = registries[name];
      const text = appendEntries(registry, newEntries[name]);
      report.added[name] = newEntries[name].length;
      for (const todo of todoLines(text, newEntries[name].map((entry) => entry.id))) note(report.todos, `${registry.shown}:${todo.line} › ${todo.id}.${todo.field}: TODO`);
      if (!options.dryRun && newEntries[name].length) writeFileSync(registry.file, text);
    }
  }
}

export { RegistryError };

/** `link` as an absolute address (resolved against the blog's own when it is a path), or undefined. */
function absolute(link: string | undefined, base: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    return new URL(link, base).href;
  } catch {
    return undefined;
  }
}
