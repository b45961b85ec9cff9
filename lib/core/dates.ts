// Dates: owns luxon. Every date is parsed once, in the site's zone, into a PostDate that
// templates only print. A post may say its date is known only approximately.
import { DateTime } from "luxon";
import { format, messagesFor, type MessageKey } from "./messages/index.ts";

export const DATE_ACCURACIES = ["exact", "on-or-after", "about"] as const;
export type DateAccuracy = (typeof DATE_ACCURACIES)[number];

export interface PostDate {
  /** Machine form for `<time datetime>`, feeds and sorting: `2019-03-06` or full ISO with offset. */
  iso: string;
  /** RFC 3339 date-time with offset (midnight in the site zone for a calendar date). */
  rfc3339: string;
  /** Milliseconds since the epoch, for sorting. */
  epoch: number;
  /** Human text: "6 March 2019", "on or after 6 March 2019". */
  text: string;
  /** Short human text for listings: "6 Mar 2019", "≥ 6 Mar 2019". */
  short: string;
  accuracy: DateAccuracy;
  /** True when only the calendar day was given. */
  dayOnly: boolean;
  year: number;
  month: number;
  /** "March 2019", for archives. */
  monthName: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;

export type ParsedDate = { ok: true; value: DateTime } | { ok: false; expected: string };

/**
 * Parses `2019-03-06` (a calendar day in `zone`) or `2019-03-06T14:30` / with offset
 * (a date-time; without an offset it is read in `zone`). Rejects impossible days.
 */
export function parseDate(input: string, zone: string): ParsedDate {
  const text = input.trim();
  if (!DAY.test(text) && !DATE_TIME.test(text)) {
    return { ok: false, expected: "a date as YYYY-MM-DD or YYYY-MM-DDTHH:MM (optionally with an offset)" };
  }
  const value = DateTime.fromISO(text.replace(" ", "T"), { zone, setZone: false }).setZone(zone);
  if (!value.isValid) return { ok: false, expected: "a real calendar date" };
  return { ok: true, value };
}

/**
 * The date `parseDate` gave, again from its moment (`toMillis()`) and the same `zone`: one
 * lookup of the zone's offset (an Intl call), where parsing the text takes two and luxon's
 * regular expressions. A warm build takes the front matter of unchanged posts from the build
 * before it this way (lib/content/schema.ts, frontMatterFromStored).
 */
export function dateAt(epochMs: number, zone: string): DateTime {
  return DateTime.fromMillis(epochMs, { zone });
}

export function isDayOnly(input: string): boolean {
  return DAY.test(input.trim());
}

/** How an approximate date is worded, long and short, by message key (lib/core/messages/). */
const ACCURACY_WORDS: Record<DateAccuracy, [long: MessageKey, short: MessageKey] | undefined> = {
  exact: undefined,
  "on-or-after": ["date.onOrAfter", "date.onOrAfterShort"],
  about: ["date.about", "date.aboutShort"],
};

/** A date as the site prints it, in its interface language (`language`, default English). */
export function toPostDate(value: DateTime, dayOnly: boolean, accuracy: DateAccuracy = "exact", language = "en"): PostDate {
  const messages = messagesFor(language);
  const { locale, dates } = messages;
  const day = formatted(value, dates.day, locale);
  const time = dayOnly ? "" : `, ${pad2(value.hour)}:${pad2(value.minute)} ${offsetName(value, locale)}`;
  const rfc3339 = value.toISO({ suppressMilliseconds: true })!;
  const words = ACCURACY_WORDS[accuracy];
  const approximate = (key: MessageKey | undefined, date: string) => (key ? format(messages.text[key], { date }) : date);
  return {
    iso: dayOnly ? rfc3339.slice(0, 10) : rfc3339,
    rfc3339,
    epoch: value.toMillis(),
    text: `${approximate(words?.[0], day)}${time}`,
    short: approximate(words?.[1], formatted(value, dates.short, locale)),
    accuracy,
    dayOnly,
    year: value.year,
    month: value.month,
    monthName: formatted(value, dates.month, locale),
  };
}

// Luxon's toFormat builds a new Intl formatter on every call (a third of a 10,000-post
// catalog's time), so the locale's words are asked of it once and remembered: month names by
// month and locale, offset names ("GMT+7", "CET") by zone and offset.
const words = new Map<string, string>();

function remembered(key: string, compute: () => string): string {
  let word = words.get(key);
  if (word === undefined) {
    word = compute();
    words.set(key, word);
  }
  return word;
}

/**
 * `value` in a pattern of luxon tokens (`d. LLLL yyyy`): the month's names come from luxon in
 * `locale` (remembered), the numbers are written here.
 */
function formatted(value: DateTime, pattern: string, locale: string): string {
  return pattern.replace(/LLLL|LLL|yyyy|d/g, (token) => {
    if (token === "d") return String(value.day);
    if (token === "yyyy") return year(value);
    return remembered(`${token}|${locale}|${value.month}`, () => value.setLocale(locale === "en" ? "en-GB" : locale).toFormat(token));
  });
}

function offsetName(value: DateTime, locale: string): string {
  return remembered(`ZZZZ|${locale}|${value.zoneName}|${value.offset}`, () => value.setLocale(locale === "en" ? "en-GB" : locale).toFormat("ZZZZ"));
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const year = (value: DateTime) => String(value.year).padStart(4, "0");

/** The current moment in `zone`, pinned by `nowIso` when given (tests, reproducible builds). */
export function now(zone: string, nowIso?: string): DateTime {
  return nowIso ? DateTime.fromISO(nowIso, { zone }) : DateTime.now().setZone(zone);
}

export function isValidZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}
