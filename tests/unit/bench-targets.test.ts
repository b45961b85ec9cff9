import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeStarterProject } from "../../lib/bench/floor.ts";
import { ownCgroups, parseSize } from "../../lib/bench/limit.ts";
import { failureReason, launchLine, renderTable, type BenchResults, type BenchRow } from "../../lib/bench/report.ts";
import { childrenCpuSeconds, descendants, parentsOf, residentBytes, treeResidentBytes, waitedChildrenCpu } from "../../lib/bench/sampler.ts";
import { evaluateTargets, renderTargets } from "../../lib/bench/targets.ts";

const row = (posts: number, over: Partial<BenchRow> = {}): BenchRow => ({
  posts,
  runs: 1,
  measuredAt: "2026-12-01T15:00:00Z",
  gloss: { pages: posts * 2, seconds: 20, rssMiB: 700, peakMiB: 900 },
  floor: { pages: posts, seconds: 8, rssMiB: 600, peakMiB: 600 },
  floorSearch: { seconds: 10, peakMiB: 1500 },
  ratio: 2.5,
  searchRatio: 1.11,
  warmSeconds: 2.5,
  incrementalSeconds: 1.5,
  ...over,
});

const results = (rows: BenchRow[], over: Partial<BenchResults> = {}): BenchResults => ({
  node: "v20",
  cpus: 2,
  rows,
  launch: { runs: 5, glossSeconds: 1.9, floorSeconds: 2, ratio: 0.95 },
  memoryLimit: undefined,
  ...over,
});

const statusOf = (r: BenchResults) => Object.fromEntries(evaluateTargets(r).map((t) => [t.name, `${t.status} ${t.measured ?? ""}`.trim()]));

