// Which folder a run writes (lib/core/env.ts): the deploy folder for a production build only;
// the dev server always its own, whatever the variables say.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readEnv } from "../../lib/core/env.ts";
import { ROOT } from "../helpers/site.ts";
import { placeholderUrlWarning } from "../../lib/content/site.ts";

describe("output folders by run mode", () => {
  it.each([
    [{}, "_site"],
    [{ GLOSS_OUTPUT_DIR: "out" }, "out"],
    [{ ELEVENTY_RUN_MODE: "serve" }, ".gloss/dev"],
    [{ ELEVENTY_RUN_MODE: "watch" }, ".gloss/dev"],
    [{ ELEVENTY_RUN_MODE: "serve", GLOSS_OUTPUT_DIR: "_site" }, ".gloss/dev"],
    [{ ELEVENTY_RUN_MODE: "serve", GLOSS_DEV_OUTPUT_DIR: "scratch/dev" }, "scratch/dev"],
  ])("%j writes %s", (vars, folder) => {
    expect(readEnv(vars).outputDir).toBe(path.join(ROOT, folder));
  });

  it.each([
    [{ ELEVENTY_RUN_MODE: "serve", GLOSS_DEV_OUTPUT_DIR: "_site" }],
    [{ ELEVENTY_RUN_MODE: "serve", GLOSS_DEV_OUTPUT_DIR: "_site/dev" }],
    [{ ELEVENTY_RUN_MODE: "serve", GLOSS_DEV_OUTPUT_DIR: "site", GLOSS_OUTPUT_DIR: "site/public" }],
  ])("refuses a dev folder that overlaps the deploy folder: %j", (vars) => {
    expect(() => readEnv(vars)).toThrow(/must be apart from the deploy folder .*: drafts would be deployed/);
  });
});

describe("posts a search shard holds", () => {
  it.each([
    [{}, 1500],
    [{ GLOSS_SEARCH_SHARD_SIZE: "" }, 1500],
    [{ GLOSS_SEARCH_SHARD_SIZE: "1" }, 1],
    [{ GLOSS_SEARCH_SHARD_SIZE: "1000" }, 1000],
  ])("%j: %i", (vars, size) => {
    expect(readEnv(vars).searchShardSize).toBe(size);
  });

  it.each(["0", "-5", "2.5", "many"])("refuses GLOSS_SEARCH_SHARD_SIZE=%s by name", (value) => {
    expect(() => readEnv({ GLOSS_SEARCH_SHARD_SIZE: value })).toThrow(`GLOSS_SEARCH_SHARD_SIZE must be a whole number above 0, got "${value}"`);
  });
});

describe("from how many posts a build renders in a process of its own", () => {
  it.each([
    [{}, 1000],
    [{ GLOSS_RENDER_APART_FROM: "1" }, 1],
    [{ GLOSS_RENDER_APART_FROM: "20000" }, 20000],
  ])("%j: %i", (vars, posts) => {
    expect(readEnv(vars).renderApartFrom).toBe(posts);
  });

  it("refuses a number that is not a whole one above 0, by name", () => {
    expect(() => readEnv({ GLOSS_RENDER_APART_FROM: "0" })).toThrow('GLOSS_RENDER_APART_FROM must be a whole number above 0, got "0"');
  });
});

describe("the site's address from the environment", () => {
  it.each([
    [{}, undefined, undefined],
    [{ GLOSS_SITE_URL: "https://mine.example/" }, "https://mine.example/", "GLOSS_SITE_URL"],
    // GLOSS_SITE_URL wins over any host's variable.
    [{ GLOSS_SITE_URL: "https://mine.example/", NETLIFY: "true", URL: "https://n.example" }, "https://mine.example/", "GLOSS_SITE_URL"],
    [{ NETLIFY: "true", URL: "https://n.netlify.app" }, "https://n.netlify.app", "URL (Netlify)"],
    // URL alone is too common a name: only Netlify's counts.
    [{ URL: "https://somewhere.example" }, undefined, undefined],
    [{ NETLIFY: "false", URL: "https://somewhere.example" }, undefined, undefined],
    [{ CF_PAGES_URL: "https://abc.gloss.pages.dev" }, "https://abc.gloss.pages.dev", "CF_PAGES_URL (Cloudflare Pages)"],
    [{ NETLIFY: "true", URL: "https://n.example", CF_PAGES_URL: "https://c.example" }, "https://n.example", "URL (Netlify)"],
    [{ VERCEL_PROJECT_PRODUCTION_URL: "gloss.vercel.app" }, "https://gloss.vercel.app", "VERCEL_PROJECT_PRODUCTION_URL (Vercel)"],
    [{ VERCEL_PROJECT_PRODUCTION_URL: "https://gloss.vercel.app" }, "https://gloss.vercel.app", "VERCEL_PROJECT_PRODUCTION_URL (Vercel)"],
    [{ CF_PAGES_URL: "https://c.example", VERCEL_PROJECT_PRODUCTION_URL: "v.example" }, "https://c.example", "CF_PAGES_URL (Cloudflare Pages)"],
    [{ GLOSS_SITE_URL: "" , CF_PAGES_URL: "https://c.example" }, "https://c.example", "CF_PAGES_URL (Cloudflare Pages)"],
  ])("%j → %s", (vars, url, from) => {
    const env = readEnv(vars);
    expect([env.siteUrl, env.siteUrlFrom]).toEqual([url, from]);
  });
});

describe("the pages folder", () => {
  it("sits beside the content folder unless GLOSS_PAGES_DIR names another", () => {
    expect(readEnv({ GLOSS_CONTENT_DIR: "/tmp/x/posts" }).pagesDir).toBe(path.resolve("/tmp/x/pages"));
    expect(readEnv({ GLOSS_CONTENT_DIR: "/tmp/x/posts", GLOSS_PAGES_DIR: "/tmp/y" }).pagesDir).toBe(path.resolve("/tmp/y"));
    const env = readEnv({});
    expect(env.pagesDir).toBe(path.join(env.root, "pages"));
  });
});

describe("the placeholder address warning", () => {
  it.each([
    ["https://gloss.example", true],
    ["https://example.org", false],
    ["https://gloss.example.org", false],
  ])("%s → warns: %s", (origin, warns) => {
    expect(placeholderUrlWarning({ origin }) !== undefined).toBe(warns);
  });
});
