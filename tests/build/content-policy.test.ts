// The content folder is data only, read within bounds: what Eleventy would once have rendered or
// run from posts/ is refused by name and does nothing; posts and registries are read only as
// regular files inside the project, at most 50 MB (lib/content/policy.ts, lib/content/files.ts).
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gloss, type EleventyConfig } from "../../eleventy.config.ts";
import { readEnv } from "../../lib/core/env.ts";
import { OneBuild } from "../../lib/pipeline/load.ts";
import { DEFAULT_SITE, buildSite, makeSite, postFile, readPage } from "../helpers/site.ts";
import { makeTempDir } from "../helpers/temp.ts";

const SETTINGS_HINT = "copy the file in, or set followSymlinksOutside: true in the settings (_data/site.yaml) to follow links out of the project";

describe("Eleventy's input", () => {
  it("is layouts/, with every file there ignored as a page: never the content folder", () => {
    const env = readEnv({ GLOSS_CONTENT_DIR: "/somewhere/posts" });
    const calls: Record<string, string[]> = {};
    const record = (name: string) => (value: unknown) => void (calls[name] ??= []).push(String(value));
    const ignores = new Set<string>();
    const config = new Proxy({ ignores } as unknown as EleventyConfig, {
      get: (target, key) => (key === "ignores" ? ignores : key in target ? target[key as keyof EleventyConfig] : record(String(key))),
    });
    gloss(config, { env, content: new OneBuild(() => { throw new Error("not loaded"); }), pathPrefix: "/" });
    const layouts = path.relative(env.cwd, env.layoutsDir) || ".";
    expect(calls.setInputDirectory).toEqual([layouts]);
    expect(calls.setIncludesDirectory).toEqual([""]);
    expect([...ignores]).toEqual([`${layouts}/**`]);
    expect(JSON.stringify(calls)).not.toContain("somewhere");
  });
});

describe("the content folder holds data only", { timeout: 300_000 }, () => {
  it("a template, a data script and a JSON data file are refused by name, and none of them runs or writes", async () => {
    const site = makeSite({ "good.md": postFile({ title: "Good" }) });
    const marker = path.join(site.dir, "script-ran.txt");
    const escaped = path.resolve(site.outputDir, "../../x.html");
    writeFileSync(path.join(site.contentDir, "widget.njk"), `---\npermalink: "../../x.html"\n---\n<p>outside</p>\n`);
    writeFileSync(path.join(site.contentDir, "_data/x.js"), `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran");\nmodule.exports = {};\n`);
    writeFileSync(path.join(site.contentDir, "_data/gloss.json"), `{ "posts": [] }\n`);
    const result = await buildSite(site);
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n").slice(0, 4)).toEqual([
      "Build failed: 3 content problems",
      "  posts/_data/gloss.json: expected a registry or the settings as YAML (*.yaml), got a .json file (write it as YAML in a .yaml file; Gloss reads no other data format)",
      "  posts/_data/x.js: expected a registry or the settings as YAML (*.yaml), got a .js file (Gloss runs no code from the content folder: remove it)",
      "  posts/widget.njk: expected a post (*.md), an image next to posts or the _data folder of registries, got a .njk file (templates belong in layouts/; Gloss renders nothing from the content folder)",
    ]);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(escaped)).toBe(false);
    expect(existsSync(site.outputDir)).toBe(false);
  });

  it("allows images next to posts, YAML registries it does not know yet, and editor and system files", async () => {
    const site = makeSite({
      "good.md": postFile({ title: "Good" }),
      "chart.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      "photo.JPG": new Uint8Array([0xff, 0xd8]),
      "diagram.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
      ".DS_Store": "x",
      "good.md~": "an editor's backup",
      ".good.md.swp": "vim",
      "_data/reading-list.yaml": "story:\n  note: read later\n",
    });
    const result = await buildSite(site);
    expect(result.stderr).not.toContain("expected");
    expect(result.code).toBe(0);
    expect(readPage(site, "/posts/good/").querySelector("h1")?.textContent).toBe("Good");
  });
});

