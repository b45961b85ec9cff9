// The shape every message table (en.ts, de.ts, …) has: the English table's keys, each a string
// with `{name}` placeholders, plus the counted nouns and the date patterns. A table missing a key
// is a type error.
import type { en } from "./en.ts";

/** A noun's forms by CLDR plural category; `other` is required, the rest fall back to it. */
export type NounForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export type MessageKey = keyof (typeof en)["text"];
export type Noun = keyof (typeof en)["nouns"];

export interface Messages {
  /** The language tag the table is for (`en`, `de`): luxon's locale for month names. */
  locale: string;
  /** Every interface string, by key; `{name}` marks a value filled in when printed. */
  text: Record<MessageKey, string>;
  /** Counted nouns ("1 post", "3 posts"), forms by CLDR plural category (Intl.PluralRules). */
  nouns: Record<Noun, NounForms>;
  /** luxon format tokens: a day ("6 March 2019"), a short day ("6 Mar 2019"), a month ("March 2019"). */
  dates: { day: string; short: string; month: string };
}
