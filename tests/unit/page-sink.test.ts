// What keeps a production build's rendering process small: the page sink
// (lib/pipeline/page-sink.ts), its facts table (lib/checks/facts.ts) and the facts as the build
// record packs them, the heap ceiling it ticks and the heap a rendering process gets
// (lib/core/heap.ts), and the content stage letting go of its data (lib/pipeline/load.ts).
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { FactTable, extractFacts } from "../../lib/checks/facts.ts";
import { LinkTable, placeOf } from "../../lib/checks/link-table.ts";
import { LARGE_ARCHIVE_POSTS, heapCeiling, renderHeapFlags, renderHeapMiB } from "../../lib/core/heap.ts";
import { packFacts, unpackFacts } from "../../lib/pipeline/build-record.ts";
import { OneBuild, type GlossData } from "../../lib/pipeline/load.ts";
import { PageSink, builtPages, builtUrls, copyPublic } from "../../lib/pipeline/page-sink.ts";

const header = `<header><a href="/">Home</a><a href="/tags/">Tags</a><link rel="stylesheet" href="/css/gloss.css"></header>`;
const pageHtml = (n: number) =>
  `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'"></head><body id="top">${header}<h1>Post ${n}</h1><a href="/posts/p${n}/">self</a><script src="/js/search.js" type="module"></script></body></html>`;

const folders: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gloss-sink-"));
  folders.push(dir);
  return dir;
};
const sinks: PageSink[] = [];
/** A sink whose threads are stopped after the test, before its folders are removed. */
const threadedSink = (options: ConstructorParameters<typeof PageSink>[0]) => {
  const sink = new PageSink(options);
  sinks.push(sink);
  return sink;
};
afterEach(async () => {
  // A sink that threw its first failure has not waited for the pages still on its threads: one
  // of them could make its folder again (mkdir -p) after the removal below, leaving it behind.
  await Promise.all(sinks.splice(0).map((sink) => sink.close()));
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});
/** What `run` throws, or undefined. */
const thrownBy = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe("FactTable", () => {
  it("keeps each page's facts as extracted, with each distinct link, id and policy shared by the pages that have it", () => {
    const table = new FactTable();
    const a = table.add(extractFacts("/posts/p1/", pageHtml(1)));
    const b = table.add(extractFacts("/posts/p2/", pageHtml(2)));
    expect(a).toEqual(extractFacts("/posts/p1/", pageHtml(1)));
    expect(b).toEqual(extractFacts("/posts/p2/", pageHtml(2)));
    expect(table.pages).toEqual([a, b]);
    // The header's three links are one object each, whichever page they are read from.
    for (let i = 0; i < 3; i += 1) expect(b.links[i]).toBe(a.links[i]);
    // The page's own link differs, and a link to the same URL from another element is its own.
    expect(b.links[3]).not.toBe(a.links[3]);
    expect(b.links[3]!.value).toBe("/posts/p2/");
    const other = table.add(extractFacts("/x/", `<img src="/tags/"><a href="/tags/" rel="tag">t</a>`));
    expect(other.links.map((l) => [l.tag, l.rel])).toEqual([["img", undefined], ["a", "tag"]]);
    expect(other.links[0]).not.toBe(a.links[1]);
    expect(other.links[1]).not.toBe(a.links[1]);
  });
});