describe("reads are bounded", { timeout: 300_000 }, () => {
  /** A post in a folder of its own next to the site: outside the project. */
  function outsidePost(title: string): string {
    const elsewhere = makeTempDir("gloss-elsewhere-");
    const file = path.join(elsewhere, "outside.md");
    writeFileSync(file, postFile({ title }));
    return file;
  }

  it("a link to a post outside the project is refused, and followed once the settings allow it", async () => {
    const target = outsidePost("From outside");
    const site = makeSite({ "good.md": postFile({ title: "Good" }) });
    symlinkSync(target, path.join(site.contentDir, "linked.md"));
    const refused = await buildSite(site);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`  posts/linked.md: expected a file inside the project, got a symbolic link to ${target}, outside the project folder (${SETTINGS_HINT})\n`);
    expect(existsSync(site.outputDir)).toBe(false);

    writeFileSync(path.join(site.contentDir, "_data/site.yaml"), `${DEFAULT_SITE}followSymlinksOutside: true\n`);
    const allowed = await buildSite(site);
    expect(allowed.code).toBe(0);
    expect(readPage(site, "/posts/linked/").querySelector("h1")?.textContent).toBe("From outside");
  });

  it("a link inside the project is followed", async () => {
    const site = makeSite({ "good.md": postFile({ title: "Good" }) });
    mkdirSync(path.join(site.dir, "shared"));
    writeFileSync(path.join(site.dir, "shared/inside.md"), postFile({ title: "Shared inside" }));
    symlinkSync("../shared/inside.md", path.join(site.contentDir, "inside.md"));
    expect((await buildSite(site)).code).toBe(0);
    expect(readPage(site, "/posts/inside/").querySelector("h1")?.textContent).toBe("Shared inside");
  });

  it("a link to /dev/zero is refused without being read, even when links may leave the project", async () => {
    const site = makeSite({ "good.md": postFile({ title: "Good" }) }, { site: `${DEFAULT_SITE}followSymlinksOutside: true\n` });
    symlinkSync("/dev/zero", path.join(site.contentDir, "zero.md"));
    const result = await buildSite(site);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("  posts/zero.md: expected a regular file, got a device, pipe or socket, through a symbolic link to /dev/zero\n");
  });

  it("a registry or the settings linked from outside the project are refused by name", async () => {
    const elsewhere = makeTempDir("gloss-elsewhere-");
    writeFileSync(path.join(elsewhere, "authors.yaml"), "ann:\n  name: Ann\n");
    const site = makeSite({ "good.md": postFile({ title: "Good" }) });
    const authors = path.join(site.contentDir, "_data/authors.yaml");
    rmSync(authors);
    symlinkSync(path.join(elsewhere, "authors.yaml"), authors);
    const registry = await buildSite(site);
    expect(registry.code).toBe(1);
    expect(registry.stderr).toContain(`  posts/_data/authors.yaml: expected a file inside the project, got a symbolic link to ${path.join(elsewhere, "authors.yaml")}, outside the project folder (${SETTINGS_HINT})\n`);

    const settings = path.join(site.contentDir, "_data/site.yaml");
    writeFileSync(path.join(elsewhere, "site.yaml"), readFileSync(settings));
    rmSync(settings);
    symlinkSync(path.join(elsewhere, "site.yaml"), settings);
    const site2 = await buildSite(site);
    expect(site2.code).toBe(1);
    expect(site2.stderr).toContain(`  posts/_data/site.yaml: expected a file inside the project, got a symbolic link to ${path.join(elsewhere, "site.yaml")}, outside the project folder (${SETTINGS_HINT})\n`);
  });

  it("a post over 50 MB is refused by name, unread", async () => {
    const site = makeSite({ "good.md": postFile({ title: "Good" }), "huge.md": postFile({ title: "Huge" }) });
    // Sparse: 51 MB on paper, a few bytes on disk.
    truncateSync(path.join(site.contentDir, "huge.md"), 51 * 1024 * 1024);
    const result = await buildSite(site);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("  posts/huge.md: expected a file of at most 50 MB, got 51 MB (split it, or keep large files out of the content folder)\n");
  });
});
