// Warm production builds (lib/pipeline/warm.ts): after an edit, `npm run build` renders only the
// pages the edit changed and carries the others over from the build before, kept in the cache
// folder. After each kind of edit, the warm build's site must be byte for byte what a cold build
// (no previous site, no cache folder) writes of the same content; a failed warm build leaves the
// previous site as it was, even though the pages it carried are hard links to that site's files;
// a record that does not check out is ignored; a restored cache folder is enough. An archive
// growing to CARD_GLYPHS_FROM posts has its cards drawn anew in the other style, and every page
// naming one rendered again.
import { createHash } from "node:crypto";
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { writeCorpus } from "../../lib/cli/bench-gen.ts";
import { CARD_GLYPHS_FROM } from "../../lib/outputs/cards.ts";
import { SNAPSHOT_VERSION, keptFile } from "../../lib/pipeline/build-record.ts";
import { EMPTIED_MARK } from "../../lib/pipeline/swap.ts";
import { DEFAULT_AUTHORS, DEFAULT_SITE, buildSite, makeSite, postFile, type FixtureSite } from "../helpers/site.ts";
import { makeTempDir } from "../helpers/temp.ts";
import { folderTree, hashTree } from "../helpers/tree.ts";

const AUTHORS = `${DEFAULT_AUTHORS}bob:
  name: Bob Writer
  url: https://bob.example/
`;
const POSTS: Record<string, string> = {
  "alpha.md": postFile({ title: "Alpha", date: "2020-01-05", tags: ["North Korea"], body: "> [!quote story]\n> A quoted line.\n\nAlpha's commentary on walruses." }),
  "bravo.md": postFile({ title: "Bravo", date: "2020-02-05", tags: ["Sanctions"], body: "Bravo's commentary on pelicans." }),
  "charlie.md": postFile({ title: "Charlie", date: "2020-03-05", author: "bob", tags: ["North Korea"], body: "> [!quote other-story]\n> Another line.\n\nCharlie's commentary on otters." }),
  "delta.md": postFile({ title: "Delta", date: "2020-03-20", tags: ["Sanctions", "Summits"], body: "Delta's commentary on herons." }),
  "echo.md": postFile({ title: "Echo", date: "2020-04-05", author: "bob", tags: ["Summits"], body: "> [!quote story]\n> A quoted line.\n\nEcho's commentary on ibises." }),
  "foxtrot.md": postFile({ title: "Foxtrot", date: "2020-05-05", tags: ["North Korea"], body: "Foxtrot's commentary on cranes." }),
};
/** Two posts a listing page and a search shard: pagination and shards both move with the edits. */
const SITE = DEFAULT_SITE.replace("pageSize: 10", "pageSize: 2");
const ENV = { GLOSS_SEARCH_SHARD_SIZE: "2", GLOSS_NOW: "2021-01-01T00:00:00Z" };
const CARRIED = /\[gloss\] (\d+) of (\d+) pages rendered, (\d+) carried over from the last build/;
/** The post bodies (their Markdown's render) taken from the build before (lib/pipeline/render-store.ts). */
const BODIES = /\[gloss\] post bodies: (\d+) of (\d+) unchanged, taken from the cache/;

