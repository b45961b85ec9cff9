// Every page built from the launch content and from a fixture blog with every page type passes
// html-validate (recommended preset, tests/html-validate.config.ts) with zero errors.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { htmlValidateConfig } from "../html-validate.config.ts";
import { makeFixtureBlog } from "../helpers/fixture-blog.ts";
import { launchSite } from "../helpers/served-site.ts";
import { buildSite, type FixtureSite } from "../helpers/site.ts";

const validator = new HtmlValidate(htmlValidateConfig);

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** One line per problem: `posts/x/index.html:12:3 rule-id message`. */
async function validate(html: string, name: string): Promise<string[]> {
  const report = await validator.validateString(html, name);
  return report.results.flatMap((result) => result.messages.map((m) => `${name}:${m.line}:${m.column} ${m.ruleId} ${m.message}`));
}

async function validateSite(site: FixtureSite): Promise<{ pages: number; problems: string[] }> {
  const files = htmlFiles(site.outputDir);
  const problems = await Promise.all(files.map((file) => validate(readFileSync(file, "utf8"), path.relative(site.outputDir, file))));
  return { pages: files.length, problems: problems.flat() };
}

describe("valid HTML (html-validate, recommended)", () => {
  const sites: Record<"launch" | "fixture", FixtureSite> = { launch: launchSite(), fixture: makeFixtureBlog() };
  beforeAll(async () => {
    for (const [name, site] of Object.entries(sites)) {
      const result = await buildSite(site);
      if (result.code !== 0) throw new Error(`${name} build failed:\n${result.stderr}`);
    }
  });

  it("passes every page of the launch site", async () => {
    const { pages, problems } = await validateSite(sites.launch);
    expect(pages).toBeGreaterThanOrEqual(19);
    expect(problems).toEqual([]);
  });

  it("passes every page of a fixture blog with pagination, hostile titles and every kind of markdown", async () => {
    const { pages, problems } = await validateSite(sites.fixture);
    const files = htmlFiles(sites.fixture.outputDir).map((file) => path.relative(sites.fixture.outputDir, file));
    expect(files).toEqual(expect.arrayContaining(["index.html", "page/2/index.html", "posts/first-post/index.html", "tags/north-korea/page/2/index.html", "authors/anon/index.html", "sources/story/index.html", "outlets/news/index.html", "archive/index.html", "404.html"]));
    expect(pages).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });

  it("reports a broken page (so a pass means something)", async () => {
    const problems = await validate('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p id="a">1</p><p id="a"><img src="x.png"></body></html>', "broken.html");
    expect(problems.map((line) => line.split(" ")[1])).toEqual(expect.arrayContaining(["no-dup-id", "wcag/h37", "no-implicit-close"]));
  });
});
