// What readers see once `npm run check:sources` has recorded an original as gone: built for
// real, the archived copy leads in the quotation's caption, the post's Sources list and the
// source page, each saying plainly when the original was found missing; JSON-LD keeps the
// original's url and adds archivedAt. And the build reads only the file: no network.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import { htmlValidateConfig } from "../html-validate.config.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARCHIVED, CHECKED, GONE_STATUS, ORIGINAL, OTHER, POST_URL, makeGoneSourceSite } from "../helpers/gone-source.ts";
import { startLinkServer, type LinkServer } from "../helpers/link-server.ts";
import { buildSite, makeSite, outputFile, postFile, readPage, texts, type FixtureSite, type RunResult } from "../helpers/site.ts";

const GONE_NOTE = `the original is no longer available (checked ${CHECKED})`;
const LOST_NOTE = `${GONE_NOTE}; no archived copy is known`;
const links = (doc: Document, scope: string) => [...doc.querySelectorAll(`${scope} a.external`)].map((a) => [a.getAttribute("href"), (a.textContent ?? "").trim()]);

describe("a site with a source recorded gone", () => {
  let site: FixtureSite;
  let result: RunResult;
  beforeAll(async () => {
    site = makeGoneSourceSite();
    result = await buildSite(site);
  });

  it("builds, warning only about the source readers cannot follow at all", () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`warning: posts/_data/sources.yaml › other-story: the original is down (blocked, 403) since ${CHECKED} and there is no archived copy (npm run archive finds one)\n`);
  });

  it("leads the quotation's caption with the archived copy, and says when the original was found missing", () => {
    const post = readPage(site, POST_URL);
    const [rescued, lost] = [...post.querySelectorAll("figure.quotation figcaption")];
    expect(links(rescued as unknown as Document, "")).toEqual([
      [ARCHIVED, "A Big Story"],
      [ORIGINAL, "original address"],
    ]);
    expect(rescued!.querySelector(".link-note")?.textContent).toBe(GONE_NOTE);
    expect(links(lost as unknown as Document, "")).toEqual([[OTHER, "Another Story"]]);
    expect(lost!.querySelector(".link-note")?.textContent).toBe(LOST_NOTE);
  });

  it("leads the post's Sources list with the archived copy", () => {
    const post = readPage(site, POST_URL);
    const [first, second] = [...post.querySelectorAll(".post-sources li")];
    expect(links(first as unknown as Document, "")).toEqual([
      [ARCHIVED, "A Big Story"],
      [ORIGINAL, "original address"],
    ]);
    expect(first!.querySelector(".link-note")?.textContent).toBe(GONE_NOTE);
    expect((first!.textContent ?? "").replace(/\s+/g, " ")).toContain("A Big Story (archived copy) — Daily News");
    expect(second!.querySelector(".link-note")?.textContent).toBe(LOST_NOTE);
  });

  it("leads the source page with the note, then the archived copy", () => {
    const page = readPage(site, "/sources/story/");
    expect(texts(page, "p.link-note")).toEqual([`The original is no longer available (checked ${CHECKED}).`]);
    expect(links(page, "article")).toEqual([
      [ARCHIVED, "Read the archived copy"],
      [ORIGINAL, "original address"],
    ]);
    const other = readPage(site, "/sources/other-story/");
    expect(texts(other, "p.link-note")).toEqual([`The original is no longer available (checked ${CHECKED}); no archived copy is known.`]);
    expect(links(other, "article")).toEqual([[OTHER, "Read the original"]]);
  });

  it("writes valid HTML on the pages that carry the notes (html-validate, recommended)", async () => {
    const validator = new HtmlValidate(htmlValidateConfig);
    const problems: string[] = [];
    for (const url of [POST_URL, "/sources/story/", "/sources/other-story/"]) {
      const report = await validator.validateString(readFileSync(outputFile(site, url), "utf8"), url);
      problems.push(...report.results.flatMap((r) => r.messages.map((m) => `${url}:${m.line}:${m.column} ${m.ruleId} ${m.message}`)));
    }
    expect(problems).toEqual([]);
  });

  it("keeps the original as the JSON-LD url and adds archivedAt", () => {
    const page = readPage(site, "/sources/story/");
    const node = JSON.parse(page.querySelector('script[type="application/ld+json"]')?.textContent ?? "") as Record<string, unknown>;
    expect(node).toMatchObject({ "@id": ORIGINAL, url: ORIGINAL, archivedAt: ARCHIVED });
  });
});

describe("the build and the status file", () => {
  it("with no status file, shows the original first everywhere and says nothing about availability", async () => {
    const site = makeGoneSourceSite(null);
    const result = await buildSite(site);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const post = readPage(site, POST_URL);
    expect(post.querySelectorAll(".link-note")).toHaveLength(0);
    expect(links(post, ".post-sources li")).toEqual([
      [ORIGINAL, "A Big Story"],
      [ARCHIVED, "archived copy"],
      [OTHER, "Another Story"],
    ]);
  });

  it("ignores a record made for another address (the source was edited since)", async () => {
    const site = makeGoneSourceSite(GONE_STATUS.replaceAll(ORIGINAL, "https://news.example/old-address").replaceAll(OTHER, "https://news.example/older"));
    const result = await buildSite(site);
    expect(result.code).toBe(0);
    expect(readPage(site, POST_URL).querySelectorAll(".link-note")).toHaveLength(0);
  });

  it("fails on a status file that does not fit, naming the file, line and field, with every problem at once", async () => {
    const site = makeGoneSourceSite(GONE_STATUS.replace("status: gone", "status: dead").replace("checked: 2025-12-20\n    failingSince: 2025-12-20", "checked: yesterday\n    failingSince: 2025-12-20"));
    const result = await buildSite(site);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('posts/_data/source-status.yaml:5 › story.url.status: expected one of ok, redirected, gone, blocked, unreachable, error, got "dead"');
    expect(result.stderr).toContain('posts/_data/source-status.yaml:21 › other-story.url.checked: expected a date as YYYY-MM-DD, got "yesterday"');
  });
});

describe("the build never touches the network", () => {
  let server: LinkServer;
  beforeAll(async () => {
    server = await startLinkServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("builds a site whose sources all point at a live server without asking it anything, with or without a status file", async () => {
    const o = server.origin;
    const sources = `story:\n  title: Live\n  outlet: news\n  url: ${o}/gone\n  published: 2020-01-02\n  archived: ${o}/ok\n`;
    const site = makeSite({ "p.md": postFile({ title: "P", sources: ["story"], body: "Mine.\n\n> [!quote story]\n> Theirs.\n" }) }, { sources });
    expect((await buildSite(site)).code).toBe(0);
    writeFileSync(path.join(site.contentDir, "_data/source-status.yaml"), `story:\n  url:\n    target: "${o}/gone"\n    status: gone\n    checked: 2025-12-20\n`);
    expect((await buildSite(site)).code).toBe(0);
    expect(readPage(site, "/sources/story/").querySelector("p.link-note")?.textContent).toBe("The original is no longer available (checked 2025-12-20).");
    expect(server.requests).toEqual([]);
  });
});
