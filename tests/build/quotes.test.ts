// Quote provenance, built for real: the launch posts' quote index, word shares and JSON-LD;
// archived copies and outbound links on a fixture site; hostile titles inside JSON-LD; and
// `npm run check:content` against the build's own messages.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { countWords } from "../../lib/markdown/env.ts";
import { ROOT, buildSite, makeSite, postFile, readPage, runCli, texts, type FixtureSite, type RunResult } from "../helpers/site.ts";
import { makeTempDir } from "../helpers/temp.ts";

const CNN_URL = "https://www.cnn.com/2019/03/06/politics/trump-kim-hanoi-summit-snub/index.html";
/** The CNN story as JSON-LD: what posts cite, and what its source page embeds. */
const CNN_ARTICLE = {
  "@type": "NewsArticle",
  "@id": CNN_URL,
  headline: "A snub and a last minute Hail Mary: Trump's tough lesson in North Korean diplomacy",
  url: CNN_URL,
  datePublished: "2019-03-06",
  publisher: { "@type": "Organization", name: "CNN", url: "https://www.cnn.com/" },
};
const NATION = { url: "/posts/latest-cnn-story-on-hanoi-gives-the-real-scoop/", title: "Latest CNN story on Hanoi gives the real scoop." };
const DIGBY = { url: "/posts/they-really-messed-up-in-north-korea/", title: "They really messed up in North Korea" };
const TAGS = ["North Korea", "Hanoi summit", "Kim Jong Un", "Donald Trump", "U.S.–DPRK talks"];

const normalise = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, " ").trim();

/** Every JSON-LD block on a page, parsed as JSON (a syntax error fails the test). */
function jsonLdOf(doc: Document): Record<string, unknown>[] {
  return [...doc.querySelectorAll('script[type="application/ld+json"]')].map((script) => JSON.parse(script.textContent ?? "") as Record<string, unknown>);
}

/** Every built HTML page of a site, as [url, document]. */
function allPages(site: FixtureSite): [string, Document][] {
  const pages: [string, Document][] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".html")) pages.push([`/${path.relative(site.outputDir, full)}`, parseHTML(readFileSync(full, "utf8")).document as unknown as Document]);
    }
  };
  walk(site.outputDir);
  return pages;
}

