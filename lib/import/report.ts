// What an import did, and what is left for the author: posts written, registry entries added,
// quotes attributed or left plain, TODOs to fill in (as `npm run check:content` will name them),
// images and media to copy or check, hostile HTML dropped, records skipped and clashes.
import type { ImportFormat } from "./formats.ts";

/** Lines kept per list; the rest are counted. */
const KEPT_LINES = 2000;
/** Lines printed per list. */
const SHOWN_LINES = 40;

export interface NoteList {
  lines: string[];
  total: number;
}

export interface ImportReport {
  file: string;
  format: ImportFormat | undefined;
  dryRun: boolean;
  bytes: number;
  seconds: number;
  /** CPU time (user + system) of the whole process: on a busy machine a fairer figure than `seconds`. */
  cpuSeconds: number;
  peakRssMb: number;
  posts: number;
  drafts: number;
  scheduled: number;
  commentsSkipped: number;
  added: { authors: number; outlets: number; sources: number };
  /** Each post file written, with its status. */
  written: NoteList;
  quotes: { attributed: number; plain: NoteList };
  todos: NoteList;
  images: NoteList;
  media: NoteList;
  dropped: NoteList;
  skipped: NoteList;
  clashes: NoteList;
  notes: NoteList;
}

const list = (): NoteList => ({ lines: [], total: 0 });

export function newReport(file: string, dryRun: boolean): ImportReport {
  return {
    file,
    format: undefined,
    dryRun,
    bytes: 0,
    seconds: 0,
    cpuSeconds: 0,
    peakRssMb: 0,
    posts: 0,
    drafts: 0,
    scheduled: 0,
    commentsSkipped: 0,
    added: { authors: 0, outlets: 0, sources: 0 },
    written: list(),
    quotes: { attributed: 0, plain: list() },
    todos: list(),
    images: list(),
    media: list(),
    dropped: list(),
    skipped: list(),
    clashes: list(),
    notes: list(),
  };
}

/** Adds a line to a list; returns undefined so callers can `return note(...)`. */
export function note(target: NoteList, line: string): undefined {
  target.total += 1;
  if (target.lines.length < KEPT_LINES) target.lines.push(line);
  return undefined;
}

const n = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString("en-GB")} ${count === 1 ? one : many}`;
const FORMAT_NAMES: Record<ImportFormat, string> = { wordpress: "WordPress export (WXR)", blogger: "Blogger export (Atom)", feed: "feed (RSS 2.0 or Atom)" };

function section(title: string, target: NoteList, all: boolean): string[] {
  if (target.total === 0) return [];
  const shown = all ? target.lines : target.lines.slice(0, SHOWN_LINES);
  const more = target.total - shown.length;
  return [`${title} (${target.total.toLocaleString("en-GB")}):`, ...shown.map((line) => `  ${line}`), ...(more > 0 ? [`  … and ${more.toLocaleString("en-GB")} more${all ? "" : " (--all lists every one)"}`] : [])];
}

export function formatReport(report: ImportReport, all = false): string {
  const verb = report.dryRun ? "would be" : "";
  const size = report.bytes >= 1024 * 1024 ? `${(report.bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(report.bytes / 1024))} KB`;
  const status = [report.drafts ? n(report.drafts, "draft") : "", report.scheduled ? `${report.scheduled} scheduled` : ""].filter(Boolean).join(", ");
  const plain = report.quotes.plain.total;
  const lines = [
    `${report.dryRun ? "Dry run (nothing written): " : ""}${report.file}, a ${report.format ? FORMAT_NAMES[report.format] : "file"} of ${size}, read in ${report.seconds.toFixed(1)} s (CPU ${report.cpuSeconds.toFixed(1)} s, peak memory ${report.peakRssMb} MB)`,
    `  Posts: ${n(report.posts, "post")} ${verb ? `${verb} ` : ""}written${status ? ` (${status})` : ""}`,
    `  Registries: ${n(report.added.sources, "source")}, ${n(report.added.outlets, "outlet")}, ${n(report.added.authors, "author")} ${verb || ""}${verb ? " " : ""}added`,
    `  Quotes: ${n(report.quotes.attributed, "quote")} attributed to a source, ${n(plain, "blockquote")} left plain`,
    `  Skipped: ${n(report.skipped.total, "record")}${report.commentsSkipped ? `, and ${n(report.commentsSkipped, "comment")} on imported posts` : ""}; clashes: ${report.clashes.total}`,
    "",
    ...section(report.dryRun ? "Posts that would be written" : "Posts written", report.written, all),
    ...section("To fill in (the build refuses a TODO; `npm run check:content` lists them too)", report.todos, all),
    ...section("Blockquotes left plain (no link named a source: add > [!quote <id>] if they quote one)", report.quotes.plain, all),
    ...section("Images, now links to their old address (copy them into public/ and write ![alt](/path) to show them)", report.images, all),
    ...section("Embedded media, now links", report.media, all),
    ...section("Dropped or neutralised (hostile or unsupported HTML)", report.dropped, all),
    ...section("Skipped", report.skipped, all),
    ...section("Clashes (nothing overwritten)", report.clashes, all),
    ...section("Notes", report.notes, all),
  ];
  return lines.join("\n").trimEnd();
}
