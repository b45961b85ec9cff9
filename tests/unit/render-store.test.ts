// The post bodies a production build keeps for the next (lib/pipeline/render-store.ts): what is
// taken (only renders whose file is unchanged, under the same key), where the next build writes
// (after the renders it took, which stay in place; anew once most of the file is stale), and
// what happens to a file that does not check out (a damaged render is rendered again; a damaged
// index or footer, the whole file ignored).
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { withHtml, type RenderInput, type StoredRender } from "../../lib/catalog/render.ts";
import { passageKey } from "../../lib/markdown/env.ts";
import { readEnv } from "../../lib/core/env.ts";
import { loadCatalog } from "../../lib/pipeline/load.ts";
import { KeptRenders } from "../../lib/pipeline/render-store.ts";
import { fixtureFiles, fixtureRegistries } from "../helpers/many-posts.ts";
import { makeSite } from "../helpers/site.ts";
import { makeTempDir } from "../helpers/temp.ts";

const input = (file: string, body: string, data: RenderInput["data"] = {}, lineOffset = 4): RenderInput => ({ file, body, data, lineOffset });
const renderOf = (body: string): StoredRender => ({
  html: `<p>${body}</p>\n`,
  summary: body,
  toc: undefined,
  state: { passages: [{ sourceId: "story", text: `“${body}”`, line: 5, anchor: "q1", key: passageKey(`“${body}”`) }], words: { quoted: 2, commentary: 3 }, quotedSourceIds: ["story"], firstParagraph: body, headings: [], images: [] },
});

/**
 * One build as lib/cli/render-site.ts makes it: takes what it can of `inputs`, keeps a render of
 * each (taken or made), writes, renders its pages (here: reads the HTML of every render taken),
 * then closes the last build's file. The renders taken are given back with their HTML read.
 */
function build(file: string, key: string, inputs: RenderInput[]): { store: KeptRenders; taken: Map<string, StoredRender> } {
  const store = new KeptRenders(file, key);
  const taken = new Map<string, StoredRender>();
  for (const one of inputs) {
    const found = store.take(one);
    if (found) taken.set(one.file, found);
    store.keep(one, found ?? renderOf(one.body));
  }
  store.write();
  for (const [name, render] of taken) taken.set(name, { ...render, html: render.html });
  store.close();
  return { store, taken };
}

const posts = (n: number, edited: Record<number, string> = {}) => Array.from({ length: n }, (_, i) => input(`posts/p${i}.md`, edited[i] ?? `Body ${i}, with a curly quote’s worth of text.`));

