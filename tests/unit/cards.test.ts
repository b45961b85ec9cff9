// lib/outputs/cards.ts: the share card's text, its SVG (well-formed whatever the title says),
// its colours (the site's) and its hash (what names and caches it).
import { readFileSync } from "node:fs";
import path from "node:path";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { CARD_COLOURS, CARD_GLYPHS_FROM, CARD_HEIGHT, CARD_WIDTH, cardHash, cardStyle, cardSvg, escapeXml, wrapText, type CardText } from "../../lib/outputs/cards.ts";
import { ROOT } from "../helpers/site.ts";

/** The SVG's root attributes and its text nodes, by a strict XML parser (throws when not well-formed). */
function parseSvg(svg: string): { root: Record<string, string>; texts: string[] } {
  const parser = new SaxesParser();
  let root: Record<string, string> | undefined;
  const texts: string[] = [];
  parser.on("opentag", (tag) => (root ??= Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, String(v)]))));
  parser.on("text", (text) => texts.push(text));
  parser.write(svg).close();
  return { root: root ?? {}, texts };
}

const TEXT: CardText = { title: "They really messed up in North Korea", byline: "By digby", quoting: { outlet: "CNN", headline: "Latest story on Hanoi" }, siteTitle: "Gloss" };

describe("wrapText", () => {
  it.each([
    ["short", 10, 2, ["short"]],
    ["one two three four", 9, 2, ["one two", "three …"]],
    ["one two three four", 9, 3, ["one two", "three", "four"]],
    ["a verylongwordindeed here", 8, 2, ["a", "verylo …"]],
    ["  spaced   out  ", 20, 1, ["spaced out"]],
    ["", 10, 2, []],
  ])("%j in %i×%i", (text, max, lines, expected) => {
    const wrapped = wrapText(text, max, lines);
    expect(wrapped).toEqual(expected);
    for (const line of wrapped) expect(line.length).toBeLessThanOrEqual(max + 2);
  });
});

describe("escapeXml", () => {
  it("escapes the five special characters and drops what XML cannot hold", () => {
    expect(escapeXml(`<a href="x">'Tom' & Jerry</a>\u0001`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;Tom&apos; &amp; Jerry&lt;/a&gt;");
  });
});

describe("cardSvg", () => {
  it("is a 1200×630 SVG showing the title, byline, outlet, headline and site", () => {
    const { root, texts } = parseSvg(cardSvg(TEXT));
    expect([root.width, root.height]).toEqual([String(CARD_WIDTH), String(CARD_HEIGHT)]);
    expect(texts).toEqual(["They really messed up in", "North Korea", "By digby", "Quoting CNN", "“Latest story on Hanoi”", "Gloss"]);
  });

  it("stays well-formed, and shows the text as written, whatever the title and headline say", () => {
    const hostile: CardText = { title: `</text><script>alert(1)</script> & "x"`, byline: "By <b>", quoting: { outlet: "A&B", headline: "]]> <!--" }, siteTitle: "'s" };
    const { texts } = parseSvg(cardSvg(hostile));
    expect(texts[0]).toMatch(/^<\/text><script>/);
    expect(texts).toContain('& "x"');
    expect(texts).toContain("Quoting A&B");
    expect(texts).toContain("“]]> <!--”");
  });

  it("leaves the quotation out when the post quotes nothing", () => {
    expect(parseSvg(cardSvg({ ...TEXT, quoting: undefined })).texts).toEqual(["They really messed up in", "North Korea", "By digby", "Gloss"]);
  });

  it("is drawn in the site's light colours", () => {
    const css = readFileSync(path.join(ROOT, "public/css/gloss.css"), "utf8");
    const rootBlock = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? "";
    const variable = (name: string) => new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, "i").exec(rootBlock)?.[1];
    expect(CARD_COLOURS).toEqual({ bg: variable("bg"), fg: variable("fg"), muted: variable("muted"), accent: variable("accent"), rule: variable("rule"), quoteRule: variable("quote-rule") });
  });
});

describe("cardHash", () => {
  it("changes with anything the card shows, and with how it is drawn, and only then", () => {
    const base = cardHash(TEXT, "svg");
    expect(cardHash({ ...TEXT }, "svg")).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{10}$/);
    for (const changed of [{ ...TEXT, title: "Other" }, { ...TEXT, byline: "By x" }, { ...TEXT, quoting: undefined }, { ...TEXT, siteTitle: "Other" }]) {
      expect(cardHash(changed, "svg")).not.toBe(base);
    }
    expect(cardHash(TEXT, "glyphs")).not.toBe(base);
  });
});

describe("cardStyle", () => {
  it("draws a small site's cards from their SVG, and from CARD_GLYPHS_FROM posts on glyph by glyph", () => {
    expect(CARD_GLYPHS_FROM).toBeGreaterThan(2);
    expect(cardStyle(0)).toBe("svg");
    expect(cardStyle(CARD_GLYPHS_FROM - 1)).toBe("svg");
    expect(cardStyle(CARD_GLYPHS_FROM)).toBe("glyphs");
    expect(cardStyle(50_000)).toBe("glyphs");
  });
});
