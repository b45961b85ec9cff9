// Authors and tags met during an import. Authors: an export's login or name becomes an id in
// `_data/authors.yaml`, reusing one already there; new entries carry the display name the export
// gives, or `~` (Gloss says "Unnamed author") when it gives none. Tags: categories and tags
// spelled as the first post (existing posts first) spelled them, so no two differ only in case.
import { slugify } from "../core/slugs.ts";
import { RESERVED_TAG_SLUGS } from "../core/routes.ts";
import type { ImportAuthor } from "./formats.ts";
import { scalar, type NewEntry, type RawRegistry } from "./registries.ts";

export class AuthorBook {
  private readonly known: Set<string>;
  private readonly byKey = new Map<string, string>();
  readonly added: Array<{ id: string; author: ImportAuthor }> = [];

  constructor(authors: RawRegistry) {
    this.known = new Set(authors.entries.keys());
  }

  /** The author id for an export's author: an existing entry with that id, or a new one. */
  idFor(author: ImportAuthor): string | undefined {
    const seen = this.byKey.get(author.key);
    if (seen) return seen;
    const id = slugify(author.key.includes("@") ? author.key.split("@")[0]! : author.key);
    if (!id) return undefined;
    this.byKey.set(author.key, id);
    if (!this.known.has(id)) {
      this.known.add(id);
      this.added.push({ id, author });
    }
    return id;
  }

  entries(): NewEntry[] {
    return this.added.map(({ id, author }) => {
      const lines = [`${id}:`, author.name ? `  name: ${scalar(author.name)}` : "  name: ~   # the export gives no display name: write it here, or leave ~ if it is not known"];
      if (author.url) lines.push(`  url: ${JSON.stringify(author.url)}`);
      lines.push("  # bio: one or two sentences (optional)", "");
      return { id, text: lines.join("\n") };
    });
  }
}

/** WordPress's default category: it says nothing about a post. */
const DEFAULT_CATEGORIES = new Set(["uncategorized"]);

export class TagBook {
  private readonly spelling = new Map<string, string>();
  /** Tags left out, with why (reported once each). */
  readonly dropped = new Map<string, string>();

  seed(name: string): void {
    const slug = slugify(name);
    if (slug && !this.spelling.has(slug)) this.spelling.set(slug, name);
  }

  /** A post's tags as Gloss accepts them: known spellings, no duplicates, none without an address. */
  normalise(names: readonly string[]): string[] {
    const out: string[] = [];
    for (const raw of names) {
      const name = raw.replace(/\s+/g, " ").trim();
      const slug = slugify(name);
      if (DEFAULT_CATEGORIES.has(slug)) continue;
      if (!slug) {
        this.dropped.set(name, "no letters or digits Gloss can make a tag address from");
        continue;
      }
      const reserved = RESERVED_TAG_SLUGS.get(slug);
      if (reserved) {
        this.dropped.set(name, `its address would be ${reserved}`);
        continue;
      }
      const spelled = this.spelling.get(slug) ?? name;
      this.spelling.set(slug, spelled);
      if (!out.includes(spelled)) out.push(spelled);
    }
    return out;
  }
}
