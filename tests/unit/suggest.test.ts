// "Did you mean …?" (lib/core/suggest.ts): a suggestion only for a near miss, only when it is the one best match.
import { describe, expect, it } from "vitest";
import { closestMatch, didYouMean, editDistance } from "../../lib/core/suggest.ts";

describe("editDistance", () => {
  it.each([
    ["digby", "digby", 0],
    ["digyb", "digby", 1], // transposition
    ["digb", "digby", 1], // deletion
    ["diqby", "digby", 1], // substitution
    ["dgiyb", "digby", 2],
    ["", "abc", 3],
    ["северная", "северна", 1], // counted in characters, not bytes
  ])("%s → %s is %i", (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
  });

  it("stops past the limit", () => {
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
  });
});

describe("closestMatch", () => {
  const ids = ["ann", "anon", "digby", "cnn-hanoi-summit-snub"];
  it.each([
    ["digbi", "digby"],
    ["Digby", "digby"], // case only
    ["anne", "ann"],
    ["cnn-hanoi-sumit-snub", "cnn-hanoi-summit-snub"],
    ["aon", undefined], // one edit from both "ann" and "anon": ambiguous
    ["bob", undefined], // nothing near
    ["ann", undefined], // known: nothing to suggest
    ["dgbi", undefined], // four letters allow one edit only (this one is two)
  ])("%s → %s", (word, expected) => {
    expect(closestMatch(word, ids)).toBe(expected);
  });
});

describe("didYouMean", () => {
  it("words the hint", () => {
    expect(didYouMean("digbi", ["digby"])).toBe("did you mean `digby`?");
    expect(didYouMean("zzz", ["digby"])).toBeUndefined();
  });
});