describe("PageSink", () => {
  it("writes each page where Eleventy would, keeps the HTML pages' facts, and hands back one empty buffer", () => {
    const dir = tempDir();
    const sink = new PageSink();
    const first = sink.write("/posts/p1/", path.join(dir, "posts/p1/index.html"), pageHtml(1));
    const second = sink.write("/feed.xml", path.join(dir, "feed.xml"), Buffer.from("<feed>“x”</feed>"));
    expect(first.length).toBe(0);
    expect(second).toBe(first);
    expect(readFileSync(path.join(dir, "posts/p1/index.html"), "utf8")).toBe(pageHtml(1));
    expect(readFileSync(path.join(dir, "feed.xml"), "utf8")).toBe("<feed>“x”</feed>");
    expect(sink.pages().map((p) => p.url)).toEqual(["/posts/p1/"]);
    expect(sink.pages()[0]).toEqual(extractFacts("/posts/p1/", pageHtml(1)));
    // What the build's record keeps of each file, taken as it was written: as the file is now.
    for (const name of ["posts/p1/index.html", "feed.xml"]) {
      const file = path.join(dir, name);
      const { size, mtimeMs, ino } = statSync(file);
      expect(sink.writtenFiles().get(file)).toEqual({ size, mtimeMs, ino, sha1: createHash("sha1").update(readFileSync(file)).digest("base64") });
    }
    expect(sink.writtenFiles().size).toBe(2);
  });

  it.each([1, 2, 3])("past its first files writes the rest on %i thread(s) of its own, each page on the next in turn, with the same files, record and facts, in the same order, as on Eleventy's", (threads) => {
    const inline = tempDir();
    const threaded = tempDir();
    const pages = (dir: string) =>
      Array.from({ length: 700 }, (_, n) => ({
        url: n % 7 === 0 ? `/posts/p${n}.bib` : `/posts/p${n}/`,
        file: path.join(dir, n % 7 === 0 ? `posts/p${n}.bib` : `posts/p${n}/index.html`),
        content: n % 7 === 0 ? Buffer.from(`@article{p${n}, title={“${n}”}}`) : pageHtml(n),
      }));
    const one = new PageSink({ threadFrom: Number.POSITIVE_INFINITY });
    // Ten files on Eleventy's thread, then 690 on the sink's: more than it lets be in flight at once.
    const two = threadedSink({ threadFrom: 10, threads });
    for (const { url, file, content } of pages(inline)) one.write(url, file, content);
    for (const { url, file, content } of pages(threaded)) expect(two.write(url, file, content).length).toBe(0);
    expect(two.pages()).toEqual(one.pages());
    expect(two.pages()).toHaveLength(600);
    const relative = (sink: PageSink, dir: string) => [...sink.writtenFiles()].map(([file, { size, sha1 }]) => [path.relative(dir, file), size, sha1]);
    expect(relative(two, threaded)).toEqual(relative(one, inline));
    for (const [file, written] of two.writtenFiles()) {
      const { size, mtimeMs, ino } = statSync(file);
      expect(written).toEqual({ size, mtimeMs, ino, sha1: createHash("sha1").update(readFileSync(file)).digest("base64") });
    }
    // A write after the sink has been read starts the thread again.
    two.write("/late/", path.join(threaded, "late/index.html"), pageHtml(701));
    expect(two.pages().at(-1)!.url).toBe("/late/");
    expect(two.writtenFiles().size).toBe(701);
  });

  it("reports a file its thread could not write, as the file system said it, on the next call", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "posts"), "a file where a folder should be");
    const sink = threadedSink({ threadFrom: 0 });
    sink.write("/posts/p1/", path.join(dir, "posts/p1/index.html"), pageHtml(1));
    const thrown = thrownBy(() => sink.pages());
    expect(thrown).toMatchObject({ code: "ENOTDIR", syscall: "mkdir", path: expect.stringContaining(path.join(dir, "posts")) });
    expect(() => sink.write("/x/", path.join(dir, "x/index.html"), pageHtml(2))).toThrow(/ENOTDIR/);
  });

  it("reports the first file its threads could not write in the order the pages came, whichever thread answered first", () => {
    const dir = tempDir();
    // The second page fails on the second thread, the third on the first, which may well have
    // answered for it before the sink reads the second thread's answer.
    writeFileSync(path.join(dir, "a"), "a file where a folder should be");
    writeFileSync(path.join(dir, "b"), "another");
    const sink = threadedSink({ threadFrom: 0, threads: 2 });
    sink.write("/ok/", path.join(dir, "ok/index.html"), pageHtml(0));
    sink.write("/a/x/", path.join(dir, "a/x/index.html"), pageHtml(1));
    sink.write("/b/x/", path.join(dir, "b/x/index.html"), pageHtml(2));
    const thrown = thrownBy(() => sink.pages());
    expect(thrown).toMatchObject({ code: "ENOTDIR", syscall: "mkdir", path: expect.stringContaining(path.join(dir, "a")) });
    expect(readFileSync(path.join(dir, "ok/index.html"), "utf8")).toBe(pageHtml(0));
  });

  it("closed after a failed run, writes nothing more: the pages in flight to its thread are dropped", async () => {
    const dir = tempDir();
    const sink = threadedSink({ threadFrom: 0 });
    for (let n = 0; n < 200; n += 1) sink.write(`/posts/p${n}/`, path.join(dir, `posts/p${n}/index.html`), pageHtml(n));
    await sink.close();
    const count = () => (existsSync(path.join(dir, "posts")) ? readdirSync(path.join(dir, "posts"), { recursive: true }).length : 0);
    const written = count();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(count()).toBe(written);
    // Closing a sink with no thread, or twice, does nothing.
    await sink.close();
    await new PageSink().close();
  });

  it("copies the public folder as Eleventy's passthrough copy does: dot files, replacing files, links as links", () => {
    const dir = tempDir();
    const pub = path.join(dir, "public");
    const out = path.join(dir, "out");
    mkdirSync(path.join(pub, "css"), { recursive: true });
    writeFileSync(path.join(pub, "css", "a.css"), "a{}");
    writeFileSync(path.join(pub, ".well-known"), "x");
    symlinkSync("css/a.css", path.join(pub, "alias.css"));
    mkdirSync(path.join(out, "css"), { recursive: true });
    writeFileSync(path.join(out, "css", "a.css"), "old");
    copyPublic(pub, out);
    expect(readFileSync(path.join(out, "css", "a.css"), "utf8")).toBe("a{}");
    expect(readFileSync(path.join(out, ".well-known"), "utf8")).toBe("x");
    expect(lstatSync(path.join(out, "alias.css")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(out, "alias.css"))).toBe("css/a.css");
    copyPublic(path.join(dir, "none"), path.join(dir, "out2"));
    expect(existsSync(path.join(dir, "out2"))).toBe(false);
  });

  it("copies the public folder while another thread makes folders in the same output folder (a warm build's carrying)", async () => {
    const dir = tempDir();
    const pub = path.join(dir, "public");
    mkdirSync(path.join(pub, "css"), { recursive: true });
    mkdirSync(path.join(pub, "posts", "files"), { recursive: true });
    writeFileSync(path.join(pub, "css", "a.css"), "a{}");
    writeFileSync(path.join(pub, "posts", "files", "x.pdf"), "x");
    // Without the folders made first, cpSync's own mkdir lost this race in about three runs of
    // four (EEXIST on the output folder): twenty runs cannot all pass by luck.
    for (let run = 0; run < 20; run += 1) {
      const out = path.join(dir, `out${run}`);
      const maker = new Worker(
        `const { mkdirSync } = require("node:fs"); const { workerData, parentPort } = require("node:worker_threads");
         parentPort.postMessage("ready");
         for (let k = 0; k < 200; k += 1) mkdirSync(workerData + "/posts/p" + k, { recursive: true });`,
        { eval: true, workerData: out },
      );
      await new Promise((resolve) => maker.once("message", resolve));
      copyPublic(pub, out);
      await new Promise((resolve) => maker.once("exit", resolve));
      expect(readFileSync(path.join(out, "css", "a.css"), "utf8")).toBe("a{}");
      expect(readFileSync(path.join(out, "posts", "files", "x.pdf"), "utf8")).toBe("x");
      expect(existsSync(path.join(out, "posts", "p199"))).toBe(true);
    }
  });
});

