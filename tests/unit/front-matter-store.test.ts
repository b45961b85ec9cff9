// The posts' front matter a production build keeps for the next (lib/pipeline/front-matter-store.ts):
// a post file with the bytes the last build read, under the same key, is taken as it was read
// (its dates too, in the site's zone), not parsed again, and one whose stamp (size, times, inode)
// has not changed is not even read; any other is read; a file that does not check out is ignored
// whole.
import { readFileSync, renameSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { readContent, type PostFile } from "../../lib/content/read.ts";
import { KeptFrontMatter } from "../../lib/pipeline/front-matter-store.ts";
import { postStamps } from "../../lib/pipeline/build-keys.ts";
import { makeSite, postFile } from "../helpers/site.ts";
import { makeTempDir } from "../helpers/temp.ts";

const ZONE = "America/New_York";

const files = {
  "plain.md": postFile({ title: "Plain", date: "2019-02-28", tags: ["Hanoi summit"], sources: ["story"] }),
  "timed.md": postFile({ title: "Timed", date: "2019-02-28T14:30+07:00", extra: "updated: 2019-03-01 09:15\ndateAccuracy: about\ndateNote: From the archive's folder name." }),
  "full.md": postFile({
    title: "Full",
    date: "2019-03-10T23:30",
    author: "[ann, bob]",
    extra: "description: One sentence.\nslug: a-chosen-slug\naliases: [/2019/03/old/]\ntoc: true\ndraft: true\nimage: card.png\nimageAlt: A picture.",
    body: "# Heading\n\nWords.\n",
  }),
};

/** What a post read gives, with its dates as their moments, zones and text (luxon objects compare by these). */
function shown(post: PostFile) {
  const date = (d: { value: { toISO(): string | null; zoneName: string | null; toMillis(): number }; dayOnly: boolean } | undefined) =>
    d && { iso: d.value.toISO(), zone: d.value.zoneName, ms: d.value.toMillis(), dayOnly: d.dayOnly };
  return { ...post, lineOf: [post.lineOf(["title"]), post.lineOf(["date"])], data: { ...post.data, date: date(post.data.date), updated: date(post.data.updated) } };
}

function read(contentDir: string, store: KeptFrontMatter) {
  const { input, problems } = readContent({ contentDir, root: path.dirname(contentDir), timeZone: ZONE }, undefined, store);
  expect(problems).toEqual([]);
  store.write();
  return input.posts;
}

describe("the posts' front matter kept between builds", () => {
  it("takes back, as it was read, the front matter of every post file whose bytes are unchanged, under the same key", () => {
    const site = makeSite(files);
    const file = path.join(makeTempDir("gloss-front-matter-"), "front-matter.json");
    const first = new KeptFrontMatter(file, "k", ZONE);
    const made = read(site.contentDir, first);
    expect(first.taken).toBe(0);
    expect(made).toHaveLength(3);

    const second = new KeptFrontMatter(file, "k", ZONE);
    const taken = read(site.contentDir, second);
    expect(second.taken).toBe(3);
    expect(second.unread).toBe(3);
    expect(second.ignored).toBeUndefined();
    expect(taken.map(shown)).toEqual(made.map(shown));
    // The dates stay in the site's zone: a date-time given with another offset included.
    expect(taken.find((post) => post.slug === "timed")!.data.date.value.toISO()).toBe("2019-02-28T02:30:00.000-05:00");
    // The digests this build read are the post stamps the plan keeps (warm.ts), without reading the files again.
    const posts = taken.map((post) => ({ file: post.file }));
    expect(postStamps(posts, path.dirname(site.contentDir), (name) => second.digestOf(name))).toEqual(postStamps(posts, path.dirname(site.contentDir)));

    // One file edited: it alone is read again.
    writeFileSync(path.join(site.contentDir, "plain.md"), postFile({ title: "Plain, retitled", date: "2019-02-28" }));
    const third = new KeptFrontMatter(file, "k", ZONE);
    const after = read(site.contentDir, third);
    expect(third.taken).toBe(2);
    expect(third.unread).toBe(2);
    expect(after.find((post) => post.slug === "plain")!.data.title).toBe("Plain, retitled");

    // Another key (settings or Gloss's code changed): nothing taken, and nothing said to be wrong.
    const other = new KeptFrontMatter(file, "k2", ZONE);
    expect(other.ignored).toBeUndefined();
    read(site.contentDir, other);
    expect(other.taken).toBe(0);
  });

  it("does not read a post file whose stamp is unchanged until its body or a line is asked for, and then only the bytes it was read from", () => {
    const site = makeSite(files);
    const file = path.join(makeTempDir("gloss-front-matter-"), "front-matter.json");
    const made = read(site.contentDir, new KeptFrontMatter(file, "k", ZONE));
    const store = new KeptFrontMatter(file, "k", ZONE);
    const taken = read(site.contentDir, store);
    expect(store.unread).toBe(3);
    // The file moved away after the read: the post is whole without it, so it was not read...
    const full = path.join(site.contentDir, "full.md");
    renameSync(full, `${full}.away`);
    const post = taken.find((p) => p.slug === "a-chosen-slug")!;
    const before = made.find((p) => p.slug === "a-chosen-slug")!;
    expect([post.file, post.data.title, post.lineOffset]).toEqual([before.file, "Full", before.lineOffset]);
    // ... and asking for its body then says what happened, instead of giving another text.
    expect(() => post.body).toThrow(/posts\/full\.md changed while this build ran .*no such file.*run the build again/);
    renameSync(`${full}.away`, full);
    expect(post.body).toBe(before.body);
    expect(post.lineOf(["image"])).toBe(before.lineOf(["image"]));
    // Another text in its place, read by a post taken before it changed: the build stops.
    const plain = taken.find((p) => p.slug === "plain")!;
    writeFileSync(path.join(site.contentDir, "plain.md"), postFile({ title: "Plain", date: "2019-02-28", body: "Other words.\n" }));
    expect(() => plain.lineOf(["title"])).toThrow(/posts\/plain\.md changed while this build ran \(its bytes are not those it was read from\)/);
  });

  it("reads a post file again whose bytes changed though its size and modification time were put back, and one reached by a link", () => {
    const site = makeSite(files);
    const file = path.join(makeTempDir("gloss-front-matter-"), "front-matter.json");
    // A post that is a symbolic link to a file in the project: always read, since its stamp is the link's.
    writeFileSync(path.join(path.dirname(site.contentDir), "linked.md"), postFile({ title: "Linked", date: "2019-03-01" }));
    symlinkSync(path.join(path.dirname(site.contentDir), "linked.md"), path.join(site.contentDir, "linked.md"));
    // A whole second as its time, which can be put back exactly.
    const plain = path.join(site.contentDir, "plain.md");
    const then = new Date("2024-01-01T00:00:00Z");
    utimesSync(plain, then, then);
    read(site.contentDir, new KeptFrontMatter(file, "k", ZONE));
    const { mtimeMs, size } = statSync(plain);
    const edited = readFileSync(plain, "utf8").replace('title: "Plain"', 'title: "Plaim"');
    expect([Buffer.byteLength(edited), edited.includes("Plaim")]).toEqual([size, true]);
    writeFileSync(plain, edited);
    utimesSync(plain, then, then);
    expect([statSync(plain).mtimeMs, statSync(plain).size]).toEqual([mtimeMs, size]);
    const store = new KeptFrontMatter(file, "k", ZONE);
    const posts = read(site.contentDir, store);
    expect([store.taken, store.unread]).toEqual([3, 2]);
    expect(posts.map((post) => post.data.title).sort()).toEqual(["Full", "Linked", "Plaim", "Timed"]);
  });

  it("gives what it kept, not what the file would parse to: a post taken is not read again", () => {
    const site = makeSite(files);
    const file = path.join(makeTempDir("gloss-front-matter-"), "front-matter.json");
    read(site.contentDir, new KeptFrontMatter(file, "k", ZONE));
    // The kept title changed by hand, the file's digest made right again: the build trusts its own file.
    const [head, rest] = readFileSync(file, "utf8").split("\n") as [string, string];
    const edited = rest.replace('"title":"Plain"', '"title":"Kept"');
    expect(edited).not.toBe(rest);
    const sha256 = createHash("sha256").update(edited).digest("hex");
    writeFileSync(file, `${head.replace(/"sha256":"[0-9a-f]+"/, `"sha256":"${sha256}"`)}\n${edited}`);
    const store = new KeptFrontMatter(file, "k", ZONE);
    expect(read(site.contentDir, store).find((post) => post.slug === "plain")!.data.title).toBe("Kept");
  });

  it("ignores a file that does not check out: damaged, cut short, of another format, or with entries of another shape", () => {
    const site = makeSite(files);
    const file = path.join(makeTempDir("gloss-front-matter-"), "front-matter.json");
    read(site.contentDir, new KeptFrontMatter(file, "k", ZONE));
    const sound = readFileSync(file, "utf8");
    const [head, rest] = sound.split("\n") as [string, string];
    const withDigest = (entries: string) => `${head.replace(/"sha256":"[0-9a-f]+"/, `"sha256":"${createHash("sha256").update(entries).digest("hex")}"`)}\n${entries}`;
    const cases: [string, string][] = [
      [sound.replace('"title":"Plain"', '"title":"Plaim"'), "damaged"],
      [sound.slice(0, sound.length - 10), "damaged"],
      [head, "damaged"],
      [sound.replace("gloss-front-matter/2", "gloss-front-matter/1"), "of another format"],
      ["", "damaged"],
      [withDigest(rest.replace(/"epochMs":\d+/, '"epochMs":"soon"')), "damaged"],
      [withDigest("{}"), "damaged"],
    ];
    for (const [text, why] of cases) {
      writeFileSync(file, text);
      const store = new KeptFrontMatter(file, "k", ZONE);
      expect(store.ignored, text.slice(0, 80)).toBe(why);
      expect(read(site.contentDir, store).map((post) => post.data.title).sort()).toEqual(["Full", "Plain", "Timed"]);
      expect(store.taken).toBe(0);
    }
    // Written again whole by the build that ignored it.
    expect(new KeptFrontMatter(file, "k", ZONE).ignored).toBeUndefined();
  });
});
