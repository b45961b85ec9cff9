import { describe, expect, it } from "vitest";
import { countWords } from "../../lib/markdown/env.ts";

describe("countWords", () => {
  it.each([
    ["Trump walked away from the summit.", 6],
    ["Kim’s team didn’t say — it’s a “snub”…", 7],
    ["U.S. officials, 2019-02-28: no deal", 5],
    ["Nguyễn Phú Trọng hosted the summit", 6],
    ["金正恩 and 트럼프 met", 4],
    ["café au lait", 3],
    ["", 0],
    ["— … “ ”", 0],
  ])("counts the words of %j", (text, words) => {
    expect(countWords(text)).toBe(words);
  });

  it("counts plain text as the general Unicode rule does", () => {
    // The fast path for ASCII letters must agree with the general pattern it stands in for.
    const general = (text: string) => text.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
    const samples = ["It's 3.5 times—what?", "a-b-c ’tis o’clock 'quoted' -dash- end.", "x\u00a0y\u2013z \u2026 w", "well... done -- now"];
    for (const text of samples) expect(countWords(text)).toBe(general(text));
  });
});
