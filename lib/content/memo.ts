// What the dev server remembers of the content folder between rebuilds (lib/content/read.ts).
import { statSync } from "node:fs";
import type { ContentProblem } from "../core/errors.ts";
import type { PostFile, PostReferences } from "./post-file.ts";

/**
 * What the dev server remembers between rebuilds: each post file as last read, by path, with
 * the stamp (modification time, size, inode) it had. A file whose stamp has not changed is not
 * read or validated again, and keeps its PostFile object (so later stages can cache by it).
 */
export interface ContentMemo {
  posts: Map<string, { stamp: string; post: PostFile | undefined; problems: ContentProblem[]; rejected: PostReferences[] }>;
  /** Stamps of this read's post files, by file as shown in messages. */
  stamps: Map<string, string>;
  /** The registries' stamps, as one string. */
  registries: string;
}

export function createContentMemo(): ContentMemo {
  return { posts: new Map(), stamps: new Map(), registries: "" };
}

export function stampOf(file: string): string | undefined {
  try {
    const stat = statSync(file);
    return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  } catch {
    return undefined;
  }
}
