// What may live in the content folder, declared once. Posts and registries are data that Gloss
// reads itself (lib/content/read.ts); nothing there is a template, a script or Eleventy data, and
// anything else found there fails the build with a message saying where it belongs. Another
// feature that keeps files next to posts extends the lists below.
import path from "node:path";

/** Posts: Markdown files directly in the content folder. */
export const POST_EXTENSIONS: readonly string[] = [".md"];
/** Images kept next to the posts that show them. */
export const IMAGE_EXTENSIONS: readonly string[] = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"];
/** The registries' folder inside the content folder, and what it may hold. */
export const DATA_FOLDER = "_data";
export const REGISTRY_EXTENSIONS: readonly string[] = [".yaml"];
/** The largest file Gloss reads (a post, a registry, the settings). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Why an entry is not allowed, as the parts of a content problem. */
export interface Refusal {
  expected: string;
  got: string;
  hint: string;
}

export type ContentEntryKind = "post" | "image" | "data-folder" | "image-folder" | "skipped";
export type DataEntryKind = "registry" | "skipped";
export type EntryType = "file" | "folder" | "other";

/**
 * Files that editors and operating systems leave behind (`.DS_Store`, `.post.md.swp`,
 * `post.md~`, `#post.md#`): never read, never reported.
 */
export function isEditorLitter(name: string): boolean {
  return name.startsWith(".") || name.endsWith("~") || (name.startsWith("#") && name.endsWith("#"));
}

const WHAT_BELONGS = "a post (*.md), an image next to posts or the _data folder of registries";

/** What an entry directly in the content folder is, or why it may not be there. */
export function classifyContentEntry(name: string, type: EntryType): ContentEntryKind | Refusal {
  if (isEditorLitter(name)) return "skipped";
  const extension = path.extname(name).toLowerCase();
  // A post file that is a folder, or a link to a device, is the reader's to report, by name.
  if (POST_EXTENSIONS.includes(path.extname(name))) return "post";
  if (type === "folder") {
    if (name === DATA_FOLDER) return "data-folder";
    // A folder of images posts show (`![…](charts/a.png)`); what else it holds is checked inside.
    return "image-folder";
  }
  if (type === "file" && IMAGE_EXTENSIONS.includes(extension)) return "image";
  return { expected: WHAT_BELONGS, got: describeEntry(name, type), hint: hintFor(extension) };
}

/** What an entry of a folder of images is (one inside the content folder, other than `_data`), or why it may not be there. */
export function classifyImageFolderEntry(name: string, type: EntryType): "image" | "image-folder" | "skipped" | Refusal {
  if (isEditorLitter(name)) return "skipped";
  if (type === "folder") return "image-folder";
  const extension = path.extname(name).toLowerCase();
  if (type === "file" && IMAGE_EXTENSIONS.includes(extension)) return "image";
  const expected = "only images in a folder inside the content folder";
  if (POST_EXTENSIONS.includes(extension)) return { expected, got: "a post", hint: "posts are files directly in the content folder: move it up one level" };
  return { expected, got: describeEntry(name, type), hint: hintFor(extension) };
}

/** What an entry of the `_data` folder is, or why it may not be there. */
export function classifyDataEntry(name: string, type: EntryType): DataEntryKind | Refusal {
  if (isEditorLitter(name)) return "skipped";
  const extension = path.extname(name).toLowerCase();
  if (REGISTRY_EXTENSIONS.includes(path.extname(name))) return "registry";
  const expected = "a registry or the settings as YAML (*.yaml)";
  if (extension === ".yml") return { expected, got: "a .yml file", hint: "rename it to .yaml" };
  if (extension === ".json") return { expected, got: "a .json file", hint: "write it as YAML in a .yaml file; Gloss reads no other data format" };
  return { expected, got: describeEntry(name, type), hint: hintFor(extension) };
}

function describeEntry(name: string, type: EntryType): string {
  if (type === "folder") return "a folder";
  if (type === "other") return "something that is not a regular file";
  const extension = path.extname(name);
  return extension ? `a ${extension} file` : "a file without an extension";
}

function hintFor(extension: string): string {
  if ([".njk", ".liquid", ".html", ".11ty.js", ".webc", ".hbs", ".mustache", ".ejs"].includes(extension)) {
    return "templates belong in layouts/; Gloss renders nothing from the content folder";
  }
  if ([".js", ".cjs", ".mjs", ".ts", ".mts", ".cts"].includes(extension)) return "Gloss runs no code from the content folder: remove it";
  return "move it out of the content folder; files served as they are belong in public/";
}
