// A fixture blog with every page type and the awkward cases a template must survive: pagination,
// hostile titles, an unnamed author, a co-authored post with an old address, approximate dates,
// quotations with elisions, plain blockquotes, lists, code and tables, footnotes, heading anchors,
// a table of contents, local images (next to the post, in a subfolder, in public/, decorative), a
// post's own share image, and two standalone pages (one in the header, quoting a source; one in
// the footer). Shared by the HTML-validity, accessibility, CSP, budget and markdown-media tests.
import { pngSync } from "./images.ts";
import { DEFAULT_SITE, makeSite, postFile, type FixtureSite } from "./site.ts";

const BODY = `My own opening words, with *emphasis*, **strong words**, \`code\` and [a link](https://elsewhere.example/page).[^1]

![A chart of the talks, in two colours](chart.png)

> [!quote story]
> The first quoted passage, word for word.
>
> […]
>
> A later passage of the same story [...] cut short.

## A heading of my own

### A smaller heading, with a note[^why]

![""](images/divider.png)

![The Gloss mark](/favicon.svg)

- a point
- another point, quoting:

  > [!quote other-story]
  > A quotation inside a list.

> An ordinary blockquote without a source.

| Who | What |
| --- | --- |
| Rita | reported |

\`\`\`
preformatted <code> & text
\`\`\`

1. first
2. second

## Main

My closing words, under a heading whose id the page already uses.

[^1]: A footnote with [a link](https://elsewhere.example/note).
[^why]: Another note, cited from a heading.`;

/** The standalone pages, in `pages/` beside the content folder (makeSite's paths are relative to `posts/`). */
export const FIXTURE_PAGES = {
  "../pages/about.md": `---
title: About the Fixture Blog
navTitle: About
description: What the fixture blog is for, with a quotation.
---

The fixture blog tests every page type. Its zanzibarite marker word is only on this page.

> [!quote story]
> The first quoted passage, word for word.

## Contact

- a point of *contact*
`,
  "../pages/colophon.md": `---
title: Colophon
description: How the fixture blog is made.
---

Built with Gloss.
`,
};

/** The site settings' navigation for FIXTURE_PAGES. */
export const FIXTURE_NAV = "nav:\n  header: [about]\n  footer: [colophon, about]\n";

/** Builds the fixture folder (not the site): pageSize 2 so home, tag, author and source pages paginate. */
export function makeFixtureBlog(): FixtureSite {
  return makeSite(
    {
      "first-post.md": postFile({ title: "First <post> & \"quotes\"", date: "2020-01-05", tags: ["North Korea", "U.S.–DPRK talks"], sources: ["story"], extra: "toc: true", body: BODY }),
      "chart.png": pngSync(1000, 500),
      "images/divider.png": pngSync(300, 20),
      "photo.png": pngSync(1600, 900),
      "second-post.md": postFile({ title: "Second post", date: "2020-01-06", author: "anon", tags: ["North Korea"], extra: "dateAccuracy: on-or-after\ndateNote: Not dated; quotes a story of that day.", body: "> [!quote story]\n> The first quoted passage, word for word.\n\nAgreed." }),
      "third-post.md": postFile({ title: "Third post", date: "2020-02-01", tags: ["North Korea"], sources: ["other-story"], extra: "updated: 2020-02-03\ndescription: A post with a description <b>not bold</b>.\nimage: photo.png\nimageAlt: Two blocks of colour, side by side" }),
      "fourth-post.md": postFile({ title: "A fourth post with a rather long title that has to wrap on a phone screen", date: "2021-03-01", tags: ["North Korea", "Élan"] }),
      "fifth-post.md": postFile({ title: "Fifth", date: "2021-03-02", author: "anon" }),
      ...FIXTURE_PAGES,
      "co-authored.md": postFile({ title: "Written together", date: "2021-03-03", author: "[ann, anon]", sources: ["story"], extra: "aliases: [/2021/03/together/]", body: "Our words.\n\n> [!quote story]\n> The first quoted passage, word for word." }),
    },
    { site: DEFAULT_SITE.replace("pageSize: 10", "pageSize: 2") + FIXTURE_NAV },
  );
}
