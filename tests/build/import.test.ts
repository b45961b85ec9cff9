// `npm run import` on the four fixture exports (tests/fixtures/import/), into a fixture site:
// what each post and registry entry says, quotes attributed by the link inside, before or after
// them, hostile HTML gone, the no-overwrite rule, --dry-run and --limit; then, with the TODOs
// filled in as an author would, a real build passes and every word of each published post's
// text in the export is on its built page.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { splitFrontMatter } from "../../lib/content/yaml.ts";
import { ROOT, buildSite, makeSite, readPage, runCli, type FixtureSite, type RunResult } from "../helpers/site.ts";
import { hashTree } from "../helpers/tree.ts";

const FIXTURES = path.join(ROOT, "tests/fixtures/import");
const fixture = (name: string) => path.join(FIXTURES, name);
const importInto = (site: FixtureSite, file: string, ...args: string[]) => runCli("import.ts", site, {}, [file, ...args]);

function frontMatter(site: FixtureSite, slug: string): Record<string, unknown> {
  const split = splitFrontMatter(readFileSync(path.join(site.contentDir, `${slug}.md`), "utf8"));
  return yaml.load(split.yaml, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
}
const body = (site: FixtureSite, slug: string) => splitFrontMatter(readFileSync(path.join(site.contentDir, `${slug}.md`), "utf8")).body;
const registry = (site: FixtureSite, name: string) => readFileSync(path.join(site.contentDir, "_data", `${name}.yaml`), "utf8");
const registryData = (site: FixtureSite, name: string) => yaml.load(registry(site, name), { schema: yaml.CORE_SCHEMA }) as Record<string, Record<string, unknown>>;
const postSlugs = (site: FixtureSite) => readdirSync(site.contentDir).filter((f) => f.endsWith(".md")).map((f) => f.slice(0, -3)).sort();

/** Words as Gloss counts them: runs of letters or digits. */
const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];

/** The words a reader saw in an exported post: its HTML's text, without what the import must drop (embedded players included). */
function exportedWords(html: string): string[] {
  const text = html.replace(/\[embed\][\s\S]*?\[\/embed\]/g, " ").replace(/\[\/?caption[^\]]*\]/g, " ")
    // Blocks and line breaks separate words even where the markup has no space.
    .replace(/<(\/?)(p|div|blockquote|br|li|ol|ul|h\d)\b/gi, " <$1$2");
  const { document } = parseHTML(`<!doctype html><html><body>${text}</body></html>`);
  for (const el of document.querySelectorAll("script, style, form, object, iframe")) el.remove();
  return words(document.body.textContent ?? "");
}

