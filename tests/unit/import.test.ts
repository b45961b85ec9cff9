// The import's pure parts, on values made here: HTML cleaning and quote attribution (each link
// position, and the cases that must stay plain), hostile markup, wpautop, Blogger's line breaks,
// story URLs compared and dated, registry appends, and each format's records.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AuthorBook, TagBook } from "../../lib/import/books.ts";
import { cleanHtml, type CleanContext } from "../../lib/import/clean-html.ts";
import { atomEntry, rssItem, wordpressItem, type ExportHead } from "../../lib/import/formats.ts";
import { appendEntries, todoLines, type RawRegistry } from "../../lib/import/registries.ts";
import { expandShortcodes } from "../../lib/import/shortcodes.ts";
import { dateInUrl, SourceBook, storyKey, titleFromLink } from "../../lib/import/sources.ts";
import { toMarkdown } from "../../lib/import/to-markdown.ts";
import { streamRecords, type XmlNode } from "../../lib/import/xml-records.ts";
import { makeTempDir } from "../helpers/temp.ts";

/** Converts `html`; every link offered as a source becomes `src-<n>`, recorded with its position. */
function convert(html: string, options: Partial<CleanContext> = {}) {
  const offered: string[] = [];
  const result = cleanHtml(html, {
    base: "https://blog.example/2024/01/01/post/",
    autop: false,
    attribute: (link, position) => {
      offered.push(`${position} ${link.href}`);
      return `src-${offered.length}`;
    },
    ...options,
  });
  return { ...result, offered, markdown: toMarkdown(result.html) };
}

describe("quote attribution", () => {
  it.each([
    ["a link inside the quote", '<p>Mine.</p><blockquote><p>Quoted words. <a href="https://news.example/a">The story</a></p></blockquote>', "inside https://news.example/a"],
    ["a link in a <cite> inside, over another link", '<blockquote><p>See <a href="https://other.example/x">this</a>.</p><cite><a href="https://news.example/b">Headline</a></cite></blockquote>', "inside https://news.example/b"],
    ["a link in the paragraph before", '<p>The paper <a href="https://news.example/c">reports</a>:</p><blockquote><p>Quoted words.</p></blockquote>', "before https://news.example/c"],
    ["a link opening the paragraph after", '<blockquote><p>Quoted words.</p></blockquote><p>— <a href="https://news.example/d">News</a></p>', "after https://news.example/d"],
    ["“Source:” before the link after", '<blockquote><p>Quoted words.</p></blockquote><p>Source: <a href="https://news.example/e">News</a>, yesterday.</p>', "after https://news.example/e"],
    ["a relative link, resolved against the post", '<blockquote><p>Words. <a href="/2023/05/06/older/">mine</a></p></blockquote>', "inside https://blog.example/2023/05/06/older/"],
  ])("%s", (_, html, offered) => {
    const result = convert(html);
    expect(result.offered[0]).toBe(offered);
    expect(result.quotes).toEqual({ attributed: 1, plain: [] });
    expect(result.markdown).toMatch(/^> \[!quote src-1\]\n> /m);
  });

  it.each([
    ["no link anywhere", "<p>Mine.</p><blockquote><p>An aphorism.</p></blockquote><p>More of mine.</p>"],
    ["a link deep in the paragraph after", '<blockquote><p>An aphorism.</p></blockquote><p>I have long thought this, and <a href="https://news.example/f">so do they</a>.</p>'],
    ["a link two paragraphs before", '<p><a href="https://news.example/g">Story</a></p><p>Then my words.</p><blockquote><p>An aphorism.</p></blockquote>'],
    ["only a javascript: link", '<blockquote><p>An aphorism. <a href="javascript:alert(1)">x</a></p></blockquote>'],
  ])("stays plain with %s", (_, html) => {
    const result = convert(html);
    expect(result.offered).toEqual([]);
    expect(result.quotes.attributed).toBe(0);
    expect(result.quotes.plain).toHaveLength(1);
    expect(result.markdown).toMatch(/^> An aphorism\./m);
    expect(result.markdown).not.toContain("[!quote");
  });

  it("falls back to the next position when the link inside names no story", () => {
    const offered: string[] = [];
    const result = cleanHtml('<p>Via <a href="https://news.example/h">the paper</a>:</p><blockquote><p>Words <a href="https://blog.example/me/">me</a>.</p></blockquote>', {
      base: undefined,
      autop: false,
      attribute: (link, position) => (offered.push(`${position} ${link.href}`), link.href.includes("blog.example") ? undefined : "story"),
    });
    expect(offered).toEqual(["inside https://blog.example/me/", "before https://news.example/h"]);
    expect(result.quotes.attributed).toBe(1);
  });

  it("leaves a quote inside a quote as part of it", () => {
    const result = convert('<blockquote><p>Outer. <a href="https://news.example/i">x</a></p><blockquote><p>Inner.</p></blockquote></blockquote>');
    expect(result.quotes).toEqual({ attributed: 1, plain: [] });
    expect(result.markdown).toContain("> [!quote src-1]\n> Outer. [x](https://news.example/i)\n>\n> > Inner.");
  });
});

