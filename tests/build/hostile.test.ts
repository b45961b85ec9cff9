// Hostile input renders harmless; a failed build loses nothing; the same content builds to the
// same bytes; and the CSP check fails a build whose pages the policy would break.
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, buildSite, makeSite, postFile, readPage, runCli, texts, type FixtureSite } from "../helpers/site.ts";
import { makeTempDir } from "../helpers/temp.ts";
import { builtPages, dangers } from "../helpers/hostile.ts";
import { hashTree } from "../helpers/tree.ts";

const HOSTILE = path.join(ROOT, "tests/fixtures/hostile");
const TITLE = "</script><script>alert('title')</script><img src=x onerror=alert('title-img')> javascript:alert('title')";
const TAGS = ["<script>alert('tag')</script>", "javascript:alert('tag')", "\" onmouseover=\"alert('tag')", "data:text/html,<script>alert('tag')</script>"];

export function hostileSite(): FixtureSite {
  const site = makeSite();
  cpSync(HOSTILE, site.contentDir, { recursive: true });
  return site;
}

describe("a site whose every field is hostile", () => {
  let site: FixtureSite;
  let pages: [string, string][];
  beforeAll(async () => {
    site = hostileSite();
    const result = await buildSite(site);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    pages = builtPages(site.outputDir);
  });

  it("builds every page type", () => {
    expect(pages.map(([url]) => url)).toEqual(expect.arrayContaining(["/", "/posts/evil-post/", "/tags/", "/authors/mallory/", "/outlets/evil/", "/sources/evil-story/", "/archive/", "/404.html"]));
  });

  it("has no executable script, handler, style, frame or script-bearing URL on any page", () => {
    const found = Object.fromEntries(pages.map(([url, html]) => [url, dangers(html)]).filter(([, list]) => list!.length > 0));
    expect(found).toEqual({});
  });

  it("shows the hostile text as text: title, tags, author, outlet, source", () => {
    const post = readPage(site, "/posts/evil-post/");
    expect(texts(post, "h1")).toEqual([TITLE]);
    expect(post.querySelector("title")?.textContent).toBe(`${TITLE} · Hostile <script>alert('site')</script> Blog`);
    expect(texts(post, ".chips a")).toEqual(TAGS);
    expect(texts(post, ".byline a")[0]).toBe("Mallory <script>alert('author')</script><img src=x onerror=alert('author-img')>");
    expect(texts(post, ".post-sources cite")).toEqual(["</script><script>alert('source-title')</script> \"><svg/onload=alert('source-title-2')>"]);
    expect(texts(post, ".date-note")).toEqual(["<script>alert('date-note')</script>"]);
    // Attribute values stay inside their attribute.
    expect(post.querySelector(".post-sources cite a")?.getAttribute("href")).toBe("https://evil.example/story?x=\"><script>alert('source-url')</script>&y='onfocus='alert(1)");
  });

  it("escapes raw HTML in Markdown and leaves unsafe links as the text the author wrote", () => {
    const body = readPage(site, "/posts/evil-post/").querySelector(".post-body")!;
    const text = body.textContent ?? "";
    expect(text).toContain("Body text with <script>alert('body')</script> and <img src=x onerror=alert('body-img')>.");
    expect(text).toContain(`<div onclick="alert('div')"><iframe src="javascript:alert('iframe')"></iframe></div>`);
    expect(text).toContain("<style>body { display: none }</style>");
    expect(text).toContain("[javascript link](javascript:alert('link'))");
    expect(text).toContain("[data link](data:text/html;base64,");
    expect(text).toContain("![pic](data:image/svg+xml;base64,");
    expect(text).toContain("![png](data:image/png;base64,iVBORw0KGgo=)");
    expect(text).toContain("[png link](data:image/png;base64,iVBORw0KGgo=)");
    expect(text).toContain("<javascript:alert('autolink')>");
    expect(text).toContain("[reference link][ref]");
    // What is safe still works: an http(s) link keeps its (escaped) title.
    const ok = body.querySelector("a[href='https://ok.example/']");
    expect(ok?.getAttribute("title")).toBe("\" onmouseover=\"alert('title-attr')");
    // The other links are the quotation's caption: the story (escaped) and its page on this site.
    expect([...body.querySelectorAll("a")].map((a) => a.getAttribute("href"))).toEqual([
      "https://ok.example/",
      "https://evil.example/story?x=\"><script>alert('source-url')</script>&y='onfocus='alert(1)",
      "https://archive.example/'><script>alert('archived')</script>",
      "/sources/evil-story/",
    ]);
    expect(body.querySelectorAll("img, script, iframe, div, style")).toHaveLength(0);
  });

  it("keeps tag pages at slugs made of letters and digits", () => {
    const hrefs = [...readPage(site, "/tags/").querySelectorAll("main a")].map((a) => a.getAttribute("href"));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^\/tags\/[a-z0-9-]+\/$/);
  });
});

