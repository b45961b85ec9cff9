import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { toPostDate } from "../../lib/core/dates.ts";
import { de } from "../../lib/core/messages/de.ts";
import { en } from "../../lib/core/messages/en.ts";
import { format, messagesFor, say, tableFor } from "../../lib/core/messages/index.ts";
import { count } from "../../lib/core/text.ts";

describe("message tables", () => {
  it.each([
    ["en", "en"],
    ["en-GB", "en"],
    ["de", "de"],
    ["de-AT", "de"],
    ["DE-ch", "de"],
  ])("language %s → table %s", (language, table) => expect(tableFor(language)?.locale).toBe(table));

  it("has no table for a language not shipped, and falls back to English", () => {
    expect(tableFor("fr")).toBeUndefined();
    expect(messagesFor("fr")).toBe(en);
  });

  it.each([
    ["Tag: {name}", { name: "Iran" }, "Tag: Iran"],
    ["{a} and {b}", { a: 1, b: "two" }, "1 and two"],
    ["{missing} stays", {}, "{missing} stays"],
    ["no placeholders", { x: 1 }, "no placeholders"],
  ])("format(%j, %j) → %j", (template, params, out) => expect(format(template, params)).toBe(out));

  it("words the same message in each language", () => {
    expect(say("en", "title.tag", { name: "Iran" })).toBe("Tag: Iran");
    expect(say("de", "title.tag", { name: "Iran" })).toBe("Schlagwort: Iran");
    expect([count(1, "post", "de"), count(2, "post", "de"), count(2, "story", "de")]).toEqual(["1 Beitrag", "2 Beiträge", "2 Artikel"]);
  });

  it("has the same keys and nouns in German as in English", () => {
    expect(Object.keys(de.text).sort()).toEqual(Object.keys(en.text).sort());
    expect(Object.keys(de.nouns).sort()).toEqual(Object.keys(en.nouns).sort());
  });
});

describe("dates in the site's language", () => {
  const day = DateTime.fromISO("2019-03-06", { zone: "Europe/Berlin" });
  const time = DateTime.fromISO("2019-03-06T14:30", { zone: "Europe/Berlin" });
  it.each([
    ["en", day, true, "exact", "6 March 2019", "6 Mar 2019", "March 2019"],
    ["de", day, true, "exact", "6. März 2019", "6. Mär 2019", "März 2019"],
    ["de", day, true, "on-or-after", "am oder nach dem 6. März 2019", "≥ 6. Mär 2019", "März 2019"],
    ["de", day, true, "about", "um den 6. März 2019", "ca. 6. Mär 2019", "März 2019"],
    ["en", day, true, "about", "about 6 March 2019", "c. 6 Mar 2019", "March 2019"],
    ["de", time, false, "exact", "6. März 2019, 14:30 MEZ", "6. Mär 2019", "März 2019"],
  ] as const)("%s: %s (day only %s, %s) → %s / %s / %s", (language, value, dayOnly, accuracy, text, short, month) => {
    const date = toPostDate(value, dayOnly, accuracy, language);
    expect([date.text, date.short, date.monthName]).toEqual([text, short, month]);
  });
});