describe("cleaning exported HTML", () => {
  it("drops hostile markup, keeps the words around it", () => {
    const result = convert(
      '<p onclick="steal()">Hello <a href="javascript:alert(1)">link</a> <a href="data:text/html,x">data</a></p><script>alert(1)</script><style>p{}</style>' +
        '<form><input value="secret"><button>Go</button></form><object data="x.swf">obj</object><svg><script>x</script></svg><iframe src="javascript:x"></iframe><p>Bye</p>',
    );
    expect(result.markdown).toBe("Hello link data\n\nBye");
    expect(result.dropped).toEqual(["event handler attributes", "javascript: link", "data: link", "<script>", "<style>", "<form>", "<object>", "<svg>", "<iframe> without a web address"]);
  });

  it.each([
    ['<a href="  JaVaScRiPt:alert(1)">x</a>', "x"],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', "x"],
    ['<a href="vbscript:msgbox(1)">x</a>', "x"],
    ['<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "x"],
    ['<img src="x" onerror="alert(1)" alt="y">', "[Image: y](https://blog.example/2024/01/01/post/x)"],
    ['<meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/">z', "z"],
    ['<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>z', "z"],
    ["<p>&lt;script&gt;alert(1)&lt;/script&gt; as text</p>", "<script>alert(1)</script> as text"],
  ])("neutralises %s", (html, markdown) => {
    expect(convert(html).markdown).toBe(markdown);
  });

  it("turns images and embedded media into links, and lists them", () => {
    const result = convert('<p><img src="/uploads/a.jpg" alt="A harbour"> and <img src="https://cdn.example/b.png"></p><iframe src="https://video.example/embed/1"></iframe><video><source src="https://video.example/c.mp4"></video>');
    expect(result.markdown).toBe("[Image: A harbour](https://blog.example/uploads/a.jpg) and [Image](https://cdn.example/b.png)\n\n[Embedded media: video.example](https://video.example/embed/1)\n\n[Embedded video: video.example](https://video.example/c.mp4)");
    expect(result.images).toEqual(["https://blog.example/uploads/a.jpg", "https://cdn.example/b.png"]);
    expect(result.media).toEqual(["https://video.example/embed/1", "https://video.example/c.mp4"]);
  });

  it("restores WordPress paragraphs (wpautop) and drops block comments", () => {
    const html = "<!-- wp:paragraph -->\nFirst paragraph,\nwith a line break.\n\nSecond <em>one</em>.\n<!-- /wp:paragraph -->\n\n<blockquote>Quoted one.\n\nQuoted two.</blockquote>";
    expect(convert(html, { autop: true }).markdown).toBe("First paragraph,  \nwith a line break.\n\nSecond *one*.\n\n> Quoted one.\n>\n> Quoted two.");
  });

  it("reads Blogger's double line breaks as paragraph ends", () => {
    expect(convert('<div dir="ltr">One.<br /><br />Two,<br />still two.<br /><br /><br />Three.</div>').markdown).toBe("One.\n\nTwo,  \nstill two.\n\nThree.");
  });

  it("expands WordPress captions and embeds, and names shortcodes it cannot render", () => {
    const { html, unrendered } = expandShortcodes('[caption id="1"]<img src="https://x.example/a.jpg"> A caption[/caption]\n[embed]https://video.example/v/1[/embed]\n[gallery ids="1,2"]\nhttps://video.example/v/2\nText with [...] an elision.');
    expect(unrendered).toEqual(["[gallery]"]);
    expect(convert(html, { autop: true }).markdown).toBe(
      "[Image](https://x.example/a.jpg) A caption\n\n[Embedded media: video.example](https://video.example/v/1)\n\n[https://video.example/v/2](https://video.example/v/2) Text with \\[...\\] an elision.",
    );
  });
});

const registry = (text: string, shown = "posts/_data/sources.yaml"): RawRegistry => ({ file: shown, shown, text, entries: new Map() });

describe("sources of quoted stories", () => {
  it.each([
    ["https://www.news.example/2024/03/14/story/", "https://news.example/2024/03/14/story?utm_source=x#top"],
    ["http://news.example/a/index.html", "https://news.example/a"],
  ])("one story: %s and %s", (a, b) => {
    expect(storyKey(new URL(a))).toBe(storyKey(new URL(b)));
  });

  it.each([
    ["https://n.example/2019/02/28/story/", "2019-02-28"],
    ["https://n.example/news/2019-3-7-story", "2019-03-07"],
    ["https://n.example/20190228/story", "2019-02-28"],
    ["https://n.example/2019/02/30/story", undefined],
    ["https://n.example/story-2019", undefined],
  ])("the date in %s is %s", (url, date) => {
    expect(dateInUrl(new URL(url))).toBe(date);
  });

  it.each([
    ["Council delays tram vote again, citing depot questions", "Council delays tram vote again, citing depot questions"],
    ["Big fire downtown tonight", "Big fire downtown tonight"],
    ["The Daily Ledger", undefined],
    ["The Daily Ledger reports", undefined],
    ["as the Post has noted", undefined],
    ["read the whole story here", undefined],
    ["https://news.example/a/b/c/d", undefined],
  ])("the link text %j gives the title %j", (text, title) => {
    expect(titleFromLink(text)).toBe(title);
  });

  it("reuses a source the registry has, refuses the blog's own and bare homepages, and makes outlets for new hosts", () => {
    const sources = registry("story:\n  title: TODO\n  url: https://news.example/2020/01/02/big-story\n");
    sources.entries.set("story", { url: "https://news.example/2020/01/02/big-story" });
    const outlets = registry("news:\n  name: News\n  url: https://news.example/\n", "posts/_data/outlets.yaml");
    outlets.entries.set("news", { url: "https://news.example/" });
    const book = new SourceBook(sources, outlets, new Set(["blog.example"]));
    expect(book.attribute({ href: "https://www.news.example/2020/01/02/big-story/", text: "x" }, "2024-01-01")).toBe("story");
    expect(book.attribute({ href: "https://blog.example/2020/01/02/mine/", text: "x" }, "2024-01-01")).toBeUndefined();
    expect(book.attribute({ href: "https://wire.example/", text: "Wire" }, "2024-01-01")).toBeUndefined();
    expect(book.attribute({ href: "https://wire.example/world/big-fire-downtown", text: "Big fire downtown tonight" }, "2024-01-01")).toBe("wire-big-fire-downtown");
    expect(book.attribute({ href: "https://www.wire.example/world/big-fire-downtown?fbclid=1", text: "again" }, "2024-02-01")).toBe("wire-big-fire-downtown");
    expect(book.sourceEntries().map((e) => e.text)).toEqual([
      [
        "wire-big-fire-downtown:",
        "  title: Big fire downtown tonight   # from the link text: check it against the headline",
        "  outlet: wire",
        '  url: "https://wire.example/world/big-fire-downtown"',
        "  published: TODO   # YYYY-MM-DD; the story ran on or before 2024-01-01, when a post first quoted it",
        "  # byline: the story's authors, only if the story names them",
        "  # archived: a snapshot URL, e.g. from https://web.archive.org/",
        "",
      ].join("\n"),
    ]);
    expect(book.outletEntries().map((e) => e.text)).toEqual(['wire:\n  name: TODO   # the name of the publication at wire.example\n  url: "https://wire.example/"\n']);
  });
});

describe("authors and tags", () => {
  it("spells each tag as it was first spelled, and leaves out what cannot be a tag", () => {
    const tags = new TagBook();
    tags.seed("North Korea");
    expect(tags.normalise(["north korea", "Transit", "Uncategorized", "TRANSIT", "  Hanoi   summit ", "by name", "!!!"])).toEqual(["North Korea", "Transit", "Hanoi summit"]);
    expect(tags.normalise(["transit"])).toEqual(["Transit"]);
    expect([...tags.dropped.keys()]).toEqual(["by name", "!!!"]);
  });

  it("reuses an author id the registry has, and adds the others once, with the name the export gives", () => {
    const authors = registry("jo:\n  name: Jo\n", "posts/_data/authors.yaml");
    authors.entries.set("jo", { name: "Jo" });
    const book = new AuthorBook(authors);
    expect(book.idFor({ key: "jo" })).toBe("jo");
    expect(book.idFor({ key: "Sam Reyes", name: "Sam Reyes", url: "https://sam.example/" })).toBe("sam-reyes");
    expect(book.idFor({ key: "Sam Reyes", name: "Sam Reyes" })).toBe("sam-reyes");
    expect(book.idFor({ key: "lee@mail.example" })).toBe("lee");
    expect(book.entries().map((entry) => entry.text)).toEqual([
      'sam-reyes:\n  name: Sam Reyes\n  url: "https://sam.example/"\n  # bio: one or two sentences (optional)\n',
      "lee:\n  name: ~   # the export gives no display name: write it here, or leave ~ if it is not known\n  # bio: one or two sentences (optional)\n",
    ]);
  });
});

describe("registry appends", () => {
  it("appends after the text as it was, and finds each TODO's line", () => {
    const before = "# Stories.\nold:\n  title: Old\n";
    const text = appendEntries(registry(before), [{ id: "new-one", text: "new-one:\n  title: TODO   # hint\n  published: TODO\n" }]);
    expect(text).toBe(`${before}\nnew-one:\n  title: TODO   # hint\n  published: TODO\n`);
    expect(todoLines(text, ["new-one"])).toEqual([{ id: "new-one", line: 6, field: "title" }, { id: "new-one", line: 7, field: "published" }]);
  });

  it("refuses an append that would change the entries there", () => {
    expect(() => appendEntries(registry("{old: {title: Old}}"), [{ id: "old", text: "old:\n  title: New\n" }])).toThrow(/left as it was/);
  });
});

describe("export records", () => {
  async function records(xml: string): Promise<XmlNode[]> {
    const file = path.join(makeTempDir("gloss-records-"), "export.xml");
    writeFileSync(file, xml);
    const found: XmlNode[] = [];
    await streamRecords(file, { root: () => undefined, record: (kind, node) => void (kind === "item" && found.push(node)) });
    return found;
  }
  const head = (): ExportHead => ({ authors: new Map() });

  it("reads a Blogger Takeout entry (blogger:type, blogger:status, blogger:filename)", async () => {
    const [post, comment] = await records(`<feed xmlns="http://www.w3.org/2005/Atom" xmlns:blogger="http://schemas.google.com/blogger/2018">
<entry><id>p1</id><blogger:type>POST</blogger:type><blogger:status>DRAFT</blogger:status><blogger:filename>/2021/05/a-post.html</blogger:filename>
<author><name>Kim Lowe</name><uri>https://www.blogger.com/profile/1</uri><blogger:type>BLOGGER</blogger:type></author>
<title>A post</title><content type="html">&lt;p&gt;Hi&lt;/p&gt;</content><published>2021-05-01T10:00:00.000+02:00</published>
<category scheme="http://www.blogger.com/atom/ns#" term="Label"/></entry>
<entry><id>c1</id><blogger:type>COMMENT</blogger:type><blogger:status>LIVE</blogger:status><title></title><content type="html">x</content></entry>
</feed>`);
    const item = atomEntry(post!, true, head());
    expect(item).toMatchObject({ title: "A post", html: "<p>Hi</p>", status: "draft", link: "/2021/05/a-post.html", tags: ["Label"], author: { key: "Kim Lowe", name: "Kim Lowe" } });
    expect(item.date?.toISO()).toBe("2021-05-01T10:00:00.000+02:00");
    expect(atomEntry(comment!, true, head()).skip?.why).toBe("a comment");
  });

  it("reads a WordPress item's date in the zone its GMT date implies", async () => {
    const [item] = await records(`<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item>
<title>T</title><content:encoded><![CDATA[x]]></content:encoded><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
<wp:post_date>2024-07-01 09:30:00</wp:post_date><wp:post_date_gmt>2024-06-30 23:30:00</wp:post_date_gmt></item></channel></rss>`);
    expect(wordpressItem(item!, head(), "UTC").date?.toISO({ suppressMilliseconds: true })).toBe("2024-07-01T09:30:00+10:00");
  });

  it("reads an RSS item's author from `email (Name)` and its RFC 822 date with its offset", async () => {
    const [item] = await records(`<rss version="2.0"><channel><item><title>T</title><description>&lt;p&gt;x&lt;/p&gt;</description>
<author>ann@feed.example (Ann Vale)</author><pubDate>Sun, 02 Jun 2024 20:00:00 -0700</pubDate><link>https://feed.example/t</link></item></channel></rss>`);
    expect(rssItem(item!)).toMatchObject({ title: "T", html: "<p>x</p>", author: { key: "Ann Vale", name: "Ann Vale" }, link: "https://feed.example/t" });
    expect(rssItem(item!).date?.toISO({ suppressMilliseconds: true })).toBe("2024-06-02T20:00:00-07:00");
  });
});
