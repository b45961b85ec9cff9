import { describe, expect, it } from "vitest";
import { isSlug, slugify } from "../../lib/core/slugs.ts";

describe("slugify", () => {
  it.each([
    ["Kim Jong Un", "kim-jong-un"],
    ["North Korea", "north-korea"],
    ["U.S.–DPRK talks", "us-dprk-talks"],
    ["Digby's Hullabaloo", "digbys-hullabaloo"],
    ["Trump’s tough lesson", "trumps-tough-lesson"],
    ["Café & Crème", "cafe-and-creme"],
    ["  --Hello,   World!--  ", "hello-world"],
    ["2019: year in review", "2019-year-in-review"],
    ["<script>alert(1)</script>", "script-alert-1-script"],
    // Letters of every script are kept (lowercased), as Hugo and Jekyll keep them.
    ["日本", "日本"],
    ["Северная Корея", "северная-корея"],
    ["北朝鲜", "北朝鲜"],
    ["كوريا الشمالية", "كوريا-الشمالية"],
    ["צפון קוריאה", "צפון-קוריאה"],
    ["Ελλάδα", "ελλάδα"],
    ["район", "район"], // й keeps its breve: marks are dropped from Latin letters only
    ["हिन्दी", "हिन्दी"],
    ["한국", "한국"],
    ["ｆｕｌｌ－ｗｉｄｔｈ", "full-width"],
    ["نیم\u200cفاصله", "نیمفاصله"], // a zero-width non-joiner is invisible: no break
    // Symbols that would otherwise make slugs collide are named.
    ["C", "c"],
    ["C++", "c-plus-plus"],
    ["C#", "c-sharp"],
    ["F#", "f-sharp"],
    ["#MeToo", "metoo"],
    ["Q&A", "q-and-a"],
    ["?!", ""],
  ])("%j → %j", (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it("is idempotent", () => {
    for (const input of ["Kim Jong Un", "U.S.–DPRK talks", "a--b", "Северная Корея", "C++", "Ελλάδα"]) expect(slugify(slugify(input))).toBe(slugify(input));
  });
});

describe("isSlug", () => {
  it.each([
    ["cnn", true],
    ["cnn-hanoi-summit-snub", true],
    ["CNN", false],
    ["cnn_story", false],
    ["-cnn", false],
    ["cnn--x", false],
    ["северная-корея", true],
    ["北朝鲜", true],
    ["Северная-корея", false],
    ["c++", false],
    ["", false],
  ])("%j → %s", (input, expected) => expect(isSlug(input)).toBe(expected));
});
