// `npm run check:sources` end to end: a fixture site whose sources point at the local link
// server; the summary, the problem lines (file:line), the status file it writes, --strict,
// --older-than, --only, and bad flags.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLinkServer, type LinkServer } from "../helpers/link-server.ts";
import { makeSite, postFile, runCli, type FixtureSite } from "../helpers/site.ts";

let server: LinkServer;
let site: FixtureSite;
const FAST = ["--timeout", "10s", "--backoff", "5", "--host-interval", "0"];
const statusFile = () => path.join(site.contentDir, "_data/source-status.yaml");
const check = (args: string[] = [], now = "2026-01-01T12:00:00Z") => runCli("check-sources.ts", site, { GLOSS_NOW: now }, [...FAST, ...args]);

beforeAll(async () => {
  server = await startLinkServer();
  const o = server.origin;
  site = makeSite(
    { "a-post.md": postFile({ title: "A post", sources: ["alive", "dead"] }) },
    {
      sources: `# Stories, with comments that must survive.
alive:
  title: Alive
  outlet: news
  url: ${o}/ok
  published: 2020-01-02
moved:
  title: Moved
  outlet: news
  url: ${o}/moved
  published: 2020-01-02
dead:
  title: Dead
  outlet: news
  url: ${o}/gone
  published: 2020-01-02
  archived: ${o}/head-refused
paywalled:
  title: Paywalled
  outlet: news
  url: ${o}/forbidden
  published: 2020-01-02
`,
    },
  );
});
afterAll(async () => {
  await server.close();
});

describe("npm run check:sources", () => {
  it("prints a summary and one line per problem, records the status, and exits 0 without --strict", async () => {
    expect(existsSync(statusFile())).toBe(false);
    const result = await check();
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const o = server.origin;
    expect(result.stdout).toBe(
      [
        "Checking 5 link(s) of 4 source(s) in posts/_data/sources.yaml…",
        "",
        "status       url  archived",
        "-----------  ---  --------",
        "ok             1         1",
        "redirected     1         0",
        "gone           1         0",
        "blocked        1         0",
        "unreachable    0         0",
        "error          0         0",
        "",
        `posts/_data/sources.yaml:15 › dead.url: gone (404) ${o}/gone`,
        `posts/_data/sources.yaml:10 › moved.url: redirected (301 → 308 → 200) ${o}/moved → moved permanently: use ${o}/ok`,
        `posts/_data/sources.yaml:21 › paywalled.url: blocked (403) ${o}/forbidden → no archived copy: npm run archive finds one`,
        "",
        "Recorded in posts/_data/source-status.yaml.",
        "",
      ].join("\n"),
    );
    expect(server.requests.every((r) => /^Gloss-source-check\/\d+\.\d+\.\d+ \(\+https:\/\/fixture\.example\/\)$/.test(r.userAgent ?? ""))).toBe(true);
    expect(readFileSync(statusFile(), "utf8")).toBe(
      [
        "# Written by `npm run check:sources`: what the last check of each source's links saw.",
        "# The build reads it and never the network. Do not edit by hand: run the check again.",
        "# Per source id, for url and archived: target (the URL checked), status (ok, redirected,",
        "# gone, blocked, unreachable, error), code, finalUrl, detail, checked, failingSince.",
        "alive:",
        "  url:",
        `    target: "${o}/ok"`,
        "    status: ok",
        "    code: 200",
        "    checked: 2026-01-01",
        "dead:",
        "  url:",
        `    target: "${o}/gone"`,
        "    status: gone",
        "    code: 404",
        '    detail: "404"',
        "    checked: 2026-01-01",
        "    failingSince: 2026-01-01",
        "  archived:",
        `    target: "${o}/head-refused"`,
        "    status: ok",
        "    code: 200",
        "    checked: 2026-01-01",
        "moved:",
        "  url:",
        `    target: "${o}/moved"`,
        "    status: redirected",
        "    code: 200",
        `    finalUrl: "${o}/ok"`,
        '    detail: "301 → 308 → 200"',
        "    checked: 2026-01-01",
        "paywalled:",
        "  url:",
        `    target: "${o}/forbidden"`,
        "    status: blocked",
        "    code: 403",
        '    detail: "403"',
        "    checked: 2026-01-01",
        "    failingSince: 2026-01-01",
        "",
      ].join("\n"),
    );
  });

  it("exits 1 with --strict when there is a problem", async () => {
    const result = await check(["--strict"], "2026-01-05T12:00:00Z");
    expect(result.code).toBe(1);
    // failingSince stays at the first failure; checked moves on.
    const text = readFileSync(statusFile(), "utf8");
    expect(text).toContain("    checked: 2026-01-05\n    failingSince: 2026-01-01\n");
  });

  it("with --older-than skips links checked recently, and leaves the file as it was", async () => {
    const before = readFileSync(statusFile(), "utf8");
    const requests = server.requests.length;
    const result = await check(["--older-than", "30d"], "2026-01-20T12:00:00Z");
    expect(result.code).toBe(0);
    expect(server.requests.length).toBe(requests);
    expect(result.stdout).toContain("Checking 0 link(s) of 4 source(s)");
    expect(result.stdout).toContain("(5 links checked recently, skipped)");
    expect(result.stdout).toContain("Recorded in posts/_data/source-status.yaml (unchanged).");
    expect(readFileSync(statusFile(), "utf8")).toBe(before);
  });

  it("with --only checks one source and rewrites only its entry", async () => {
    const before = readFileSync(statusFile(), "utf8");
    const result = await check(["--only", "alive"], "2026-02-01T12:00:00Z");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Checking 1 link(s) of 4 source(s)");
    const after = readFileSync(statusFile(), "utf8");
    expect(after).toBe(before.replace(/(alive:\n(?:.*\n)*?    checked: )2026-01-05/, "$12026-02-01"));
    expect(after).not.toBe(before);
  });

  it.each([
    [["--older-than", "soon"], /--older-than "soon": expected a number of days, as 30d/],
    [["--only", "nothing-like-it"], /--only "nothing-like-it": no such source in posts\/_data\/sources\.yaml/],
    [["--concurrency", "many"], /--concurrency "many": expected a whole number/],
    [["--bogus"], /Unknown option '--bogus'/],
  ])("refuses %j with a clear message", async (args, message) => {
    const result = await check(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it("refuses a broken status file, naming the file and line, and leaves it alone", async () => {
    const broken = "alive:\n  url:\n    target: x\n    status: fine\n    checked: 2026-01-01\n";
    writeFileSync(statusFile(), broken);
    const result = await check();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("posts/_data/source-status.yaml:4 › alive.url.status: expected one of ok, redirected, gone, blocked, unreachable, error, got \"fine\"");
    expect(readFileSync(statusFile(), "utf8")).toBe(broken);
  });
});
