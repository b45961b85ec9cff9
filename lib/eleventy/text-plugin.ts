// Eleventy adapter for the interface's words, in the site's language (lib/core/messages/): the
// `t` global (`{{ t("nav.home") }}`, `{{ t("tag.heading", { name: tag.name }) }}`), the
// `plural`, `count` and `pageOf` filters for words that depend on a number ("3 posts",
// "page 2 of 5"), and `upperFirst` for when such words start a sentence ("Page 2 of 5").
import { format, messagesFor, type MessageKey, type Noun } from "../core/messages/index.ts";
import { capitalise, count, pageOf, plural } from "../core/text.ts";
import type { ContentStage } from "../pipeline/load.ts";

/** The slice of Eleventy's config API this adapter uses. */
export interface TextConfigApi {
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  addNunjucksGlobal(name: string, value: unknown): void;
}

export interface TextOptions {
  /** The build's settings: `language` picks the message table, read at each render (the dev server may change it). */
  content: Pick<ContentStage, "settings">;
}

/** Templates are not type-checked: an unknown key or noun fails the build with the fix, not a blank. */
function known<K extends string>(table: Record<K, unknown>, key: string, what: string): K {
  if (!Object.hasOwn(table, key)) throw new Error(`Unknown ${what} ${JSON.stringify(key)}: add it to lib/core/messages/en.ts and every other table there`);
  return key as K;
}

export function textPlugin(eleventyConfig: TextConfigApi, { content }: TextOptions): void {
  const language = () => content.settings().language;
  // A global, not a filter on page data: macros imported from partials/ see Nunjucks globals only.
  eleventyConfig.addNunjucksGlobal("t", (key: string, params?: Record<string, string | number>) => {
    const { text } = messagesFor(language());
    return format(text[known<MessageKey>(text, key, "message")], params);
  });
  const noun = (name: string) => known<Noun>(messagesFor(language()).nouns, name, "noun");
  eleventyConfig.addFilter("plural", (n: number, name: string) => plural(n, noun(name), language()));
  eleventyConfig.addFilter("count", (n: number, name: string) => count(n, noun(name), language()));
  eleventyConfig.addFilter("pageOf", (page: { number: number; total: number }) => pageOf(page, language()));
  // Not Nunjucks' `capitalize`, which also lower-cases the rest (a name in the words would lose its capital).
  eleventyConfig.addFilter("upperFirst", (text: string) => capitalise(text));
}