describe("builtPages and builtUrls", () => {
  const carried = [extractFacts("/posts/old/", pageHtml(9))];
  it("take a production build's pages from the sink, then the carried ones", () => {
    const dir = tempDir();
    const sink = new PageSink();
    sink.write("/posts/p1/", path.join(dir, "posts/p1/index.html"), pageHtml(1));
    sink.write("/feed.xml", path.join(dir, "feed.xml"), "<feed/>");
    // Eleventy's results are ignored when the sink has the pages: a dry run's are empty stand-ins.
    const results = [{ url: "/posts/p1/", outputPath: "x/posts/p1/index.html", content: "" }];
    expect(builtPages(results, sink, carried)).toEqual([extractFacts("/posts/p1/", pageHtml(1)), carried[0]]);
    expect(builtUrls(results, sink, carried)).toEqual(["/posts/p1/", "/posts/old/"]);
  });

  it("read the dev server's HTML pages from Eleventy's results, skipping other files and pages not written", () => {
    const results = [
      { url: "/posts/p2/", outputPath: "x/posts/p2/index.html", content: Buffer.from(pageHtml(2)) },
      { url: "/feed.xml", outputPath: "x/feed.xml", content: "<feed/>" },
      { url: false as const, outputPath: false as const, content: "" },
    ];
    expect(builtPages(results, undefined, carried)).toEqual([extractFacts("/posts/p2/", pageHtml(2)), carried[0]]);
    expect(builtUrls(results, undefined, [])).toEqual(["/posts/p2/"]);
  });
});