describe("the launch posts' quotations", () => {
  let site: FixtureSite;
  let result: RunResult;
  beforeAll(async () => {
    const dir = makeTempDir("gloss-quotes-");
    site = { dir, contentDir: path.join(ROOT, "posts"), outputDir: path.join(dir, "_site") };
    result = await buildSite(site);
    expect(result.code).toBe(0);
  });

  it("warns only that the site's address is still the placeholder: the CNN story has no archived copy, but nothing records its original as gone", () => {
    expect(result.stderr).toMatch(/^warning: the site's address is still the placeholder https:\/\/gloss\.example\/: [^\n]*\n  Set url [^\n]*\n$/);
  });

  it("lists each passage of the CNN story once, in story order, with every post that quotes it", () => {
    const doc = readPage(site, "/sources/cnn-hanoi-summit-snub/");
    const items = [...doc.querySelectorAll(".passages > li")];
    const passages = items.map((li) => normalise(li.querySelector("blockquote")?.textContent));
    expect(new Set(passages).size).toBe(passages.length);
    expect(passages).toHaveLength(19);
    // The digby post quotes the story in its own order; the Nation post's five fall in place.
    expect(passages[0]).toMatch(/^President Donald Trump’s second summit/);
    expect(passages[18]).toMatch(/^Privately, some of Trump’s top advisers/);
    const quotedBy = items.map((li) => [...li.querySelectorAll(".quoted-by a")].map((a) => [a.textContent, a.getAttribute("href")]));
    const shared = items.flatMap((li, i) => (quotedBy[i]!.length === 2 ? [passages[i]!.slice(0, 45)] : []));
    expect(shared).toEqual([
      "US and North Korean officials had been haggli",
      "Choe rushed back to get an answer. Kim replie",
      "But even when Choe returned with that respons",
      "“We had to have more than that,” Trump said w",
      "The last-gasp effort would still have left th",
    ]);
    for (const pair of quotedBy.filter((uses) => uses.length === 2)) {
      expect(pair).toEqual([
        [DIGBY.title, `${DIGBY.url}#q1`],
        [NATION.title, `${NATION.url}#q1`],
      ]);
    }
    for (const uses of quotedBy.filter((uses) => uses.length === 1)) expect(uses).toEqual([[DIGBY.title, `${DIGBY.url}#q1`]]);
    // The anchors exist on the post pages.
    for (const { url } of [DIGBY, NATION]) expect(readPage(site, url).querySelector("figure.quotation#q1")).not.toBeNull();
  });

  it("shows each post's quoted and commentary words near its sources, and the counts match the page", () => {
    const expected: Record<string, string> = {
      [NATION.url]: "Quotation: 214 words (40%) · Commentary: 321 words (60%)",
      [DIGBY.url]: "Quotation: 907 words (93%) · Commentary: 73 words (7%)",
    };
    for (const [url, line] of Object.entries(expected)) {
      const doc = readPage(site, url);
      expect(texts(doc, ".post-sources .word-share")).toEqual([line]);
      // Recount from the built page: words inside blockquotes against the rest of the body.
      const body = doc.querySelector(".post-body")!;
      for (const caption of body.querySelectorAll("figcaption")) caption.remove();
      const quoted = [...body.querySelectorAll(".post-body > figure blockquote, .post-body > blockquote")].reduce((sum, q) => sum + countWords(q.textContent ?? ""), 0);
      const all = countWords(body.textContent ?? "");
      const [q, c] = line.match(/\d+(?= words)/g)!.map(Number);
      expect([quoted, all - quoted]).toEqual([q, c]);
    }
  });

  it("embeds a BlogPosting on each post page that cites the CNN story as a NewsArticle", () => {
    const citation = CNN_ARTICLE;
    const [nation] = jsonLdOf(readPage(site, NATION.url));
    expect(nation).toMatchObject({ "@context": "https://schema.org", "@type": "BlogPosting", headline: NATION.title, url: `https://gloss.example${NATION.url}`, keywords: TAGS });
    // Not named anywhere: a Person with no name, and no publisher (the blog's name is not known).
    expect(nation!.author).toEqual({ "@type": "Person", description: expect.stringContaining("Not named in the post") });
    expect(nation).not.toHaveProperty("publisher");
    expect(nation!.citation).toEqual([citation]); // no byline is known, so no author is given

    const [digby] = jsonLdOf(readPage(site, DIGBY.url));
    expect(digby).toMatchObject({ "@type": "BlogPosting", headline: DIGBY.title, keywords: TAGS });
    expect(digby!.author).toMatchObject({ "@type": "Person", name: "digby", url: "https://digbysblog.net/" });
    expect(digby!.publisher).toEqual({ "@type": "Organization", name: "Digby's Hullabaloo", url: "https://digbysblog.net/" });
    expect(digby!.citation).toEqual([citation]);

    // Both are dated only "on or after 6 March 2019": no precise day is claimed.
    for (const node of [nation, digby]) {
      expect(node).not.toHaveProperty("datePublished");
      expect(node).not.toHaveProperty("dateCreated");
    }
  });

  it("embeds the NewsArticle on the CNN source page", () => {
    const nodes = jsonLdOf(readPage(site, "/sources/cnn-hanoi-summit-snub/"));
    expect(nodes).toEqual([
      { "@context": "https://schema.org", ...CNN_ARTICLE },
    ]);
  });

  it("opens every outbound link without an opener, and sends other sites at most the origin", () => {
    const pages = allPages(site);
    expect(pages.length).toBeGreaterThan(10);
    let outbound = 0;
    for (const [url, doc] of pages) {
      expect([url, doc.querySelector('meta[name="referrer"]')?.getAttribute("content")]).toEqual([url, "strict-origin-when-cross-origin"]);
      for (const a of doc.querySelectorAll("a[href]")) {
        const href = a.getAttribute("href")!;
        if (!/^(https?:)?\/\//.test(href)) continue;
        outbound += 1;
        expect([url, href, (a.getAttribute("rel") ?? "").split(/\s+/)]).toEqual([url, href, expect.arrayContaining(["noopener"])]);
      }
    }
    expect(outbound).toBeGreaterThan(5);
  });
});

describe("archived copies and hostile titles on a fixture site", () => {
  let site: FixtureSite;
  let result: RunResult;
  const hostile = `</script><script>alert("post")</script><!--`;
  beforeAll(async () => {
    site = makeSite(
      {
        "kept.md": postFile({ title: "Kept", date: "2020-01-05", tags: ["One"], body: "Mine.\n\n> [!quote story]\n> Theirs.\n" }),
        "hostile.md": postFile({ title: hostile, date: "2020-01-06", tags: ["</script>"], body: "Mine.\n\n> [!quote evil]\n> Theirs.\n" }),
      },
      {
        sources: `story:
  title: A Big Story
  outlet: news
  url: https://news.example/2020/01/02/big-story
  published: 2020-01-02
  byline: Reporter Rita and Writer Will
  archived: https://archive.example/news.example/big-story
evil:
  title: "</script><script>alert('source')</script>"
  outlet: news
  url: https://news.example/evil?a=</script>
  published: 2020-01-03
  publishedAccuracy: about
`,
      },
    );
    result = await buildSite(site);
    expect(result.code).toBe(0);
  });

  it("does not warn about a source without an archived copy whose original is not recorded as gone", () => {
    expect(result.stderr).toBe("");
  });

  it("offers the archived copy beside the original in the quotation, the sources list and the source page", () => {
    const archived = "https://archive.example/news.example/big-story";
    const post = readPage(site, "/posts/kept/");
    for (const scope of ["figure.quotation figcaption", ".post-sources li"]) {
      const links = [...post.querySelectorAll(`${scope} a.external`)].map((a) => [a.getAttribute("href"), normalise(a.textContent), a.getAttribute("rel")]);
      expect(links).toEqual([
        ["https://news.example/2020/01/02/big-story", "A Big Story", "noopener external"],
        [archived, "archived copy", "noopener external"],
      ]);
    }
    const source = readPage(site, "/sources/story/");
    expect([...source.querySelectorAll("a.external")].map((a) => [a.getAttribute("href"), normalise(a.textContent)])).toEqual([
      ["https://news.example/2020/01/02/big-story", "Read the original"],
      [archived, "archived copy"],
    ]);
    expect(jsonLdOf(source)[0]).toMatchObject({
      archivedAt: archived,
      author: [
        { "@type": "Person", name: "Reporter Rita" },
        { "@type": "Person", name: "Writer Will" },
      ],
    });
    expect(jsonLdOf(post)[0]).toMatchObject({ datePublished: "2020-01-05", author: { "@type": "Person", name: "Ann Author" }, keywords: ["One"] });
  });

  it("keeps a hostile post title, tag and source title inside the JSON-LD, parsed back intact", () => {
    const post = readPage(site, "/posts/hostile/");
    const scripts = [...post.querySelectorAll("script")];
    expect(scripts.map((s) => s.getAttribute("type"))).toEqual(["application/ld+json"]);
    const [node] = jsonLdOf(post);
    expect(node).toMatchObject({ headline: hostile, keywords: ["</script>"] });
    expect(node!.citation).toEqual([
      {
        "@type": "NewsArticle",
        "@id": "https://news.example/evil?a=</script>",
        headline: "</script><script>alert('source')</script>",
        url: "https://news.example/evil?a=</script>",
        publisher: { "@type": "Organization", name: "Daily News", url: "https://news.example/" },
      },
    ]);
    const raw = readFileSync(path.join(site.outputDir, "posts/hostile/index.html"), "utf8");
    const block = raw.slice(raw.indexOf('<script type="application/ld+json">'), raw.indexOf("</script>") + "</script>".length);
    expect(block).not.toMatch(/<(?!script type="application\/ld\+json">|\/script>$)/);
    const source = readPage(site, "/sources/evil/");
    expect(source.querySelectorAll("script")).toHaveLength(1);
    expect(jsonLdOf(source)[0]).toMatchObject({ headline: "</script><script>alert('source')</script>" });
    expect(jsonLdOf(source)[0]).not.toHaveProperty("datePublished"); // published "about" a day
  });
});

describe("npm run check:content", () => {
  it("passes good content without building anything, printing the warnings the build prints", async () => {
    const site = makeSite({ "post.md": postFile({ title: "Post", sources: ["story"], body: "Mine.\n\n> [!quote story]\n> Theirs.\n" }) });
    const checked = await runCli("check-content.ts", site);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/^Content OK: 1 post, 2 sources, 2 authors, 1 quoted passage \(checked in \d+ ms, \d+ ms with start-up\)\n$/);
    expect(checked.stderr).toBe("");
    expect(existsSync(site.outputDir)).toBe(false);
    expect(existsSync(`${site.outputDir}.staging`)).toBe(false);
  });

  it("reports every problem, quotations included, in the build's own words", async () => {
    const site = makeSite({
      "bad-date.md": postFile({ title: "T", date: "May 3" }),
      "bad-quote.md": postFile({ title: "Q", body: "Mine.\n\n> [!quote nope]\n> Theirs.\n\n> [!quote story] on the marker line\n" }),
      "bad-source.md": postFile({ title: "S", sources: ["story", "gone"] }),
    });
    const checked = await runCli("check-content.ts", site);
    expect(checked.code).toBe(1);
    const lines = checked.stderr.split("\n").filter((line) => line.startsWith("  "));
    expect(lines).toEqual([
      '  posts/bad-date.md:3 › date: expected a date as YYYY-MM-DD or YYYY-MM-DDTHH:MM (optionally with an offset), got "May 3"',
      '  posts/bad-quote.md:9 › quotation: expected a source id from posts/_data/sources.yaml, got "nope" (write > [!quote <source-id>])',
      '  posts/bad-quote.md:12 › quotation: expected [!quote <source-id>] alone on the first line of the quotation, got "[!quote story] on the marker line" (put the quoted text on the next line, starting with >)',
      '  posts/bad-source.md:5 › sources[1]: expected a source id from posts/_data/sources.yaml, got "gone"',
    ]);
    expect(checked.stderr.split("\n")[0]).toBe("Content check failed: 4 content problems");
    const built = await buildSite(site);
    expect(built.code).toBe(1);
    expect(built.stderr.split("\n").filter((line) => line.startsWith("  "))).toEqual(lines);
  });
});
