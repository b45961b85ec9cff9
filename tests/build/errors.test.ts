// The error corpus: every case in tests/fixtures/errors/ (files laid over a small good site) is
// built with `npm run build`'s entry point; each row asserts the exit code and the exact output.
import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ARCHIVE_WARNING, CORPUS, corpusSite } from "../helpers/corpus.ts";
import { buildSite } from "../helpers/site.ts";

const failure = (...lines: string[]) =>
  `Build failed: ${lines.length} content problem${lines.length === 1 ? "" : "s"}\n${lines.map((l) => `  ${l}\n`).join("")}The previous site in _site was left as it was.\n`;

/** One row per fixture folder: exit code and the build's exact stderr. */
const CASES: Record<string, { code: 0 | 1; stderr: string }> = {
  "missing-title": { code: 1, stderr: failure("posts/bad.md › title: expected a non-empty title, got nothing") },
  "empty-title": { code: 1, stderr: failure('posts/bad.md:2 › title: expected a non-empty title, got "  "') },
  "date-not-a-date": { code: 1, stderr: failure('posts/bad.md:3 › date: expected a date as YYYY-MM-DD or YYYY-MM-DDTHH:MM (optionally with an offset), got "May 3"') },
  "date-impossible": { code: 1, stderr: failure('posts/bad.md:3 › date: expected a real calendar date, got "2019-02-30"') },
  "future-date": { code: 0, stderr: ARCHIVE_WARNING },
  "malformed-yaml": { code: 1, stderr: failure("posts/bad.md:5: expected valid YAML, got a YAML error: missed comma between flow collection entries") },
  "front-matter-not-mapping": { code: 1, stderr: failure("posts/bad.md:2: expected front matter as a YAML mapping (key: value lines), got a list of 2") },
  "unknown-author": { code: 1, stderr: failure('posts/bad.md:4 › author: expected an author id from posts/_data/authors.yaml, got "bob"') },
  "unknown-outlet": { code: 1, stderr: failure('posts/_data/sources.yaml:3 › story.outlet: expected an outlet id from posts/_data/outlets.yaml, got "nbc"') },
  "unknown-source-id": { code: 1, stderr: failure('posts/bad.md:5 › sources[1]: expected a source id from posts/_data/sources.yaml, got "no-such-story"') },
  "source-url-not-http": { code: 1, stderr: failure('posts/_data/sources.yaml:4 › story.url: expected an absolute http(s) URL, got "ftp://news.example/big-story.txt"') },
  "source-url-malformed": { code: 1, stderr: failure('posts/_data/sources.yaml:4 › story.url: expected an absolute http(s) URL, got "https://news example/big story"') },
  "source-url-javascript": { code: 1, stderr: failure('posts/_data/sources.yaml:4 › story.url: expected an absolute http(s) URL, got "javascript:alert(document.cookie)"') },
  "source-url-data": { code: 1, stderr: failure('posts/_data/sources.yaml:4 › story.url: expected an absolute http(s) URL, got "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="') },
  "author-url-javascript": { code: 1, stderr: failure('posts/_data/authors.yaml:3 › ann.url: expected an absolute http(s) URL, got "javascript:alert(1)"') },
  "duplicate-source-urls": { code: 1, stderr: failure('posts/_data/sources.yaml:9 › same-story.url: expected a URL no other source has, got the URL of source "story" (merge the two entries)') },
  "duplicate-slugs": { code: 1, stderr: failure('posts/two.md:5 › slug: expected a slug no other post has, got "one", already used by posts/one.md') },
  "tags-differing-in-case": { code: 1, stderr: failure('posts/b.md:5 › tags: expected the tag spelled as "North Korea" (as in posts/a.md), got "north korea" (tags that differ only in case or punctuation share one page)') },
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
  "windows-line-endings": { code: 0, stderr: ARCHIVE_WARNING },
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