describe("heapCeiling", () => {
  it("asks for a collection once the heap has grown the slack past what was alive after the last (past nothing, before the first), checking every few ticks", () => {
    const MiB = 2 ** 20;
    let used = 100 * MiB;
    const collections: number[] = [];
    const ceiling = heapCeiling(50, 2, { used: () => used, collect: () => collections.push((used = 120 * MiB)) });
    used = 49 * MiB;
    ceiling.tick();
    ceiling.tick();
    expect(collections).toHaveLength(0); // 49 MiB: nothing is known alive before the first collection
    used = 151 * MiB;
    ceiling.tick();
    expect(collections).toHaveLength(0); // not a tick it checks on
    ceiling.tick();
    expect(collections).toHaveLength(1);
    used = 165 * MiB; // 45 MiB past the 120 alive after it
    ceiling.tick();
    ceiling.tick();
    expect(collections).toHaveLength(1);
    used = 171 * MiB;
    ceiling.tick();
    ceiling.tick();
    expect(collections).toHaveLength(2);
  });

  it("lets a large heap grow a quarter of what is alive before it asks, so a large archive's collections stay few", () => {
    const MiB = 2 ** 20;
    let used = 2000 * MiB;
    const collections: number[] = [];
    const ceiling = heapCeiling(128, 1, { used: () => used, collect: () => collections.push((used = 2000 * MiB)) });
    ceiling.tick();
    expect(collections).toHaveLength(1); // the first collection: 2,000 MiB alive
    used = 2400 * MiB; // 400 MiB past 2,000 alive: past the 128 given, short of a quarter (500)
    ceiling.tick();
    expect(collections).toHaveLength(1);
    used = 2501 * MiB;
    ceiling.tick();
    expect(collections).toHaveLength(2);
    used = 2499 * MiB; // a quarter of the 2,000 alive after it is 500
    ceiling.tick();
    expect(collections).toHaveLength(2);
    used = 2501 * MiB;
    ceiling.tick();
    expect(collections).toHaveLength(3);
  });

  it("does nothing where the process cannot ask for a collection", () => {
    const ceiling = heapCeiling(0, 1, { used: () => 1e12, collect: undefined });
    expect(() => ceiling.tick()).not.toThrow();
  });
});

describe("renderHeapMiB", () => {
  const GiB = 2 ** 30;
  it.each([
    ["a 4 GiB cgroup on a 24 GiB machine", 4 * GiB, 24 * GiB, 3072],
    ["no limit (cgroup v1 says 2^64)", 2 ** 64, 8 * GiB, 6144],
    ["no limit (Node says 0)", 0, 8 * GiB, 6144],
    ["Node cannot tell", undefined, 2 * GiB, 1536],
  ])("%s: three quarters of what the build may use", (_label, constrained, total, expected) => {
    expect(renderHeapMiB(constrained, total)).toBe(expected);
  });
});

describe("renderHeapFlags", () => {
  const GiB = 2 ** 30;
  it("gives a large archive's rendering process a larger young generation, and a smaller one V8's own", () => {
    expect(renderHeapFlags(10_000, 4 * GiB, 24 * GiB)).toEqual(["--max-old-space-size=3072"]);
    expect(renderHeapFlags(LARGE_ARCHIVE_POSTS - 1, 4 * GiB, 24 * GiB)).toEqual(["--max-old-space-size=3072"]);
    expect(renderHeapFlags(LARGE_ARCHIVE_POSTS, 4 * GiB, 24 * GiB)).toEqual(["--max-old-space-size=3072", "--max-semi-space-size=64"]);
    expect(renderHeapFlags(50_000, undefined, 8 * GiB)).toEqual(["--max-old-space-size=6144", "--max-semi-space-size=64"]);
  });
});

describe("packFacts", () => {
  it("writes each link once, whether pages share its object or hold equal copies, and unpacks to the same facts", () => {
    const table = new FactTable();
    const a = table.add(extractFacts("/posts/p1/", pageHtml(1)));
    const b = table.add(extractFacts("/posts/p2/", pageHtml(2)));
    // A page carried from the last build: equal links, other objects (unpackFacts made them).
    const carried = structuredClone(extractFacts("/posts/p3/", pageHtml(3)));
    const packed = packFacts([a, b, carried]);
    // Home, tags, the stylesheet, the script: once each; and each page's own link.
    expect(packed.links).toHaveLength(4 + 3);
    expect(packed.facts[2]!.links.slice(0, 3)).toEqual(packed.facts[0]!.links.slice(0, 3));
    const unpacked = unpackFacts(packed)!;
    expect(unpacked.get("/posts/p1/")).toEqual(a);
    expect(unpacked.get("/posts/p3/")).toEqual(carried);
  });

  it("writes each page's Content-Security-Policy once, and reads a page without one as without one", () => {
    const bare = extractFacts("/bare/", "<!doctype html><html><head></head><body><h1>No policy</h1></body></html>");
    const other = extractFacts("/other/", pageHtml(4).replace("default-src 'self'", "default-src 'none'"));
    const pages = [extractFacts("/posts/p1/", pageHtml(1)), bare, extractFacts("/posts/p2/", pageHtml(2)), other];
    const packed = packFacts(pages);
    expect(packed.policies).toEqual(["default-src 'self'", "default-src 'none'"]);
    expect(packed.facts.map((page) => page.metaCsp)).toEqual([0, undefined, 0, 1]);
    // As the record keeps them (JSON), and back.
    const unpacked = unpackFacts(JSON.parse(JSON.stringify(packed)))!;
    for (const page of pages) expect(unpacked.get(page.url)).toEqual(page);
    expect(unpacked.get("/bare/")!.metaCsp).toBeUndefined();
    // A policy's row that is not there: the record is not used.
    expect(unpackFacts({ ...packed, policies: packed.policies.slice(0, 1) })).toBeUndefined();
  });
});

