// A warm build's kept page files checked on a thread of their own while the posts are read
// (lib/pipeline/kept-ahead.ts, kept-check-thread.js): the list the record writes beside its
// snapshot, what the thread finds of each file, and when its answer is not taken.
import { createHash } from "node:crypto";
import { cpSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkKeptAhead } from "../../lib/pipeline/kept-ahead.ts";
import { keptFile, readSnapshot, writeSnapshot, type SnapshotFile } from "../../lib/pipeline/build-record.ts";
import { makeTempDir } from "../helpers/temp.ts";

const NAMES = ["index.html", "posts/a/index.html", "posts/b/index.html", "posts/c/index.html", "posts/d/index.html", "feed.xml", "posts/e/index.html"];

/** A record of NAMES kept in `site/`, as a build leaves it: the snapshot, the list beside it, the files. */
function recorded() {
  const dir = makeTempDir("gloss-kept-ahead-");
  const site = path.join(dir, "site");
  const files: SnapshotFile["files"] = NAMES.map((name) => {
    const file = keptFile(site, name);
    mkdirSync(path.dirname(file), { recursive: true });
    const bytes = Buffer.from(`<p>${name}</p>`);
    writeFileSync(file, bytes);
    const { size, mtimeMs, ino } = lstatSync(file);
    return [name, size, mtimeMs, ino, createHash("sha1").update(bytes).digest("base64")];
  });
  const snapshot = path.join(dir, "snapshot.json");
  const list = path.join(dir, "kept.json");
  const output = path.join(dir, "out");
  writeSnapshot(snapshot, list, output, { key: "k", stamps: new Map(), shapes: new Map(), owners: new Map() }, files, { links: [], policies: [], facts: [] });
  const found = readSnapshot(snapshot, output);
  if (!("snapshot" in found)) throw new Error(found.reason);
  return { site, list, digest: found.digest, kept: (name: string) => keptFile(site, name) };
}

const statOf = (file: string) => {
  const { size, mtimeMs, ino } = lstatSync(file);
  return { size, mtimeMs, ino };
};

describe("the kept files checked ahead", () => {
  it("finds each kept file still as the record lists it (by its stat, else by its bytes) with its stat, and every other one gone or changed", async () => {
    const { site, list, digest, kept } = recorded();
    // NAMES in order: as kept; resized; rewritten; restored; gone; a folder in its place; as kept.
    const [intact, resized, rewritten, restored, gone, folder, last] = NAMES.map(kept) as [string, string, string, string, string, string, string];
    writeFileSync(resized, "<p>longer than it was</p>");
    // The same size, other bytes, a later time.
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(rewritten, readFileSync(rewritten, "utf8").replace("<p>", "<b>"));
    // The same bytes in a new file (a restored cache: a new inode and time).
    const before = statOf(restored);
    cpSync(restored, `${restored}.copy`);
    renameSync(`${restored}.copy`, restored);
    expect(statOf(restored)).not.toEqual(before);
    rmSync(gone);
    rmSync(folder);
    mkdirSync(folder);
    const stats = await checkKeptAhead(list, site).stats(digest);
    expect(stats).toBeDefined();
    expect(stats!(0)).toEqual(statOf(intact));
    expect(stats!(3)).toEqual(statOf(restored));
    expect(stats!(6)).toEqual(statOf(last));
    for (const i of [1, 2, 4, 5]) expect(stats!(i), NAMES[i]).toBeUndefined();
    // Past the list: nothing.
    expect(stats!(NAMES.length)).toBeUndefined();
  });

  it("gives no answer for another snapshot than the list's, a list not as written, or no list: the plan then looks at each file itself", async () => {
    const { site, list, digest } = recorded();
    expect(await checkKeptAhead(list, site).stats(digest.replace(/^./, (c) => (c === "0" ? "1" : "0")))).toBeUndefined();
    // One file's size changed in the list, its first line kept: it would claim a changed file intact.
    const text = readFileSync(list, "utf8");
    const [head, body] = [text.slice(0, text.indexOf("\n")), text.slice(text.indexOf("\n") + 1)];
    const altered = body.replace(/,(\d+),/, (_, size: string) => `,${Number(size) + 1},`);
    expect(altered).not.toBe(body);
    writeFileSync(list, `${head}\n${altered}`);
    expect(await checkKeptAhead(list, site).stats(digest)).toBeUndefined();
    writeFileSync(list, "not a list");
    expect(await checkKeptAhead(list, site).stats(digest)).toBeUndefined();
    rmSync(list);
    expect(await checkKeptAhead(list, site).stats(digest)).toBeUndefined();
  });

  it("is written beside the snapshot with the snapshot's digest, and names the snapshot's files in its order", () => {
    const { list, digest } = recorded();
    const text = readFileSync(list, "utf8");
    const [head, body] = [text.slice(0, text.indexOf("\n")), text.slice(text.indexOf("\n") + 1)];
    expect(head).toBe(`${digest} ${createHash("sha256").update(body).digest("hex")}`);
    expect((JSON.parse(body) as SnapshotFile["files"]).map(([name]) => name)).toEqual(NAMES);
  });
});
