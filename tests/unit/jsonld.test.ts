import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { toPostDate, type DateAccuracy } from "../../lib/core/dates.ts";
import { blogPosting, bylineNames, knownDate, newsArticle, serializeJsonLd, type CitedStory, type CitingPost } from "../../lib/catalog/jsonld.ts";

const zone = "America/New_York";
const day = (iso: string, accuracy: DateAccuracy = "exact") => toPostDate(DateTime.fromISO(iso, { zone }), true, accuracy);

const story: CitedStory = {
  title: "A Big Story",
  url: "https://news.example/big",
  archived: undefined,
  byline: undefined,
  published: day("2019-03-06"),
  outlet: { name: "Daily News", url: "https://news.example/" },
};

const post: CitingPost = {
  title: "My post",
  url: "/posts/my-post/",
  summary: "What it says.",
  date: day("2019-03-07", "on-or-after"),
  updated: undefined,
  authors: [{ name: null, url: undefined, bio: "Not named in the post." }],
  outlet: undefined,
  tags: [],
  sources: [story],
  words: { total: 42 },
};
const site = { title: "Gloss", url: "https://gloss.example/blog", language: "en" };

describe("knownDate", () => {
  it.each([
    ["an exact day", day("2019-03-06"), "2019-03-06"],
    ["an exact date-time", toPostDate(DateTime.fromISO("2019-03-06T14:30", { zone }), false), "2019-03-06T14:30:00-05:00"],
    ["on or after a day", day("2019-03-06", "on-or-after"), undefined],
    ["about a day", day("2019-03-06", "about"), undefined],
    ["no date", undefined, undefined],
  ])("%s", (_name, date, expected) => expect(knownDate(date)).toBe(expected));
});

describe("bylineNames", () => {
  it.each([
    ["Reporter Rita", ["Reporter Rita"]],
    ["By Kylie Atwood and Nicole Gaouette", ["Kylie Atwood", "Nicole Gaouette"]],
    ["A. One, B. Two, and C. Three", ["A. One", "B. Two", "C. Three"]],
    ["Sandy Andrews & Ann Anderson", ["Sandy Andrews", "Ann Anderson"]],
  ])("%j", (byline, names) => expect(bylineNames(byline)).toEqual(names));
});

describe("newsArticle", () => {
  it("names the story, its outlet and its date, and leaves out an unknown byline", () => {
    expect(newsArticle(story)).toEqual({
      "@type": "NewsArticle",
      "@id": "https://news.example/big",
      headline: "A Big Story",
      url: "https://news.example/big",
      datePublished: "2019-03-06",
      publisher: { "@type": "Organization", name: "Daily News", url: "https://news.example/" },
    });
  });

  it("adds the context for a page of its own, a known byline as authors, and the archived copy", () => {
    const node = newsArticle({ ...story, byline: "Ann One and Bob Two", archived: "https://archive.example/big" }, true);
    expect(node["@context"]).toBe("https://schema.org");
    expect(node.author).toEqual([
      { "@type": "Person", name: "Ann One" },
      { "@type": "Person", name: "Bob Two" },
    ]);
    expect(node.archivedAt).toBe("https://archive.example/big");
    expect(newsArticle({ ...story, byline: "Ann One" }).author).toEqual({ "@type": "Person", name: "Ann One" });
  });

  it("does not state an approximate publication date", () => {
    expect(newsArticle({ ...story, published: day("2019-03-06", "about") })).not.toHaveProperty("datePublished");
  });
});

describe("blogPosting", () => {
  it("describes an unnamed author without naming them, and omits an approximate date", () => {
    const node = blogPosting(post, site);
    expect(node).toEqual({
      "@context": "https://schema.org",
      "@type": "BlogPosting",
      "@id": "https://gloss.example/blog/posts/my-post/",
      url: "https://gloss.example/blog/posts/my-post/",
      mainEntityOfPage: "https://gloss.example/blog/posts/my-post/",
      headline: "My post",
      description: "What it says.",
      inLanguage: "en",
      author: { "@type": "Person", description: "Not named in the post." },
      isPartOf: { "@type": "Blog", name: "Gloss", url: "https://gloss.example/blog/" },
      wordCount: 42,
      citation: [newsArticle(story)],
    });
  });

  it("names a known author and outlet, states exact dates, and lists tags as keywords", () => {
    const node = blogPosting(
      {
        ...post,
        date: day("2019-03-07"),
        updated: day("2019-03-09"),
        authors: [{ name: "Ann Author", url: "https://ann.example/", bio: undefined }],
        outlet: { name: "The Blog", url: "https://blog.example/" },
        tags: [{ name: "North Korea" }, { name: "U.S.–DPRK talks" }],
        sources: [],
      },
      site,
    );
    expect(node.author).toEqual({ "@type": "Person", name: "Ann Author", url: "https://ann.example/" });
    expect(node.publisher).toEqual({ "@type": "Organization", name: "The Blog", url: "https://blog.example/" });
    expect([node.datePublished, node.dateModified]).toEqual(["2019-03-07", "2019-03-09"]);
    expect(node.keywords).toEqual(["North Korea", "U.S.–DPRK talks"]);
    expect(node).not.toHaveProperty("citation");
  });

  it("lists co-authors as an array, in byline order, the unnamed one without a name", () => {
    const node = blogPosting(
      {
        ...post,
        authors: [
          { name: "Ann Author", url: undefined, bio: undefined },
          { name: null, url: undefined, bio: "Not named." },
        ],
      },
      site,
    );
    expect(node.author).toEqual([
      { "@type": "Person", name: "Ann Author" },
      { "@type": "Person", description: "Not named." },
    ]);
  });
});

describe("serializeJsonLd", () => {
  it.each([
    ["a script end tag", "</script><script>alert(1)</script>"],
    ["a comment opener", "<!-- x"],
    ["ampersands and quotes", `Tom & "Jerry" 'n' \\ back`],
    ["line and paragraph separators", "a\u2028b\u2029c"],
  ])("keeps %s inert and round-trips it", (_name, text) => {
    const json = serializeJsonLd({ headline: text });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual({ headline: text });
  });
});
