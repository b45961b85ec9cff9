// Post front matter read by the production build before (FrontMatterStore, lib/content/post-file.ts):
// a warm build takes the slug and front matter of every post file whose bytes are those the last
// build read, instead of parsing its YAML and validating it again (most of that time is luxon
// reading the dates). A file whose stamp (lib/content/files.ts, fileStamp: size, modification
// and change times, inode, device) is the one it had when read is not read at all: its digest is
// taken from here, and its body read only if something asks for it (lib/content/read.ts).
// Otherwise the file's text is read: its body, and the digest it is known by.
// One file beside the build's record (build-record.ts, snapshotPaths), written by every
// production build, a cold one too:
//   - a first line: the format's name, the key (everything that decides how front matter is
//     read: Gloss's code, the settings with their time zone; warm.ts, inputsKey), and the
//     SHA-256 of the rest;
//   - then one JSON array: for each post read without a problem, [the file as messages name it,
//     the SHA-1 of its bytes, its slug, its front matter with the dates as moments, its stamp,
//     the number of lines before its body].
// A file whose first line or digest does not check out, or whose entries do not have their
// shape, is ignored whole; one of another key (other settings or code) is not used.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { writeAside } from "../core/write-aside.ts";
import type { FrontMatterStore, PostFile } from "../content/post-file.ts";
import { frontMatterFromStored, storedFrontMatter, type PostFrontMatter, type StoredFrontMatter } from "../content/schema.ts";

/** The format's name, in the first line: another format is ignored. */
const FORMAT = "gloss-front-matter/2";

type Entry = [file: string, digest: string, slug: string, data: StoredFrontMatter, stamp: string, lineOffset: number];

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const isStoredDate = (value: unknown) => {
  const date = value as { epochMs?: unknown; dayOnly?: unknown } | null | undefined;
  return typeof date === "object" && date !== null && Number.isFinite(date.epochMs) && typeof date.dayOnly === "boolean";
};

function isEntry(value: unknown): value is Entry {
  if (!Array.isArray(value) || value.length !== 6) return false;
  const [file, digest, slug, data, stamp, lineOffset] = value as unknown[];
  const fields = data as Partial<Record<keyof StoredFrontMatter, unknown>> | null;
  return (
    typeof file === "string" &&
    typeof digest === "string" &&
    typeof slug === "string" &&
    typeof stamp === "string" &&
    Number.isSafeInteger(lineOffset) &&
    (lineOffset as number) >= 0 &&
    typeof fields === "object" &&
    fields !== null &&
    typeof fields.title === "string" &&
    isStoredDate(fields.date) &&
    (fields.updated === undefined || isStoredDate(fields.updated)) &&
    Array.isArray(fields.author) &&
    Array.isArray(fields.tags) &&
    Array.isArray(fields.sources)
  );
}

/** The front matter of one build: the last build's to take, this build's to write for the next. */
export class KeptFrontMatter implements FrontMatterStore {
  /** The last build's entries, by file. */
  private readonly last = new Map<string, Entry>();
  /** This build's entries: those taken as they were read. */
  private readonly kept: Entry[] = [];
  /** The digest of each post file as this build read it (kept after `write`: the build's plan reads them). */
  private readonly digests = new Map<string, string>();
  /** Posts taken from the last build. */
  taken = 0;
  /** Of those, the posts taken by their stamp, without reading their files. */
  unread = 0;
  /** Why the last build's front matter is not used, when a file was there but did not check out. */
  readonly ignored: string | undefined;

  constructor(
    private readonly file: string,
    private readonly key: string,
    /** The site's time zone, which the dates were read in (part of the key). */
    private readonly zone: string,
  ) {
    this.ignored = this.read();
  }

  /** Reads the last build's file; returns why it is not used, if it is there but not sound. */
  private read(): string | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, "utf8");
    } catch {
      return undefined;
    }
    const newline = text.indexOf("\n");
    let head: { format?: unknown; key?: unknown; sha256?: unknown };
    let entries: unknown;
    try {
      head = JSON.parse(text.slice(0, Math.max(newline, 0))) as typeof head;
      if (head.format !== FORMAT) return "of another format";
      const rest = text.slice(newline + 1);
      if (newline < 0 || head.sha256 !== sha256(rest)) return "damaged";
      if (head.key !== this.key) return undefined; // Made under other settings or code: stale, not damaged.
      entries = JSON.parse(rest);
    } catch {
      return "damaged";
    }
    if (!Array.isArray(entries) || !entries.every(isEntry)) return "damaged";
    for (const entry of entries) this.last.set(entry[0], entry);
    return undefined;
  }

  takeUnchanged(file: string, stamp: string): { slug: string; data: PostFrontMatter; digest: string; lineOffset: number } | undefined {
    const entry = this.last.get(file);
    if (!entry || entry[4] !== stamp) return undefined;
    this.unread += 1;
    return this.taking(entry, stamp);
  }

  take(file: string, digest: string, stamp: string): { slug: string; data: PostFrontMatter } | undefined {
    const entry = this.last.get(file);
    return entry && entry[1] === digest ? this.taking(entry, stamp) : undefined;
  }

  /** An entry of the last build taken: kept for the next, with the file's stamp now. */
  private taking([file, digest, slug, data, , lineOffset]: Entry, stamp: string) {
    this.taken += 1;
    this.kept.push([file, digest, slug, data, stamp, lineOffset]);
    this.digests.set(file, digest);
    return { slug, data: frontMatterFromStored(data, this.zone), digest, lineOffset };
  }

  keep(file: string, digest: string, stamp: string, post: PostFile): void {
    this.kept.push([file, digest, post.slug, storedFrontMatter(post.data), stamp, post.lineOffset]);
    this.digests.set(file, digest);
  }

  /** The digest (`fileDigest`) of the post file as this build read it, when it read it without a problem. */
  digestOf(file: string): string | undefined {
    return this.digests.get(file);
  }

  /** Writes this build's entries for the next build (a temporary file renamed over the last), and lets go of them. */
  write(): void {
    const rest = JSON.stringify(this.kept);
    const head = JSON.stringify({ format: FORMAT, key: this.key, sha256: sha256(rest) });
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeAside(this.file, [`${head}\n`, rest]);
    this.kept.length = 0;
    this.last.clear();
  }
}
