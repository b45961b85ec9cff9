// The one slugify: post URLs, tags, ids and heading anchors all go through it. Letters and
// digits of every script are kept (as Hugo and Jekyll do): "Северная Корея" → "северная-корея",
// "北朝鲜" → "北朝鲜". Routes percent-encode them (lib/core/routes.ts); files keep them as written.

/** Symbols that would otherwise vanish and make slugs collide ("C", "C++", "C#"): named instead. */
const NAMED_SYMBOLS: readonly [RegExp, string][] = [
  [/&/g, " and "],
  [/\+/g, " plus "],
  // "C#", "F#": a sharp after a letter or digit; a leading "#" (a hashtag) just goes.
  [/(?<=[\p{L}\p{N}])#/gu, " sharp "],
];

/**
 * Lowercase, hyphen-separated, letters and digits of any script: "U.S.–DPRK talks" →
 * "us-dprk-talks", "Café & Crème" → "cafe-and-creme", "C++" → "c-plus-plus", "Δελφοί" → "δελφοί".
 * Accents are dropped from Latin letters only (as before); in other scripts marks are part of
 * the letter ("й" is not "и"), so they stay.
 */
export function slugify(input: string): string {
  // Printable ASCII (most tags and titles) takes a path without normalising or Unicode classes:
  // the same result, about three times faster, and a build slugs every tag of every post.
  if (/^[\x20-\x7e]*$/.test(input)) {
    let ascii = input.toLowerCase();
    for (const [symbol, name] of NAMED_SYMBOLS) ascii = ascii.replace(symbol, name);
    return ascii.replace(/['.]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }
  let text = input.normalize("NFKD").replace(/(?<=[A-Za-z])[\u0300-\u036f]+/g, "").normalize("NFC").toLowerCase();
  for (const [symbol, name] of NAMED_SYMBOLS) text = text.replace(symbol, name);
  return text
    .replace(/\p{Cf}/gu, "") // zero-width joiners, bidi marks, soft hyphens: invisible, never a word break
    .replace(/['’.]/g, "")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .normalize("NFC");
}

/** True when `id` is already a slug (what registry ids and file names must be): slugify leaves it as it is. */
export function isSlug(id: string): boolean {
  if (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) return true; // the common case, without normalising
  return id.length > 0 && slugify(id) === id;
}