// Rendered in the build's own process, as a small site is, and in a rendering process of its own,
// as a large one is (GLOSS_RENDER_APART_FROM), whose warm build starts on the search index while
// that process records the build.
describe.each([
  ["in the build's own process", {}],
  ["in a rendering process of its own", { GLOSS_RENDER_APART_FROM: "1" }],
])("a warm npm run build after each kind of edit, rendered %s", (_, apart: Record<string, string>) => {
  let site: FixtureSite;
  let env: Record<string, string> = { ...ENV, ...apart };
  const post = (name: string) => path.join(site.contentDir, name);
  const rewrite = (name: string, from: string, to: string) => {
    const text = readFileSync(post(name), "utf8");
    expect(text).toContain(from);
    writeFileSync(post(name), text.replace(from, to));
  };
  beforeAll(async () => {
    site = makeSite(POSTS, { site: SITE, authors: AUTHORS });
    const first = await buildSite(site, env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).not.toMatch(CARRIED);
  });

  // Each edit, then the warm build (the output and cache folders kept), and a cold one of the
  // same content. Edits that touch different pages share a step (each step is two builds).
  // `carried`: whether pages are carried over (false: every page is rendered).
  const edits: [string, () => void, { carried: boolean; env?: Record<string, string> }][] = [
    ["the text of a post", () => rewrite("bravo.md", "pelicans", "cormorants"), { carried: true }],
    [
      "a post's title (its neighbours and listings name it) and another's author",
      () => {
        rewrite("charlie.md", 'title: "Charlie"', 'title: "Charles"');
        rewrite("foxtrot.md", "author: ann", "author: [bob, ann]");
      },
      { carried: true },
    ],
    [
      "a post's tags, and another's date (it moves to another month, and among its neighbours)",
      () => {
        rewrite("delta.md", '["Sanctions","Summits"]', '["Summits","Walruses"]');
        rewrite("bravo.md", "2020-02-05", "2020-04-20");
      },
      { carried: true },
    ],
    [
      "the story a post quotes, and old addresses added to another",
      () => {
        rewrite("echo.md", "[!quote story]", "[!quote other-story]");
        rewrite("foxtrot.md", "tags:", "aliases: [/2020/05/foxtrot/]\ntags:");
      },
      { carried: true },
    ],
    [
      "a deleted post (the only post of its month), and a new post, the newest",
      () => {
        unlinkSync(post("alpha.md"));
        writeFileSync(post("golf.md"), postFile({ title: "Golf", date: "2020-06-05", tags: ["Cranes"], body: "Golf's commentary on storks." }));
      },
      { carried: true },
    ],
    [
      "a post made a draft, and a scheduled post (not shown yet)",
      () => {
        rewrite("charlie.md", "author: bob", "author: bob\ndraft: true");
        writeFileSync(post("hotel.md"), postFile({ title: "Hotel", date: "2021-06-05", tags: ["Summits"], body: "Hotel's commentary." }));
      },
      { carried: true },
    ],
    ["the scheduled post's time came", () => undefined, { carried: true, env: { GLOSS_NOW: "2021-07-01T00:00:00Z" } }],
    ["a registry entry (an author's name)", () => writeFileSync(path.join(site.contentDir, "_data/authors.yaml"), AUTHORS.replace("Bob Writer", "Robert Writer")), { carried: false }],
  ];
  it.each(edits)("after %s", async (what, edit, expected) => {
    edit();
    env = { ...env, ...expected.env };
    // Side by side: the two builds share nothing but the content folder, which they only read.
    const [warm, cold] = await Promise.all([buildSite(site, env), coldBuild(site, env)]);
    expect(warm.code, warm.stderr).toBe(0);
    expect(cold.code, cold.stderr).toBe(0);
    const carried = CARRIED.exec(warm.stdout);
    if (expected.carried) {
      expect(carried, warm.stdout).not.toBeNull();
      // Some pages rendered (on this small site with two posts a page, up to half of them), the rest carried over.
      expect(Number(carried![1])).toBeGreaterThan(0);
      expect(Number(carried![3])).toBeGreaterThan(0);
    } else expect(warm.stdout).not.toMatch(CARRIED);
    expect(cold.stdout).not.toMatch(CARRIED);
    // The bodies of the posts not edited are not rendered again, unless what every render reads changed.
    const bodies = BODIES.exec(warm.stdout);
    if (expected.carried) expect(Number(bodies?.[1]), warm.stdout).toBeGreaterThan(0);
    else expect(warm.stdout).not.toMatch(BODIES);
    if (what === "the text of a post") expect(Number(bodies![1])).toBe(Number(bodies![2]) - 1);
    expect(cold.stdout).not.toMatch(BODIES);
    // The search shards of the posts not shown on changed pages come from the cache.
    if (what === "the text of a post") expect(warm.stdout).toContain("[gloss] search index: 2 of 3 shard(s) unchanged, taken from the cache");
    expect(hashTree(site.outputDir), what).toEqual(hashTree(cold.outputDir));
    // The folders too (a warm build makes the last build's ahead: a deleted post's is not left).
    expect(folderTree(site.outputDir), what).toEqual(folderTree(cold.outputDir));
  });
});