describe("the bench's targets", () => {
  it("judges each target of a 10,000-post run, and marks the archive case not measured", () => {
    expect(statusOf(results([row(10_000)]))).toEqual({
      "cold build 10,000 posts / (bare Eleventy + Pagefind over its output)": "met 1.11",
      "cold build 10,000 posts / bare Eleventy (for reference)": "reported 2.50",
      "peak memory of all build processes at 10,000 posts": "met 900 MiB",
      "50,000 posts complete under a 4 GiB limit": "not measured",
      "linear: time(50,000) / time(10,000)": "not measured",
      "warm `npm run build` after editing one post, 10,000 posts": "met 2.50 s",
      "two launch posts / plain Eleventy of two posts": "met 0.95",
    });
  });

  it.each([
    ["searchRatio", { searchRatio: 1.26 }, "cold build 10,000 posts / (bare Eleventy + Pagefind over its output)", "not met 1.26"],
    ["memory", { gloss: { pages: 1, seconds: 20, rssMiB: 700, peakMiB: 1025 } }, "peak memory of all build processes at 10,000 posts", "not met 1025 MiB"],
    ["memory, a warm build's (it indexes while its rendering process records the build)", { warmPeakMiB: 1030 }, "peak memory of all build processes at 10,000 posts", "not met 1030 MiB"],
    ["warm build", { warmSeconds: 3.01 }, "warm `npm run build` after editing one post, 10,000 posts", "not met 3.01 s"],
  ])("a figure over its limit is not met: %s", (_, over, name, expected) => {
    expect(statusOf(results([row(10_000, over as Partial<BenchRow>)]))[name]).toBe(expected);
  });

  it("names the cold and the warm builds' peaks when the warm builds' was measured, and judges the larger", () => {
    const memory = evaluateTargets(results([row(10_000, { warmPeakMiB: 700 })])).find((t) => t.name.startsWith("peak memory"));
    expect(memory).toMatchObject({ measured: "900 MiB", status: "met", note: "cold 900 MiB, warm 700 MiB" });
    expect(renderTable([row(10_000, { warmPeakMiB: 700 })])).toMatch(/\| +2\.50 \| +700 \| +1\.50 \|/);
  });

  it("gives the warm builds' CPU time beside the warm target, and the shortest build it allows on the run's cores", () => {
    const warm = evaluateTargets(results([row(10_000, { warmCpuRuns: [16.8, 15.2, 14] })])).find((t) => t.name.startsWith("warm"));
    expect(warm).toMatchObject({ measured: "2.50 s", status: "met", note: "15.2 CPU-seconds in all processes (median); on 2 cores no shorter than 7.60 s" });
    expect(evaluateTargets(results([row(10_000)])).find((t) => t.name.startsWith("warm"))?.note).toBeUndefined();
  });

  it("prints the cold and warm builds' CPU time in the table's last columns, a dash where it was not measured", () => {
    const measured = row(10_000, { gloss: { pages: 1, seconds: 20, rssMiB: 700, peakMiB: 900, cpuSeconds: 80.04 }, warmCpuRuns: [16.8, 15.2, 14] });
    expect(renderTable([measured]).split("\n")[2]).toMatch(/\| +1\.50 \| +80\.0 \| +15\.2 \|$/);
    expect(renderTable([row(10_000)]).split("\n")[2]).toMatch(/\| +1\.50 \| +– \| +– \|$/);
  });

  it("judges the archive case under a limit: completion, linearity, and says how the limit was imposed", () => {
    const limit = { bytes: 4 * 1024 ** 3, how: "cgroup v1 memory folder /sys/fs/cgroup/memory/x" };
    const ok = evaluateTargets(results([row(10_000), row(50_000, { gloss: { pages: 1, seconds: 100, rssMiB: 2000, peakMiB: 3000 } })], { memoryLimit: limit }));
    expect(ok.find((t) => t.name.startsWith("50,000"))).toMatchObject({ status: "met", measured: "completed, peak 3000 MiB", note: limit.how });
    expect(ok.find((t) => t.name.startsWith("linear"))).toMatchObject({ status: "met", measured: "5.00" });
    const killed = evaluateTargets(results([row(10_000), row(50_000, { failure: "killed (over the memory limit)" })], { memoryLimit: limit }));
    expect(killed.find((t) => t.name.startsWith("50,000"))).toMatchObject({ status: "not met", measured: "failed: killed (over the memory limit)" });
    expect(killed.find((t) => t.name.startsWith("linear"))?.status).toBe("not measured");
    expect(renderTargets(ok)).toContain(`notes:\n  50,000 posts complete under a 4.0 GiB limit: ${limit.how}`);
  });

  it("shows growth from two runs' rows but does not judge it: the hours differ", () => {
    const limit = { bytes: 4 * 1024 ** 3, how: "cgroup" };
    const fast = row(10_000, { measuredAt: "2026-12-03T03:52:10Z", gloss: { pages: 1, seconds: 20, rssMiB: 700, peakMiB: 900 } });
    const slow = row(50_000, { measuredAt: "2026-12-02T23:14:10Z", memoryLimit: limit, gloss: { pages: 1, seconds: 130, rssMiB: 2000, peakMiB: 3000 } });
    const linear = evaluateTargets(results([fast, slow])).find((t) => t.name.startsWith("linear"));
    expect(linear).toMatchObject({ status: "not judged", measured: "6.50", limit: "≤ 5.50" });
    expect(linear?.note).toBe("10,000 from the run of 2026-12-03T03:52:10Z, 50,000 from 2026-12-02T23:14:10Z: not judged; run --sizes 10000,50000 to judge it");
    const sameRun = evaluateTargets(results([{ ...fast, measuredAt: slow.measuredAt }, slow])).find((t) => t.name.startsWith("linear"));
    expect(sameRun).toMatchObject({ status: "not met", measured: "6.50" });
    expect(sameRun?.note).toBeUndefined();
  });

  it("a launch ratio over 1.0 is not met", () => {
    expect(statusOf(results([], { launch: { runs: 5, glossSeconds: 2.2, floorSeconds: 2, ratio: 1.1 } }))["two launch posts / plain Eleventy of two posts"]).toBe("not met 1.10");
  });

  it("judges the launch posts against eleventy-base-blog when it was measured, plain Eleventy then only reported", () => {
    const launch = { runs: 5, glossSeconds: 2.2, floorSeconds: 2, ratio: 1.1, starter: { glossNpmSeconds: 2.5, starterSeconds: 3, ratio: 0.83 } };
    const status = statusOf(results([], { launch }));
    expect(status["two launch posts: npm run build / eleventy-base-blog's npx @11ty/eleventy"]).toBe("met 0.83");
    expect(status["two launch posts / plain Eleventy of two posts (for reference)"]).toBe("reported 1.10");
    expect(status["two launch posts / plain Eleventy of two posts"]).toBeUndefined();
    expect(launchLine(launch)).toBe("Gloss 2.20 s, plain Eleventy 2.00 s, ratio 1.10; Gloss's npm run build 2.50 s, eleventy-base-blog's npx @11ty/eleventy 3.00 s, ratio 0.83");
    const slower = statusOf(results([], { launch: { ...launch, starter: { glossNpmSeconds: 3.3, starterSeconds: 3, ratio: 1.1 } } }));
    expect(slower["two launch posts: npm run build / eleventy-base-blog's npx @11ty/eleventy"]).toBe("not met 1.10");
  });
});

