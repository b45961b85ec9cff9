// The deploy address: a production build warns once while `url` is the placeholder, and the
// host's own variables (here Netlify's and Vercel's) reach canonical links, feeds and the sitemap.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SITE, buildSite, makeSite, postFile, readPage, type FixtureSite, type RunResult } from "../helpers/site.ts";

const PLACEHOLDER_SITE = DEFAULT_SITE.replace("url: https://fixture.example/", "url: https://gloss.example/");
const files = { "a-post.md": postFile({ title: "A post" }) };
const canonical = (site: FixtureSite, url: string) => readPage(site, url).querySelector("link[rel=canonical]")?.getAttribute("href");
const output = (site: FixtureSite, file: string) => readFileSync(path.join(site.outputDir, file), "utf8");

describe("a build while url is the placeholder https://gloss.example/", () => {
  let site: FixtureSite;
  let result: RunResult;
  beforeAll(async () => {
    site = makeSite(files, { site: PLACEHOLDER_SITE });
    result = await buildSite(site);
  });

  it("succeeds, and warns once, naming the placeholder and how to set the address", () => {
    expect(result.code).toBe(0);
    expect(result.stderr.match(/placeholder https:\/\/gloss\.example\//g)).toHaveLength(1);
    expect(result.stderr).toMatch(/GLOSS_SITE_URL/);
  });

  it("points canonical links at the placeholder, as it warned", () => {
    expect(canonical(site, "/posts/a-post/")).toBe("https://gloss.example/posts/a-post/");
  });
});

describe.each([
  [{ NETLIFY: "true", URL: "https://gloss-demo.netlify.app" }, "https://gloss-demo.netlify.app"],
  [{ VERCEL_PROJECT_PRODUCTION_URL: "gloss-demo.vercel.app" }, "https://gloss-demo.vercel.app"],
])("a build on a host that gives its address (%j)", (vars, origin) => {
  let site: FixtureSite;
  let result: RunResult;
  beforeAll(async () => {
    site = makeSite(files, { site: PLACEHOLDER_SITE });
    result = await buildSite(site, vars);
  });

  it("does not warn: the host's address replaced the placeholder", () => {
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/placeholder/);
  });

  it("uses the host's address in canonical links, feeds and the sitemap", () => {
    expect(canonical(site, "/posts/a-post/")).toBe(`${origin}/posts/a-post/`);
    const atom = output(site, "feed.xml");
    expect(atom).toContain(`<link rel="self" type="application/atom+xml" href="${origin}/feed.xml"/>`);
    expect(atom).not.toContain("gloss.example");
    expect(output(site, "feed.json")).toContain(`"home_page_url": "${origin}/"`);
    expect(output(site, "sitemap.xml")).toContain(`<loc>${origin}/posts/a-post/</loc>`);
  });
});
