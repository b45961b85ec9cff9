// lib/pipeline/card-raster.ts: share cards drawn into pixels glyph by glyph must look like the
// same card drawn by librsvg from its SVG (cardSvg), be a valid PNG, and leave to librsvg the text
// they cannot place (shaped scripts, combining marks, characters the fonts lack).
import { openSync } from "fontkit";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { CARD_HEIGHT, CARD_WIDTH, cardLayout, cardSvg, type CardText } from "../../lib/outputs/cards.ts";
import { cardRaster, findCardFonts, isPlainCharacter } from "../../lib/pipeline/card-raster.ts";

sharp.cache(false);
const fonts = findCardFonts();
const raster = () => cardRaster(fonts!, (file) => openSync(file), async (svg) => new Uint8Array(await sharp(Buffer.from(svg)).ensureAlpha().extractChannel(3).raw().toBuffer()));

/** The card's RGB pixels, decoded from PNG bytes by sharp. */
const pixels = async (png: Buffer) => sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });

const KERNED: CardText = {
  // Pairs DejaVu kerns (AV, Wa, To, Ty, LT, r., “A), Vietnamese and Greek and Cyrillic letters.
  title: "AVAST! Wave To Type LT rules. “Awry” Đà Nẵng — ΑΒΓ Привет",
  byline: "By Ann Author · The Blog",
  quoting: { outlet: "The Washington Post", headline: "Trump-Kim summit ends abruptly without a deal, and the headline goes on (€12, ½)", label: "Quoting The Washington Post" },
  siteTitle: "gloss.example",
};

describe("the DejaVu fonts", () => {
  it("are found through fontconfig on this machine (Debian's fonts-dejavu-core)", () => {
    expect(fonts).toBeDefined();
    for (const file of Object.values(fonts!)) expect(file).toMatch(/DejaVu(Serif|Sans)[-A-Za-z]*\.ttf$/);
  });

  it("are not found, and every card is drawn from its SVG, where fontconfig cannot be run", () => {
    const saved = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      expect(findCardFonts()).toBeUndefined();
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe("cardRaster", () => {
  it("draws a 1200×630 palette PNG that looks like librsvg's drawing of the card's SVG, glyph for glyph", async () => {
    const png = (await raster().draw(cardLayout(KERNED)))!;
    expect(png).toBeInstanceOf(Buffer);
    // An 8-bit palette PNG (IHDR: bit depth 8, colour type 3).
    expect([...png.subarray(24, 26)]).toEqual([8, 3]);
    const ours = await pixels(png);
    const theirs = await pixels(await sharp(Buffer.from(cardSvg(KERNED))).png().toBuffer());
    expect([ours.info.width, ours.info.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
    let sum = 0;
    let worst = 0;
    for (let i = 0; i < ours.data.length; i++) {
      const d = Math.abs(ours.data[i]! - theirs.data[i]!);
      sum += d;
      worst = Math.max(worst, d);
    }
    // A glyph placed one pixel off, or a kerning pair missed, leaves edges differing by 150 and more.
    expect(sum / ours.data.length).toBeLessThan(0.5);
    expect(worst).toBeLessThan(100);
  });

  it("draws the same bytes every time, whichever glyphs were drawn before", async () => {
    const first = raster();
    const a = await first.draw(cardLayout(KERNED));
    await first.draw(cardLayout({ ...KERNED, title: "Something else entirely, in other glyphs: 0123456789" }));
    const b = await first.draw(cardLayout(KERNED));
    const c = await raster().draw(cardLayout(KERNED));
    expect(b!.equals(a!)).toBe(true);
    expect(c!.equals(a!)).toBe(true);
  });

  it("draws many cards at once, sharing the glyphs being drawn", async () => {
    const shared = raster();
    const cards = await Promise.all(Array.from({ length: 12 }, (_, i) => shared.draw(cardLayout({ ...KERNED, title: `Post number ${i % 3}` }))));
    expect(cards.every((png) => png instanceof Buffer)).toBe(true);
    expect(cards[3]!.equals(cards[0]!)).toBe(true);
    expect(cards[1]!.equals(cards[0]!)).toBe(false);
  });

  it.each([
    ["Arabic", "مرحبا بالعالم"],
    ["Hebrew", "שלום עולם"],
    ["Chinese", "河内峰会"],
    ["Devanagari", "नमस्ते"],
    ["a combining mark", "Cafe\u0301"],
    ["a right-to-left mark", "abc\u200fdef"],
    ["an emoji", "Summit 🤝"],
  ])("leaves a card with %s to librsvg", async (_, title) => {
    expect(await raster().draw(cardLayout({ ...KERNED, title }))).toBeUndefined();
    expect(await raster().draw(cardLayout({ ...KERNED, quoting: { ...KERNED.quoting!, headline: title } }))).toBeUndefined();
  });
});

describe("isPlainCharacter", () => {
  it("takes Latin, Vietnamese, Greek, Cyrillic and common punctuation, and nothing shaped or combining", () => {
    for (const char of "Aé ĐẵΩЖ“”—…€½→") expect(isPlainCharacter(char.codePointAt(0)!), char).toBe(true);
    for (const char of ["\u0301", "\u0483", "\u200d", "\u200f", "\u202e", "ا", "ש", "न", "河", "\u0009"]) expect(isPlainCharacter(char.codePointAt(0)!), JSON.stringify(char)).toBe(false);
  });
});
