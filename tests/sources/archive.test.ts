// `npm run archive` against a fake Wayback Machine on a local server: the availability lookup
// near the story's date, Save Page Now with --save, --dry-run, and sources.yaml rewritten with
// one line added per source and every other byte as it was.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertArchived } from "../../lib/authoring/archive-entry.ts";
import { findSnapshot, saveSnapshot, waybackDay, type WaybackOptions } from "../../lib/sources/wayback.ts";
import { startLinkServer, type LinkServer } from "../helpers/link-server.ts";
import { makeSite, postFile, runCli, type FixtureSite } from "../helpers/site.ts";

const REGISTRY = `# Stories quoted here. Comments stay.
known:
  title: "Known: a story the archive has"
  outlet: news   # the outlet
  url: https://news.example/known
  published: 2020-01-02
  # byline: not known

unknown:
  title: Unknown
  outlet: news
  url: https://news.example/unknown
  published: 2020-02-03
kept:
  title: Kept
  outlet: news
  url: https://news.example/kept
  published: 2020-03-04
  archived: https://archive.example/kept
`;

describe("insertArchived", () => {
  it.each([
    ["after the last field, before comments and blank lines that follow", "known", 7, REGISTRY.replace("  published: 2020-01-02\n", '  published: 2020-01-02\n  archived: "https://a.example/k"\n')],
    ["in the middle of the file", "unknown", 14, REGISTRY.replace("  published: 2020-02-03\n", '  published: 2020-02-03\n  archived: "https://a.example/k"\n')],
  ])("inserts %s", (_name, id, line, expected) => {
    expect(insertArchived(REGISTRY, id, "https://a.example/k")).toEqual({ ok: true, text: expected, line });
  });

  it.each([
    ["an unknown id", REGISTRY, "nobody", /no entry "nobody:"/],
    ["an entry that already has one", REGISTRY, "kept", /entry "kept" already has archived:/],
    ["a flow mapping", 'flow: { title: T, url: "https://x.example/" }\n', "flow", /not a block of indented fields/],
  ])("refuses %s", (_name, text, id, why) => {
    const result = insertArchived(text, id, "https://a.example/k");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.why).toMatch(why);
  });
});

