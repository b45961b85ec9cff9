// Share cards drawn straight into pixels. librsvg (through sharp) spent about 24 ms of CPU on each
// card, most of it rasterising a 1200×630 canvas and its text again for every card: at 10,000
// posts, two thirds of a cold build. Here each glyph is rasterised once, by the same librsvg, at
// a quarter-pixel offset, and every later card only places glyphs (kerned by fontkit, from the
// same DejaVu files fontconfig gives librsvg) and compresses an 8-bit palette PNG on zlib's
// threads: about 2 ms of CPU a card. A card whose text needs what this does not do — a script
// that is shaped (Arabic, Hebrew, Indic, CJK…), combining marks, a character the DejaVu faces
// lack — or a system without those fonts gets undefined, and lib/pipeline/media.ts draws its SVG
// as before.
import { spawnSync } from "node:child_process";
import { promisify } from "node:util";
import path from "node:path";
import zlib from "node:zlib";
import type { Font, Glyph } from "fontkit";
import { CARD_COLOURS, CARD_HEIGHT, CARD_WIDTH, type CardFace, type CardLayout } from "../outputs/cards.ts";

/** The file of each face: what fontconfig gives librsvg for the first family of CARD_FONTS. */
const FACE_FILES: Record<CardFace, string> = { serifBold: "DejaVuSerif-Bold.ttf", serifItalic: "DejaVuSerif-Italic.ttf", sans: "DejaVuSans.ttf" };

/** Quarter-pixel steps: a glyph is rasterised at up to four horizontal offsets. */
const STEPS = 4;

/**
 * Characters placed one after the other with pair kerning and nothing else: Latin (with
 * Vietnamese), Greek, Cyrillic, punctuation, currency, letterlike symbols, number forms, arrows.
 * Combining marks, directional and joining controls, and every shaped script are left to librsvg.
 */
export function isPlainCharacter(cp: number): boolean {
  return (
    (cp >= 0x20 && cp < 0x7f) ||
    (cp >= 0xa0 && cp < 0x300) ||
    (cp >= 0x370 && cp < 0x483) ||
    (cp >= 0x48a && cp < 0x530) ||
    (cp >= 0x1e00 && cp < 0x2000) ||
    (cp >= 0x2010 && cp < 0x2028) ||
    (cp >= 0x2030 && cp < 0x205f) ||
    (cp >= 0x20a0 && cp < 0x20c1) ||
    (cp >= 0x2100 && cp < 0x2200)
  );
}

/** One glyph's coverage (0–255), `left`/`top` from the pen position on the baseline. */
interface Mask {
  width: number;
  height: number;
  left: number;
  top: number;
  alpha: Uint8Array;
}

interface Placed {
  key: string;
  glyph: Glyph;
  face: CardFace;
  size: number;
  step: number;
  x: number;
  y: number;
  ink: number;
}

interface FaceData {
  font: Font;
  glyphs: Map<number, Glyph>;
  kerning: Map<number, number>;
}

export interface CardRaster {
  /** The card as PNG bytes, or undefined when its text is beyond this renderer. */
  draw(layout: CardLayout): Promise<Buffer | undefined>;
}

const deflate = promisify(zlib.deflate);

/**
 * zlib's run-length strategy: a card is runs of one colour and glyph edges. Drawn 2,000 at a time
 * in a row: 1.8 ms of CPU a card against 2.25 ms at level 3, 36.6 KB against 35.5 KB.
 */
const RUNS: zlib.ZlibOptions = { strategy: zlib.constants.Z_RLE };

/** The DejaVu files, found through fontconfig (`fc-list`); undefined when any is missing. */
export function findCardFonts(): Record<CardFace, string> | undefined {
  const listed = spawnSync("fc-list", ["--format", "%{file}\\n"], { encoding: "utf8" });
  if (listed.status !== 0 || !listed.stdout) return undefined;
  const byName = new Map(listed.stdout.split("\n").filter(Boolean).map((file) => [path.basename(file), file] as const));
  const files = Object.entries(FACE_FILES).map(([face, name]) => [face, byName.get(name)] as const);
  return files.every(([, file]) => file) ? (Object.fromEntries(files) as Record<CardFace, string>) : undefined;
}

/**
 * A renderer for the fonts given (findCardFonts), opened by `open` (fontkit's openSync: fontkit
 * takes about 0.2 s to load, so the caller loads it only when a card is to be drawn), drawing
 * glyphs through `rasterise` (an SVG to its alpha channel).
 */
