// Share cards: the image a link preview shows (og:image, twitter:image). A post's own `image:`
// when it has one; else a 1200×630 card drawn for it — its title, its author, and the outlet and
// headline of the story it quotes, in the site's colours — named by a hash of what it shows, so
// an unchanged card is never drawn again and a changed one gets a new address. Pure: the SVG is
// built here and lib/pipeline/media.ts renders it to PNG.
import { createHash } from "node:crypto";
import { format, messagesFor, type MessageKey } from "../core/messages/index.ts";
import { ROUTES } from "../core/routes.ts";
import { joinNames } from "../core/text.ts";
import type { Site } from "../content/site.ts";
import type { Post } from "../catalog/model.ts";
import type { ImagePlan } from "../markdown/image-plan.ts";

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** The light theme's colours (public/css/gloss.css, :root); tests/unit/cards.test.ts keeps them in step. */
export const CARD_COLOURS = { bg: "#fbfaf6", fg: "#23211d", muted: "#5d574e", accent: "#8c3510", rule: "#dcd5c8", quoteRule: "#b5773a" } as const;

/**
 * Fonts by family name, found by the image library through fontconfig: the DejaVu families come
 * with Debian and Ubuntu (fonts-dejavu-core) and most Linux systems; where they are missing the
 * generic family is used. Nothing is fetched.
 */
export const CARD_FONTS = { serif: "DejaVu Serif, Georgia, serif", sans: "DejaVu Sans, Verdana, sans-serif" } as const;

/** Bumped when a card's bytes change (its drawing, its compression), so every card is drawn again. */
const CARD_VERSION = "3";

/**
 * How a site's cards are drawn. "svg": by librsvg, from the card's SVG (cardSvg), about 25 ms of
 * CPU a card and nothing more to load. "glyphs": glyph by glyph (lib/pipeline/card-raster.ts),
 * about 2 ms a card once its font library (fontkit, about 0.2 s to load) and its first glyphs
 * are ready, so for sites of CARD_GLYPHS_FROM posts or more. Chosen by the number of posts,
 * never by how many cards a build happens to draw, so that a warm build draws a card exactly as
 * a cold one would; and part of each card's hash, so that a site crossing the line has every
 * card drawn anew.
 */
export type CardStyle = "svg" | "glyphs";
export const CARD_GLYPHS_FROM = 50;
export const cardStyle = (posts: number): CardStyle => (posts >= CARD_GLYPHS_FROM ? "glyphs" : "svg");

export interface CardText {
  title: string;
  /** "By Ann Author · The Blog". */
  byline: string;
  /** The story quoted first, when there is one; `label` is "Quoting <outlet>" in the site's language. */
  quoting: { outlet: string; headline: string; label?: string } | undefined;
  siteTitle: string;
}

export interface ShareImage {
  /** Site-relative URL. */
  url: string;
  width: number;
  height: number;
  alt: string;
  /** A card to draw, when the image is one. */
  card?: { text: CardText; name: string; hash: string; style: CardStyle };
  /** An author's picture to encode, when the image is one. */
  plan?: ImagePlan;
}

export function cardHash(text: CardText, style: CardStyle): string {
  return createHash("sha1").update(JSON.stringify([CARD_VERSION, CARD_COLOURS, CARD_FONTS, style, text])).digest("hex").slice(0, 10);
}

function cardImage(text: CardText, name: string, alt: string, style: CardStyle): ShareImage {
  const hash = cardHash(text, style);
  return { url: ROUTES.card(name, hash), width: CARD_WIDTH, height: CARD_HEIGHT, alt, card: { text, name, hash, style } };
}

/** A post's share image: its own `image:`, else its card, drawn in the site's style (cardStyle). */
export function postShareImage(post: Post, site: Site, style: CardStyle): ShareImage {
  if (post.shareImage) {
    const { plan, alt } = post.shareImage;
    const file = plan.formats[plan.formats.length - 1]!.variants[0]!;
    return { url: file.url, width: file.width, height: file.height, alt, plan };
  }
  const source = post.sources[0];
  const names = joinNames(post.authors.map((author) => author.displayName), site.language);
  const say = (key: MessageKey, params: Record<string, string>) => format(messagesFor(site.language).text[key], params);
  const text: CardText = {
    title: post.title,
    byline: say("card.byline", { names }) + (post.outlet ? ` · ${post.outlet.name}` : ""),
    quoting: source ? { outlet: source.outlet.name, headline: source.title, label: say("card.quoting", { outlet: source.outlet.name }) } : undefined,
    siteTitle: site.title,
  };
  const alt = source
    ? say("card.altQuoting", { title: post.title, names, outlet: source.outlet.name, headline: source.title })
    : say("card.alt", { title: post.title, names });
  return cardImage(text, post.slug, alt, style);
}