describe("the Wayback Machine, faked", () => {
  let server: LinkServer;
  let site: FixtureSite;
  let options: WaybackOptions;
  const file = () => path.join(site.contentDir, "_data/sources.yaml");
  const run = (args: string[]) =>
    runCli("archive.ts", site, { GLOSS_WAYBACK_API: `${server.origin}/wayback/available`, GLOSS_WAYBACK_SAVE: `${server.origin}/save/` }, ["--host-interval", "0", "--timeout", "5s", ...args]);

  beforeAll(async () => {
    server = await startLinkServer();
    server.snapshots.set("https://news.example/known", "http://web.archive.org/web/20200102101010/https://news.example/known");
    options = { api: `${server.origin}/wayback/available`, save: `${server.origin}/save/`, timeoutMs: 5000, userAgent: "test" };
    site = makeSite({ "p.md": postFile({ title: "P" }) }, { sources: REGISTRY });
  });
  afterAll(async () => {
    await server.close();
  });

  it("finds the snapshot closest to the story's day, over https", async () => {
    const from = server.requests.length;
    expect(await findSnapshot("https://news.example/known", "2020-01-02", options)).toEqual({ ok: true, url: "https://web.archive.org/web/20200102101010/https://news.example/known", timestamp: "20200102101010" });
    expect(server.requests[from]?.path).toBe(`/wayback/available?url=${encodeURIComponent("https://news.example/known")}&timestamp=20200102`);
    expect(await findSnapshot("https://news.example/unknown", "2020-02-03", options)).toEqual({ ok: false, why: "no snapshot in the archive" });
    expect(waybackDay("2019-03-06")).toBe("20190306");
  });

  it.each([
    ["content-location", { ok: true, url: "{o}/web/20261201120000/https://news.example/unknown", timestamp: "20261201120000" }],
    ["location", { ok: true, url: "{o}/web/20261201120000/https://news.example/unknown", timestamp: "20261201120000" }],
    ["error", { ok: false, why: "Save Page Now answered 520 without the snapshot's address" }],
  ] as const)("reads Save Page Now's answer from %s", async (answer, expected) => {
    server.saveAnswer = answer;
    const result = await saveSnapshot("https://news.example/unknown", options);
    expect(result).toEqual(JSON.parse(JSON.stringify(expected).replaceAll("{o}", server.origin)));
    server.saveAnswer = "content-location";
  });

  it("--dry-run prints what it would write and writes nothing", async () => {
    const result = await run(["--dry-run"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "2 source(s) without archived: in posts/_data/sources.yaml (dry run: nothing is written)",
        "  known: snapshot closest to 2020-01-02 (20200102101010)",
        '    would write posts/_data/sources.yaml:7  archived: "https://web.archive.org/web/20200102101010/https://news.example/known"',
        "  unknown: no snapshot in the archive (npm run archive -- --save asks for a capture)",
        "Would write 1 archived: line(s); 1 source(s) still without a copy.",
        "",
      ].join("\n"),
    );
    expect(readFileSync(file(), "utf8")).toBe(REGISTRY);
  });

  it("writes the snapshot it found, adding one line and changing no other byte", async () => {
    const result = await run([]);
    expect(result.code).toBe(0);
    expect(readFileSync(file(), "utf8")).toBe(REGISTRY.replace("  published: 2020-01-02\n", '  published: 2020-01-02\n  archived: "https://web.archive.org/web/20200102101010/https://news.example/known"\n'));
  });

  it("with --save asks Save Page Now for a story the archive does not have", async () => {
    const before = readFileSync(file(), "utf8");
    const result = await run(["--save"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("  unknown: no snapshot in the archive; asking Save Page Now…\n  unknown: new capture (20261201120000)\n");
    expect(readFileSync(file(), "utf8")).toBe(before.replace("  published: 2020-02-03\n", `  published: 2020-02-03\n  archived: "${server.origin}/web/20261201120000/https://news.example/unknown"\n`));
    expect(server.requests.some((r) => r.path === "/save/https://news.example/unknown")).toBe(true);
  });

  it("npm run new:source -- --archive fills in archived: with the archive's newest snapshot", async () => {
    server.snapshots.set("https://news.example/fresh-story", "http://web.archive.org/web/20250101000000/https://news.example/fresh-story");
    const env = { GLOSS_WAYBACK_API: `${server.origin}/wayback/available`, GLOSS_WAYBACK_SAVE: `${server.origin}/save/` };
    const from = server.requests.length;
    const result = await runCli("new-source.ts", site, env, ["https://news.example/fresh-story", "--archive"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("  archived copy: https://web.archive.org/web/20250101000000/https://news.example/fresh-story\n");
    // No date is known yet, so no timestamp: the newest snapshot.
    expect(server.requests[from]?.path).toBe(`/wayback/available?url=${encodeURIComponent("https://news.example/fresh-story")}`);
    expect(readFileSync(file(), "utf8")).toMatch(/\nnews-fresh-story:\n(?:  .*\n)*  archived: "https:\/\/web\.archive\.org\/web\/20250101000000\/https:\/\/news\.example\/fresh-story"\n$/);
    const none = await runCli("new-source.ts", site, env, ["https://news.example/never-archived", "--archive"]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain("  archived copy: none (no snapshot in the archive); npm run archive -- --save --only <id> asks for one\n");
    expect(readFileSync(file(), "utf8")).toMatch(/\nnews-never-archived:\n(?:  .*\n)*  # archived: a snapshot URL, e\.g\. from https:\/\/web\.archive\.org\/ \(npm run archive finds one\)\n$/);
  });

  it("has nothing to do once every source has a copy", async () => {
    const result = await run([]);
    // The two entries new:source just added hold TODOs: skipped with a warning, not archived.
    expect(result.stderr).toContain("(skipped)");
    expect(result.stdout).toBe("0 source(s) without archived: in posts/_data/sources.yaml\nWrote 0 archived: line(s).\n");
  });
});
