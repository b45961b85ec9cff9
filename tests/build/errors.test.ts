// The error corpus: every case in tests/fixtures/errors/ (files laid over a small good site) is
// built with `npm run build`'s entry point; each row asserts the exit code and the exact output.
import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CORPUS, corpusSite } from "../helpers/corpus.ts";
import { buildSite } from "../helpers/site.ts";

const failure = (...lines: string[]) =>
  `Build failed: ${lines.length} content problem${lines.length === 1 ? "" : "s"}\n${lines.map((l) => `  ${l}\n`).join("")}The previous site in _site was left as it was.\n`;

/** One row per fixture folder: exit code and the build's exact stderr. */
const CASES: Record<string, { code: 0 | 1; stderr: string }> = {
  "missing-title": { code: 1, stderr: failure("posts/bad.md › title: expected a non-empty title, got nothing") },
  "empty-title": { code: 1, stderr: failure('posts/bad.md:2 › title: expected a non-empty title, got "  "') },
  "date-not-a-date": { code: 1, stderr: failure('posts/bad.md:3 › date: expected a date as YYYY-MM-DD or YYYY-MM-DDTHH:MM (optionally with an offset), got "May 3"') },
  "date-impossible": { code: 1, stderr: failure('posts/bad.md:3 › date: expected a real calendar date, got "2019-02-30"') },
  "future-date": { code: 0, stderr: "" },
  "malformed-yaml": { code: 1, stderr: failure("posts/bad.md:5: expected valid YAML, got a YAML error: missed comma between flow collection entries") },
  "front-matter-not-mapping": { code: 1, stderr: failure("posts/bad.md:2: expected front matter as a YAML mapping (key: value lines), got a list of 2") },
  "unknown-author": { code: 1, stderr: failure('posts/bad.md:4 › author: expected an author id from posts/_data/authors.yaml, got "bob"') },
  "alias-clash": {
    code: 1,
    stderr: failure(
      'posts/b.md:5 › aliases[0]: expected an old address no other page or alias has, got "/old/index.html", already an alias of posts/a.md',
      'posts/b.md:5 › aliases[1]: expected an old address no other page or alias has, got "/posts/good/", the address of posts/good.md',
    ),
  },
  "alias-clash-page": { code: 1, stderr: failure('posts/bad.md:5 › aliases[0]: expected an old address no other page or alias has, got "/tags/", the address of the site\'s tags page') },
  "alias-not-a-path": { code: 1, stderr: failure('posts/bad.md:5 › aliases[0]: expected a root-relative old address like /2019/03/old-post/ (ending in / or .html), got "old/path"') },
  "unknown-coauthor": { code: 1, stderr: failure('posts/bad.md:4 › author[1]: expected an author id from posts/_data/authors.yaml, got "bob"') },
  "unknown-outlet": { code: 1, stderr: failure('posts/_data/sources.yaml:3 › story.outlet: expected an outlet id from posts/_data/outlets.yaml, got "nbc"') },
  "unknown-source-id": { code: 1, stderr: failure('posts/bad.md:5 › sources[1]: expected a source id from posts/_data/sources.yaml, got "no-such-story"') },
  "source-url-not-http": { code: 1, stderr: failure('posts/_data/sources.yaml:4 › story.url: expected an absolute http(s) URL, got "ftp://news.example/big-story.txt"') },
  "source-url-malformed": { code: 1, stderr: failure('posts/_data/sources.yaml:4 › story.url: expected an absolute http(s) URL, got "https://news example/big story"') },
  "source-url-javascript": { code: 1, stderr: failure('posts/_data/sources.yaml:4 › story.url: expected an absolute http(s) URL, got "javascript:alert(document.cookie)"') },
  "source-url-data": { code: 1, stderr: failure('posts/_data/sources.yaml:4 › story.url: expected an absolute http(s) URL, got "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="') },
  "author-url-javascript": { code: 1, stderr: failure('posts/_data/authors.yaml:3 › ann.url: expected an absolute http(s) URL, got "javascript:alert(1)"') },
  "duplicate-source-urls": { code: 1, stderr: failure('posts/_data/sources.yaml:9 › same-story.url: expected a URL no other source has, got the URL of source "story" (merge the two entries)') },
  "duplicate-slugs": { code: 1, stderr: failure('posts/two.md:5 › slug: expected a slug no other post has, got "one", already used by posts/one.md') },
  "tags-differing-in-case": { code: 1, stderr: failure('posts/b.md:5 › tags: expected the tag spelled as "North Korea" (as in posts/a.md), got "north korea" (both would be the page /tags/north-korea/: spell the tag one way)') },
  "tags-sharing-a-slug": { code: 1, stderr: failure('posts/b.md:5 › tags: expected the tag spelled as "C#" (as in posts/a.md), got "C Sharp" (both would be the page /tags/c-sharp/: spell the tag one way)') },
  "quotation-unknown-source": { code: 1, stderr: failure('posts/bad.md:9 › quotation: expected a source id from posts/_data/sources.yaml, got "no-such-story" (write > [!quote <source-id>])') },
  "image-problems": {
    code: 1,
    stderr: failure(
      "posts/bad.md:5 › image: expected imageAlt: a sentence saying what the image shows, got no imageAlt (link previews show it to readers who cannot see the image)",
      'posts/bad.md:5 › image: expected a local image file next to the post, or /path in public/, got "missing.png", but there is no file posts/missing.png (check the file name and where the file is)',
      'posts/bad.md:9 › image: expected alt text that says what the image shows, got no alt text for "diagram.svg" (write ![what it shows](diagram.svg), or ![""](diagram.svg) for a purely decorative image)',
      `posts/bad.md:12 › image: expected a local image file next to the post, or /path in public/, got "https://images.example/photo.jpg" (images from other sites are blocked by the site's Content Security Policy: save the file next to the post and link it by name)`,
      'posts/bad.md:14 › image: expected a local image file next to the post, or /path in public/, got "nowhere.png", but there is no file posts/nowhere.png (check the file name and where the file is)',
    ),
  },
  "empty-post": { code: 1, stderr: failure("posts/bad.md:6: expected some text after the front matter, got an empty post") },
  "empty-file": { code: 1, stderr: failure("posts/bad.md: expected a post: front matter between --- lines, then Markdown, got an empty file") },
  "invalid-utf8": { code: 1, stderr: failure("posts/bad.md:2: expected UTF-8 text, got byte 0xE9, which is not valid UTF-8 (save the file as UTF-8)") },
  "windows-line-endings": { code: 0, stderr: "" },
  // The content folder holds data only (lib/content/policy.ts); reads are bounded (lib/content/files.ts).
  "content-template": { code: 1, stderr: failure("posts/widget.njk: expected a post (*.md), an image next to posts or the _data folder of registries, got a .njk file (templates belong in layouts/; Gloss renders nothing from the content folder)") },
  "content-folder": { code: 1, stderr: failure("posts/drafts/later.md: expected only images in a folder inside the content folder, got a post (posts are files directly in the content folder: move it up one level)") },
  "data-script": { code: 1, stderr: failure("posts/_data/x.js: expected a registry or the settings as YAML (*.yaml), got a .js file (Gloss runs no code from the content folder: remove it)") },
  "data-json": { code: 1, stderr: failure("posts/_data/gloss.json: expected a registry or the settings as YAML (*.yaml), got a .json file (write it as YAML in a .yaml file; Gloss reads no other data format)") },
  "data-yml": { code: 1, stderr: failure("posts/_data/people.yml: expected a registry or the settings as YAML (*.yaml), got a .yml file (rename it to .yaml)") },
  "symlink-dev-zero": { code: 1, stderr: failure("posts/zero.md: expected a file inside the project, got a symbolic link to /dev/zero, outside the project folder (copy the file in, or set followSymlinksOutside: true in the settings (_data/site.yaml) to follow links out of the project)") },
  "symlink-to-folder": { code: 1, stderr: failure("posts/folder.md: expected a file, got a folder, through a symbolic link to posts/_data (a post is one Markdown file)") },
  "every-problem-in-one-post": {
    code: 1,
    stderr: failure(
      'posts/bad.md:3 › date: expected a date as YYYY-MM-DD or YYYY-MM-DDTHH:MM (optionally with an offset), got "May 3"',
      'posts/bad.md:4 › author: expected an author id from posts/_data/authors.yaml, got "bob"',
      'posts/bad.md:5 › tags: expected the tag spelled as "North Korea" (as in posts/a.md), got "north korea" (both would be the page /tags/north-korea/: spell the tag one way)',
      'posts/bad.md:10 › quotation: expected a source id from posts/_data/sources.yaml, got "no-such-story" (write > [!quote <source-id>])',
    ),
  },
  "near-miss-ids": {
    code: 1,
    stderr: failure(
      'posts/ambiguous.md:4 › author: expected an author id from posts/_data/authors.yaml, got "aon"',
      'posts/bad.md:4 › author: expected an author id from posts/_data/authors.yaml, got "anne" (did you mean `ann`?)',
      'posts/bad.md:5 › sources[0]: expected a source id from posts/_data/sources.yaml, got "storry" (did you mean `story`?)',
      'posts/bad.md:6 › descripton: expected only known fields (title, date, dateAccuracy, dateNote, updated, author, tags, sources, description, draft, slug, aliases, toc, image, imageAlt), got unknown field "descripton" (did you mean `description`?)',
      'posts/bad.md:9 › quotation: expected a source id from posts/_data/sources.yaml, got "other-stroy" (did you mean `other-story`?)',
    ),
  },
  "many-errors": {
    code: 1,
    stderr: failure(
      'posts/_data/sources.yaml:4 › story.url: expected an absolute http(s) URL, got "javascript:alert(1)"',
      "posts/a.md › title: expected a non-empty title, got nothing",
      'posts/b.md:3 › date: expected a date as YYYY-MM-DD or YYYY-MM-DDTHH:MM (optionally with an offset), got "May 3"',
      'posts/b.md:4 › author: expected an author id from posts/_data/authors.yaml, got "bob"',
      'posts/c.md:5 › sources[0]: expected a source id from posts/_data/sources.yaml, got "nope"',
      'posts/c.md:8 › quotation: expected a source id from posts/_data/sources.yaml, got "nope-either" (write > [!quote <source-id>])',
    ),
  },
};

describe("the error corpus", () => {
  it("has a row for every fixture and a fixture for every row", () => {
    expect(readdirSync(CORPUS).sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.entries(CASES))("%s", async (name, expected) => {
    const site = corpusSite(name);
    const result = await buildSite(site);
    expect({ code: result.code, stderr: result.stderr }).toEqual(expected);
    // A failed first build writes nothing at all; a good one writes the site.
    expect(existsSync(site.outputDir)).toBe(expected.code === 0);
    expect(existsSync(`${site.outputDir}.staging`)).toBe(false);
  });
});
