// Co-authored posts through the real build: the byline, each author's page and feed, the site
// feeds, JSON-LD and the listings all name every author, in the order the post gives them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_AUTHORS, buildSite, makeSite, postFile, readPage, texts, type FixtureSite } from "../helpers/site.ts";

const AUTHORS = `${DEFAULT_AUTHORS}bea:
  name: Bea Writer
  outlet: blog
`;

describe("a co-authored post", () => {
  let site: FixtureSite;
  let result: Awaited<ReturnType<typeof buildSite>>;
  beforeAll(async () => {
    site = makeSite(
      {
        "together.md": postFile({ title: "Together", date: "2020-01-05", author: "[bea, ann, anon]", body: "Our words, shared." }),
        "pair.md": postFile({ title: "A pair", date: "2020-01-04", author: "[ann, bea]", body: "Two of us." }),
        "alone.md": postFile({ title: "Alone", date: "2020-01-03", author: "ann", body: "Just me." }),
      },
      { authors: AUTHORS },
    );
    result = await buildSite(site);
  });

  it("builds", () => {
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("names every author in the byline, in order: A, B and C", () => {
    const doc = readPage(site, "/posts/together/");
    expect(texts(doc, ".byline")).toEqual(["By Bea Writer, Ann Author and Unnamed author"]);
    expect([...doc.querySelectorAll(".byline a.p-author")].map((a) => a.getAttribute("href"))).toEqual(["/authors/bea/", "/authors/ann/", "/authors/anon/"]);
    expect(doc.querySelectorAll('meta[property="article:author"]')).toHaveLength(3);
    expect(doc.querySelector('meta[name="author"]')?.getAttribute("content")).toBe("Bea Writer, Ann Author and Unnamed author");
  });

  it("shows the outlet the authors share after the byline, and none when they do not share one", () => {
    expect(texts(readPage(site, "/posts/pair/"), ".byline")).toEqual(["By Ann Author and Bea Writer, The Blog"]);
    expect(readPage(site, "/posts/together/").querySelector(".byline a[href='/outlets/blog/']")).toBeNull();
  });

  it("lists the post on each author's page, and once on their outlet's", () => {
    expect(texts(readPage(site, "/authors/ann/"), ".post-summary-title")).toEqual(["Together", "A pair", "Alone"]);
    expect(texts(readPage(site, "/authors/bea/"), ".post-summary-title")).toEqual(["Together", "A pair"]);
    expect(texts(readPage(site, "/authors/anon/"), ".post-summary-title")).toEqual(["Together"]);
    expect(texts(readPage(site, "/outlets/blog/"), ".post-summary-title")).toEqual(["Together", "A pair", "Alone"]);
    expect(texts(readPage(site, "/"), ".post-summary .meta")[0]).toMatch(/^Bea Writer, Ann Author and Unnamed author ·/);
  });

  it("writes every author into the Atom and JSON feeds, and the post into each author's feed", () => {
    const atom = readFileSync(path.join(site.outputDir, "feed.xml"), "utf8");
    const entry = atom.slice(atom.indexOf("<entry>"), atom.indexOf("</entry>"));
    expect([...entry.matchAll(/<author><name>([^<]*)<\/name>/g)].map((m) => m[1])).toEqual(["Bea Writer", "Ann Author", "Unnamed author"]);
    const json = JSON.parse(readFileSync(path.join(site.outputDir, "feed.json"), "utf8")) as { items: { title: string; authors: { name: string }[] }[] };
    expect(json.items[0]!.authors.map((a) => a.name)).toEqual(["Bea Writer", "Ann Author", "Unnamed author"]);
    for (const id of ["ann", "bea", "anon"]) expect(readFileSync(path.join(site.outputDir, `authors/${id}/feed.xml`), "utf8")).toContain("/posts/together/");
  });

  it("cites the post in a closed <details>, Chicago style, with BibTeX and CSL-JSON files to download", () => {
    const doc = readPage(site, "/posts/together/");
    const details = doc.querySelector("details.cite")!;
    expect(details.hasAttribute("open")).toBe(false);
    expect(texts(doc, "details.cite summary")).toEqual(["Cite this post"]);
    expect(texts(doc, "details.cite .citation")).toEqual(["Bea Writer, Ann Author, and [unnamed author]. “Together.” Fixture Blog (blog), January 5, 2020. https://fixture.example/posts/together/."]);
    const links = [...details.querySelectorAll("a[download]")].map((a) => a.getAttribute("href"));
    expect(links).toEqual(["/posts/together/cite.bib", "/posts/together/cite.json"]);
    const bib = readFileSync(path.join(site.outputDir, "posts/together/cite.bib"), "utf8");
    expect(bib).toMatch(/^@online\{together,\n/);
    expect(bib).toContain("  author = {{Bea Writer} and {Ann Author} and {[unnamed author]}},\n");
    const csl = JSON.parse(readFileSync(path.join(site.outputDir, "posts/together/cite.json"), "utf8")) as { URL: string; issued: unknown }[];
    expect(csl[0]).toMatchObject({ URL: "https://fixture.example/posts/together/", issued: { "date-parts": [[2020, 1, 5]] } });
  });

  it("shows the reading time beside the word count", () => {
    expect(texts(readPage(site, "/posts/together/"), ".dateline .reading-time")).toEqual(["1 min read (3 words)"]);
  });

  it("keeps citation files out of the sitemap", () => {
    expect(readFileSync(path.join(site.outputDir, "sitemap.xml"), "utf8")).not.toContain("cite.");
  });

  it("gives JSON-LD an array of authors, the unnamed one without a name", () => {
    const ld = JSON.parse(readPage(site, "/posts/together/").querySelector('script[type="application/ld+json"]')!.textContent!) as { author: { name?: string }[] };
    expect(ld.author.map((a) => a.name)).toEqual(["Bea Writer", "Ann Author", undefined]);
  });
});
