// The page-kinds table against a real build: every route the table declares is built, and
// every file the build writes belongs to a page kind (or is a copied asset, the search index,
// an image or share card the media stage made for the pages, or the host's `_headers`). A page kind added without a template, or a template writing a page
// the table does not know, fails here.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readEnv } from "../../lib/core/env.ts";
import { listFiles } from "../../lib/checks/built-site.ts";
import { PAGE_KINDS } from "../../lib/outputs/page-kinds.ts";
import { loadBuild, type GlossData } from "../../lib/pipeline/load.ts";
import { mediaJobs } from "../../lib/pipeline/media.ts";
import { planFiles } from "../../lib/markdown/image-plan.ts";
import { fixtureFiles, fixtureRegistries } from "../helpers/many-posts.ts";
import { ROOT, buildSite, makeSite, type FixtureSite } from "../helpers/site.ts";

const NOW = "2026-01-01T12:00:00Z";

/** `/tags/x/` → `/tags/x/index.html`; `/feed.xml` as it is. */
const fileOf = (url: string) => (url.endsWith("/") ? `${url}index.html` : url);

describe("the page-kinds table", () => {
  let site: FixtureSite;
  let data: GlossData;
  let built: Set<string>;
  beforeAll(async () => {
    // With a standalone page (pages/ beside posts/), linked from the footer so it can be reached,
    // and a post with an old address (a redirect page).
    const page = "---\ntitle: About\ndescription: About the browse fixture.\n---\n\nWords.\n";
    const registries = fixtureRegistries();
    const files = fixtureFiles();
    const [first] = Object.keys(files).sort().filter((name) => !/^draft: true$/m.test(files[name]!));
    files[first!] = files[first!]!.replace(/^---\n/, "---\naliases: [/old/address/]\n");
    site = makeSite({ ...files, "../pages/about.md": page }, { ...registries, site: `${registries.site}nav:\n  footer: [about]\n` });
    const result = await buildSite(site, { GLOSS_NOW: NOW });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    data = loadBuild({ ...readEnv({ GLOSS_CONTENT_DIR: site.contentDir, GLOSS_NOW: NOW }), mode: "build" });
    built = listFiles(site.outputDir);
  });

  it("names each kind once, with its own template", () => {
    const names = PAGE_KINDS.map((kind) => kind.name);
    expect(new Set(names).size).toBe(names.length);
    // Each kind is a layout, or plain text written as is; never both, never neither.
    for (const kind of PAGE_KINDS) expect(kind.text ? kind.template : listFiles(path.join(ROOT, "layouts")).has(`/${kind.template}`), kind.name).toBe(kind.text ? undefined : true);
  });

  it("builds every route of every kind, and the fixture has pages of every kind", () => {
    for (const kind of PAGE_KINDS) {
      const urls = (kind.items ? data.kinds[kind.name]! : [undefined]).map((item) => kind.url(item));
      expect(urls.length, `${kind.name} has no page in the fixture`).toBeGreaterThan(0);
      const missing = urls.filter((url) => !built.has(fileOf(url)));
      expect(missing, `${kind.name}: routes not built`).toEqual([]);
    }
  });

  it("writes no file that is not a page of some kind, a copied asset, the search index, a declared image or _headers", () => {
    const routes = new Set(PAGE_KINDS.flatMap((kind) => (kind.items ? data.kinds[kind.name]! : [undefined]).map((item) => fileOf(kind.url(item)))));
    const assets = listFiles(path.join(ROOT, "public"));
    const jobs = mediaJobs(data.posts, data.meta);
    const media = new Set([...jobs.cards.keys(), ...[...jobs.images.values()].flatMap((plan) => planFiles(plan).map((f) => f.url))]);
    expect(media.size).toBeGreaterThan(0);
    const stray = [...built].filter((file) => !routes.has(file) && !assets.has(file) && !media.has(file) && !file.startsWith("/pagefind/") && file !== "/_headers");
    expect(stray).toEqual([]);
    expect([...media].filter((file) => !built.has(file))).toEqual([]);
  });

  it("gives every HTML page its metadata from the table, and lists exactly the sitemap kinds' pages", () => {
    const html = [...built].filter((file) => file.endsWith(".html")).map((file) => file.replace(/index\.html$/, ""));
    // Kinds declared without metadata (a redirect page: no site frame, noindex) are the exceptions.
    const bare = new Set(PAGE_KINDS.filter((kind) => !kind.meta).flatMap((kind) => (kind.items ? data.kinds[kind.name]! : [undefined]).map((item) => kind.url(item))));
    expect([...bare]).toContain("/old/address/");
    expect(html.filter((url) => !data.meta.has(url) && !bare.has(url))).toEqual([]);
    const listed = PAGE_KINDS.filter((kind) => kind.sitemap).flatMap((kind) => (kind.items ? data.kinds[kind.name]! : [undefined]).map((item) => kind.url(item)));
    expect([...data.meta].filter(([, meta]) => meta.listed).map(([url]) => url)).toEqual(listed);
  });
});
