// Words that depend on a number, declared once for lib/ and the templates (as filters):
// "1 post", "3 stories", "page 2 of 5", in the site's language. Plural forms follow CLDR's rules
// (Intl.PluralRules), not a hand-written "s", so a noun with an irregular plural or a language
// with more than two forms is one entry in a message table's `nouns` (lib/core/messages/).
import { format, messagesFor, type Noun, type NounForms } from "./messages/index.ts";
import { en } from "./messages/en.ts";

/** Every counted noun, in English (each language's forms: `nouns` in lib/core/messages/). */
export const NOUNS = en.nouns;
export type { Noun, NounForms };

const rules = new Map<string, Intl.PluralRules>();

function pluralRules(language: string): Intl.PluralRules {
  let known = rules.get(language);
  if (!known) rules.set(language, (known = new Intl.PluralRules(language)));
  return known;
}

/** The form of `noun` for `n`: `plural(1, "story")` → "story", `plural(2, "story")` → "stories". */
export function plural(n: number, noun: Noun | NounForms, language = "en"): string {
  const forms: NounForms = typeof noun === "string" ? messagesFor(language).nouns[noun] : noun;
  return forms[pluralRules(language).select(n)] ?? forms.other;
}

/** The number and its noun: `count(3, "post")` → "3 posts". */
export function count(n: number, noun: Noun | NounForms, language = "en"): string {
  return `${n} ${plural(n, noun, language)}`;
}

/** A page's place in a listing, as every heading, title and pager words it: "page 2 of 5". */
export function pageOf(page: { number: number; total: number }, language = "en"): string {
  return format(messagesFor(language).text["pager.pageOf"], { number: page.number, total: page.total });
}

/** The text with its first letter in upper case, the rest as it is: "page 2 of 5" → "Page 2 of 5". */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What goes before each of `n` names in a running list: `["", " and "]`, `["", ", ", " and "]`
 * (no serial comma). Templates print `separator + linked name`; `joinNames` joins plain text.
 */
export function listSeparators(n: number, language = "en"): string[] {
  const and = messagesFor(language).text["list.and"];
  return Array.from({ length: n }, (_, i) => (i === 0 ? "" : i === n - 1 ? and : ", "));
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[], language = "en"): string {
  const separators = listSeparators(names.length, language);
  return names.map((name, i) => `${separators[i]}${name}`).join("");
}

/** Reading speed assumed for "N min read": a common figure for adults reading on screen. */
export const WORDS_PER_MINUTE = 230;

/** Whole minutes to read `words` words, rounded to the nearest minute and never below 1. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

/** "4 min read", in the site's language. */
export function readingTime(words: number, language = "en"): string {
  return format(messagesFor(language).text["post.readingTime"], { minutes: readingMinutes(words) });
}
