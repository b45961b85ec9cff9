// Fidelity: the words of each published post are exactly those of its seed text (as received,
// copied into tests/fixtures/seeds/), with only the repairs SOURCES allows: title and byline
// lines become metadata, run-together paragraphs are split, the stray final "." is dropped.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, buildSite, readPage, type FixtureSite } from "../helpers/site.ts";
import { makeTempDir } from "../helpers/temp.ts";

interface Seed {
  file: string;
  url: string;
  title: string;
  /** Lines of metadata after the title (the byline). */
  metaLines: string[];
  /** Text that ends the seed but is not part of the post. */
  strayEnd?: string;
  /** Paragraph breaks the text ran together: [before, after]. */
  repairs: [string, string][];
}

const SEEDS: Seed[] = [
  {
    file: "000_68c480f5c3e472ff.txt",
    url: "/posts/latest-cnn-story-on-hanoi-gives-the-real-scoop/",
    title: "Latest CNN story on Hanoi gives the real scoop.",
    metaLines: [],
    repairs: [
      ["the site.", "But even when Choe returned"],
      ["that we found.”", "The last-gasp effort"],
    ],
  },
  {
    file: "001_f18cf3b41573d035.txt",
    url: "/posts/they-really-messed-up-in-north-korea/",
    title: "They really messed up in North Korea",
    metaLines: ["by digby"],
    strayEnd: "\n.",
    repairs: [
      ["to the US delegation.", "With Trump preparing"],
      ["in those lower-level talks.", "Still, as Trump"],
    ],
  },
];

const normalise = (text: string) => text.replace(/\s+/g, " ").trim();

/** The seed's post text with only the allowed repairs, as one whitespace-normalised string. */
function expectedText(seed: Seed): string {
  let text = readFileSync(path.join(ROOT, "tests/fixtures/seeds", seed.file), "utf8");
  const lines = text.split("\n");
  expect(lines[0]).toBe(seed.title);
  expect(lines.slice(1, 1 + seed.metaLines.length)).toEqual(seed.metaLines);
  text = lines.slice(1 + seed.metaLines.length).join("\n");
  if (seed.strayEnd) {
    expect(text.endsWith(seed.strayEnd)).toBe(true);
    text = text.slice(0, -seed.strayEnd.length);
  }
  for (const [before, after] of seed.repairs) {
    expect(text).toContain(before + after);
    text = text.replace(before + after, `${before}\n${after}`);
  }
  return normalise(text);
}

describe("the two launch posts are published word for word", () => {
  let site: FixtureSite;
  beforeAll(async () => {
    const dir = makeTempDir("gloss-real-");
    site = { dir, contentDir: path.join(ROOT, "posts"), outputDir: path.join(dir, "_site") };
    const result = await buildSite(site);
    expect(result.stderr).not.toContain("Build failed");
    expect(result.code).toBe(0);
  });

  for (const seed of SEEDS) {
    it(`${seed.file} → ${seed.url}`, () => {
      const doc = readPage(site, seed.url);
      expect(normalise(doc.querySelector("h1")?.textContent ?? "")).toBe(seed.title);
      const body = doc.querySelector(".post-body")!;
      // Attribution captions are markup the quotation adds, not words of the post.
      for (const caption of body.querySelectorAll("figcaption")) caption.remove();
      expect(normalise(body.textContent ?? "")).toBe(expectedText(seed));
    });

    it(`${seed.file}: every CNN passage is marked as a quotation of the CNN story`, () => {
      const doc = readPage(site, seed.url);
      const quotes = doc.querySelectorAll(".post-body figure.quotation blockquote");
      expect(quotes.length).toBe(1);
      expect(quotes[0]!.getAttribute("cite")).toBe("https://www.cnn.com/2019/03/06/politics/trump-kim-hanoi-summit-snub/index.html");
      expect(normalise(quotes[0]!.textContent ?? "")).toContain("US and North Korean officials had been haggling");
    });
  }

  it("shows the unknown author and the unknown dates honestly", () => {
    const first = readPage(site, SEEDS[0]!.url);
    expect(normalise(first.querySelector(".byline")?.textContent ?? "")).toBe("By Unnamed author (their own blog, whose name is not known)");
    expect(normalise(first.querySelector(".dateline")?.textContent ?? "")).toBe("Published on or after 6 March 2019 (exact date not known) · 2 min read (535 words)");
    const second = readPage(site, SEEDS[1]!.url);
    expect(normalise(second.querySelector(".byline")?.textContent ?? "")).toBe("By digby, Digby's Hullabaloo");
    expect(second.querySelector(".dateline time")?.getAttribute("datetime")).toBe("2019-03-06");
  });
});
