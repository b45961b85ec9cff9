import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { authorEntryText, outletEntryText, outletId } from "../../lib/authoring/new-entry.ts";
import { parseWith, authorSchema, outletSchema } from "../../lib/content/schema.ts";

describe("outletId", () => {
  it.each([
    ["https://www.thenation.com/", [], "thenation"],
    ["https://edition.cnn.com/", [], "cnn"],
    ["https://news.bbc.co.uk/", [], "bbc"],
    ["https://www.cnn.com/", ["cnn"], "cnn-2"],
    ["https://www.cnn.com/", ["cnn", "cnn-2"], "cnn-3"],
  ])("%s (taken: %j) → %s", (url, taken, id) => expect(outletId(new URL(url), new Set(taken))).toBe(id));
});

describe("registry entry text", () => {
  // Values YAML would otherwise read as something else.
  it.each(["Jo: Writer", "yes", "2019-03-06", "# not a comment", "null", 'He said "no"'])("an author named %j reads back as given, and validates", (name) => {
    const text = authorEntryText({ id: "jo", name, url: "https://jo.example/a?b=c#d", outlet: "news", bio: name });
    const entry = (yaml.load(text, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>).jo;
    expect(entry).toEqual({ name, url: "https://jo.example/a?b=c#d", bio: name, outlet: "news" });
    expect(parseWith(authorSchema, entry, { file: "authors.yaml" }).ok).toBe(true);
  });

  it("leaves a TODO name the schema refuses, and the rest as comments", () => {
    const entry = (yaml.load(authorEntryText({ id: "jo", name: undefined, url: undefined, outlet: undefined, bio: undefined })) as Record<string, unknown>).jo;
    expect(entry).toEqual({ name: "TODO" });
    expect(parseWith(authorSchema, entry, { file: "authors.yaml" }).ok).toBe(false);
  });

  it("writes an outlet that validates once named", () => {
    const named = (yaml.load(outletEntryText({ id: "x", name: "The X: Daily", url: new URL("https://x.example/") })) as Record<string, unknown>).x;
    expect(parseWith(outletSchema, named, { file: "outlets.yaml" }).ok).toBe(true);
    const unnamed = (yaml.load(outletEntryText({ id: "x", name: undefined, url: new URL("https://x.example/") })) as Record<string, unknown>).x;
    expect(parseWith(outletSchema, unnamed, { file: "outlets.yaml" }).ok).toBe(false);
  });
});
