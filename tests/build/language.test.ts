// The interface language: a fixture site written in German with `language: de` is built, and
// every page's text and labelling attributes are scanned for any English interface string left
// (each value of the English message table that German words differently). Dates are German.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { de } from "../../lib/core/messages/de.ts";
import { en } from "../../lib/core/messages/en.ts";
import { MESSAGES } from "../../lib/core/messages/index.ts";
import { buildSite, makeSite, postFile, readPage, texts, type FixtureSite, type RunResult } from "../helpers/site.ts";

const SITE = `title: Testblog
description: Ein Blog zum Testen der deutschen Oberfläche.
url: https://testblog.example/
language: de
timeZone: Europe/Berlin
pageSize: 1
indexPageSize: 1
nav:
  header: [impressum]
  footer: [impressum]
`;
const AUTHORS = `anna:
  name: Anna Autorin
  outlet: tagesblatt
namenlos:
  name: ~
  outletNote: ein Blog, dessen Name nicht bekannt ist
`;
const OUTLETS = `tagesblatt:
  name: Tagesblatt
  url: https://tagesblatt.example/
`;
const SOURCES = `geschichte:
  title: Eine große Geschichte
  outlet: tagesblatt
  url: https://tagesblatt.example/2020/01/02/geschichte
  published: 2020-01-02
  byline: Reporterin Rita
zweite:
  title: Noch eine Geschichte
  outlet: tagesblatt
  url: https://tagesblatt.example/2020/02/03/zweite
  published: 2020-02-03
  archived: https://archiv.example/tagesblatt/zweite
`;
const QUOTE = "> [!quote geschichte]\n> Der erste zitierte Absatz, Wort für Wort.\n>\n> […]\n>\n> Ein späterer Absatz.";