describe("npm run import, on the four fixture exports", () => {
  let site: FixtureSite;
  const runs: Record<string, RunResult> = {};
  let before: { sources: string; outlets: string; authors: string };

  beforeAll(async () => {
    site = makeSite();
    before = { sources: registry(site, "sources"), outlets: registry(site, "outlets"), authors: registry(site, "authors") };
    runs.wordpress = await importInto(site, fixture("wordpress.xml"));
    runs.blogger = await importInto(site, fixture("blogger.xml"));
    runs.rss = await importInto(site, fixture("rss.xml"));
    runs.atom = await importInto(site, fixture("atom.xml"), "--from", "feed");
  });

  it("imports every post of each format, and nothing else", () => {
    for (const run of Object.values(runs)) expect(run.code, run.stderr).toBe(0);
    expect(postSlugs(site)).toEqual([
      "bridge-tolls", "council-blinks-on-transit", "depot-fight", "draft-questions-for-the-water-district", "ferries-finally",
      "harbour-wall", "letter-to-my-councillor", "lock-keepers-strike", "notes-on-the-budget-unfinished", "quiet-week",
      "rationing-by-another-name", "reservoir-numbers", "towpath", "tram-ten-years",
    ]);
    expect(runs.wordpress!.stdout).toMatch(/WordPress export \(WXR\)/);
    expect(runs.blogger!.stdout).toMatch(/Blogger export \(Atom\)/);
    expect(runs.rss!.stdout).toMatch(/feed \(RSS 2\.0 or Atom\)/);
  });

  it("keeps title, date with its zone, author, tags, status and the old address of a WordPress post", () => {
    expect(frontMatter(site, "council-blinks-on-transit")).toEqual({
      title: "The council blinks on transit, again",
      date: "2024-03-14T20:15:00-04:00",
      author: "joharlan",
      tags: ["City Hall", "Transit", "Trams"],
      sources: ["dailyledger-council-delays-tram-vote"],
      aliases: ["/2024/03/14/council-blinks-on-transit/"],
    });
    // "transit" is spelled as the first post spelled it; "Uncategorized" says nothing.
    expect(frontMatter(site, "depot-fight").tags).toEqual(["City Hall", "Transit"]);
    expect(frontMatter(site, "ferries-finally").tags).toEqual(["Ferries", "Économie"]);
    expect(frontMatter(site, "notes-on-the-budget-unfinished")).toMatchObject({ draft: true, date: "2024-05-20T22:10:00-04:00" });
    expect(frontMatter(site, "notes-on-the-budget-unfinished").aliases).toBeUndefined();
    expect(frontMatter(site, "letter-to-my-councillor").draft).toBe(true);
    expect(frontMatter(site, "tram-ten-years")).toMatchObject({ date: "2030-06-01T09:00:00-04:00" });
    expect(frontMatter(site, "tram-ten-years").draft).toBeUndefined();
    expect(frontMatter(site, "draft-questions-for-the-water-district").draft).toBe(true);
    expect(frontMatter(site, "reservoir-numbers")).toMatchObject({ date: "2023-10-03T07:45:00-07:00", author: "priya-nandakumar", tags: ["water", "County board"], aliases: ["/2023/10/reservoir-numbers.html"] });
    expect(frontMatter(site, "towpath")).toMatchObject({ author: "mina-castell", date: "2024-07-12T07:00:00+02:00" });
    expect(frontMatter(site, "harbour-wall")).toMatchObject({ author: "lee-marsh", date: "2024-06-10T19:00:00+01:00" });
  });

  it.each([
    ["inside the quote (WordPress <cite>)", "council-blinks-on-transit", "dailyledger-council-delays-tram-vote"],
    ["in the paragraph before (WordPress, autop)", "depot-fight", "dailyledger-council-delays-tram-vote"],
    ["in the paragraph after (WordPress, “— Courier”)", "ferries-finally", "couriernews-ferry-service-expansion"],
    ["inside the quote (Blogger)", "reservoir-numbers", "valleygazette-reservoir-record-low"],
    ["in the paragraph before (Blogger)", "rationing-by-another-name", "valleygazette-reservoir-record-low"],
    ["in the paragraph before (RSS)", "bridge-tolls", "northshorepost-bridge-tolls-return"],
    ["in the paragraph after (Atom, “Source:”)", "lock-keepers-strike", "riverwire-lock-keepers-to-strike"],
  ])("attributes a quote whose link is %s", (_, slug, id) => {
    expect(body(site, slug)).toContain(`> [!quote ${id}]\n> `);
    expect(frontMatter(site, slug).sources).toEqual([id]);
  });

  it("makes one source of a story quoted by several posts, with what the link tells and TODOs for the rest", () => {
    const sources = registryData(site, "sources");
    const ledger = Object.entries(sources).filter(([, s]) => String(s.url).includes("council-delays-tram-vote"));
    expect(ledger.map(([id]) => id)).toEqual(["dailyledger-council-delays-tram-vote"]);
    expect(sources["dailyledger-council-delays-tram-vote"]).toEqual({
      title: "Council delays tram vote again, citing depot questions",
      outlet: "dailyledger",
      url: "https://www.dailyledger.example/2024/03/14/council-delays-tram-vote/",
      published: "2024-03-14",
    });
    // The link text "Courier" is no headline, and the address has no date: both left to the author.
    expect(sources["couriernews-ferry-service-expansion"]).toMatchObject({ title: "TODO", published: "TODO", outlet: "couriernews" });
    expect(registry(site, "sources")).toContain("published: TODO   # YYYY-MM-DD; the story ran on or before 2024-01-09");
    expect(registryData(site, "outlets").couriernews).toEqual({ name: "TODO", url: "https://couriernews.example/" });
    expect(runs.wordpress!.stdout).toContain("posts/_data/sources.yaml:");
    expect(runs.wordpress!.stdout).toMatch(/couriernews-ferry-service-expansion\.published: TODO/);
  });

  it("appends to the registries, leaving what was there byte for byte (comments included)", () => {
    expect(registry(site, "sources").startsWith(before.sources)).toBe(true);
    expect(registry(site, "outlets").startsWith(before.outlets)).toBe(true);
    expect(registry(site, "authors").startsWith(before.authors)).toBe(true);
    expect(registryData(site, "authors")).toMatchObject({ joharlan: { name: "Jo Harlan" }, sreyes: { name: "Sam Reyes" }, "priya-nandakumar": { name: "Priya Nandakumar" }, "lee-marsh": { name: "Lee Marsh" } });
  });

  it("leaves a quote without a source plain, and lists it", () => {
    expect(body(site, "quiet-week")).toContain("\n> A city is a promise that the bus will come.\n");
    expect(runs.wordpress!.stdout).toMatch(/Blockquotes left plain[^\n]*\n {2}posts\/quiet-week\.md: "A city is a promise/);
  });

  it("drops hostile HTML and turns images and embeds into links", () => {
    const text = body(site, "quiet-week");
    for (const bad of ["script", "cookie", "evil.example", "javascript", "onmouseover", "hunter2", "password", "style", "data:", "<"]) expect(text).not.toContain(bad);
    expect(text).toContain("Hover over this harmless link and nothing happens.");
    expect(text).toContain("[Image: The napkin](https://harbornotes.example/wp-content/uploads/2024/02/napkin.jpg)");
    expect(text).toContain("[Embedded media: video.example](https://video.example/watch/ferry-at-dawn)");
    expect(runs.wordpress!.stdout).toMatch(/posts\/quiet-week\.md: <script>, event handler attributes, javascript: link, <style>, <form>, <object>, data: image/);
  });

  it("reports what it skipped, and why", () => {
    const out = runs.wordpress!.stdout;
    expect(out).toMatch(/page "About" \(record \d+\): a page, not a post/);
    expect(out).toMatch(/attachment "napkin" \(record \d+\): an attachment/);
    expect(out).toMatch(/nav_menu_item "Home" \(record \d+\): a navigation menu item/);
    expect(out).toMatch(/post "Deleted rant" \(record \d+\): status "trash"/);
    expect(out).toContain("and 2 comments on imported posts");
    expect(runs.blogger!.stdout).toMatch(/comment "Thank you for tracking this\." \(record \d+\): a comment/);
    expect(runs.blogger!.stdout).toMatch(/template "Template: Valley Ledger Watch"/);
  });

  it("never overwrites: a second run reports every post as a clash and changes nothing", async () => {
    const tree = hashTree(site.contentDir);
    const again = await importInto(site, fixture("wordpress.xml"));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Posts: 0 posts written/);
    expect(again.stdout).toMatch(/clashes: 7/);
    expect(again.stdout).toContain("posts/council-blinks-on-transit.md (or a post with that slug) exists already; left as it was");
    expect(hashTree(site.contentDir)).toEqual(tree);
  });

  it("builds once the author fills in the TODOs, with every word of each published post on its page", async () => {
    for (const name of ["sources", "outlets"]) {
      const file = path.join(site.contentDir, "_data", `${name}.yaml`);
      const filled = readFileSync(file, "utf8")
        .replace(/^( {2}title:) TODO.*$/gm, "$1 A headline filled in by hand")
        .replace(/^( {2}published:) TODO.*$/gm, "$1 2024-01-01")
        .replace(/^( {2}name:) TODO.*$/gm, "$1 An outlet named by hand");
      writeFileSync(file, filled);
    }
    const build = await buildSite(site);
    expect(build.code, build.stderr + build.stdout).toBe(0);

    const published: Array<[string, string, string]> = [];
    const items = (file: string, tag: string) => [...readFileSync(fixture(file), "utf8").matchAll(new RegExp(`<${tag}[\\s>][\\s\\S]*?</${tag}>`, "g"))].map((m) => m[0]);
    const cdata = (text: string) => text.replace(/^<!\[CDATA\[|\]\]>$/g, "");
    for (const item of items("wordpress.xml", "item")) {
      if (!item.includes("<wp:status><![CDATA[publish]]>") || !item.includes("<wp:post_type><![CDATA[post]]>")) continue;
      const slug = /<wp:post_name><!\[CDATA\[([^\]]*)\]\]>/.exec(item)![1]!;
      published.push(["wordpress", slug, cdata(/<content:encoded>([\s\S]*?)<\/content:encoded>/.exec(item)![1]!)]);
    }
    const unescape = (text: string) => parseHTML(`<p>${text}</p>`).document.querySelector("p")!.textContent!;
    published.push(["blogger", "reservoir-numbers", unescape(/post-1001[\s\S]*?<content type='html'>([\s\S]*?)<\/content>/.exec(readFileSync(fixture("blogger.xml"), "utf8"))![1]!)]);
    published.push(["blogger", "rationing-by-another-name", unescape(/post-1002[\s\S]*?<content type='html'>([\s\S]*?)<\/content>/.exec(readFileSync(fixture("blogger.xml"), "utf8"))![1]!)]);
    for (const item of items("rss.xml", "item")) {
      const slug = /<link>[^<]*\/posts\/([^/<]+)\/<\/link>/.exec(item)![1]!;
      const html = /<content:encoded>([\s\S]*?)<\/content:encoded>/.exec(item)?.[1] ?? /<description>([\s\S]*?)<\/description>/.exec(item)![1]!;
      published.push(["rss", slug, cdata(html)]);
    }
    published.push(["atom", "lock-keepers-strike", unescape(/<content type="html">([\s\S]*?)<\/content>/.exec(readFileSync(fixture("atom.xml"), "utf8"))![1]!)]);
    published.push(["atom", "towpath", /<content type="xhtml">([\s\S]*?)<\/content>/.exec(readFileSync(fixture("atom.xml"), "utf8"))![1]!]);
    expect(published.map(([, slug]) => slug)).toHaveLength(10);

    for (const [format, slug, html] of published) {
      const page = readPage(site, `/posts/${slug}/`);
      const onPage = new Set(words(page.querySelector(".post-body")?.textContent ?? "").map((w) => w.toLowerCase()));
      const missing = exportedWords(html).filter((w) => !onPage.has(w.toLowerCase()));
      expect(missing, `${format} ${slug}`).toEqual([]);
    }
    // Drafts and the scheduled post are not published.
    for (const slug of ["notes-on-the-budget-unfinished", "letter-to-my-councillor", "tram-ten-years", "draft-questions-for-the-water-district"]) {
      expect(() => readPage(site, `/posts/${slug}/`)).toThrow(/No page built/);
    }
    // An attributed quote is a citation of its source on the page.
    const cited = readPage(site, "/posts/depot-fight/").querySelector("figure.quotation blockquote");
    expect(cited?.getAttribute("cite")).toBe("https://www.dailyledger.example/2024/03/14/council-delays-tram-vote/");
  });
});

