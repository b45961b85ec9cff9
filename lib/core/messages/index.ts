// The message tables, one per interface language, and the two ways to read them: `messagesFor`
// (the site's `language` setting → its table) and `format` (a message with its `{name}`s filled).
// Adding a language: a file like de.ts typed `Messages`, and one entry in MESSAGES.
import { de } from "./de.ts";
import { en } from "./en.ts";
import type { MessageKey, Messages } from "./types.ts";

export type { MessageKey, Messages, Noun, NounForms } from "./types.ts";

export const MESSAGES: Readonly<Record<string, Messages>> = { en, de };

/** The interface languages there are tables for. */
export const INTERFACE_LANGUAGES = Object.keys(MESSAGES);

/** Each language tag asked for, with its table (a site has one, a test a few). */
const tables = new Map<string, Messages | undefined>();

/** The table of a language tag's primary language (`de-AT` → de); undefined when there is none. */
export function tableFor(language: string): Messages | undefined {
  // Asked for at every message, count and date a page prints: each tag's answer is kept, not
  // worked out from the tag again (0.33 s of a cold 10,000-post render's main thread, profiled).
  if (tables.has(language)) return tables.get(language);
  const primary = language.toLowerCase().split("-")[0] ?? "";
  const table = Object.hasOwn(MESSAGES, primary) ? MESSAGES[primary] : undefined;
  tables.set(language, table);
  return table;
}

/** The table for the site's language, English when there is none (the settings warn about that). */
export function messagesFor(language: string): Messages {
  return tableFor(language) ?? en;
}

/** `format("Tag: {name}", { name: "Iran" })` → "Tag: Iran"; a `{name}` with no value is left as written. */
export function format(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  // Most messages have nothing to fill in.
  if (!template.includes("{")) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** A message of a language, filled in: `say("de", "title.tag", { name })`. */
export function say(language: string, key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  return format(messagesFor(language).text[key], params);
}
