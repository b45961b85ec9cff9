// Bounded reads of the content folder: only regular files, only inside the project unless the
// settings allow links out of it, never more than MAX_FILE_BYTES; and the folder's listing,
// sorted by the content policy (lib/content/policy.ts). Every refusal is a content problem naming
// the file, found before a byte of it is read.
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent, type Stats } from "node:fs";
import path from "node:path";
import type { ContentProblem } from "../core/errors.ts";
import { decodeText } from "./yaml.ts";
import { MAX_FILE_BYTES, classifyContentEntry, classifyDataEntry, classifyImageFolderEntry, type EntryType, type Refusal } from "./policy.ts";

export interface ReadLimits {
  /** The project: the folder that holds the content folder. Links may point anywhere inside it. */
  project: string;
  /** Follow symbolic links that leave the project (`followSymlinksOutside: true` in the settings). */
  followOutside: boolean;
  /** The largest file read, in bytes. */
  maxBytes: number;
}

/** The limits for a content folder, before the settings say otherwise. */
export function defaultLimits(contentDir: string, followOutside = false): ReadLimits {
  return { project: path.dirname(path.resolve(contentDir)), followOutside, maxBytes: MAX_FILE_BYTES };
}

export type BoundedRead = { ok: true; bytes: Buffer; stamp: string } | { ok: false; problem: Omit<ContentProblem, "file"> };

/**
 * What a file's stats say of its bytes without reading them: size, modification and change times,
 * inode and device. Writing the file changes its change time, which no tool sets back (unlike
 * the modification time, which `touch -r` and copies that keep times do). Not `stampOf`
 * (lib/content/memo.ts), which leaves the change time out: it also stamps site pages, whose
 * change time every warm build's hard link to them moves.
 */
export const fileStamp = (stats: Stats) => `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}:${stats.dev}`;

/**
 * The stamp of a file that may be read as it is, without reading it: a regular file (not a
 * symbolic link) whose folder is inside the project, within the size limit. Undefined for
 * anything else, which `readBounded` then reads or refuses, saying why.
 */
export function plainFileStamp(file: string, limits: ReadLimits): string | undefined {
  let own: Stats;
  try {
    own = lstatSync(file);
  } catch {
    return undefined;
  }
  if (!own.isFile() || own.size > limits.maxBytes) return undefined;
  const real = path.join(realFolder(path.dirname(path.resolve(file))), path.basename(file));
  if (!limits.followOutside && !isInside(real, realFolder(limits.project))) return undefined;
  return fileStamp(own);
}

const SETTING_HINT = "copy the file in, or set followSymlinksOutside: true in the settings (_data/site.yaml) to follow links out of the project";

/** Reads one file within the limits, or says why not (without reading it). */
export function readBounded(file: string, limits: ReadLimits): BoundedRead {
  const refuse = (expected: string, got: string, hint?: string): BoundedRead => ({ ok: false, problem: hint ? { expected, got, hint } : { expected, got } });
  let own: Stats;
  try {
    own = lstatSync(file);
  } catch {
    return refuse("a readable file", "no such file");
  }
  const linked = own.isSymbolicLink();
  // A plain file is where its folder is (resolved once per folder); only a link is followed.
  let real: string;
  try {
    real = linked ? realpathSync.native(file) : path.join(realFolder(path.dirname(path.resolve(file))), path.basename(file));
  } catch {
    return refuse("a readable file", "a symbolic link to a file that does not exist");
  }
  const project = realFolder(limits.project);
  const inside = isInside(real, project);
  const via = linked ? `, through a symbolic link to ${inside ? path.relative(project, real) : real}` : "";
  if (!limits.followOutside && !inside) {
    return refuse("a file inside the project", `${linked ? "a symbolic link" : "a file"} to ${real}, outside the project folder`, SETTING_HINT);
  }
  let target = own;
  if (linked) {
    try {
      target = statSync(real);
    } catch {
      return refuse("a readable file", "no such file");
    }
  }
  const checked = checkStats(target, via, limits, refuse);
  if (checked) return checked;
  // Opened without blocking (a pipe swapped in since the check would otherwise wait forever) and
  // checked again on the open file.
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return refuse("a readable file", (error as NodeJS.ErrnoException).code === "EACCES" ? "a file this user may not read" : "a file that could not be opened");
  }
  try {
    const opened = fstatSync(fd);
    const changed = checkStats(opened, via, limits, refuse);
    if (changed) return changed;
    // Never more than the size checked above: a file that grows meanwhile is read up to it.
    const buffer = Buffer.allocUnsafe(opened.size);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) read = readSync(fd, buffer, length, buffer.length - length, null);
    return { ok: true, bytes: buffer.subarray(0, length), stamp: fileStamp(opened) };
  } finally {
    closeSync(fd);
  }
}

