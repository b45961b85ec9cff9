// One imported post as a Gloss post file: front matter in the order `npm run new` writes it
// (title, date with its offset, author, tags, sources, aliases, draft), then the Markdown body.
import type { DateTime } from "luxon";
import { PLACEHOLDER, isAliasPath } from "../content/schema.ts";
import { slugify } from "../core/slugs.ts";
import { storySlug } from "../authoring/new-source.ts";
import { scalar } from "./registries.ts";

export interface PostFields {
  title: string | undefined;
  date: DateTime;
  author: string;
  tags: string[];
  sources: string[];
  aliases: string[];
  draft: boolean;
}

/** `2019-03-06T14:30:00-05:00`: the moment, in the zone the old blog wrote it in. */
export function dateText(date: DateTime): string {
  // By hand: luxon's toFormat builds a formatter per call (the import's profile showed it).
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const offset = Math.abs(date.offset);
  const sign = date.offset < 0 ? "-" : "+";
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}T${pad(date.hour)}:${pad(date.minute)}:${pad(date.second)}${sign}${pad(Math.floor(offset / 60))}:${pad(offset % 60)}`;
}

const list = (values: readonly string[]) => `[${values.map(scalar).join(", ")}]`;

export function postText(fields: PostFields, body: string): string {
  const lines = [
    "---",
    fields.title ? `title: ${scalar(fields.title)}` : `title: ${PLACEHOLDER}   # the export gives this post no title`,
    `date: ${dateText(fields.date)}`,
    `author: ${fields.author}`,
    `tags: ${list(fields.tags)}`,
    `sources: ${list(fields.sources)}`,
  ];
  if (fields.aliases.length) lines.push(`aliases: ${list(fields.aliases)}`);
  if (fields.draft) lines.push("draft: true");
  lines.push("---", "", body, "");
  return lines.join("\n");
}

/** The root-relative path of the old address, kept so old links can be redirected: `/2019/03/06/my-post/`. */
export function aliasOf(link: string | undefined): string | undefined {
  if (!link) return undefined;
  let path: string;
  try {
    path = link.startsWith("/") ? new URL(link, "https://old.invalid/").pathname : new URL(link).pathname;
  } catch {
    return undefined;
  }
  if (path === "/" || path === "") return undefined;
  // An address without an extension becomes a folder (`/2024/08/post` → `/2024/08/post/`), as
  // static hosts serve it; one a static page cannot stand at (`/index.php`) is not kept.
  const alias = path.endsWith("/") || path.endsWith(".html") || /\.[^/]*$/.test(path) ? path : `${path}/`;
  return isAliasPath(alias) ? alias : undefined;
}

/** The slug a post asks for: WordPress's post_name, else its old address, else its title. */
export function wantedSlug(hint: string | undefined, link: string | undefined, title: string): string {
  const fromHint = hint ? slugify(hint) : "";
  if (fromHint) return fromHint;
  if (link) {
    try {
      const fromLink = storySlug(new URL(link, "https://old.invalid/"));
      if (fromLink) return fromLink;
    } catch {
      // not an address: the title decides
    }
  }
  return slugify(title) || "untitled";
}
