// `npm run new -- "Post title" [--author id]...`: creates posts/<slug>.md as a draft dated today
// in the site's zone, by the site's default author. Never overwrites a file or reuses a slug.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readContent } from "../content/read.ts";
import { readOptions } from "../pipeline/load.ts";
import { now } from "../core/dates.ts";
import { readEnv } from "../core/env.ts";
import { newPostText, postSlug } from "../authoring/new-post.ts";
import { SITE_FILE } from "../content/site.ts";
import { joinNames } from "../core/text.ts";
import { fail, settingsOrFail } from "./command.ts";

const USAGE = 'usage: npm run new -- "Post title" [--author <author-id>]... (repeat --author for co-authors)';

const { values, positionals } = parseArgs({ options: { author: { type: "string", multiple: true } }, allowPositionals: true });
const title = positionals.join(" ").trim();
if (!title) fail(USAGE);

const env = readEnv();
const show = (file: string) => path.relative(env.cwd, file) || file;
const site = settingsOrFail(env);

const slug = postSlug(title);
if (!slug) fail(`"${title}" has no letters or digits to make a file name from: choose another title.`);

const { input } = readContent(readOptions(env, site));
const authors = values.author ?? (site.defaultAuthor ? [site.defaultAuthor] : []);
const known = [...input.authors.keys()].join(", ") || "none yet";
if (authors.length === 0) fail(`No author: set defaultAuthor in ${show(path.join(env.contentDir, SITE_FILE))} or pass --author <id> (known: ${known}).`);
const unknown = authors.filter((id) => !input.authors.has(id));
if (unknown.length > 0) fail(`No author ${unknown.map((id) => `"${id}"`).join(", ")} in ${input.files.authors} (known: ${known}).`);
const twice = authors.find((id, i) => authors.indexOf(id) !== i);
if (twice) fail(`--author ${twice} is given twice: name each author once.`);
const twin = input.posts.find((post) => post.slug === slug);
if (twin) fail(`${twin.file} already has the slug "${slug}": choose another title, or edit that post.`);

const file = path.join(env.contentDir, `${slug}.md`);
const date = now(site.timeZone, env.now).toISODate()!;
try {
  writeFileSync(file, newPostText({ title, date, authors }), { flag: "wx" });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code === "EEXIST") fail(`${show(file)} already exists: it was left as it was.`);
  throw error;
}
console.log(`Created ${show(file)}`);
console.log(`  a draft dated ${date} by ${joinNames(authors)}: \`npm start\` shows it at ${site.pathPrefix}posts/${slug}/, \`npm run build\` leaves it out until you delete \`draft: true\`.`);
