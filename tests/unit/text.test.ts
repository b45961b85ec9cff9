import type { ContentStage } from "../../lib/pipeline/load.ts";
import { describe, expect, it } from "vitest";
import { count, joinNames, listSeparators, NOUNS, pageOf, plural, readingMinutes, readingTime, WORDS_PER_MINUTE, type Noun } from "../../lib/core/text.ts";
import { textPlugin } from "../../lib/eleventy/text-plugin.ts";

describe("plural and count", () => {
  // The irregular nouns and one regular one, at 0, 1 and 2 (in English 0 takes the plural).
  it.each([
    [0, "story", "stories"],
    [1, "story", "story"],
    [2, "story", "stories"],
    [0, "quoted story", "quoted stories"],
    [1, "quoted story", "quoted story"],
    [2, "quoted story", "quoted stories"],
    [0, "post", "posts"],
    [1, "post", "post"],
    [2, "post", "posts"],
  ] as const)("%i %s → %s", (n, noun, form) => {
    expect(plural(n, noun)).toBe(form);
    expect(count(n, noun)).toBe(`${n} ${form}`);
  });

  it.each(Object.keys(NOUNS) as Noun[])("%s: one form at 1, the other at 0 and 2", (noun) => {
    const { one, other } = NOUNS[noun];
    expect([plural(0, noun), plural(1, noun), plural(2, noun)]).toEqual([other, one, other]);
  });

  it("takes forms for a noun not in NOUNS, and a language with more categories", () => {
    const mouse = { one: "mouse", other: "mice" };
    expect(count(1, mouse)).toBe("1 mouse");
    expect(count(3, mouse)).toBe("3 mice");
    const plik = { one: "plik", few: "pliki", many: "plików", other: "pliku" };
    expect([1, 2, 5, 22, 25].map((n) => count(n, plik, "pl"))).toEqual(["1 plik", "2 pliki", "5 plików", "22 pliki", "25 plików"]);
  });
});

describe("pageOf", () => {
  it.each([
    [{ number: 1, total: 1 }, "page 1 of 1"],
    [{ number: 2, total: 5 }, "page 2 of 5"],
    [{ number: 12, total: 12 }, "page 12 of 12"],
  ])("%j → %s", (page, words) => expect(pageOf(page)).toBe(words));
});

describe("the layouts' filters and the t global (textPlugin)", () => {
  const filters = new Map<string, (...args: never[]) => unknown>();
  const globals = new Map<string, unknown>();
  let language = "en";
  textPlugin(
    { addFilter: (name, filter) => void filters.set(name, filter), addNunjucksGlobal: (name, value) => void globals.set(name, value) },
    { content: { settings: () => ({ language }) as ReturnType<ContentStage["settings"]> } },
  );
  const filter = (name: string) => filters.get(name) as (...args: unknown[]) => unknown;
  const t = globals.get("t") as (key: string, params?: Record<string, unknown>) => string;

  it("print what lib/core/text.ts words, in the site's language", () => {
    language = "en";
    expect(filter("count")(1, "quoted story")).toBe("1 quoted story");
    expect(filter("plural")(3, "post")).toBe("posts");
    expect(filter("pageOf")({ number: 2, total: 5 })).toBe("page 2 of 5");
    expect(t("tag.heading", { name: "Iran" })).toBe("Tag: Iran");
    language = "de-AT";
    expect(filter("count")(1, "quoted story")).toBe("1 zitierter Artikel");
    expect(filter("count")(3, "post")).toBe("3 Beiträge");
    expect(filter("pageOf")({ number: 2, total: 5 })).toBe("Seite 2 von 5");
    expect(t("tag.heading", { name: "Iran" })).toBe("Schlagwort: Iran");
  });

  it("fail on a noun or message key missing from the tables, naming where to add it", () => {
    language = "en";
    expect(() => filter("count")(2, "mouse")).toThrow(/Unknown noun "mouse": add it to lib\/core\/messages\/en\.ts and every other table there/);
    expect(() => filter("plural")(2, "toString")).toThrow(/Unknown noun/);
    expect(() => t("nav.nowhere")).toThrow(/Unknown message "nav.nowhere"/);
  });

  it.each([
    ["page 2 of 5", "Page 2 of 5"],
    ["page 1 of BBC", "Page 1 of BBC"],
    ["", ""],
  ])("upperFirst %j → %j, the rest as it was", (text, expected) => expect(filter("upperFirst")(text)).toBe(expected));
});

describe("joinNames", () => {
  it.each([
    [[], ""],
    [["Ann"], "Ann"],
    [["Ann", "Bob"], "Ann and Bob"],
    [["Ann", "Bob", "Cy"], "Ann, Bob and Cy"],
    [["Ann", "Bob", "Cy", "Di"], "Ann, Bob, Cy and Di"],
  ])("%j → %j", (names, expected) => expect(joinNames(names)).toBe(expected));

  it("gives one separator per name, the first empty", () => {
    expect(listSeparators(3)).toEqual(["", ", ", " and "]);
  });
});

describe("reading time", () => {
  it("reads at the declared speed", () => expect(WORDS_PER_MINUTE).toBe(230));
  it.each([
    [0, 1],
    [1, 1],
    [344, 1],
    [345, 2],
    [460, 2],
    [575, 3],
    [2300, 10],
  ])("%i words → %i min (never below 1, rounded to the nearest minute)", (words, minutes) => {
    expect(readingMinutes(words)).toBe(minutes);
    expect(readingTime(words)).toBe(`${minutes} min read`);
  });
});
