// The posts' front matter a production build keeps for the next (lib/pipeline/front-matter-store.ts):
// a post file with the bytes the last build read, under the same key, is taken as it was read
// (its dates too, in the site's zone), not parsed again; any other is read; a file that does not
// check out is ignored whole.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { readContent, type PostFile } from "../../lib/content/read.ts";
import { KeptFrontMatter } from "../../lib/pipeline/front-matter-store.ts";
import { postStamps } from "../../lib/pipeline/warm.ts";
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
    expect(after.find((post) => post.slug === "plain")!.data.title).toBe("Plain, retitled");

    // Another key (settings or Gloss's code changed): nothing taken, and nothing said to be wrong.
    const other = new KeptFrontMatter(file, "k2", ZONE);
    expect(other.ignored).toBeUndefined();
    read(site.contentDir, other);
    expect(other.taken).toBe(0);
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
      [sound.replace("gloss-front-matter/1", "gloss-front-matter/0"), "of another format"],
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