/** Every English interface string German words differently, as the literal runs between its `{placeholders}`. */
function englishLabels(): string[] {
  const labels = new Set<string>();
  const add = (english: string, german: string) => {
    if (english === german) return;
    for (const run of english.split(/\{\w+\}/)) {
      const trimmed = run.trim().replace(/^[\s,.:;·–—(]+|[\s,.:;·–—)]+$/g, "");
      if ((trimmed.match(/\p{L}/gu) ?? []).length >= 3) labels.add(trimmed);
    }
  };
  for (const key of Object.keys(en.text) as (keyof typeof en.text)[]) add(en.text[key], de.text[key]);
  for (const noun of Object.keys(en.nouns) as (keyof typeof en.nouns)[]) {
    add(en.nouns[noun].one, de.nouns[noun].one ?? de.nouns[noun].other);
    add(en.nouns[noun].other, de.nouns[noun].other);
  }
  return [...labels];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Text nodes (outside script and style) and the attributes a reader meets: aria-label, title, alt, placeholder, descriptions. */
function readerText(html: string): string[] {
  const { document } = parseHTML(html);
  const found: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) found.push(node.textContent ?? "");
    if (node.nodeType !== 1) return;
    const element = node as Element;
    if (["SCRIPT", "STYLE"].includes(element.tagName)) return;
    // The citation follows the Chicago Manual of Style, an English style, word for word
    // (docs/writing.md, "Cite this post"): its words are the style's, not the interface's.
    if (element.getAttribute("class") === "citation") return;
    for (const name of ["aria-label", "title", "alt", "placeholder"]) {
      const value = element.getAttribute(name);
      if (value) found.push(value);
    }
    if (element.tagName === "META" && element.getAttribute("content") && /description|title/.test(element.getAttribute("name") ?? element.getAttribute("property") ?? "")) found.push(element.getAttribute("content")!);
    for (const child of element.childNodes) walk(child);
  };
  walk(document.documentElement as unknown as Node);
  return found;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html") && !entry.parentPath.includes("pagefind"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe("a site with language: de", () => {
  let site: FixtureSite;
  let result: RunResult;
  beforeAll(async () => {
    site = makeSite(
      {
        "erster-beitrag.md": postFile({ title: "Erster Beitrag", date: "2020-01-05", author: "anna", tags: ["Politik", "Wahlen"], sources: ["geschichte"], extra: "updated: 2020-01-07", body: `Meine eigenen Worte zur Einleitung.\n\n${QUOTE}\n\nMeine Schlussworte.` }),
        "zweiter-beitrag.md": postFile({ title: "Zweiter Beitrag", date: "2020-01-06", author: "namenlos", tags: ["Politik"], extra: "dateAccuracy: on-or-after", body: "> [!quote zweite]\n> Ein Satz aus der zweiten Geschichte.\n\nDem stimme ich zu." }),
        "dritter-beitrag.md": postFile({ title: "Dritter Beitrag", date: "2020-02-01", author: "anna", tags: ["Wahlen"], body: "Noch ein Beitrag mit eigenen Worten." }),
        "../pages/impressum.md": "---\ntitle: Über diese Website\nnavTitle: Impressum\ndescription: Was diese Website veröffentlicht.\n---\n\nDiese Website veröffentlicht Kommentare.\n",
      },
      { site: SITE, authors: AUTHORS, outlets: OUTLETS, sources: SOURCES },
    );
    result = await buildSite(site);
  });

  it("builds", () => {
    expect(result.stderr.replace(/^warning: .*no archived copy.*\n/gm, "")).toBe("");
    expect(result.code).toBe(0);
  });

  it("has a German table with every key, and none of its values left in English", () => {
    expect(Object.keys(MESSAGES).sort()).toEqual(["de", "en"]);
    expect(Object.keys(de.text).sort()).toEqual(Object.keys(en.text).sort());
    const same = Object.keys(en.text).filter((key) => en.text[key as keyof typeof en.text] === de.text[key as keyof typeof en.text]);
    // Only values without words of their own are the same in both.
    for (const key of same) expect(en.text[key as keyof typeof en.text].replace(/\{\w+\}/g, "")).not.toMatch(/\p{L}{3}/u);
  });

  it("leaves no English interface string on any page, in its text or its labelling attributes", () => {
    const labels = englishLabels();
    expect(labels.length).toBeGreaterThan(140);
    const patterns = labels.map((label) => ({ label, pattern: new RegExp(`(?<!\\p{L})${escape(label)}(?!\\p{L})`, "u") }));
    const files = htmlFiles(site.outputDir);
    expect(files.length).toBeGreaterThan(25);
    const left: string[] = [];
    for (const file of [...files, path.join(site.outputDir, "feed.xsl")]) {
      const shown = path.relative(site.outputDir, file);
      for (const text of readerText(readFileSync(file, "utf8"))) {
        for (const { label, pattern } of patterns) if (pattern.test(text)) left.push(`${shown}: "${label}" in ${JSON.stringify(text.trim().slice(0, 120))}`);
      }
    }
    expect(left).toEqual([]);
  });

  it("prints dates in German, through luxon's locale", () => {
    const post = readPage(site, "/posts/erster-beitrag/");
    expect(texts(post, ".dateline")[0]).toBe("Veröffentlicht: 5. Januar 2020 · aktualisiert: 7. Januar 2020 · 1 Min. Lesezeit (17 Wörter)");
    expect(texts(readPage(site, "/posts/zweiter-beitrag/"), ".dateline")[0]).toMatch(/^Veröffentlicht: am oder nach dem 6\. Januar 2020 \(genaues Datum unbekannt\) · 1 Min\. Lesezeit \(\d+ Wörter\)$/);
    expect(texts(readPage(site, "/archive/"), ".archive-months a")).toEqual(["Februar 2020"]);
    expect(texts(readPage(site, "/archive/page/2/"), ".archive-months a")).toEqual(["Januar 2020"]);
  });

  it("words titles, counts, the pager and feeds in German", () => {
    const tag = readPage(site, "/tags/politik/");
    expect(tag.querySelector("title")?.textContent).toBe("Schlagwort: Politik · Testblog");
    expect(texts(tag, ".listing-count")).toEqual(["2 Beiträge, die neuesten zuerst."]);
    expect(texts(tag, ".pager-position")).toEqual(["Seite 1 von 2"]);
    expect(texts(readPage(site, "/tags/politik/page/2/"), ".breadcrumbs li")).toEqual(["Startseite", "Schlagwörter", "Politik", "Seite 2"]);
    const atom = readFileSync(path.join(site.outputDir, "tags/politik/feed.xml"), "utf8");
    expect(atom).toContain("<subtitle>Beiträge mit dem Schlagwort „Politik“ auf Testblog.</subtitle>");
    expect(readPage(site, "/").documentElement.getAttribute("lang")).toBe("de");
  });
});
