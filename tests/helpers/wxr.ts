// A large generated WordPress export for the import's scale test: `count` posts, streamed to a
// file (never built in memory), each with paragraphs, categories and tags, and a quote of one of
// `stories` fictional stories (link before, inside or after it), so sources repeat across posts.
import { createWriteStream } from "node:fs";
import { once } from "node:events";

const WORDS = "harbor council tram depot ferry budget vote ward route schedule delay crossing reservoir bridge toll canal lock towpath autumn spring".split(" ");

function sentence(seed: number, length: number): string {
  const words: string[] = [];
  for (let i = 0; i < length; i += 1) words.push(WORDS[(seed * 7 + i * 13) % WORDS.length]!);
  const text = words.join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function post(n: number, stories: number): string {
  const story = n % stories;
  const url = `https://news${story % 40}.example/2023/${String((story % 12) + 1).padStart(2, "0")}/${String((story % 28) + 1).padStart(2, "0")}/story-number-${story}/`;
  const quote = `<blockquote><p>${sentence(story, 30)}</p><p>${sentence(story + 1, 25)}</p>${n % 3 === 1 ? `<p><a href="${url}">Story number ${story} in full</a></p>` : ""}</blockquote>`;
  const before = n % 3 === 0 ? `<p>The paper <a href="${url}">reports</a>:</p>\n` : "";
  const after = n % 3 === 2 ? `\n<p>— <a href="${url}">News</a></p>` : "";
  const body = `<p>${sentence(n, 40)}</p>\n${before}${quote}${after}\n\n${sentence(n + 3, 60)}\n\n${sentence(n + 5, 35)}`;
  const day = new Date(Date.UTC(2015, 0, 1) + n * 3_600_000 * 5);
  const gmt = day.toISOString().slice(0, 19).replace("T", " ");
  const local = new Date(day.getTime() - 5 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
  return `\t<item>
\t\t<title><![CDATA[Generated post number ${n}]]></title>
\t\t<link>https://big.example/${gmt.slice(0, 10).replace(/-/g, "/")}/generated-post-${n}/</link>
\t\t<dc:creator><![CDATA[author${n % 5}]]></dc:creator>
\t\t<content:encoded><![CDATA[${body}]]></content:encoded>
\t\t<wp:post_id>${n}</wp:post_id>
\t\t<wp:post_date><![CDATA[${local}]]></wp:post_date>
\t\t<wp:post_date_gmt><![CDATA[${gmt}]]></wp:post_date_gmt>
\t\t<wp:post_name><![CDATA[generated-post-${n}]]></wp:post_name>
\t\t<wp:status><![CDATA[${n % 50 === 0 ? "draft" : "publish"}]]></wp:status>
\t\t<wp:post_type><![CDATA[post]]></wp:post_type>
\t\t<wp:post_password><![CDATA[]]></wp:post_password>
\t\t<category domain="category" nicename="c${n % 12}"><![CDATA[Category ${n % 12}]]></category>
\t\t<category domain="post_tag" nicename="t${n % 50}"><![CDATA[Tag ${n % 50}]]></category>
\t\t<wp:comment><wp:comment_id>${n}</wp:comment_id><wp:comment_content><![CDATA[A comment.]]></wp:comment_content></wp:comment>
\t</item>
`;
}

/** Writes a WXR file of `count` posts quoting `stories` distinct stories; resolves to its size in bytes. */
export async function writeLargeWxr(file: string, count: number, stories = 400): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, "drain");
  };
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
\t<title>Big Blog</title>
\t<link>https://big.example</link>
\t<wp:wxr_version>1.2</wp:wxr_version>
`);
  for (let i = 0; i < 5; i += 1) await write(`\t<wp:author><wp:author_login><![CDATA[author${i}]]></wp:author_login><wp:author_display_name><![CDATA[Author Number ${i}]]></wp:author_display_name></wp:author>\n`);
  for (let n = 1; n <= count; n += 1) await write(post(n, stories));
  await write("</channel>\n</rss>\n");
  out.end();
  await once(out, "finish");
  return bytes;
}