export function cardRaster(files: Record<CardFace, string>, open: (file: string) => unknown, rasterise: (svg: string) => Promise<Uint8Array>): CardRaster {
  const faces = new Map<CardFace, FaceData>();
  const face = (name: CardFace): FaceData => {
    let data = faces.get(name);
    if (!data) {
      data = { font: open(files[name]) as Font, glyphs: new Map(), kerning: new Map() };
      faces.set(name, data);
    }
    return data;
  };
  const masks = new Map<string, Mask>();
  const pending = new Map<string, Promise<void>>();
  const spare: Uint8Array[] = [];

  /** The glyphs of a line, placed; undefined when a character is beyond this renderer. */
  function place(line: CardLayout["lines"][number], ink: number, out: Placed[]): boolean {
    const data = face(line.face);
    const scale = line.size / data.font.unitsPerEm;
    let pen = line.x;
    let previous = -1;
    for (const char of line.text) {
      const cp = char.codePointAt(0)!;
      let glyph = data.glyphs.get(cp);
      if (!glyph) {
        if (!isPlainCharacter(cp) || !data.font.hasGlyphForCodePoint(cp)) return false;
        glyph = data.font.glyphForCodePoint(cp);
        data.glyphs.set(cp, glyph);
      }
      if (previous >= 0) pen += kern(data, previous, cp) * scale;
      let x = Math.floor(pen);
      let step = Math.round((pen - x) * STEPS);
      if (step === STEPS) [x, step] = [x + 1, 0];
      out.push({ key: `${line.face}|${line.size}|${glyph.id}|${step}`, glyph, face: line.face, size: line.size, step, x, y: line.y, ink });
      pen += glyph.advanceWidth * scale;
      previous = cp;
    }
    return true;
  }

  async function rasteriseMask(p: Placed): Promise<void> {
    const scale = p.size / face(p.face).font.unitsPerEm;
    const box = p.glyph.bbox;
    const offset = p.step / STEPS;
    const d = p.glyph.path.toSVG();
    if (!d || box.maxX <= box.minX || box.maxY <= box.minY) {
      masks.set(p.key, { width: 0, height: 0, left: 0, top: 0, alpha: new Uint8Array(0) });
      return;
    }
    const left = Math.floor(box.minX * scale + offset) - 1;
    const top = Math.floor(-box.maxY * scale) - 1;
    const width = Math.ceil(box.maxX * scale + offset) + 1 - left;
    const height = Math.ceil(-box.minY * scale) + 1 - top;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><path d="${d}" transform="translate(${offset - left} ${-top}) scale(${scale} ${-scale})"/></svg>`;
    masks.set(p.key, { width, height, left, top, alpha: await rasterise(svg) });
  }

  return {
    async draw(layout) {
      const palette = new Palette(layout);
      const placed: Placed[] = [];
      for (const line of layout.lines) if (!place(line, palette.ink(line.fill), placed)) return undefined;
      const waits: Promise<void>[] = [];
      for (const p of placed) {
        if (masks.has(p.key)) continue;
        let wait = pending.get(p.key);
        if (!wait) pending.set(p.key, (wait = rasteriseMask(p).finally(() => pending.delete(p.key))));
        waits.push(wait);
      }
      if (waits.length > 0) await Promise.all(waits);
      // Canvases (757 KB each) are reused, not left to the garbage collector card after card.
      const canvas = spare.pop() ?? new Uint8Array((CARD_WIDTH + 1) * CARD_HEIGHT);
      try {
        palette.paint(canvas, layout, placed.map((p) => [masks.get(p.key)!, p] as const));
        return png(palette.bytes(), await deflate(canvas, RUNS));
      } finally {
        spare.push(canvas);
      }
    },
  };
}

/** A card's colours, as a PNG palette: the background, each rectangle's fill, and for each text colour a ramp of coverage over the background. */
class Palette {
  private readonly inks: string[] = [];
  private readonly solids: string[] = [];
  private levels = 0;
  constructor(layout: CardLayout) {
    for (const rect of layout.rects) if (!this.solids.includes(rect.fill)) this.solids.push(rect.fill);
    for (const line of layout.lines) if (!this.inks.includes(line.fill)) this.inks.push(line.fill);
    this.levels = Math.floor((256 - 1 - this.solids.length) / Math.max(1, this.inks.length));
  }
  ink(fill: string): number {
    return this.inks.indexOf(fill);
  }
  /** Palette index of an ink at a level (1..levels). */
  private index(ink: number, level: number): number {
    return 1 + this.solids.length + ink * this.levels + level - 1;
  }
  /**
   * The card into `canvas`, one byte a pixel, each row after its PNG filter byte (0, none): the
   * background, the rectangles, then each glyph's coverage over what is there. Over its own ink
   * coverage adds up ("over" compositing); over anything else the stronger wins.
   */
  paint(canvas: Uint8Array, layout: CardLayout, glyphs: readonly (readonly [Mask, Pick<Placed, "x" | "y" | "ink">])[]): void {
    const row = CARD_WIDTH + 1;
    canvas.fill(0);
    for (const rect of layout.rects) {
      const index = 1 + this.solids.indexOf(rect.fill);
      for (let y = Math.max(0, rect.y); y < Math.min(CARD_HEIGHT, rect.y + rect.height); y++) {
        canvas.fill(index, y * row + 1 + Math.max(0, rect.x), y * row + 1 + Math.min(CARD_WIDTH, rect.x + rect.width));
      }
    }
    const levels = this.levels;
    const { level: levelOf, over } = coverageTables(levels);
    for (const [mask, { x, y, ink }] of glyphs) {
      const first = this.index(ink, 1);
      const { alpha, width, height } = mask;
      const left = Math.max(0, -(x + mask.left));
      const right = Math.min(width, CARD_WIDTH - (x + mask.left));
      for (let my = 0; my < height; my++) {
        const py = y + mask.top + my;
        if (py < 0 || py >= CARD_HEIGHT) continue;
        const from = my * width;
        const base = py * row + 1 + x + mask.left;
        for (let mx = left; mx < right; mx++) {
          const level = levelOf[alpha[from + mx]!]!;
          if (level === 0) continue;
          const at = base + mx;
          const current = canvas[at]!;
          if (current === 0) canvas[at] = first + level - 1;
          else if (current >= first && current < first + levels) canvas[at] = first + over[(current - first) * (levels + 1) + level]! - 1;
          else if (level * 2 >= levels) canvas[at] = first + level - 1;
        }
      }
    }
  }
  /** RGB triples: background, rectangles, then each ink's ramp. */
  bytes(): Buffer {
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const bg = rgb(CARD_COLOURS.bg);
    const out: number[] = [...bg];
    for (const solid of this.solids) out.push(...rgb(solid));
    for (const ink of this.inks) {
      const colour = rgb(ink);
      for (let level = 1; level <= this.levels; level++) out.push(...colour.map((c, i) => Math.round(bg[i]! + ((c - bg[i]!) * level) / this.levels)));
    }
    return Buffer.from(out);
  }
}

/**
 * What painting a glyph over a card reads, for a ramp of `levels` levels: each coverage (0..255)
 * as its level, and each level over a level already there (had 1..levels, level 0..levels; its
 * coverage added, "over" compositing) as the level that results. Tables, so that each pixel of a
 * glyph costs two reads, not a division and two roundings; kept by `levels` (one or two a site).
 */
const tables = new Map<number, { level: Uint8Array; over: Uint8Array }>();
function coverageTables(levels: number): { level: Uint8Array; over: Uint8Array } {
  let made = tables.get(levels);
  if (!made) {
    const level = new Uint8Array(256);
    for (let alpha = 0; alpha < 256; alpha++) level[alpha] = Math.round((alpha * levels) / 255);
    const over = new Uint8Array(levels * (levels + 1));
    for (let had = 1; had <= levels; had++) {
      for (let add = 0; add <= levels; add++) over[(had - 1) * (levels + 1) + add] = Math.min(levels, had + Math.round((add * (levels - had)) / levels));
    }
    made = { level, over };
    tables.set(levels, made);
  }
  return made;
}

/** An 8-bit palette PNG (colour type 3) around rows already compressed. */
function png(palette: Buffer, compressed: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, "latin1");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(head.subarray(4))), 0);
    return [head, data, crc];
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(CARD_WIDTH, 0);
  header.writeUInt32BE(CARD_HEIGHT, 4);
  header.set([8, 3, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    ...chunk("IHDR", header),
    ...chunk("PLTE", palette),
    ...chunk("IDAT", compressed),
    ...chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Pair kerning between two characters, in font units, from fontkit's layout of the pair. */
function kern(data: FaceData, a: number, b: number): number {
  const key = a * 0x110000 + b;
  let value = data.kerning.get(key);
  if (value === undefined) {
    const run = data.font.layout(String.fromCodePoint(a, b), { liga: false });
    value = run.glyphs.length === 2 ? run.positions[0]!.xAdvance - run.glyphs[0]!.advanceWidth : 0;
    data.kerning.set(key, value);
  }
  return value;
}
