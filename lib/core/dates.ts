// Dates: owns luxon. Every date is parsed once, in the site's zone, into a PostDate that
// templates only print. A post may say its date is known only approximately.
import { DateTime } from "luxon";

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

export function isDayOnly(input: string): boolean {
  return DAY.test(input.trim());
}

const ACCURACY_PREFIX: Record<DateAccuracy, string> = {
  exact: "",
  "on-or-after": "on or after ",
  about: "about ",
};
const ACCURACY_SHORT: Record<DateAccuracy, string> = { exact: "", "on-or-after": "≥ ", about: "c. " };

export function toPostDate(value: DateTime, dayOnly: boolean, accuracy: DateAccuracy = "exact"): PostDate {
  const day = `${value.day} ${monthName(value, "LLLL")} ${year(value)}`;
  const time = dayOnly ? "" : `, ${pad2(value.hour)}:${pad2(value.minute)} ${offsetName(value)}`;
  const rfc3339 = value.toISO({ suppressMilliseconds: true })!;
  return {
    iso: dayOnly ? rfc3339.slice(0, 10) : rfc3339,
    rfc3339,
    epoch: value.toMillis(),
    text: `${ACCURACY_PREFIX[accuracy]}${day}${time}`,
    short: `${ACCURACY_SHORT[accuracy]}${value.day} ${monthName(value, "LLL")} ${year(value)}`,
    accuracy,
    dayOnly,
    year: value.year,
    month: value.month,
    monthName: `${monthName(value, "LLLL")} ${year(value)}`,
  };
}

// Luxon's toFormat builds a new Intl formatter on every call (a third of a 10,000-post
// catalog's time), so the locale's words are asked of it once and remembered: month names by
// month, offset names ("GMT+7", "CET") by zone and offset.
const words = new Map<string, string>();

function remembered(key: string, compute: () => string): string {
  let word = words.get(key);
  if (word === undefined) {
    word = compute();
    words.set(key, word);
  }
  return word;
}

function monthName(value: DateTime, token: "LLLL" | "LLL"): string {
  return remembered(`${token}|${value.month}`, () => value.setLocale("en-GB").toFormat(token));
}

function offsetName(value: DateTime): string {
  return remembered(`ZZZZ|${value.zoneName}|${value.offset}`, () => value.setLocale("en-GB").toFormat("ZZZZ"));
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
