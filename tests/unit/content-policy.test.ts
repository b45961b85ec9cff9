// The content folder's policy (lib/content/policy.ts), one row per kind of entry.
import { describe, expect, it } from "vitest";
import { classifyContentEntry, classifyDataEntry, classifyImageFolderEntry, type EntryType } from "../../lib/content/policy.ts";

describe("entries of the content folder", () => {
  it.each<[string, EntryType, string]>([
    ["post.md", "file", "post"],
    ["linked.md", "other", "post"],
    ["folder.md", "folder", "post"],
    ["_data", "folder", "data-folder"],
    ["chart.png", "file", "image"],
    ["photo.JPEG", "file", "image"],
    ["drawing.svg", "file", "image"],
    [".DS_Store", "file", "skipped"],
    [".post.md.swp", "file", "skipped"],
    ["post.md~", "file", "skipped"],
    ["#post.md#", "file", "skipped"],
    ["widget.njk", "file", "a .njk file (templates belong in layouts/; Gloss renders nothing from the content folder)"],
    ["page.html", "file", "a .html file (templates belong in layouts/; Gloss renders nothing from the content folder)"],
    ["code.js", "file", "a .js file (Gloss runs no code from the content folder: remove it)"],
    ["notes.txt", "file", "a .txt file (move it out of the content folder; files served as they are belong in public/)"],
    ["Makefile", "file", "a file without an extension (move it out of the content folder; files served as they are belong in public/)"],
    // A folder is a folder of images; what it holds is checked entry by entry (below).
    ["charts", "folder", "image-folder"],
  ])("%s (%s) → %s", (name, type, expected) => {
    const kind = classifyContentEntry(name, type);
    expect(typeof kind === "string" ? kind : `${kind.got} (${kind.hint})`).toBe(expected);
  });
});

describe("entries of a folder of images inside the content folder", () => {
  it.each<[string, EntryType, string]>([
    ["turnout.png", "file", "image"],
    ["2019", "folder", "image-folder"],
    [".DS_Store", "file", "skipped"],
    ["later.md", "file", "a post (posts are files directly in the content folder: move it up one level)"],
    ["widget.njk", "file", "a .njk file (templates belong in layouts/; Gloss renders nothing from the content folder)"],
    ["notes.txt", "file", "a .txt file (move it out of the content folder; files served as they are belong in public/)"],
  ])("%s (%s) → %s", (name, type, expected) => {
    const kind = classifyImageFolderEntry(name, type);
    expect(typeof kind === "string" ? kind : `${kind.got} (${kind.hint})`).toBe(expected);
  });
});

describe("entries of _data", () => {
  it.each<[string, EntryType, string]>([
    ["authors.yaml", "file", "registry"],
    ["source-status.yaml", "file", "registry"],
    [".authors.yaml.swp", "file", "skipped"],
    ["people.yml", "file", "a .yml file (rename it to .yaml)"],
    ["gloss.json", "file", "a .json file (write it as YAML in a .yaml file; Gloss reads no other data format)"],
    ["x.js", "file", "a .js file (Gloss runs no code from the content folder: remove it)"],
    ["x.11tydata.cjs", "file", "a .cjs file (Gloss runs no code from the content folder: remove it)"],
    ["more", "folder", "a folder (move it out of the content folder; files served as they are belong in public/)"],
  ])("%s (%s) → %s", (name, type, expected) => {
    const kind = classifyDataEntry(name, type);
    expect(typeof kind === "string" ? kind : `${kind.got} (${kind.hint})`).toBe(expected);
  });
});