describe("npm run import, safely", () => {
  it("--dry-run reads everything and writes nothing", async () => {
    const site = makeSite();
    const tree = hashTree(site.contentDir);
    const run = await importInto(site, fixture("wordpress.xml"), "--dry-run");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Dry run \(nothing written\)/);
    expect(run.stdout).toMatch(/Posts: 7 posts would be written/);
    expect(run.stdout).toMatch(/Registries: 3 sources, 2 outlets, 2 authors would be added/);
    expect(hashTree(site.contentDir)).toEqual(tree);
  });

  it("--limit stops after that many posts", async () => {
    const site = makeSite();
    const run = await importInto(site, fixture("wordpress.xml"), "--limit", "2");
    expect(run.code, run.stderr).toBe(0);
    expect(postSlugs(site)).toEqual(["council-blinks-on-transit", "depot-fight"]);
  });

  it("stops at an export that breaks off, keeping the posts before the break whole", async () => {
    const site = makeSite();
    const text = readFileSync(fixture("rss.xml"), "utf8");
    const broken = path.join(site.dir, "broken.xml");
    writeFileSync(broken, text.slice(0, text.indexOf("<title>Short note")) + "<title>Cut <b>off</title>");
    const run = await importInto(site, broken);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/broken\.xml: expected well-formed XML, got .* \(the post before the break was written, with its registry entries\)/);
    expect(postSlugs(site)).toEqual(["bridge-tolls"]);
    expect(registryData(site, "sources")["northshorepost-bridge-tolls-return"]).toMatchObject({ outlet: "northshorepost" });
    expect(registryData(site, "outlets").northshorepost).toMatchObject({ name: "TODO" });
  });

  it.each([
    ["a format that does not fit", [fixture("blogger.xml"), "--from", "wordpress"], /expected a wordpress export, got an XML file whose root is <feed>/],
    ["an unknown format", [fixture("rss.xml"), "--from", "tumblr"], /--from "tumblr": expected one of wordpress, blogger, feed/],
    ["a file that is not XML", [path.join(ROOT, "README.md")], /expected well-formed XML/],
    ["a missing file", ["no-such-export.xml"], /no-such-export\.xml: no such file/],
    ["an export in another encoding", [fixture("latin1.xml")], /expected a UTF-8 export, got one declared as ISO-8859-1/],
  ])("refuses %s, writing nothing", async (_, args, message) => {
    const site = makeSite();
    const tree = hashTree(site.contentDir);
    const run = await runCli("import.ts", site, {}, args as string[]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(hashTree(site.contentDir)).toEqual(tree);
  });
});
