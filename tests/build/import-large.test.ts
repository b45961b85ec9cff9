// The import at scale: a generated WordPress export of 20,000 posts (about 44 MB, written by
// tests/helpers/wxr.ts into a temp folder) imports whole. Its time is printed, not asserted (the
// machine may be busy); its peak memory is asserted to stay about what an export a tenth its size
// needs, because records are streamed one at a time.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { makeSite, runCli } from "../helpers/site.ts";
import { makeTempDir } from "../helpers/temp.ts";
import { writeLargeWxr } from "../helpers/wxr.ts";

const POSTS = 20_000;
const STORIES = 400;

describe("npm run import on a large export", () => {
  it(`imports ${POSTS.toLocaleString("en-GB")} posts with bounded memory`, { timeout: 900_000 }, async () => {
    const file = path.join(makeTempDir("gloss-wxr-"), "big.xml");
    const bytes = await writeLargeWxr(file, POSTS, STORIES);
    const site = makeSite();
    const run = await runCli("import.ts", site, {}, [file]);
    expect(run.code, run.stderr).toBe(0);
    const summary = run.stdout.split("\n")[0]!;
    console.log(`[import-large] ${(bytes / 1024 / 1024).toFixed(1)} MB export: ${summary}`);
    expect(run.stdout).toContain(`Posts: ${POSTS.toLocaleString("en-GB")} posts written`);
    expect(readdirSync(site.contentDir).filter((name) => name.endsWith(".md"))).toHaveLength(POSTS);
    const sources = yaml.load(readFileSync(path.join(site.contentDir, "_data/sources.yaml"), "utf8"), { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
    // The fixture site's two sources, and each generated story once however many posts quote it.
    expect(Object.keys(sources)).toHaveLength(2 + STORIES);
    const peak = Number(/peak memory (\d+) MB/.exec(summary)?.[1]);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(512);

    // The same export at a tenth of the size peaks about as high: memory does not grow with the file.
    const smallFile = path.join(path.dirname(file), "small.xml");
    await writeLargeWxr(smallFile, POSTS / 10, STORIES);
    const small = await runCli("import.ts", makeSite(), {}, [smallFile]);
    expect(small.code, small.stderr).toBe(0);
    const smallPeak = Number(/peak memory (\d+) MB/.exec(small.stdout)?.[1]);
    console.log(`[import-large] a tenth of it: ${small.stdout.split("\n")[0]}`);
    expect(peak).toBeLessThan(smallPeak + 100);
  });
});
