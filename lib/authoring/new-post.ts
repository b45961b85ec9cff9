// `npm run new`: the text of a new post, pure. The CLI (lib/cli/new-post.ts) picks the date,
// the author and the file; this module only decides the slug and writes valid front matter.
import yaml from "js-yaml";
import { slugify } from "../core/slugs.ts";

export interface NewPost {
  title: string;
  /** Calendar day in the site's zone, `YYYY-MM-DD`. */
  date: string;
  /** Author ids from `_data/authors.yaml`, in byline order (one or more). */
  authors: readonly string[];
}

/** The file name (and URL) a title gets: `"Hanoi: what now?"` → `hanoi-what-now`. */
export function postSlug(title: string): string {
  return slugify(title);
}

/** A YAML scalar that reads back as exactly `value` (quoted when `value` looks like a number, a date, `yes`...). */
function scalar(value: string): string {
  return yaml.dump(value, { lineWidth: -1, schema: yaml.CORE_SCHEMA }).trimEnd();
}

export function newPostText(post: NewPost): string {
  return `---
title: ${scalar(post.title)}
date: ${post.date}
author: ${post.authors.length === 1 ? post.authors[0] : `[${post.authors.join(", ")}]`}
tags: []
sources: []
draft: true
---

Write your own words here. The first paragraph is the summary in listings, unless you add a
\`description:\` line above.

To quote a story, add it with \`npm run new:source -- <url>\`, put its id under \`sources:\`,
and quote it like this (without the indentation):

    > [!quote the-source-id]
    > The passage, word for word.

Delete the line \`draft: true\` to publish the post.
`;
}
