// A post's summary is rendered once a build, however many listings show it (lib/eleventy/fragments-plugin.ts),
// through Nunjucks with the project's own partials.
import path from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import { describe, expect, it } from "vitest";
import { fragmentsPlugin } from "../../lib/eleventy/fragments-plugin.ts";

const LAYOUTS = fileURLToPath(new URL("../../layouts", import.meta.url));

/** A Nunjucks environment over the layouts, as Eleventy makes it, with the adapter's global and the build-start event. */
function setUp() {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(LAYOUTS), { autoescape: true });
  env.addGlobal("t", (key: string) => `[${key}]`);
  const starts: (() => unknown)[] = [];
  fragmentsPlugin({ addNunjucksGlobal: (name, value) => void env.addGlobal(name, value), on: (_event, handler) => void starts.push(handler) });
  const list = new nunjucks.Template('{%- from "partials/post-list.njk" import postList -%}{{ postList(posts) }}', env, path.join(LAYOUTS, "list-test.njk"));
  return { render: (posts: object[]) => list.render({ posts }), buildStarts: () => starts.forEach((start) => start()) };
}

const author = { pageUrl: "/authors/ann/", displayName: "Ann <Author>" };
const post = (n: number) => ({
  url: `/posts/p${n}/`,
  title: `Post ${n} & co`,
  draft: false,
  scheduled: false,
  byline: [{ separator: "", author }],
  outlet: { pageUrl: "/outlets/daily/", name: "Daily" },
  date: { iso: "2019-02-28", text: "28 February 2019" },
  summary: `Opening of post ${n}.`,
  sources: [{ pageUrl: "/sources/s1/", title: "A story", outlet: { name: "Wire" } }],
});

/** The summaries' <li> items of a list, as rendered. */
const items = (html: string) => html.match(/<li class="post-summary">[\s\S]*?<\/p>\n(?:\s*<div class="summary-sources">[\s\S]*?<\/div>)?\s*<\/li>/g) ?? [];

describe("a post's summary in listings (fragmentsPlugin)", () => {
  it("is the partial rendered with the post: escaped, with its byline, outlet, date, summary and sources", () => {
    const { render } = setUp();
    const html = render([post(1)]);
    expect(items(html)).toHaveLength(1);
    expect(html).toContain('<a href="/posts/p1/">Post 1 &amp; co</a>');
    expect(html).toContain('<a href="/authors/ann/">Ann &lt;Author&gt;</a>, <a href="/outlets/daily/">Daily</a>');
    expect(html).toContain('<time datetime="2019-02-28">28 February 2019</time>');
    expect(html).toContain('<p class="summary">Opening of post 1.</p>');
    expect(html).toContain('[list.sources]</span> <ul class="source-chips"><li><a href="/sources/s1/"><b>Wire</b> A story</a></li>');
  });

  it("is the same in every listing of a build that shows the post, even once the post changed; a new build renders it again", () => {
    const { render, buildStarts } = setUp();
    const one = post(1);
    const first = items(render([one, post(2)]));
    // An edit the dev server patches into the same post object, seen by a page of the same build:
    // the summary made first is shown (the build renders each summary once).
    one.title = "Retitled";
    one.summary = "A new opening.";
    const again = items(render([post(3), one]));
    expect(again[1]).toBe(first[0]);
    // The next build starts: the post's summary is rendered from the post as it is now.
    buildStarts();
    const next = items(render([one]))[0]!;
    expect(next).toContain('<a href="/posts/p1/">Retitled</a>');
    expect(next).toContain('<p class="summary">A new opening.</p>');
  });
});
