// A post file as read from the content folder, what a rejected one still refers to, and the
// posts a build before read (a warm build's FrontMatterStore).
import type { LineFinder, PostFrontMatter } from "./schema.ts";

export interface PostFile {
  /** Path shown in messages, relative to the project root. */
  file: string;
  slug: string;
  data: PostFrontMatter;
  body: string;
  /** Lines before the body (front matter), so markdown token lines become file lines. */
  lineOffset: number;
  /** Line of a front matter field, for cross-check messages. */
  lineOf: LineFinder;
}

/** What a post that failed validation refers to, so its unknown ids are reported in the same build. */
export interface PostReferences {
  file: string;
  lineOf: LineFinder;
  /** Author ids it names (one or a list), in order. */
  authors: string[];
  sources: string[];
  /** Its tags and body, so a misspelt tag or an unknown quoted source shows in the same run too. */
  tags: string[];
  body: string;
  lineOffset: number;
}

/** The SHA-1 (base64) of a file's bytes (lib/core/digest.js, plain JavaScript for the page sink's thread). */
export { fileDigest } from "../core/digest.js";

/**
 * The posts an earlier build read, by file and bytes (lib/pipeline/front-matter-store.ts): a
 * post file with the same bytes (`fileDigest`) is not parsed and validated again; one whose
 * stamp (`fileStamp`: size, times, inode) is the one it had then is not even read.
 */
export interface FrontMatterStore {
  /**
   * The slug, front matter and digest of `file` when a build before read it with this stamp, so
   * with the bytes it had then: the file need not be read. Kept for the next build too.
   */
  takeUnchanged(file: string, stamp: string): { slug: string; data: PostFrontMatter; digest: string; lineOffset: number } | undefined;
  /** The slug and front matter of `file` when read from bytes with this digest before; kept for the next build too, with the stamp it has now. */
  take(file: string, digest: string, stamp: string): { slug: string; data: PostFrontMatter } | undefined;
  /** A post read now (without a problem), kept for the next build. */
  keep(file: string, digest: string, stamp: string, post: PostFile): void;
}
