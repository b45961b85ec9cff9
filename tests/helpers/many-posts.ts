// A generated fixture for browsing: 64 posts over five months (a year boundary included) by
// five authors, with tags, sources and outlets of known sizes, plus five posts whose related
// posts are known by construction. Content and expectations come from the same specs.
import { DateTime } from "luxon";
import { postFile, type PostSpec } from "./site.ts";

export const GENERATED_POSTS = 64;

/** Tag name → which generated posts carry it (by index, 0 = oldest). */
export const GENERATED_TAGS: [string, (i: number) => boolean][] = [
  ["North Korea", () => true],
  ["Kim Jong Un", (i) => i % 2 === 0],
  ["U.S.–DPRK talks", (i) => i % 3 === 0],
  ["Hanoi summit", (i) => i % 5 === 0],
  ["Sanctions", (i) => i % 7 === 0],
  ["Diplomacy", (i) => i % 11 === 0],
];

const AUTHORS = ["ann", "bob", "cat", "anon"] as const;

export interface FixturePost extends PostSpec {
  slug: string;
  title: string;
  date: string;
  author: string;
  tags: string[];
  sources: string[];
}

function generated(i: number): FixturePost {
  const sources = i % 4 === 3 ? [] : [`s${i % 8}`];
  if (i % 4 === 1 && !sources.includes("s0")) sources.push("s0");
  return {
    slug: `post-${String(i).padStart(2, "0")}`,
    title: `Post number ${i}`,
    // Every second day from 1 November 2019: November 2019 to February 2020.
    date: DateTime.fromISO("2019-11-01").plus({ days: 2 * i }).toISODate()!,
    author: AUTHORS[i % 4]!,
    tags: GENERATED_TAGS.filter(([, has]) => has(i)).map(([name]) => name),
    sources,
  };
}

/**
 * Posts whose related posts are known: A shares a source with B only, two tags with C, one tag
 * with D (nearest in time) and E. Related to A: B (shared source first, though far in time and
 * sharing no tag), then C (two tags), then D (one tag, nearer than E).
 */
export const RELATED_POSTS: FixturePost[] = [
  { slug: "rel-a", title: "Related A", date: "2020-03-10", author: "dan", tags: ["Yongbyon", "Verification"], sources: ["s-rel"] },
  { slug: "rel-b", title: "Related B", date: "2020-02-20", author: "dan", tags: [], sources: ["s-rel"] },
  { slug: "rel-c", title: "Related C", date: "2020-03-08", author: "dan", tags: ["Yongbyon", "Verification"], sources: [] },
  { slug: "rel-d", title: "Related D", date: "2020-03-11", author: "dan", tags: ["Yongbyon"], sources: [] },
  { slug: "rel-e", title: "Related E", date: "2020-03-07", author: "dan", tags: ["Verification"], sources: [] },
];

export const FIXTURE_POSTS: FixturePost[] = [...Array.from({ length: GENERATED_POSTS }, (_, i) => generated(i)), ...RELATED_POSTS];

/** All posts newest first, as listings order them (dates are distinct). */
export const NEWEST_FIRST: FixturePost[] = [...FIXTURE_POSTS].sort((a, b) => b.date.localeCompare(a.date));

export const FIXTURE_SITE = `title: Browse Fixture
description: Many posts to browse.
url: https://browse.example/
language: en
timeZone: America/New_York
pageSize: 10
indexPageSize: 4
feedSize: 20
`;

export const FIXTURE_OUTLETS = `news:
  name: Daily News
  url: https://news.example/
wire:
  name: Wire Service
  url: https://wire.example/
blog:
  name: The Blog
  url: https://blog.example/
zine:
  name: A Zine
  url: https://zine.example/
`;

export const FIXTURE_AUTHORS = `ann:
  name: Ann Author
  url: https://ann.example/
  bio: Writes about things.
  outlet: blog
bob:
  name: Bob Writer
  outlet: zine
cat:
  name: Cat Critic
  outletNote: a newsletter
anon:
  name: ~
  outletNote: a blog whose name is not known
dan:
  name: Dan Diarist
zed:
  name: Zed Silent
`;

/** s0…s7 (even: Daily News, odd: Wire Service), s-rel (Daily News), and nine more wire stories nobody quotes. */
export function fixtureSources(): string {
  const entries: string[] = [];
  const add = (id: string, outlet: string, day: string) =>
    entries.push(`${id}:\n  title: Story ${id}\n  outlet: ${outlet}\n  url: https://${outlet}.example/${id}\n  published: ${day}\n  archived: https://archive.example/${id}\n`);
  for (let k = 0; k < 8; k += 1) add(`s${k}`, k % 2 === 0 ? "news" : "wire", `2019-10-${String(10 + k).padStart(2, "0")}`);
  add("s-rel", "news", "2020-02-01");
  for (let k = 1; k <= 9; k += 1) add(`wire-${k}`, "wire", `2019-09-${String(k).padStart(2, "0")}`);
  return entries.join("");
}

export function fixtureFiles(): Record<string, string> {
  return Object.fromEntries(FIXTURE_POSTS.map((p) => [`${p.slug}.md`, postFile({ ...p, body: `Commentary of ${p.title}.` })]));
}

export const fixtureRegistries = () => ({ site: FIXTURE_SITE, outlets: FIXTURE_OUTLETS, authors: FIXTURE_AUTHORS, sources: fixtureSources() });
