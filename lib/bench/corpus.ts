// A deterministic synthetic corpus in Gloss's real content format, for benchmarks:
// N posts (~600 words, 2 attributed quotations each), ~N/20 sources across ~50 outlets,
// ~20 authors, ~200 tags used with a Zipf-like skew. Same seed, same bytes.

export interface CorpusOptions {
  posts: number;
  seed: number;
  /** Words per post, roughly. */
  words: number;
  authors: number;
  outlets: number;
  tags: number;
}

export const corpusDefaults = { posts: 100, seed: 1, words: 600, authors: 20, outlets: 50, tags: 200 } satisfies CorpusOptions;

/** mulberry32: a small, fast, well-distributed PRNG; deterministic across platforms. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "an", "bel", "cor", "dun", "el", "fir", "gal", "hon", "ist", "jor", "kel", "lum", "mor", "nat", "ost", "pra", "qui", "ren", "sol", "tur", "ul", "ver", "wyn"];

function vocabulary(next: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const length = 1 + Math.floor(next() * 3);
    let word = "";
    for (let i = 0; i < length; i += 1) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

function sentence(next: () => number, vocab: readonly string[], words: number): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i += 1) parts.push(vocab[Math.floor(next() * vocab.length)]!);
  const text = parts.join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function paragraph(next: () => number, vocab: readonly string[], words: number): string {
  const sentences: string[] = [];
  let left = words;
  while (left > 0) {
    const size = Math.min(left, 8 + Math.floor(next() * 14));
    sentences.push(sentence(next, vocab, size));
    left -= size;
  }
  return sentences.join(" ");
}

/** Index in [0, n) drawn with probability ∝ 1/(rank+1): a few tags are everywhere, most are rare. */
function zipf(next: () => number, n: number): number {
  const harmonic = Math.log(n) + 0.5772;
  const target = next() * harmonic;
  let sum = 0;
  for (let rank = 0; rank < n; rank += 1) {
    sum += 1 / (rank + 1);
    if (sum >= target) return rank;
  }
  return n - 1;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Returns the files of a content folder: paths relative to it → text. */
export function generateCorpus(options: Partial<CorpusOptions> = {}): Map<string, string> {
  const o = { ...corpusDefaults, ...options };
  const next = random(o.seed);
  const vocab = vocabulary(next, 2000);
  const files = new Map<string, string>();
  const sourceCount = Math.max(1, Math.round(o.posts / 20));
  const outletIds = Array.from({ length: o.outlets }, (_, i) => `outlet-${pad(i + 1, 3)}`);
  const authorIds = Array.from({ length: o.authors }, (_, i) => `author-${pad(i + 1, 3)}`);
  const tagNames = Array.from({ length: o.tags }, (_, i) => `Topic ${vocab[i]} ${i + 1}`);

  files.set(
    "_data/site.yaml",
    ["title: Bench Blog", "description: A synthetic corpus.", "url: https://bench.example/", "language: en", "timeZone: Europe/Berlin", `defaultAuthor: ${authorIds[0]}`, "pageSize: 10", "feedSize: 20", ""].join("\n"),
  );
  files.set("_data/outlets.yaml", outletIds.map((id, i) => `${id}:\n  name: Outlet ${vocab[i + 300]} ${i + 1}\n  url: https://${id}.example/\n`).join(""));
  files.set(
    "_data/authors.yaml",
    authorIds.map((id, i) => `${id}:\n  name: Author ${vocab[i + 400]} ${i + 1}\n  bio: ${sentence(next, vocab, 12)}\n  outlet: ${outletIds[i % outletIds.length]}\n`).join(""),
  );

  // Each source has a few passages that posts quote, so passages are shared between posts.
  const passages: string[][] = [];
  const sourceLines: string[] = [];
  for (let i = 0; i < sourceCount; i += 1) {
    const id = `source-${pad(i + 1, 5)}`;
    const day = 1 + (i % 28);
    const month = 1 + (Math.floor(i / 28) % 12);
    const year = 2010 + (Math.floor(i / 336) % 15);
    sourceLines.push(
      `${id}:\n  title: ${sentence(next, vocab, 8).slice(0, -1)}\n  outlet: ${outletIds[Math.floor(next() * outletIds.length)]}\n` +
        `  url: https://news.example/${year}/${pad(month, 2)}/${pad(day, 2)}/${id}\n  published: ${year}-${pad(month, 2)}-${pad(day, 2)}\n` +
        (i % 3 === 0 ? `  archived: https://archive.example/${id}\n` : "") +
        (i % 2 === 0 ? `  byline: Reporter ${vocab[i % vocab.length]}\n` : ""),
    );
    passages.push(Array.from({ length: 6 }, () => paragraph(next, vocab, 40)));
  }
  files.set("_data/sources.yaml", sourceLines.join(""));

  for (let i = 0; i < o.posts; i += 1) {
    const slug = `post-${pad(i + 1, 6)}`;
    const s1 = Math.floor(next() * sourceCount);
    const s2 = Math.floor(next() * sourceCount);
    const sourceIds = [...new Set([s1, s2])].map((s) => `source-${pad(s + 1, 5)}`);
    const tags = [...new Set(Array.from({ length: 1 + Math.floor(next() * 4) }, () => tagNames[zipf(next, tagNames.length)]!))];
    const step = Math.floor((12 * 365 * 24 * 60) / o.posts); // minutes: ~12 years of posts, in order
    const date = new Date(Date.UTC(2012, 0, 1) + i * step * 60_000);
    const iso = date.toISOString().slice(0, 16);
    const quoteWords = 80;
    const own = Math.max(3, o.words - 2 * quoteWords);
    const body = [
      paragraph(next, vocab, Math.round(own / 3)),
      `> [!quote ${sourceIds[0]}]\n> ${passages[s1]![Math.floor(next() * 6)]}\n>\n> […]\n>\n> ${passages[s1]![Math.floor(next() * 6)]}`,
      paragraph(next, vocab, Math.round(own / 3)),
      `> [!quote ${sourceIds[sourceIds.length - 1]}]\n> ${passages[s2]![Math.floor(next() * 6)]}\n>\n> ${passages[s2]![Math.floor(next() * 6)]}`,
      paragraph(next, vocab, Math.round(own / 3)),
    ].join("\n\n");
    const frontMatter = [
      "---",
      `title: ${JSON.stringify(sentence(next, vocab, 6).slice(0, -1))}`,
      `date: ${iso}`,
      `author: ${authorIds[Math.floor(next() * authorIds.length)]}`,
      `tags: ${JSON.stringify(tags)}`,
      `sources: ${JSON.stringify(sourceIds)}`,
      "---",
      "",
    ].join("\n");
    files.set(`${slug}.md`, `${frontMatter}${body}\n`);
  }
  return files;
}