/** A cold build of the site's content (no previous site, no cache folder): how it ended, and its output folder. */
async function coldBuild(site: FixtureSite, env: Record<string, string> = ENV): Promise<Awaited<ReturnType<typeof buildSite>> & { outputDir: string }> {
  const outputDir = path.join(makeTempDir("gloss-warm-cold-"), "_site");
  return { ...(await buildSite(site, { ...env, GLOSS_OUTPUT_DIR: outputDir, GLOSS_CACHE_DIR: makeTempDir("gloss-warm-empty-") })), outputDir };
}

/** A cold build of the site's content: its files' hashes. */
async function coldTree(site: FixtureSite, env: Record<string, string> = ENV): Promise<Record<string, string>> {
  const cold = await coldBuild(site, env);
  expect(cold.code, cold.stderr).toBe(0);
  return hashTree(cold.outputDir);
}

/** The warm build after a failed one (the fault put right) and a cold one, side by side: the warm build carries pages over, and writes the cold one's site. */
async function expectWarmAsCold(site: FixtureSite): Promise<void> {
  const [warm, cold] = await Promise.all([buildSite(site, ENV), coldTree(site)]);
  expect(warm.code, warm.stderr).toBe(0);
  expect(warm.stdout).toMatch(CARRIED);
  expect(hashTree(site.outputDir)).toEqual(cold);
}

describe("a warm build that fails", () => {
  it("leaves the previous site as it was, byte for byte, though its pages were linked into the new one", async () => {
    const site = makeSite(POSTS, { site: SITE, authors: AUTHORS });
    expect((await buildSite(site, ENV)).code).toBe(0);
    const before = hashTree(site.outputDir);
    // Renders bravo's page and its neighbours again, then fails the links check.
    appendFileSync(path.join(site.contentDir, "bravo.md"), "\nSee [this](/posts/no-such-post/).\n");
    const failed = await buildSite(site, ENV);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(CARRIED);
    expect(failed.stderr).toContain("/posts/no-such-post/");
    expect(hashTree(site.outputDir)).toEqual(before);
    // Fixed: the next build plans against the last good one.
    writeFileSync(path.join(site.contentDir, "bravo.md"), POSTS["bravo.md"]!.replace("pelicans", "puffins"));
    await expectWarmAsCold(site);
  });
});

describe("a warm build's checks", () => {
  it("read the pages it carries over too: an edit that takes away what a carried page links to fails the build, as it fails a cold one; put back, the build is the cold one's", async () => {
    const linking = { ...POSTS, "foxtrot.md": POSTS["foxtrot.md"]!.replace("Foxtrot's commentary on cranes.", "Foxtrot's commentary on cranes, after [Bravo's](/posts/bravo/#on-pelicans).") };
    const withHeading = POSTS["bravo.md"]!.replace("Bravo's commentary on pelicans.", "## On pelicans\n\nBravo's commentary on pelicans.");
    const site = makeSite({ ...linking, "bravo.md": withHeading }, { site: SITE, authors: AUTHORS });
    expect((await buildSite(site, ENV)).code).toBe(0);
    const before = hashTree(site.outputDir);
    // Bravo's text only: its page and the pages listing it are rendered again, foxtrot's carried over.
    writeFileSync(path.join(site.contentDir, "bravo.md"), withHeading.replace("## On pelicans", "## On puffins"));
    const [failed, cold] = await Promise.all([buildSite(site, ENV), coldBuild(site)]);
    const problem = '/posts/foxtrot/ › links: link a[href]="/posts/bravo/#on-pelicans" points to #on-pelicans, but /posts/bravo/ has no element with that id';
    expect(cold.code).toBe(1);
    expect(cold.stderr).toContain(problem);
    expect(failed.code).toBe(1);
    const carried = CARRIED.exec(failed.stdout);
    expect(carried, failed.stdout).not.toBeNull();
    expect(Number(carried![1])).toBeLessThan(Number(carried![2]));
    expect(failed.stderr).toContain(problem);
    expect(hashTree(site.outputDir)).toEqual(before);
    writeFileSync(path.join(site.contentDir, "bravo.md"), withHeading.replace("pelicans.", "pelicans and puffins."));
    await expectWarmAsCold(site);
  });
});