/** A file's text, decoded strictly as UTF-8; undefined (and the problem recorded) when it cannot be read. */
export function readText(file: string, shown: string, problems: ContentProblem[], limits: ReadLimits): string | undefined {
  return readDecoded(file, shown, problems, limits)?.text;
}

/** A file's text, with the bytes it was decoded from; undefined (and the problem recorded) when it cannot be read. */
export function readDecoded(file: string, shown: string, problems: ContentProblem[], limits: ReadLimits): { text: string; bytes: Buffer; stamp: string } | undefined {
  const read = readBounded(file, limits);
  if (!read.ok) {
    problems.push({ file: shown, ...read.problem });
    return undefined;
  }
  const decoded = decodeText(read.bytes);
  if (!decoded.ok) {
    problems.push({ file: shown, line: decoded.line, expected: "UTF-8 text", got: decoded.got, hint: "save the file as UTF-8" });
    return undefined;
  }
  return { text: decoded.text, bytes: read.bytes, stamp: read.stamp };
}

/** Why a file with these stats may not be read, if it may not. */
function checkStats(stats: Stats, via: string, limits: ReadLimits, refuse: (expected: string, got: string, hint?: string) => BoundedRead): BoundedRead | undefined {
  if (stats.isDirectory()) return refuse("a file", `a folder${via}`, "a post is one Markdown file");
  if (!stats.isFile()) return refuse("a regular file", `a device, pipe or socket${via}`);
  if (stats.size > limits.maxBytes) return refuse(`a file of at most ${megabytes(limits.maxBytes)}`, megabytes(stats.size), "split it, or keep large files out of the content folder");
  return undefined;
}

const realFolders = new Map<string, string>();
/** A folder's real path, remembered: posts share two folders (the content folder and _data). */
function realFolder(folder: string): string {
  let real = realFolders.get(folder);
  if (real === undefined) {
    try {
      real = realpathSync.native(folder);
    } catch {
      real = path.resolve(folder);
    }
    realFolders.set(folder, real);
  }
  return real;
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
}

/** The content folder sorted by the policy: post files by name, and every entry that may not be there. */
export interface ContentListing {
  posts: string[];
  problems: ContentProblem[];
  /** Whether the folder could be read at all. */
  found: boolean;
}

/** Lists the content folder and its `_data` folder; `show` turns a path into the one messages use. */
export function listContentFolder(contentDir: string, show: (file: string) => string): ContentListing {
  const listing: ContentListing = { posts: [], problems: [], found: true };
  const refuse = (full: string, refusal: Refusal) => listing.problems.push({ file: show(full), ...refusal });
  let entries: Dirent[];
  try {
    entries = readdirSync(contentDir, { withFileTypes: true });
  } catch {
    return { posts: [], problems: [], found: false };
  }
  for (const entry of entries) {
    const full = path.join(contentDir, entry.name);
    const kind = classifyContentEntry(entry.name, entryType(entry, full));
    if (kind === "post") listing.posts.push(entry.name);
    else if (kind === "data-folder") listDataFolder(full, refuse);
    else if (kind === "image-folder") listImageFolder(full, refuse);
    else if (typeof kind === "object") refuse(full, kind);
  }
  listing.posts.sort();
  // Grouped as the build prints them: by file.
  listing.problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return listing;
}

/** A folder of images next to posts, at any depth: anything but images there is refused by name. */
function listImageFolder(dir: string, refuse: (full: string, refusal: Refusal) => void): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const kind = classifyImageFolderEntry(entry.name, entryType(entry, full));
    if (kind === "image-folder") listImageFolder(full, refuse);
    else if (typeof kind === "object") refuse(full, kind);
  }
}

function listDataFolder(dataDir: string, refuse: (full: string, refusal: Refusal) => void): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dataDir, { withFileTypes: true });
  } catch {
    return; // The registries' reader reports each missing file by name.
  }
  for (const entry of entries) {
    const full = path.join(dataDir, entry.name);
    const kind = classifyDataEntry(entry.name, entryType(entry, full));
    if (typeof kind === "object") refuse(full, kind);
  }
}

/** An entry's type, through a symbolic link (whose target the reader checks again). */
function entryType(entry: Dirent, full: string): EntryType {
  if (entry.isFile()) return "file";
  if (entry.isDirectory()) return "folder";
  if (!entry.isSymbolicLink()) return "other";
  try {
    const target = statSync(full);
    return target.isFile() ? "file" : target.isDirectory() ? "folder" : "other";
  } catch {
    return "other";
  }
}