/** The card of every page that is not a post. */
export function siteShareImage(site: Site, style: CardStyle): ShareImage {
  return cardImage({ title: site.title, byline: site.description, quoting: undefined, siteTitle: site.address }, "site", `${site.title}: ${site.description}`, style);
}

/**
 * Lines of at most `max` characters, broken at spaces (a longer word is cut), at most `lines`
 * of them; text left over ends the last line with "…". Character counts stand in for widths
 * (the card's fonts average 0.5–0.6 em a character), so the limits leave room.
 */
export function wrapText(text: string, max: number, lines: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let current = "";
  let i = 0;
  for (; i < words.length && out.length < lines; i += 1) {
    let word = words[i]!;
    if (word.length > max) word = `${word.slice(0, max - 1)}…`;
    const joined = current ? `${current} ${word}` : word;
    if (joined.length <= max) current = joined;
    else {
      out.push(current);
      current = word;
    }
  }
  if (out.length < lines && current) {
    out.push(current);
    current = "";
  }
  if (i < words.length || current) {
    const last = out.pop() ?? "";
    out.push(last.length + 2 <= max ? `${last} …` : `${last.slice(0, max - 2).replace(/\s+\S*$/, "")} …`);
  }
  return out;
}

/** Text for an XML document: the five special characters escaped, control characters dropped. */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** The three faces a card is drawn in: the family (CARD_FONTS), weight and style of each. */
export const CARD_FACES = {
  serifBold: { family: CARD_FONTS.serif, weight: "bold", style: "normal" },
  serifItalic: { family: CARD_FONTS.serif, weight: "normal", style: "italic" },
  sans: { family: CARD_FONTS.sans, weight: "normal", style: "normal" },
} as const;
export type CardFace = keyof typeof CARD_FACES;

/** What a card shows, placed: filled rectangles, then lines of text (`x` where the line starts, `y` its baseline). */
export interface CardLayout {
  rects: { x: number; y: number; width: number; height: number; fill: string }[];
  lines: { text: string; x: number; y: number; face: CardFace; size: number; fill: string }[];
}

/** The card, placed on its 1200×630 canvas: one layout, drawn as an SVG (cardSvg) or straight into pixels (lib/pipeline/card-raster.ts). */
export function cardLayout(text: CardText): CardLayout {
  const c = CARD_COLOURS;
  const left = 80;
  const rects: CardLayout["rects"] = [
    { x: 0, y: 0, width: CARD_WIDTH, height: 12, fill: c.accent },
    { x: left, y: CARD_HEIGHT - 100, width: CARD_WIDTH - 2 * left, height: 2, fill: c.rule },
  ];
  const lines: CardLayout["lines"] = [];
  const add = (texts: string[], x: number, y: number, lineHeight: number, face: CardFace, size: number, fill: string) =>
    texts.forEach((line, i) => lines.push({ text: line, x, y: y + i * lineHeight, face, size, fill }));
  // Bold serif runs about 0.6 em a character: 26 characters at 60 px fill the 1,040 px column.
  const title = wrapText(text.title, 26, 3);
  const titleTop = 150;
  const titleLine = 69; // 1.15 × 60 px
  add(title, left, titleTop, titleLine, "serifBold", 60, c.fg);
  add(wrapText(text.byline, 56, 1), left, titleTop + (title.length - 1) * titleLine + 70, 0, "sans", 32, c.accent);
  if (text.quoting) {
    const top = 430;
    rects.push({ x: left, y: top - 38, width: 6, height: text.quoting.headline.length > 58 ? 118 : 80, fill: c.quoteRule });
    add(wrapText(text.quoting.label ?? `Quoting ${text.quoting.outlet}`, 60, 1), left + 28, top, 0, "sans", 26, c.muted);
    add(wrapText(`“${text.quoting.headline}”`, 60, 2), left + 28, top + 40, 36, "serifItalic", 28, c.fg);
  }
  add(wrapText(text.siteTitle, 60, 1), left, CARD_HEIGHT - 50, 0, "sans", 24, c.muted);
  return { rects, lines };
}

/** The card as an SVG document (1200×630). */
export function cardSvg(text: CardText): string {
  const { rects, lines } = cardLayout(text);
  const fontAttrs = (face: CardFace) => {
    const { family, weight, style } = CARD_FACES[face];
    return `font-family="${family}"${weight === "bold" ? ` font-weight="bold"` : ""}${style === "italic" ? ` font-style="italic"` : ""}`;
  };
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">` +
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="${CARD_COLOURS.bg}"/>` +
    rects.map((r) => `<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" fill="${r.fill}"/>`).join("") +
    lines.map((l) => `<text x="${l.x}" y="${l.y}" ${fontAttrs(l.face)} font-size="${l.size}" fill="${l.fill}">${escapeXml(l.text)}</text>`).join("") +
    `</svg>`
  );
}