describe("the folders of the site before the last", () => {
  it("are emptied in the background and taken by the next build as its staging folder, cleared of what is not its own: the site is what a cold build writes", async () => {
    const site = makeSite(POSTS, { site: SITE, authors: AUTHORS });
    expect((await buildSite(site, ENV)).code).toBe(0);
    appendFileSync(path.join(site.contentDir, "bravo.md"), "\nMore on pelicans.\n");
    expect((await buildSite(site, ENV)).code).toBe(0);
    // The first site, handed over by the second build's swap: its folders, none of its files.
    const build = path.join(site.dir, ".cache", "build");
    const keepAs = path.join(build, readdirSync(build)[0]!, "site-folders");
    await vi.waitFor(() => expect(existsSync(path.join(keepAs, EMPTIED_MARK))).toBe(true), { timeout: 60_000, interval: 100 });
    const files = readdirSync(keepAs, { recursive: true, withFileTypes: true }).filter((entry) => !entry.isDirectory());
    expect(files.map((entry) => entry.name)).toEqual([EMPTIED_MARK]);
    expect(folderTree(keepAs)).toEqual(folderTree(site.outputDir));
    // What the next build did not put there: a file in a page's folder, a folder no page is in.
    const [page] = readdirSync(path.join(keepAs, "posts"));
    writeFileSync(path.join(keepAs, "posts", page!, "stray.html"), "<p>not this build's</p>");
    mkdirSync(path.join(keepAs, "posts", "no-such-post"));
    writeFileSync(path.join(keepAs, "stray.txt"), "not this build's");
    const posts = statSync(path.join(keepAs, "posts")).ino;
    appendFileSync(path.join(site.contentDir, "bravo.md"), "\nAnd on puffins.\n");
    const [warm, cold] = await Promise.all([buildSite(site, ENV), coldBuild(site)]);
    expect(warm.code, warm.stderr).toBe(0);
    expect(cold.code, cold.stderr).toBe(0);
    expect(warm.stdout).toMatch(CARRIED);
    // Taken: the site's folders are those handed over.
    expect(statSync(path.join(site.outputDir, "posts")).ino).toBe(posts);
    expect(hashTree(site.outputDir)).toEqual(hashTree(cold.outputDir));
    expect(folderTree(site.outputDir)).toEqual(folderTree(cold.outputDir));
  });
});