describe("LinkTable", () => {
  it("keeps each distinct link once, at its place, equal to the link as read and plain when copied", () => {
    const table = new LinkTable();
    const read = { tag: "a", attr: "href", value: "/tags/", rel: undefined };
    const kept = table.intern(read);
    expect(kept).toEqual(read);
    expect(JSON.parse(JSON.stringify(kept))).toEqual({ tag: "a", attr: "href", value: "/tags/" });
    expect(structuredClone(kept)).toEqual(read);
    expect(table.intern({ ...read })).toBe(kept);
    expect(table.intern(kept)).toBe(kept);
    // The same value from another element, or with a rel, is another link.
    const image = table.intern({ ...read, tag: "img", attr: "src" });
    const tagged = table.intern({ ...read, rel: "tag" });
    expect(new Set([kept, image, tagged]).size).toBe(3);
    expect(table.intern({ ...read, rel: "tag" })).toBe(tagged);
    expect([kept, image, tagged].map(placeOf)).toEqual([0, 1, 2]);
    expect(table.links).toEqual([kept, image, tagged]);
    expect(table.owns(kept)).toBe(true);
    expect(table.owns({ ...read })).toBe(false);
    expect(new LinkTable().owns(kept)).toBe(false);
    expect(placeOf(read)).toBeUndefined();
  });
});

describe("packFacts with the build's link table", () => {
  it("packs the pages carried and rendered into the record the same as a table of their own would, each link once", () => {
    const fresh = new FactTable();
    const pages = [1, 2, 3].map((n) => fresh.add(extractFacts(`/posts/p${n}/`, pageHtml(n))));
    const record = packFacts(pages);
    // A warm build: the record's pages unpacked into the build's table, one page rendered again into it.
    const links = new LinkTable();
    const carried = unpackFacts(record, links)!;
    const rendered = new FactTable(links).add(extractFacts("/posts/p2/", pageHtml(2)));
    expect(rendered.links.slice(0, 3)).toEqual(carried.get("/posts/p1/")!.links.slice(0, 3));
    for (let i = 0; i < 4; i += 1) expect(rendered.links[i]).toBe(carried.get("/posts/p2/")!.links[i]);
    const again = [carried.get("/posts/p1/")!, rendered, carried.get("/posts/p3/")!];
    expect(packFacts(again, links)).toEqual(record);
    // A page whose links no table keeps (equal copies) packs to the same rows.
    expect(packFacts([...again, structuredClone(carried.get("/posts/p1/")!)], links).links).toEqual(record.links);
  });

  it("writes only the links the pages have, not every link the table ever kept", () => {
    const links = new LinkTable();
    const table = new FactTable(links);
    const gone = table.add(extractFacts("/posts/gone/", pageHtml(9)));
    const kept = table.add(extractFacts("/posts/p1/", pageHtml(1)));
    expect(links.links.length).toBe(6);
    const packed = packFacts([kept], links);
    expect(packed.links).toEqual(kept.links.map((l) => [l.tag, l.attr, l.value, l.rel ?? null]));
    expect(packed.links.map((row) => row[2])).not.toContain(gone.url);
  });
});

describe("OneBuild.release", () => {
  it("lets go of the data, the carried pages and the checked callback once the run is over", () => {
    const data = { site: { title: "x" } } as unknown as GlossData;
    const checked: unknown[] = [];
    const carried = [extractFacts("/a/", "<p>a</p>")];
    const stage = new OneBuild(() => data, carried, (pages) => checked.push(pages));
    expect(stage.load()).toBe(data);
    stage.checked([]);
    expect(checked).toHaveLength(1);
    stage.release();
    expect(stage.loaded()).toBeUndefined();
    expect(stage.carried()).toEqual([]);
    stage.checked([]);
    expect(checked).toHaveLength(1);
    expect(() => stage.load()).toThrow(/let go when its run ended/);
  });
});
