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
    ["日本", ""],
  ])("%j → %j", (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it("is idempotent", () => {
    for (const input of ["Kim Jong Un", "U.S.–DPRK talks", "a--b"]) expect(slugify(slugify(input))).toBe(slugify(input));
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
    ["", false],
  ])("%j → %s", (input, expected) => expect(isSlug(input)).toBe(expected));
});
