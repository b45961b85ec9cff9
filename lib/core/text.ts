// Words that depend on a number, declared once for lib/ and the templates (as filters):
// "1 post", "3 stories", "page 2 of 5". Plural forms follow CLDR's rules (Intl.PluralRules),
// not a hand-written "s", so a noun with an irregular plural or a language with more than
// two forms is one entry in NOUNS.

/** A noun's forms by CLDR plural category; `other` is required, the rest fall back to it. */
export type NounForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** Every counted noun the site and the commands print. */
export const NOUNS = {
  post: { one: "post", other: "posts" },
  story: { one: "story", other: "stories" },
  "quoted story": { one: "quoted story", other: "quoted stories" },
  tag: { one: "tag", other: "tags" },
  author: { one: "author", other: "authors" },
  outlet: { one: "outlet", other: "outlets" },
  source: { one: "source", other: "sources" },
  "quoted passage": { one: "quoted passage", other: "quoted passages" },
  "content problem": { one: "content problem", other: "content problems" },
  "post-build check failure": { one: "post-build check failure", other: "post-build check failures" },
  rule: { one: "rule", other: "rules" },
  word: { one: "word", other: "words" },
} as const satisfies Record<string, NounForms>;

export type Noun = keyof typeof NOUNS;

const rules = new Map<string, Intl.PluralRules>();

function pluralRules(language: string): Intl.PluralRules {
  let known = rules.get(language);
  if (!known) rules.set(language, (known = new Intl.PluralRules(language)));
  return known;
}

/** The form of `noun` for `n`: `plural(1, "story")` → "story", `plural(2, "story")` → "stories". */
export function plural(n: number, noun: Noun | NounForms, language = "en"): string {
  const forms: NounForms = typeof noun === "string" ? NOUNS[noun] : noun;
  return forms[pluralRules(language).select(n)] ?? forms.other;
}

/** The number and its noun: `count(3, "post")` → "3 posts". */
export function count(n: number, noun: Noun | NounForms, language = "en"): string {
  return `${n} ${plural(n, noun, language)}`;
}

/** A page's place in a listing, as every heading, title and pager words it: "page 2 of 5". */
export function pageOf(page: { number: number; total: number }): string {
  return `page ${page.number} of ${page.total}`;
}

/** The text with its first letter in upper case, the rest as it is: "page 2 of 5" → "Page 2 of 5". */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What goes before each of `n` names in a running list: `["", " and "]`, `["", ", ", " and "]`
 * (no serial comma). Templates print `separator + linked name`; `joinNames` joins plain text.
 */
export function listSeparators(n: number): string[] {
  return Array.from({ length: n }, (_, i) => (i === 0 ? "" : i === n - 1 ? " and " : ", "));
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  const separators = listSeparators(names.length);
  return names.map((name, i) => `${separators[i]}${name}`).join("");
}

/** Reading speed assumed for "N min read": a common figure for adults reading on screen. */
export const WORDS_PER_MINUTE = 230;

/** Whole minutes to read `words` words, rounded to the nearest minute and never below 1. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

/** "4 min read". */
export function readingTime(words: number): string {
  return `${readingMinutes(words)} min read`;
}
