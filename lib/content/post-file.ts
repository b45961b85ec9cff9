// A post file as read from the content folder, and what a rejected one still refers to.
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