describe("the record of the last build", () => {
  const cacheOf = (site: FixtureSite) => path.join(site.dir, ".cache");
  const recordOf = (site: FixtureSite) => {
    const dir = path.join(cacheOf(site), "build");
    const [folder] = readdirSync(dir);
    return path.join(dir, folder!, "snapshot.json");
  };

  it("is ignored, and said to be, when it is damaged or of another version; every page is rendered", async () => {
    const site = makeSite(POSTS, { site: SITE, authors: AUTHORS });
    expect((await buildSite(site, ENV)).code).toBe(0);
    const record = recordOf(site);
    // One character of the body changed: its digest no longer matches.
    writeFileSync(record, readFileSync(record, "utf8").replace(`"version":${SNAPSHOT_VERSION}`, `"version":${SNAPSHOT_VERSION + 1}`));
    const damaged = await buildSite(site, ENV);
    expect(damaged.code, damaged.stderr).toBe(0);
    expect(damaged.stdout).toContain("every page rendered: the record of the last build is damaged (ignored)");
    // Another version, its digest made to match.
    const body = readFileSync(record, "utf8").split("\n").slice(1).join("\n").replace(`"version":${SNAPSHOT_VERSION}`, '"version":0');
    writeFileSync(record, `${createHash("sha256").update(body).digest("hex")}\n${body}`);
    const [foreign, cold] = await Promise.all([buildSite(site, ENV), coldTree(site)]);
    expect(foreign.code, foreign.stderr).toBe(0);
    expect(foreign.stdout).toContain("every page rendered: the record of the last build is from another version (ignored)");
    expect(hashTree(site.outputDir)).toEqual(cold);
    // A file name that leaves the record's folder (a build deletes the files a record names that
    // are gone): the record is not used, and the file it names is left alone.
    const victim = path.join(site.dir, "victim.txt");
    writeFileSync(victim, "keep me");
    const sound = readFileSync(record, "utf8").split("\n").slice(1).join("\n");
    const escaping = sound.replace(/"files":\[\["[^"]+"/, '"files":[["../../../../victim.txt"');
    expect(escaping).not.toBe(sound);
    writeFileSync(record, `${createHash("sha256").update(escaping).digest("hex")}\n${escaping}`);
    const escaped = await buildSite(site, ENV);
    expect(escaped.code, escaped.stderr).toBe(0);
    expect(escaped.stdout).toContain("every page rendered: the record of the last build is from another version (ignored)");
    expect(readFileSync(victim, "utf8")).toBe("keep me");
  });

  it("takes no post body or front matter from files that do not check out, says so, and writes them anew", async () => {
    const site = makeSite(POSTS, { site: SITE, authors: AUTHORS });
    expect((await buildSite(site, ENV)).code).toBe(0);
    const renders = path.join(path.dirname(recordOf(site)), "renders.bin");
    const bytes = readFileSync(renders);
    // One byte of its index (the last build's renders are listed after them).
    const at = bytes.lastIndexOf("posts/") + 1;
    bytes[at] = bytes[at]! ^ 1;
    writeFileSync(renders, bytes);
    // One post's title in the front matter kept (its digest no longer checks out).
    const frontMatter = path.join(path.dirname(recordOf(site)), "front-matter.json");
    const kept = readFileSync(frontMatter, "utf8");
    expect(kept).toContain('"title":"');
    writeFileSync(frontMatter, kept.replace('"title":"', '"title":"X'));
    appendFileSync(path.join(site.contentDir, "foxtrot.md"), "\nOne more line.\n");
    const [warm, cold] = await Promise.all([buildSite(site, ENV), coldTree(site)]);
    expect(warm.code, warm.stderr).toBe(0);
    expect(warm.stdout).toContain("[gloss] post bodies: the renders kept by the last build are damaged (ignored)");
    expect(warm.stdout).toContain("[gloss] front matter: the posts kept by the last build are damaged (ignored)");
    expect(warm.stdout).not.toMatch(BODIES);
    expect(warm.stdout).toMatch(CARRIED);
    expect(hashTree(site.outputDir)).toEqual(cold);
    appendFileSync(path.join(site.contentDir, "foxtrot.md"), "\nAnd one more.\n");
    const next = await buildSite(site, ENV);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toMatch(BODIES);
    expect(next.stdout).not.toContain("front matter:");
  });

  it("renders the bodies of posts it did not open, from their files, when the renders kept are gone: the site is what a cold build writes", async () => {
    const site = makeSite(POSTS, { site: SITE, authors: AUTHORS });
    expect((await buildSite(site, ENV)).code).toBe(0);
    // The front matter kept names every post file as it is: none is opened until its body is asked for.
    rmSync(path.join(path.dirname(recordOf(site)), "renders.bin"));
    appendFileSync(path.join(site.contentDir, "foxtrot.md"), "\nOne more line.\n");
    const [warm, cold] = await Promise.all([buildSite(site, ENV), coldTree(site)]);
    expect(warm.code, warm.stderr).toBe(0);
    expect(warm.stdout).not.toMatch(BODIES);
    expect(warm.stdout).not.toContain("front matter:");
    expect(warm.stdout).toMatch(CARRIED);
    expect(hashTree(site.outputDir)).toEqual(cold);
  });

  it("carries over only files still as it names them: a page changed by hand is rendered again; a build into another folder renders every page", async () => {
    const site = makeSite(POSTS, { site: SITE, authors: AUTHORS });
    expect((await buildSite(site, ENV)).code).toBe(0);
    // Written in place: the kept file (the same inode) changes with it.
    writeFileSync(path.join(site.outputDir, "tags/sanctions/index.html"), "<p>changed by hand</p>");
    appendFileSync(path.join(site.contentDir, "foxtrot.md"), "\nOne more line.\n");
    const [warm, cold] = await Promise.all([buildSite(site, ENV), coldTree(site)]);
    expect(warm.code, warm.stderr).toBe(0);
    expect(warm.stdout).toMatch(CARRIED);
    expect(hashTree(site.outputDir)).toEqual(cold);
    // Without the list of kept files the record writes beside it (lib/pipeline/kept-ahead.ts),
    // and with it from another build: the plan looks at each file itself.
    const list = path.join(path.dirname(recordOf(site)), "kept.json");
    const older = readFileSync(list);
    for (const [page, change] of [["tags/summits/index.html", () => rmSync(list)], ["authors/bob/index.html", () => writeFileSync(list, older)]] as const) {
      change();
      writeFileSync(path.join(site.outputDir, page), "<p>changed by hand</p>");
      appendFileSync(path.join(site.contentDir, "foxtrot.md"), `\nA line without ${page}.\n`);
      const [again, coldAgain] = await Promise.all([buildSite(site, ENV), coldTree(site)]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(CARRIED);
      expect(hashTree(site.outputDir)).toEqual(coldAgain);
    }
    const other = await buildSite(site, { ...ENV, GLOSS_OUTPUT_DIR: path.join(site.dir, "elsewhere") });
    expect(other.code, other.stderr).toBe(0);
    expect(other.stdout).not.toMatch(CARRIED);
  });

  it("replaces a kept file it does not list (one a build that failed after writing its record left behind) with the page written now", async () => {
    const site = makeSite(POSTS, { site: SITE, authors: AUTHORS });
    expect((await buildSite(site, ENV)).code).toBe(0);
    const stray = keptFile(path.join(path.dirname(recordOf(site)), "site"), "posts/golf/index.html");
    mkdirSync(path.dirname(stray), { recursive: true });
    writeFileSync(stray, "<p>left by a failed build</p>");
    writeFileSync(path.join(site.contentDir, "golf.md"), postFile({ title: "Golf", date: "2020-06-05", tags: ["Cranes"], body: "Golf's commentary on storks." }));
    const built = await buildSite(site, ENV);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(CARRIED);
    // The kept file is the page in the site now: the same file, not the stray one.
    expect(statSync(stray).ino).toBe(statSync(path.join(site.outputDir, "posts", "golf", "index.html")).ino);
    expect(readFileSync(stray, "utf8")).toContain("Golf's commentary on storks.");
  });

  it("is not kept when the build's pages cannot be kept beside it: the build succeeds and says so, the record before stays, and the next build still writes the cold site", async () => {
    const site = makeSite(POSTS, { site: SITE, authors: AUTHORS });
    expect((await buildSite(site, ENV)).code).toBe(0);
    const record = recordOf(site);
    const before = readFileSync(record);
    // The folder of kept pages made a file: no link can be made below it.
    const keptDir = path.join(path.dirname(record), "site");
    rmSync(keptDir, { recursive: true });
    writeFileSync(keptDir, "not a folder");
    appendFileSync(path.join(site.contentDir, "foxtrot.md"), "\nOne more line.\n");
    const [unkept, cold] = await Promise.all([buildSite(site, ENV), coldTree(site)]);
    expect(unkept.code, unkept.stderr).toBe(0);
    expect(unkept.stderr).toMatch(/warning: the record of this build was not kept \(could not keep a page for the next build: ENOTDIR/);
    expect(hashTree(site.outputDir)).toEqual(cold);
    expect(readFileSync(record).equals(before)).toBe(true);
    for (const pending of ["pending.json", "pending-kept.json"]) expect(existsSync(path.join(path.dirname(record), pending))).toBe(false);
    // The folder back: the next build records itself again, and its site is still the cold one.
    rmSync(keptDir);
    appendFileSync(path.join(site.contentDir, "foxtrot.md"), "\nAnd another.\n");
    const [again, coldAgain] = await Promise.all([buildSite(site, ENV), coldTree(site)]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain("was not kept");
    expect(hashTree(site.outputDir)).toEqual(coldAgain);
    expect(readFileSync(record).equals(before)).toBe(false);
  });

  it("is all a fresh checkout needs: with the cache folder restored from an archive (new inodes and times) and no previous site, pages are carried over", async () => {
    const site = makeSite(POSTS, { site: SITE, authors: AUTHORS });
    expect((await buildSite(site, ENV)).code).toBe(0);
    // What a host's cache step does: the folder archived and unpacked elsewhere, the site gone.
    const archived = path.join(makeTempDir("gloss-warm-archive-"), "cache");
    cpSync(cacheOf(site), archived, { recursive: true });
    rmSync(cacheOf(site), { recursive: true });
    rmSync(site.outputDir, { recursive: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    cpSync(archived, cacheOf(site), { recursive: true });
    appendFileSync(path.join(site.contentDir, "foxtrot.md"), "\nOne more line.\n");
    const [warm, cold] = await Promise.all([buildSite(site, ENV), coldTree(site)]);
    expect(warm.code, warm.stderr).toBe(0);
    const carried = CARRIED.exec(warm.stdout);
    expect(carried, warm.stdout).not.toBeNull();
    expect(Number(carried![3])).toBeGreaterThan(Number(carried![1]));
    expect(hashTree(site.outputDir)).toEqual(cold);
  });
});

describe("a warm build of an archive reaching CARD_GLYPHS_FROM posts", () => {
  /** The colour type of every card in the site (3: a palette PNG, drawn glyph by glyph; 2 or 6: librsvg's). */
  const cardTypes = (site: FixtureSite) => new Set(readdirSync(path.join(site.outputDir, "cards")).map((name) => readFileSync(path.join(site.outputDir, "cards", name))[25]));

  // The corpus's posts are dated 2012 to 2024: every one is published by then.
  const NOW = { GLOSS_NOW: "2026-01-01T12:00:00Z" };

  it("draws every card anew, glyph by glyph, and renders every page that names one: the site is what a cold build writes", async () => {
    const dir = makeTempDir("gloss-warm-cards-");
    const site: FixtureSite = { dir, contentDir: path.join(dir, "posts"), outputDir: path.join(dir, "_site") };
    writeCorpus(site.contentDir, CARD_GLYPHS_FROM);
    const last = readdirSync(site.contentDir).filter((name) => name.endsWith(".md")).sort().at(-1)!;
    const aside = path.join(dir, last);
    renameSync(path.join(site.contentDir, last), aside);
    const small = await buildSite(site, NOW);
    expect(small.code, small.stderr).toBe(0);
    expect(cardTypes(site)).not.toContain(3);
    const before = new Set(readdirSync(path.join(site.outputDir, "cards")));

    renameSync(aside, path.join(site.contentDir, last));
    const warm = await buildSite(site, NOW);
    expect(warm.code, warm.stderr).toBe(0);
    // Every card has a new name, so every page is rendered (none is carried over).
    expect(warm.stdout).not.toMatch(CARRIED);
    expect(warm.stdout).toMatch(new RegExp(`\\[gloss\\] share cards: ${CARD_GLYPHS_FROM + 1} made, 0 from the cache`));
    expect(cardTypes(site)).toEqual(new Set([3]));
    expect(readdirSync(path.join(site.outputDir, "cards")).filter((name) => before.has(name))).toEqual([]);
    expect(hashTree(site.outputDir)).toEqual(await coldTree(site, NOW));
  }, 180_000);
});