describe("the post bodies kept between builds", () => {
  it("gives back a render only for a file whose body, first line, description and toc are unchanged, under the same key", () => {
    const file = path.join(makeTempDir("gloss-renders-"), "renders.bin");
    expect(build(file, "k1", posts(4)).taken.size).toBe(0);
    const next = [...posts(4, { 0: "Edited." }), input("posts/new.md", "New.")];
    next[1] = input(next[1]!.file, next[1]!.body, { description: "Now described." });
    next[2] = input(next[2]!.file, next[2]!.body, {}, 7);
    const { taken } = build(file, "k1", next);
    expect([...taken.keys()]).toEqual(["posts/p3.md"]);
    expect(taken.get("posts/p3.md")).toEqual(renderOf("Body 3, with a curly quote’s worth of text."));
    // Every render of that build was kept, made or taken.
    expect(build(file, "k1", next).taken.size).toBe(5);
    // Another key (settings, registries or code changed): nothing taken, and nothing said to be wrong.
    const other = build(file, "k2", next);
    expect(other.taken.size).toBe(0);
    expect(other.store.ignored).toBeUndefined();
  });

  it("stands the file's digest for its body where the build knows it (the posts' front matter store)", () => {
    const file = path.join(makeTempDir("gloss-renders-"), "renders.bin");
    const digests = new Map(posts(3).map((one, i) => [one.file, `digest-${i}`]));
    const withDigests = (inputs: RenderInput[]) => {
      const store = new KeptRenders(file, "k", (name) => digests.get(name));
      const taken = inputs.filter((one) => {
        const found = store.take(one);
        store.keep(one, found ?? renderOf(one.body));
        return found !== undefined;
      });
      store.write();
      store.close();
      return taken.map((one) => one.file);
    };
    expect(withDigests(posts(3))).toEqual([]);
    expect(withDigests(posts(3))).toEqual(["posts/p0.md", "posts/p1.md", "posts/p2.md"]);
    // The bytes of p1 changed: its digest did. (In a build the body is read from those same
    // bytes: a body is not hashed again when its file's digest is known.)
    digests.set("posts/p1.md", "digest-1-edited");
    expect(withDigests(posts(3, { 2: "Another body, from the same bytes." }))).toEqual(["posts/p0.md", "posts/p2.md"]);
    // Renders kept by body are not taken by digest, nor the other way round.
    expect(build(file, "k", posts(3)).taken.size).toBe(0);
    expect(withDigests(posts(3))).toEqual([]);
  });

  it("writes a build's new renders after those it took, which stay in place; anew once most of the file is renders no build needs", () => {
    const file = path.join(makeTempDir("gloss-renders-"), "renders.bin");
    build(file, "k", posts(20));
    const first = readFileSync(file);
    const { taken } = build(file, "k", posts(20, { 7: "One post edited." }));
    expect(taken.size).toBe(19);
    const second = readFileSync(file);
    // The first build's renders are where they were (its index and footer, at the end, replaced).
    const renders = first.length - 60 - JSON.stringify({ key: "k", entries: [] }).length;
    expect(second.subarray(0, renders / 2).equals(first.subarray(0, renders / 2))).toBe(true);
    expect(second.length).toBeGreaterThan(first.length);
    // Every post edited, again and again: the file does not keep growing.
    for (let round = 0; round < 6; round += 1) build(file, "k", posts(20, Object.fromEntries(Array.from({ length: 20 }, (_, i) => [i, `Round ${round}, post ${i}.`]))));
    expect(statSync(file).size).toBeLessThan(first.length * 2.5);
    expect(build(file, "k", posts(20, Object.fromEntries(Array.from({ length: 20 }, (_, i) => [i, `Round 5, post ${i}.`])))).taken.size).toBe(20);
  });

  it("copies the renders it took into a file written anew, checked against their digests", () => {
    const file = path.join(makeTempDir("gloss-renders-"), "renders.bin");
    build(file, "k", posts(20));
    // Fifteen posts edited: most of the file is stale, so the next build writes it anew.
    const edited = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [i, `Edited ${i}.`]));
    const before = statSync(file).size;
    expect(build(file, "k", posts(20, edited)).taken.size).toBe(5);
    expect(statSync(file).size).toBeLessThan(before);
    const again = build(file, "k", posts(20, edited)).taken;
    expect(again.size).toBe(20);
    expect(again.get("posts/p19.md")).toEqual(renderOf("Body 19, with a curly quote’s worth of text."));
  });

  it("renders again a body whose kept bytes were changed, and ignores a file whose index or footer was", () => {
    const file = path.join(makeTempDir("gloss-renders-"), "renders.bin");
    build(file, "k", posts(3));
    const sound = readFileSync(file);
    // One byte of the second render's text (the bytes no longer match their digest).
    const damaged = Buffer.from(sound);
    const at = damaged.indexOf("Body 1");
    damaged[at] = "X".charCodeAt(0);
    writeFileSync(file, damaged);
    let next = build(file, "k", posts(3));
    expect([...next.taken.keys()]).toEqual(["posts/p0.md", "posts/p2.md"]);
    expect(next.store.ignored).toBeUndefined();
    // One byte of the index: the whole file is ignored, and said to be.
    const index = Buffer.from(readFileSync(file));
    index[index.lastIndexOf("posts/p2.md") + 7] = "9".charCodeAt(0);
    writeFileSync(file, index);
    next = build(file, "k", posts(3));
    expect(next.taken.size).toBe(0);
    expect(next.store.ignored).toBe("damaged");
    // Cut short, and not this format at all.
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    expect(new KeptRenders(file, "k").ignored).toBe("of another format");
    writeFileSync(file, "short");
    expect(new KeptRenders(file, "k").ignored).toBe("cut short");
    // Written anew by the build that ignored it.
    expect(build(file, "k", posts(3)).taken.size).toBe(0);
    expect(build(file, "k", posts(3)).taken.size).toBe(3);
  });

  it("reads a taken render's HTML only when asked for, from the last build's file, checked again; copies of it do not read it", () => {
    const file = path.join(makeTempDir("gloss-renders-"), "renders.bin");
    build(file, "k", posts(3));
    const sound = readFileSync(file);
    const store = new KeptRenders(file, "k");
    const [first, second, third] = posts(3).map((one) => {
      const taken = store.take(one)!;
      store.keep(one, taken);
      return taken;
    });
    // Not read yet: the bytes of its HTML changed under the store go unnoticed until it is asked for.
    const damaged = Buffer.from(sound);
    damaged[damaged.indexOf("<p>Body 1")! + 3] = "X".charCodeAt(0);
    writeFileSync(file, damaged);
    expect({ ...second }).not.toHaveProperty("html");
    expect(Object.keys(second!)).not.toContain("html");
    expect(() => second!.html).toThrow(/posts\/p1\.md .*changed while this build ran.*run the build again/);
    // Read once, then kept: what it read stays when the file is gone.
    expect(first!.html).toBe("<p>Body 0, with a curly quote’s worth of text.</p>\n");
    writeFileSync(file, sound);
    store.write();
    // After the write, from the file as this build left it; and not at all once it is closed.
    expect(third!.html).toBe("<p>Body 2, with a curly quote’s worth of text.</p>\n");
    const fourth = new KeptRenders(file, "k");
    const taken = fourth.take(posts(1)[0]!)!;
    fourth.close();
    expect(() => taken.html).toThrow(/posts\/p0\.md .*was asked for once its file was closed/);
    store.close();
    expect(first!.html).toBe("<p>Body 0, with a curly quote’s worth of text.</p>\n");
  });

  it("leaves a taken body's HTML in the file through the catalog: its post reads it when a page asks, and its copies do not", () => {
    const file = path.join(makeTempDir("gloss-renders-"), "renders.bin");
    const env = readEnv({ GLOSS_CONTENT_DIR: makeSite(fixtureFiles(), fixtureRegistries()).contentDir, GLOSS_NOW: "2026-01-01T12:00:00Z" });
    const first = new KeptRenders(file, "k");
    const made = loadCatalog(env, undefined, undefined, { renders: first });
    first.write();
    first.close();
    const store = new KeptRenders(file, "k");
    const catalog = loadCatalog(env, undefined, undefined, { renders: store });
    store.write();
    expect(store.taken).toBe(made.posts.length);
    expect(catalog.posts.length).toBeGreaterThan(60);
    for (const post of catalog.posts) {
      expect(Object.keys(post)).not.toContain("html");
      expect({ ...post }).not.toHaveProperty("html");
    }
    // Asked for, each is the HTML the first build made.
    const third = new KeptRenders(file, "k");
    expect(loadCatalog(env, undefined, undefined, { renders: third }).posts.map((post) => post.html)).toEqual(made.posts.map((post) => post.html));
    third.close();
    // Nothing the catalog made (the citations, the indexes) read the HTML: the file emptied, the
    // catalog's first post finds its bytes changed when asked.
    writeFileSync(file, "");
    expect(() => catalog.posts[0]!.html).toThrow(/changed while this build ran/);
    store.close();
  });
});