describe("the CSP check fails a build whose pages the policy would block", () => {
  it("names the page and each inline script, handler and style attribute; the old site stays", async () => {
    // A copy of the project whose 404 layout a theme author has edited: templates live in
    // layouts/ only (the content folder is never rendered: tests/build/content-policy.test.ts).
    const project = makeTempDir("gloss-csp-");
    for (const name of ["package.json", "tsconfig.json", "eleventy.config.ts", "lib", "layouts", "public"]) cpSync(path.join(ROOT, name), path.join(project, name), { recursive: true });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"), "dir");
    const site = makeSite({ "good.md": postFile({ title: "Good" }) });
    const build = () => runCli("build.ts", site, {}, [], project);
    expect((await build()).code).toBe(0);
    const before = hashTree(site.outputDir);
    const layout = path.join(project, "layouts/404.njk");
    writeFileSync(layout, readFileSync(layout, "utf8").replace("</h1>", `</h1><p style="color: red" onclick="go()">Hi</p><script>go()</script><script type="application/ld+json">{}</script>`));
    const result = await build();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("/404.html › csp: inline <script> (4 characters) is blocked by script-src: move it to a file under public/");
    expect(result.stderr).toContain("/404.html › csp: event-handler attribute p[onclick] is blocked by script-src: attach the listener from a script file");
    expect(result.stderr).toContain("/404.html › csp: style= attribute on <p> is blocked by style-src: use a class in public/css/");
    expect(result.stderr).not.toContain("ld+json");
    expect(result.stderr.split("\n").filter((line) => line.startsWith("  /404.html › csp:"))).toHaveLength(3);
    expect(result.stderr).not.toContain("[11ty]");
    expect(result.stderr).not.toContain("    at ");
    expect(hashTree(site.outputDir)).toEqual(before);
  });
});

describe("nothing lost", () => {
  it("a failed build leaves every file of the previous site byte for byte as it was", async () => {
    const site = makeSite({
      "one.md": postFile({ title: "One", tags: ["A"], sources: ["story"] }),
      "two.md": postFile({ title: "Two", date: "2020-01-06", tags: ["A"] }),
    });
    expect((await buildSite(site)).code).toBe(0);
    const before = hashTree(site.outputDir);
    expect(Object.keys(before).length).toBeGreaterThan(10);
    const bytesBefore = Object.fromEntries(Object.keys(before).map((f) => [f, readFileSync(path.join(site.outputDir, f))]));

    // Break a post (and leave a stray file where a half-finished build might have written).
    writeFileSync(path.join(site.contentDir, "two.md"), postFile({ title: "Two", date: "2020-02-30" }));
    mkdirSync(`${site.outputDir}.staging`, { recursive: true });
    writeFileSync(`${site.outputDir}.staging/stray.html`, "half");
    const failed = await buildSite(site);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('posts/two.md:3 › date: expected a real calendar date, got "2020-02-30"');
    expect(hashTree(site.outputDir)).toEqual(before);
    for (const [file, bytes] of Object.entries(bytesBefore)) expect(readFileSync(path.join(site.outputDir, file)).equals(bytes), file).toBe(true);

    // Fixing it publishes the change.
    writeFileSync(path.join(site.contentDir, "two.md"), postFile({ title: "Two, fixed", date: "2020-01-06" }));
    const fixed = await buildSite(site);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(readFileSync(path.join(site.outputDir, "posts/two/index.html"), "utf8")).toContain("Two, fixed");
  });
});

describe("reproducible output", () => {
  it("two clean builds of the same content are byte-identical, file by file", async () => {
    const files = {
      "one.md": postFile({ title: "One", tags: ["A", "B"], sources: ["story"], body: "Words.\n\n> [!quote story]\n> Quoted." }),
      "two.md": postFile({ title: "Two", date: "2020-01-06", tags: ["A"], author: "anon" }),
    };
    const first = makeSite(files);
    expect((await buildSite(first)).code).toBe(0);
    const hashes = hashTree(first.outputDir);
    rmSync(first.outputDir, { recursive: true });
    // Same content, another folder, another clock: nothing of either may leak into the output.
    const second = makeSite(files);
    expect((await buildSite(second, { GLOSS_NOW: "2026-06-30T23:59:59Z", TZ: "UTC" })).code).toBe(0);
    expect((await buildSite(first, { TZ: "Asia/Tokyo" })).code).toBe(0);
    expect(Object.keys(hashes)).toEqual(expect.arrayContaining(["index.html", "_headers", "posts/one/index.html", "css/gloss.css"]));
    expect(hashTree(second.outputDir)).toEqual(hashes);
    expect(hashTree(first.outputDir)).toEqual(hashes);
    expect(parseHTML(readFileSync(path.join(first.outputDir, "index.html"), "utf8")).document.querySelector("h1")).not.toBeNull();
  });
});
