// Page-weight budgets on real builds: the launch site, and a fixture site with every page type.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadBuiltSite } from "../../lib/checks/built-site.ts";
import { checkBudgets } from "../../lib/checks/budgets.ts";
import { ROOT, buildSite, makeSite, postFile } from "../helpers/site.ts";
import { makeTempDir } from "../helpers/temp.ts";

describe("page budgets", () => {
  it("every page of the launch site fits 14 KiB gzipped with its CSS, and loads no script outside search", async () => {
    const dir = makeTempDir("gloss-budget-");
    const site = { dir, contentDir: path.join(ROOT, "posts"), outputDir: path.join(dir, "_site") };
    expect((await buildSite(site)).code).toBe(0);
    const built = loadBuiltSite(site.outputDir);
    expect(built.pages.length).toBeGreaterThan(10);
    expect(checkBudgets(built)).toEqual([]);
  });

  it("listings of a 45-post site stay paginated and within budget", async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 45; i += 1) {
      files[`post-${i}.md`] = postFile({
        title: `Post ${i}`,
        date: `2020-02-${String(1 + (i % 28)).padStart(2, "0")}`,
        tags: ["Common", `Tag ${i % 5}`],
        sources: ["story"],
        body: `Words of post ${i}. `.repeat(40) + "\n\n> [!quote story]\n> A quoted passage that many posts share.",
      });
    }
    const site = makeSite(files);
    expect((await buildSite(site)).code).toBe(0);
    const built = loadBuiltSite(site.outputDir);
    expect(checkBudgets(built)).toEqual([]);
    const largest = Math.max(...built.pages.map((p) => p.listItems));
    expect(largest).toBeLessThanOrEqual(250);
  });
});