describe("the eleventy-base-blog project the launch posts are compared with", () => {
  const starter = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gloss-starter-"));
    folders.push(dir);
    for (const [name, text] of Object.entries({ "content/blog/blog.11tydata.js": "export default {};", "content/blog/firstpost.md": "# 1", "content/blog/fourthpost/fourthpost.md": "# 4", "eleventy.config.js": "", ".git/HEAD": "x", "node_modules/@11ty/eleventy/package.json": "{}" })) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    return dir;
  };
  const folders: string[] = [];
  afterEach(() => {
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("is the checkout with its sample posts replaced by the corpus's, its packages linked, its git folder left out", () => {
    const from = starter();
    const corpus = path.join(from, "..", `${path.basename(from)}-corpus`);
    folders.push(corpus);
    mkdirSync(path.join(corpus, "_data"), { recursive: true });
    writeFileSync(path.join(corpus, "a.md"), "---\ntitle: A\n---\nA.");
    writeFileSync(path.join(corpus, "_data", "site.yaml"), "title: x");
    const to = path.join(from, "..", `${path.basename(from)}-copy`);
    folders.push(to);
    writeStarterProject(from, corpus, to);
    expect(readdirSync(path.join(to, "content/blog")).sort()).toEqual(["a.md", "blog.11tydata.js"]);
    expect(existsSync(path.join(to, "eleventy.config.js"))).toBe(true);
    expect(existsSync(path.join(to, ".git"))).toBe(false);
    expect(readlinkSync(path.join(to, "node_modules"))).toBe(path.join(from, "node_modules"));
    // The checkout itself is untouched.
    expect(readdirSync(path.join(from, "content/blog")).sort()).toEqual(["blog.11tydata.js", "firstpost.md", "fourthpost"]);
  });

  it("says what is missing: not a checkout of eleventy-base-blog, or its packages not installed", () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), "gloss-starter-"));
    folders.push(empty);
    expect(() => writeStarterProject(empty, empty, path.join(empty, "x"))).toThrow(/expected a checkout of eleventy-base-blog .*git clone https:\/\/github.com\/11ty\/eleventy-base-blog/);
    const bare = starter();
    rmSync(path.join(bare, "node_modules"), { recursive: true });
    expect(() => writeStarterProject(bare, bare, path.join(bare, "x"))).toThrow(/expected its packages installed, got no node_modules\/@11ty\/eleventy \(run npm ci in it\)/);
  });
});

