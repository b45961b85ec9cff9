// Search shards kept between builds (lib/outputs/search-cache.ts): a shard whose pages did not
// change is taken from the cache folder, and the site is byte for byte the one a cold build
// writes; a cache that does not check out is never trusted. (npm run build after each kind of
// edit, warm against cold with shards of two posts: tests/build/warm-build.test.ts.)
// Also how each Pagefind run's allocator is set (PAGEFIND_ALLOCATOR).
import { chmodSync, cpSync, existsSync, readFileSync, readdirSync, rmSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { fileDigest } from "../../lib/core/digest.js";
import { SearchCache } from "../../lib/outputs/search-cache.ts";
import { PAGEFIND_ALLOCATOR, buildSearchIndex, pagefindBinary, searchDefaults } from "../../lib/outputs/search.ts";
import { buildSite, makeSite, postFile } from "../helpers/site.ts";
import { makeTempDir } from "../helpers/temp.ts";
import { hashTree } from "../helpers/tree.ts";

const POSTS: Record<string, string> = {
  "alpha.md": postFile({ title: "Alpha", date: "2020-01-05", tags: ["North Korea"], body: "> [!quote story]\n> A quoted line.\n\nAlpha's commentary on walruses." }),
  "bravo.md": postFile({ title: "Bravo", date: "2020-02-05", tags: ["Sanctions"], body: "Bravo's commentary on pelicans." }),
  "charlie.md": postFile({ title: "Charlie", date: "2020-03-05", tags: ["North Korea"], body: "Charlie's commentary on otters." }),
  "delta.md": postFile({ title: "Delta", date: "2020-04-05", tags: ["Sanctions"], body: "Delta's commentary on herons." }),
};
/** One post a shard: four Pagefind bundles for four posts. */
const SHARDED = { GLOSS_SEARCH_SHARD_SIZE: "1" };

/** The four posts built in shards of one; their output folder. */
async function buildSharded(): Promise<string> {
  const site = makeSite(POSTS);
  const result = await buildSite(site, SHARDED);
  expect(result.code, result.stderr).toBe(0);
  return site.outputDir;
}

describe("buildSearchIndex with a cache", () => {
  let built: string;
  beforeAll(async () => {
    built = await buildSharded();
    rmSync(path.join(built, "pagefind"), { recursive: true });
  });
  /** A copy of the built site without its index, changed by `edit`. */
  const copy = (edit: (dir: string) => void = () => undefined) => {
    const dir = path.join(makeTempDir("gloss-search-cache-"), "_site");
    cpSync(built, dir, { recursive: true });
    edit(dir);
    return dir;
  };
  const options = { ...searchDefaults, shardSize: 1 };
  const index = (dir: string, cache?: SearchCache) => buildSearchIndex(dir, options, undefined, cache);
  const bundle = (dir: string) => hashTree(path.join(dir, "pagefind"));
  const editAlpha = (dir: string) => {
    const page = path.join(dir, "posts/alpha/index.html");
    writeFileSync(page, readFileSync(page, "utf8").replaceAll("walruses", "narwhals"));
  };
  /** The stored shards' folders (beside them, what the last run read of the pages). */
  const storedShards = (cacheDir: string) => readdirSync(path.join(cacheDir, "search")).filter((name) => name !== "gloss-pages.json");

  it("takes unchanged shards from the cache, indexes the changed one, and writes what a cold run writes", async () => {
    const cacheDir = makeTempDir("gloss-search-cache-store-");
    const cold = copy();
    expect(await index(cold, new SearchCache(cacheDir))).toEqual({ pages: 4, shards: 4, reused: 0 });

    const again = copy();
    expect(await index(again, new SearchCache(cacheDir))).toEqual({ pages: 4, shards: 4, reused: 4 });
    expect(bundle(again)).toEqual(bundle(cold));

    const edited = copy(editAlpha);
    expect(await index(edited, new SearchCache(cacheDir))).toEqual({ pages: 4, shards: 4, reused: 3 });
    const editedCold = copy(editAlpha);
    await index(editedCold);
    expect(bundle(edited)).toEqual(bundle(editedCold));
    expect(bundle(edited)).not.toEqual(bundle(cold));
    // The cache keeps the last run's shards only: the four of the edited site.
    expect(storedShards(cacheDir)).toHaveLength(4);
  });

  it("indexes a shard the cache has no bundle for before it takes the others from the cache (a new post's shard, the last)", async () => {
    const cacheDir = makeTempDir("gloss-search-cache-store-");
    await index(copy(), new SearchCache(cacheDir));
    const editDelta = (dir: string) => {
      const page = path.join(dir, "posts/delta/index.html");
      writeFileSync(page, readFileSync(page, "utf8").replaceAll("herons", "storks"));
    };
    const edited = copy(editDelta);
    // What is in place of the first three shards' bundles when Pagefind starts on the fourth.
    const seen: [number, boolean[]][] = [];
    const linked = () => ["pagefind/pagefind-entry.json", "pagefind/shards/1", "pagefind/shards/2"].map((file) => existsSync(path.join(edited, file)));
    const report = await buildSearchIndex(edited, options, (n) => seen.push([n, linked()]), new SearchCache(cacheDir));
    expect(report).toEqual({ pages: 4, shards: 4, reused: 3 });
    expect(seen).toEqual([[4, [false, false, false]]]);
    const editedCold = copy(editDelta);
    await index(editedCold);
    expect(bundle(edited)).toEqual(bundle(editedCold));
  });

  it("reads none of the post pages it is given the facts of, and keys their shards as it would by reading them", async () => {
    const cacheDir = makeTempDir("gloss-search-cache-store-");
    const site = copy();
    const factsOf = (name: string) => {
      const bytes = readFileSync(path.join(site, "posts", name, "index.html"));
      return { time: Date.parse(/class="dt-published" datetime="([^"]+)"/.exec(bytes.toString("utf8"))![1]!), digest: fileDigest(bytes) };
    };
    // Given for three posts of four, as the rendering process gives them for all.
    const known = new Map(["alpha", "bravo", "charlie"].map((name) => [`posts/${name}/index.html`, factsOf(name)]));
    expect(await buildSearchIndex(site, options, undefined, new SearchCache(cacheDir), known)).toEqual({ pages: 4, shards: 4, reused: 0 });
    // Only the fourth was read (what the search reads of a page is kept for the next build).
    const read = (JSON.parse(readFileSync(path.join(cacheDir, "search", "gloss-pages.json"), "utf8")) as { pages: [string][] }).pages.map(([file]) => file);
    expect(read).toEqual(["posts/delta/index.html"]);
    // Reading every page gives the same keys: all four shards are taken from the cache.
    expect(await index(copy(), new SearchCache(cacheDir))).toEqual({ pages: 4, shards: 4, reused: 4 });
    const plain = copy();
    await index(plain);
    expect(bundle(site)).toEqual(bundle(plain));
  });

  it("ignores a stored shard whose files were changed, removed or added, and one from another format", async () => {
    const cacheDir = makeTempDir("gloss-search-cache-store-");
    const cold = copy();
    await index(cold, new SearchCache(cacheDir));
    // Read now: the site's files are hard links to the stored ones, which are about to be spoiled.
    const expected = bundle(cold);
    const stored = storedShards(cacheDir).map((name) => path.join(cacheDir, "search", name));
    const fileOf = (dir: string) => readdirSync(dir, { recursive: true }).map(String).find((name) => name.endsWith(".pf_fragment"))!;
    // One shard's fragment rewritten, another's removed, a third given an extra file, the last
    // one's manifest from some other format: none of them is used.
    writeFileSync(path.join(stored[0]!, fileOf(stored[0]!)), "not a fragment");
    unlinkSync(path.join(stored[1]!, fileOf(stored[1]!)));
    writeFileSync(path.join(stored[2]!, "extra.js"), "alert(1)");
    const manifest = path.join(stored[3]!, "gloss-manifest.json");
    const other = readFileSync(manifest, "utf8").replace(/"format":"gloss-search-shard\/\d+"/, '"format":"gloss-search-shard/0"');
    expect(other).toContain('"format":"gloss-search-shard/0"');
    writeFileSync(manifest, other);
    writeFileSync(path.join(cacheDir, "search", "stray-file"), "left by something else");

    const again = copy();
    expect(await index(again, new SearchCache(cacheDir))).toEqual({ pages: 4, shards: 4, reused: 0 });
    expect(bundle(again)).toEqual(expected);
    expect(storedShards(cacheDir)).toHaveLength(4);
    // Stored again whole: the next run takes all four.
    expect(await index(copy(), new SearchCache(cacheDir))).toMatchObject({ reused: 4 });
  });

  it("reads again only the pages that are not the files it read last time (by size, modification time and inode)", async () => {
    const cacheDir = makeTempDir("gloss-search-cache-store-");
    const site = copy();
    const page = path.join(site, "posts/alpha/index.html");
    // A time in whole seconds, which setting it again gives back exactly.
    const time = 1_700_000_000;
    utimesSync(page, time, time);
    await index(site, new SearchCache(cacheDir));
    // Each run into a site without an index, as a build's staging folder is.
    const reindex = () => {
      rmSync(path.join(site, "pagefind"), { recursive: true });
      return index(site, new SearchCache(cacheDir));
    };
    // Rewritten in place to the same size, its time put back: still the file the last run read,
    // so what it read is what the next run takes (as the build's record trusts a kept page).
    editAlpha(site);
    utimesSync(page, time, time);
    expect(await reindex()).toEqual({ pages: 4, shards: 4, reused: 4 });
    // A page written since, with its own time: read again, and its shard indexed.
    utimesSync(page, time, time + 1);
    expect(await reindex()).toEqual({ pages: 4, shards: 4, reused: 3 });
    const cold = copy(editAlpha);
    await index(cold);
    expect(bundle(site)).toEqual(bundle(cold));
    // What it read, damaged or of another format: not trusted, every page read.
    writeFileSync(page, readFileSync(path.join(built, "posts/alpha/index.html")));
    utimesSync(page, time, time + 1);
    const pages = path.join(cacheDir, "search", "gloss-pages.json");
    const foreign = readFileSync(pages, "utf8").replace(/"gloss-search-pages\/\d+"/, '"gloss-search-pages/0"');
    expect(foreign).toContain('"gloss-search-pages/0"');
    writeFileSync(pages, foreign);
    expect(await reindex()).toEqual({ pages: 4, shards: 4, reused: 3 });
    writeFileSync(pages, "{ cut short");
    editAlpha(site);
    utimesSync(page, time, time + 1);
    expect(await reindex()).toEqual({ pages: 4, shards: 4, reused: 3 });
    expect(bundle(site)).toEqual(bundle(cold));
  });

  it("takes the shards of a cache folder restored elsewhere (new inodes and times) by their bytes", async () => {
    const cacheDir = makeTempDir("gloss-search-cache-store-");
    const cold = copy();
    await index(cold, new SearchCache(cacheDir));
    // As a host restores it: every file copied, none of them the stored inode or time.
    const restored = makeTempDir("gloss-search-cache-restored-");
    cpSync(cacheDir, restored, { recursive: true });
    const again = copy();
    expect(await index(again, new SearchCache(restored))).toEqual({ pages: 4, shards: 4, reused: 4 });
    expect(bundle(again)).toEqual(bundle(cold));
  });
});

describe("a new post, the newest of all", () => {
  it("joins the last shard: the shards of older posts are taken from the cache, whatever its name", async () => {
    const site = makeSite(POSTS);
    const two = { GLOSS_SEARCH_SHARD_SIZE: "2" };
    expect((await buildSite(site, two)).code).toBe(0);
    // First by name, last by date: in name order every shard would change.
    writeFileSync(path.join(site.contentDir, "aardvark.md"), postFile({ title: "Aardvark", date: "2020-05-05", tags: ["Burrows"], body: "Aardvark's commentary on termites." }));
    const warm = await buildSite(site, two);
    expect(warm.code, warm.stderr).toBe(0);
    // [alpha, bravo] as before; [charlie, delta] changed (delta's page links to its newer post); [aardvark] new.
    expect(warm.stdout).toContain("[gloss] search index: 1 of 3 shard(s) unchanged, taken from the cache");
    const coldOut = path.join(makeTempDir("gloss-search-cache-cold-"), "_site");
    const cold = await buildSite(site, { ...two, GLOSS_OUTPUT_DIR: coldOut, GLOSS_CACHE_DIR: makeTempDir("gloss-search-cache-empty-") });
    expect(cold.code, cold.stderr).toBe(0);
    expect(hashTree(site.outputDir)).toEqual(hashTree(coldOut));
  });
});

describe("Pagefind's allocator", () => {
  let outputDir: string;
  beforeAll(async () => {
    outputDir = await buildSharded();
  });
  afterEach(() => vi.unstubAllEnvs());

  /** Indexes the built fixture again through a script standing in for Pagefind that notes the allocator setting of each run. */
  async function indexNoting(userSetting: string | undefined): Promise<string[]> {
    const dir = makeTempDir("gloss-search-allocator-");
    const noted = path.join(dir, "noted.txt");
    const wrapper = path.join(dir, "pagefind");
    writeFileSync(wrapper, `#!/bin/sh\nprintf '%s\\n' "\${_RJEM_MALLOC_CONF-unset}" >> '${noted}'\nexec '${await pagefindBinary()}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    vi.stubEnv("PAGEFIND_EXTENDED_BINARY_PATH", wrapper);
    vi.stubEnv("_RJEM_MALLOC_CONF", userSetting);
    expect(await buildSearchIndex(outputDir, { ...searchDefaults, shardSize: 1 })).toEqual({ pages: 4, shards: 4, reused: 0 });
    return readFileSync(noted, "utf8").trim().split("\n");
  }

  it("runs every Pagefind with one arena and huge pages (less memory and time a run), unless the user set the allocator", async () => {
    expect(PAGEFIND_ALLOCATOR).toBe("narenas:1,thp:always");
    expect(await indexNoting(undefined)).toEqual(Array(4).fill(PAGEFIND_ALLOCATOR));
    expect(await indexNoting("narenas:2")).toEqual(["narenas:2", "narenas:2", "narenas:2", "narenas:2"]);
  });
});

describe("GLOSS_SEARCH_SHARD_SIZE set wrong", () => {
  it("fails the build with one line naming it, and leaves the previous site as it was", async () => {
    const site = makeSite(POSTS);
    expect((await buildSite(site)).code).toBe(0);
    const before = hashTree(site.outputDir);
    const result = await buildSite(site, { GLOSS_SEARCH_SHARD_SIZE: "lots" });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('Build failed: GLOSS_SEARCH_SHARD_SIZE must be a whole number above 0, got "lots"\n');
    expect(hashTree(site.outputDir)).toEqual(before);
  });
});
