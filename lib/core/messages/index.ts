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

/** The table of a language tag's primary language (`de-AT` → de); undefined when there is none. */
export function tableFor(language: string): Messages | undefined {
  const primary = language.toLowerCase().split("-")[0] ?? "";
  return Object.hasOwn(MESSAGES, primary) ? MESSAGES[primary] : undefined;
}

/** The table for the site's language, English when there is none (the settings warn about that). */
export function messagesFor(language: string): Messages {
  return tableFor(language) ?? en;
}

/** `format("Tag: {name}", { name: "Iran" })` → "Tag: Iran"; a `{name}` with no value is left as written. */
export function format(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** A message of a language, filled in: `say("de", "title.tag", { name })`. */
export function say(language: string, key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  return format(messagesFor(language).text[key], params);
}
