// `npm run new:author` and `npm run new:outlet` on a fixture content folder: each appends one
// entry and leaves every other byte (comments included) as it was, refuses duplicates and bad
// input with one clear line, and what it writes validates once its TODO is filled in.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_AUTHORS, DEFAULT_OUTLETS, makeSite, postFile, runCli, type FixtureSite } from "../helpers/site.ts";

const AUTHORS_WITH_COMMENTS = `# Who writes here.\n${DEFAULT_AUTHORS.replace("  bio: Writes about things.\n", "  bio: Writes about things.   # keep me\n")}`;
const OUTLETS_WITH_COMMENTS = `# Publications.\n${DEFAULT_OUTLETS}# a trailing comment`;

describe("npm run new:author and new:outlet", () => {
  let site: FixtureSite;
  const file = (name: string) => path.join(site.contentDir, "_data", name);
  beforeAll(() => {
    site = makeSite({ "post.md": postFile({ title: "A post" }) }, { authors: AUTHORS_WITH_COMMENTS, outlets: OUTLETS_WITH_COMMENTS });
  });

  it("adds an outlet with its id from the host and its name, keeping the file as it was", async () => {
    const result = await runCli("new-outlet.ts", site, {}, ["https://www.thenation.com/", "--name", "The Nation"]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout.split("\n")[0]).toBe('Added "thenation" to posts/_data/outlets.yaml:10');
    expect(readFileSync(file("outlets.yaml"), "utf8")).toBe(`${OUTLETS_WITH_COMMENTS}\n\nthenation:\n  name: The Nation\n  url: https://www.thenation.com/\n`);
  });

  it("adds an author with what is given, a TODO name otherwise, and an outlet that exists", async () => {
    const full = await runCli("new-author.ts", site, {}, ["jo-writer", "--name", "Jo: Writer", "--url", "https://jo.example/", "--outlet", "thenation", "--bio", "yes"]);
    expect([full.code, full.stderr]).toEqual([0, ""]);
    const bare = await runCli("new-author.ts", site, {}, ["someone"]);
    expect([bare.code, bare.stderr]).toEqual([0, ""]);
    expect(bare.stdout.split("\n")[0]).toBe('Added "someone" to posts/_data/authors.yaml:17');
    expect(readFileSync(file("authors.yaml"), "utf8")).toBe(
      `${AUTHORS_WITH_COMMENTS}\njo-writer:\n  name: 'Jo: Writer'\n  url: https://jo.example/\n  bio: 'yes'\n  outlet: thenation\n\nsomeone:\n  name: TODO   # the name as they sign their posts, or ~ when it is not known\n  # url: their own site, if they have one\n  # bio: one sentence, only what is known\n  # outlet: the id of the outlet they write for, from outlets.yaml\n`,
    );
  });

  it("refuses duplicates, unknown outlets and bad input, and leaves the files alone", async () => {
    const authors = readFileSync(file("authors.yaml"), "utf8");
    const outlets = readFileSync(file("outlets.yaml"), "utf8");
    const cases: [string, string[], string][] = [
      ["new-author.ts", ["ann"], 'posts/_data/authors.yaml already has an author "ann": choose another id, or edit that entry.\n'],
      ["new-author.ts", ["new-one", "--outlet", "nope"], 'No outlet "nope" in posts/_data/outlets.yaml (known: news, blog, thenation): add it with npm run new:outlet first.\n'],
      ["new-author.ts", ["Bad Id"], '"Bad Id" is not an id in lowercase-with-hyphens (e.g. "jane-doe").\nusage: npm run new:author -- <author-id> [--name "Their Name"] [--url <their-site>] [--outlet <outlet-id>] [--bio "One sentence."]\n'],
      ["new-author.ts", ["new-one", "--url", "javascript:alert(1)"], '--url "javascript:alert(1)" is not an absolute http(s) URL.\n'],
      ["new-outlet.ts", ["https://news.example/"], 'posts/_data/outlets.yaml:2 already has this homepage as "news".\n'],
      ["new-outlet.ts", ["https://other.example/", "--id", "blog"], 'posts/_data/outlets.yaml already has an outlet "blog": choose another --id.\n'],
    ];
    for (const [script, args, stderr] of cases) {
      const result = await runCli(script, site, {}, args);
      expect([result.code, result.stdout, result.stderr]).toEqual([1, "", stderr]);
    }
    expect(readFileSync(file("authors.yaml"), "utf8")).toBe(authors);
    expect(readFileSync(file("outlets.yaml"), "utf8")).toBe(outlets);
  });

  it("writes entries validation names until the TODO is filled in", async () => {
    const check = await runCli("check-content.ts", site, {});
    expect([check.code, check.stderr]).toEqual([1, 'Content check failed: 1 content problem\n  posts/_data/authors.yaml:18 › someone.name: expected a display name, or ~ when the name is not known, got "TODO"\n']);
    writeFileSync(file("authors.yaml"), readFileSync(file("authors.yaml"), "utf8").replace("name: TODO", "name: ~"));
    expect((await runCli("check-content.ts", site, {})).code).toBe(0);
  });
});