describe("withHtml", () => {
  it("keeps of a render only its HTML, read when asked for: the render and its state are let go", async () => {
    setFlagsFromString("--expose-gc");
    const collect = runInNewContext("gc") as () => void;
    let reads = 0;
    // As the store gives a render: its HTML a getter of its own; and as a freshly made one.
    let taken: StoredRender | undefined = Object.defineProperty({ summary: "", toc: undefined, state: renderOf("taken").state }, "html", {
      get: () => ((reads += 1), "<p>taken</p>"),
      enumerable: false,
    }) as StoredRender;
    let made: StoredRender | undefined = renderOf("made");
    // A post is made from the render postRenderer made from the store's.
    let rendered: object | undefined = withHtml({ key: "", state: taken.state }, taken);
    const fromStore = withHtml({ slug: "a" }, rendered as StoredRender);
    const fromMade = withHtml({ slug: "b" }, made);
    const refs = [new WeakRef(taken), new WeakRef(rendered), new WeakRef(made)];
    taken = made = rendered = undefined;
    // A WeakRef holds its target until the job that made it ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collect();
    expect(refs.map((ref) => ref.deref())).toEqual([undefined, undefined, undefined]);
    expect(reads).toBe(0);
    expect([fromStore.html, fromMade.html, reads]).toEqual(["<p>taken</p>", "<p>made</p>\n", 1]);
  });
});
