// Eleventy adapter for the words that depend on a number: the `plural`, `count` and `pageOf`
// filters, so layouts print "3 posts" and "page 2 of 5" as lib/core/text.ts words them, and
// `upperFirst` for when such words start a sentence ("Page 2 of 5").
import { capitalise, count, NOUNS, pageOf, plural, type Noun } from "../core/text.ts";

/** The slice of Eleventy's config API this adapter uses. */
export interface TextConfigApi {
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
}

/** Templates are not type-checked: a noun missing from NOUNS fails the build with the fix, not a TypeError. */
function knownNoun(noun: string): Noun {
  if (!Object.hasOwn(NOUNS, noun)) throw new Error(`Unknown noun ${JSON.stringify(noun)}: add it to NOUNS in lib/core/text.ts`);
  return noun as Noun;
}

export function textPlugin(eleventyConfig: TextConfigApi): void {
  eleventyConfig.addFilter("plural", (n: number, noun: string) => plural(n, knownNoun(noun)));
  eleventyConfig.addFilter("count", (n: number, noun: string) => count(n, knownNoun(noun)));
  eleventyConfig.addFilter("pageOf", (page: { number: number; total: number }) => pageOf(page));
  // Not Nunjucks' `capitalize`, which also lower-cases the rest (a name in the words would lose its capital).
  eleventyConfig.addFilter("upperFirst", (text: string) => capitalise(text));
}