describe("the bench's memory probes", () => {
  it.each([
    ["4G", 4 * 1024 ** 3],
    ["512M", 512 * 1024 ** 2],
    ["1.5GiB", 1.5 * 1024 ** 3],
  ])("reads the size %s", (text, bytes) => expect(parseSize(text)).toBe(bytes));

  it("rejects a size without a unit", () => expect(() => parseSize("4000")).toThrow(/expected a size like 4G/));

  it("finds its own cgroups, v1 and v2", () => {
    expect(ownCgroups("4:memory:/process_api/abc\n0::/\n1:cpu:/")).toEqual({ v2: "/", v1Memory: "/process_api/abc" });
    expect(ownCgroups("0::/user.slice/x.scope\n")).toEqual({ v2: "/user.slice/x.scope", v1Memory: undefined });
  });

  it("walks a process tree from /proc stat lines, names with spaces and parentheses included", () => {
    const parents = parentsOf(new Map([
      [10, "10 (node) S 1 10 10"],
      [11, "11 (pagefind (x) y) R 10 10 10"],
      [12, "12 (sh) S 11 10 10"],
      [13, "13 (other) S 1 13 13"],
    ]));
    expect(descendants(10, parents).sort()).toEqual([10, 11, 12]);
    expect(residentBytes("Name:\tnode\nVmRSS:\t  2048 kB\n")).toBe(2 * 1024 * 1024);
    expect(residentBytes("Name:\tzombie\n")).toBe(0);
  });

  it("measures this process's tree, which holds at least this process", () => {
    expect(treeResidentBytes(process.pid)).toBeGreaterThanOrEqual(process.memoryUsage().rss * 0.5);
  });

  it("reads the CPU time of the children a process waited for from its stat line (cutime and cstime, in ticks)", () => {
    // pid, name (spaces and parentheses), state, then fields 4 to 15, then cutime 250 and cstime 50.
    const fields = ["R", ...Array.from({ length: 12 }, (_, i) => String(i + 4)), "250", "50", "20", "0"];
    expect(waitedChildrenCpu(`42 (pagefind (x) y) ${fields.join(" ")}`)).toBe(3);
  });

  it("counts the CPU time of a child once it has been waited for", () => {
    const before = childrenCpuSeconds()!;
    // A fixed amount of work (some hundred milliseconds of CPU), not a time: the count is in 10 ms ticks.
    const child = spawnSync(process.execPath, ["-e", "let x = 0; for (let i = 0; i < 4e8; i += 1) x ^= i; if (x === 1) console.log(x);"]);
    expect(child.status).toBe(0);
    expect(childrenCpuSeconds()! - before).toBeGreaterThanOrEqual(0.05);
  });
});

describe("why a benchmarked build failed, in a few words", () => {
  const oom = "<--- Last few GCs --->\n[1:0x1]   140918 ms: Scavenge 2007.3 (2087.6) -> 1999.5 (2103.6) MB, 19.66 / 0.00 ms\n\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n 1: 0xb78db3 node::OOMErrorHandler";
  it.each([
    [137, null, "", "killed (over the memory limit)"],
    [null, "SIGKILL", "", "killed (over the memory limit)"],
    [null, "SIGABRT", oom, "Node's JavaScript heap out of memory (at 2088 MB, V8's heap limit)"],
    [1, null, "warning: x\nBuild failed: 2 content problems\n  posts/a.md:3 › date: …", "Build failed: 2 content problems"],
    [3, null, "something else", "exited 3"],
  ])("code %s, signal %s → %s", (code, signal, stderr, reason) => {
    expect(failureReason(code, signal, stderr)).toBe(reason);
  });
});

describe("a 50,000-post row kept from an earlier run", () => {
  const limit = { bytes: 4 * 1024 ** 3, how: "cgroup v1 memory folder /sys/fs/cgroup/memory/x" };
  const failed = row(50_000, { failure: "Node's JavaScript heap out of memory (V8's heap limit)", memoryLimit: limit, gloss: { pages: 0, seconds: 141, rssMiB: 0, peakMiB: 2330 } });

  it("is judged under the limit it ran under, though this run had none", () => {
    const targets = evaluateTargets(results([row(10_000, { gloss: { pages: 1, seconds: 200, rssMiB: 100, peakMiB: 1457 } }), failed]));
    expect(targets.find((t) => t.name.startsWith("50,000"))).toMatchObject({ status: "not met", measured: `failed: ${failed.failure}`, note: limit.how });
  });

  it("is left out of the growth line: a failed build's time is when it stopped", () => {
    expect(renderTable([row(10_000), failed])).not.toContain("growth");
    expect(renderTable([row(1_000), row(10_000, { gloss: { pages: 1, seconds: 200, rssMiB: 100, peakMiB: 1457 } }), failed])).toContain("growth: time(10000)/time(1000) = 10.00");
  });
});

