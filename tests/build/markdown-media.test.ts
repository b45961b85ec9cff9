// Footnotes, heading anchors, contents, local images and share cards in a real build of the
// fixture blog (tests/helpers/fixture-blog.ts), which uses every one of them.
import { copyFileSync, existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { imageSize } from "../../lib/content/image-size.ts";
import { PAGE_IDS } from "../../lib/markdown/headings.ts";
import { makeFixtureBlog } from "../helpers/fixture-blog.ts";
import { ROOT, buildSite, outputFile, readPage, texts, type FixtureSite } from "../helpers/site.ts";

const POST = "/posts/first-post/";
let site: FixtureSite;
let firstBuild: { stdout: string };

beforeAll(async () => {
  site = makeFixtureBlog();
  const result = await buildSite(site);
  if (result.code !== 0) throw new Error(`fixture build failed:\n${result.stderr}`);
  firstBuild = result;
});

const attr = (doc: Document, selector: string, name: string) => doc.querySelector(selector)?.getAttribute(name) ?? undefined;
const meta = (doc: Document, key: string) => attr(doc, `meta[property="${key}"], meta[name="${key}"]`, "content");
/** The built file of an absolute or site-relative URL. */
const fileOf = (url: string) => outputFile(site, url.replace("https://fixture.example", ""));

describe("footnotes", () => {
  it("link each reference to its note and back", () => {
    const doc = readPage(site, POST);
    expect([...doc.querySelectorAll("sup.footnote-ref a")].map((a) => [a.getAttribute("href"), a.id])).toEqual([
      ["#fn1", "fnref1"],
      ["#fn2", "fnref2"],
    ]);
    expect([...doc.querySelectorAll("section.footnotes li")].map((li) => li.id)).toEqual(["fn1", "fn2"]);
    expect(attr(doc, "#fn1 a.footnote-backref", "href")).toBe("#fnref1");
    expect(attr(doc, "section.footnotes", "aria-label")).toBe("Footnotes");
  });
});

describe("heading anchors and contents", () => {
  it("give the post's headings ids, each with a '#' link named for screen readers", () => {
    const doc = readPage(site, POST);
    const ids = [...doc.querySelectorAll(".post-body .heading > h2, .post-body .heading > h3")].map((h) => h.id);
    expect(ids).toEqual(["a-heading-of-my-own", "a-smaller-heading-with-a-note", "main-section"]);
    for (const id of ids) {
      const link = doc.querySelector(`a.heading-anchor[href="#${id}"]`);
      expect(link?.querySelector('[aria-hidden="true"]')?.textContent).toBe("#");
      expect(link?.querySelector(".visually-hidden")?.textContent).toMatch(/^Link to the section “.+”$/);
    }
  });

  it("never repeat an id on the page, the layout's own included", () => {
    const ids = [...readPage(site, POST).querySelectorAll("[id]")].map((el) => el.id);
    expect(ids).toContain("main");
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("know every id the layouts write", () => {
    const layouts = path.join(ROOT, "layouts");
    const written = new Set<string>();
    for (const entry of readdirSync(layouts, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      for (const match of readFileSync(path.join(entry.parentPath, entry.name), "utf8").matchAll(/\bid="([a-z][a-z0-9-]*)"/g)) written.add(match[1]!);
    }
    expect([...written].filter((id) => !PAGE_IDS.has(id))).toEqual([]);
  });

  it("list a toc: true post's headings in a labelled nav, nested by level", () => {
    const doc = readPage(site, POST);
    const nav = doc.querySelector("nav.toc");
    expect(nav?.getAttribute("aria-labelledby")).toBe("toc-heading");
    expect(doc.getElementById("toc-heading")?.textContent).toBe("Contents");
    expect([...(nav?.querySelectorAll(":scope > ol > li > a") ?? [])].map((a) => a.getAttribute("href"))).toEqual(["#a-heading-of-my-own", "#main-section"]);
    expect(texts(doc, "nav.toc ol ol a")).toEqual(["A smaller heading, with a note"]);
  });

  it("leave a post without toc: true without contents", () => {
    expect(readPage(site, "/posts/third-post/").querySelector("nav.toc")).toBeNull();
  });
});

describe("images", () => {
  it("become pictures with modern formats, srcset, sizes, width and height", () => {
    const doc = readPage(site, POST);
    const picture = doc.querySelector(".post-body picture");
    expect([...(picture?.querySelectorAll("source") ?? [])].map((s) => s.getAttribute("type"))).toEqual(["image/avif", "image/webp"]);
    const img = picture?.querySelector("img");
    expect(img?.getAttribute("alt")).toBe("A chart of the talks, in two colours");
    expect([img?.getAttribute("width"), img?.getAttribute("height")]).toEqual(["1000", "500"]);
    expect(img?.getAttribute("srcset")).toMatch(/^\/media\/chart-[0-9a-f]{10}-400\.png 400w, \/media\/chart-[0-9a-f]{10}-800\.png 800w, \/media\/chart-[0-9a-f]{10}-1000\.png 1000w$/);
    expect(img?.getAttribute("sizes")).toBeTruthy();
  });

  it("load lazily all but the first", () => {
    const loading = [...readPage(site, POST).querySelectorAll(".post-body img")].map((img) => img.getAttribute("loading"));
    expect(loading).toEqual([null, "lazy", "lazy"]);
  });

  it("keep alt empty for a decorative image, and copy an SVG from public/ as it is", () => {
    const imgs = [...readPage(site, POST).querySelectorAll(".post-body img")];
    expect(imgs[1]?.getAttribute("alt")).toBe("");
    expect(imgs[1]?.getAttribute("src")).toMatch(/^\/media\/divider-[0-9a-f]{10}-300\.png$/);
    expect(imgs[2]?.getAttribute("src")).toMatch(/^\/media\/favicon-[0-9a-f]{10}\.svg$/);
    expect([imgs[2]?.getAttribute("width"), imgs[2]?.getAttribute("height")]).toEqual(["32", "32"]);
    expect(readFileSync(fileOf(imgs[2]!.getAttribute("src")!), "utf8")).toBe(readFileSync(path.join(ROOT, "public/favicon.svg"), "utf8"));
  });

  it("are written at every URL the page names, at the size it names", () => {
    const doc = readPage(site, POST);
    const urls = [...doc.querySelectorAll(".post-body img, .post-body source")].flatMap((el) =>
      [el.getAttribute("src"), ...(el.getAttribute("srcset") ?? "").split(",").map((s) => s.trim().split(" ")[0])].filter((u): u is string => !!u),
    );
    expect(urls.length).toBe(3 * 3 + 1 + (3 + 1) + 1); // chart: 3 formats × 3 widths, and src; divider: one width; the SVG
    for (const url of urls) {
      const size = imageSize(readFileSync(fileOf(url)));
      const width = /-(\d+)\.\w+$/.exec(url)?.[1];
      if (width) expect(size?.width).toBe(Number(width));
      expect(size?.format).toBe({ avif: "avif", webp: "webp", png: "png", svg: "svg" }[url.split(".").pop()!]);
    }
  });
});

describe("images in feeds", () => {
  it("name every size by its absolute URL", () => {
    const feed = readFileSync(path.join(site.outputDir, "feed.xml"), "utf8");
    const srcsets = [...feed.matchAll(/srcset=&quot;([^&]*(?:&amp;[^&]*)*)&quot;/g)].map((m) => m[1]!);
    expect(srcsets.length).toBeGreaterThan(0);
    for (const url of srcsets.flatMap((set) => set.split(",").map((s) => s.trim().split(" ")[0]!))) expect(url).toMatch(/^https:\/\/fixture\.example\/media\//);
  });
});

describe("share cards", () => {
  it("are drawn for a post: a 1200×630 PNG the page's meta points at", () => {
    const doc = readPage(site, POST);
    const url = meta(doc, "og:image")!;
    expect(url).toMatch(/^https:\/\/fixture\.example\/cards\/first-post-[0-9a-f]{10}\.png$/);
    expect(imageSize(readFileSync(fileOf(url)))).toEqual({ width: 1200, height: 630, format: "png" });
    // A site this small (under CARD_GLYPHS_FROM posts) has its cards drawn by librsvg from their
    // SVG: an RGB or RGBA PNG, not the palette PNG of cards drawn glyph by glyph.
    expect([2, 6]).toContain(readFileSync(fileOf(url))[25]);
    expect([meta(doc, "og:image:width"), meta(doc, "og:image:height")]).toEqual(["1200", "630"]);
    expect(meta(doc, "og:image:alt")).toBe("“First <post> & \"quotes\"”, by Ann Author, quoting Daily News: “A Big Story”");
    expect(meta(doc, "twitter:card")).toBe("summary_large_image");
    expect(meta(doc, "twitter:image")).toBe(url);
    expect(meta(doc, "twitter:image:alt")).toBe(meta(doc, "og:image:alt"));
  });

  it("give way to a post's own image:, made 1200 wide", () => {
    const doc = readPage(site, "/posts/third-post/");
    const url = meta(doc, "og:image")!;
    expect(url).toMatch(/^https:\/\/fixture\.example\/media\/photo-[0-9a-f]{10}-1200\.png$/);
    expect(imageSize(readFileSync(fileOf(url)))).toEqual({ width: 1200, height: 675, format: "png" });
    expect([meta(doc, "og:image:width"), meta(doc, "og:image:height"), meta(doc, "og:image:alt")]).toEqual(["1200", "675", "Two blocks of colour, side by side"]);
  });

  it("fall back to the site's card on other pages", () => {
    for (const page of ["/", "/tags/", "/sources/story/"]) {
      const url = meta(readPage(site, page), "og:image")!;
      expect(url).toMatch(/^https:\/\/fixture\.example\/cards\/site-[0-9a-f]{10}\.png$/);
      expect(existsSync(fileOf(url))).toBe(true);
    }
  });

  it("are not drawn again, nor images encoded again, when nothing changed", async () => {
    expect(firstBuild.stdout).toMatch(/\[gloss\] images: 14 made, 0 from the cache/);
    expect(firstBuild.stdout).toMatch(/\[gloss\] share cards: \d+ made, 0 from the cache/);
    const again = await buildSite(site);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/\[gloss\] (images|share cards):/);
    const url = meta(readPage(site, POST), "og:image")!;
    expect(imageSize(readFileSync(fileOf(url)))?.width).toBe(1200);
  });

  it("and images no page names any more leave the cache; one made since the build began stays", async () => {
    const own = makeFixtureBlog();
    expect((await buildSite(own)).code).toBe(0);
    const cache = path.join(own.dir, ".cache");
    const cached = (folder: string) => new Set(readdirSync(path.join(cache, folder)));
    const built = (folder: string) => new Set(readdirSync(path.join(own.outputDir, folder)));
    const oldCard = path.basename(meta(readPage(own, POST), "og:image")!);
    const image = [...cached("media")][0]!;
    // A card of an older build, one a stopped build left half written, an image no post shows
    // any more: made an hour ago. A card another build has just drawn: made after this build began.
    const hourAgo = new Date(Date.now() - 3_600_000);
    const stale = [
      ["cards", "gone-post-0123456789.png"],
      ["cards", `${oldCard}.4242.partial`],
      ["media", `gone-${image}`],
    ] as const;
    for (const [folder, name] of stale) {
      copyFileSync(path.join(cache, folder, folder === "cards" ? oldCard : image), path.join(cache, folder, name));
      utimesSync(path.join(cache, folder, name), hourAgo, hourAgo);
    }
    const fresh = path.join(cache, "cards", "drawn-meanwhile-0123456789.png");
    writeFileSync(fresh, "a card");
    utimesSync(fresh, new Date(Date.now() + 3_600_000), new Date(Date.now() + 3_600_000));
    // A new title: the post's card is named by what it shows, so it has a new name.
    const file = path.join(own.contentDir, "first-post.md");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, "title: A new title"));

    const again = await buildSite(own);
    expect(again.code, again.stderr).toBe(0);
    const newCard = path.basename(meta(readPage(own, POST), "og:image")!);
    expect(newCard).not.toBe(oldCard);
    expect(again.stdout).toMatch(/\[gloss\] cache: 4 image\(s\) and card\(s\) no page names any more, removed/);
    // What the cache holds is what the site shows, and the card made meanwhile.
    expect(cached("cards")).toEqual(new Set([...built("cards"), path.basename(fresh)]));
    expect(cached("media")).toEqual(built("media"));
    expect(cached("cards").has(oldCard)).toBe(false);
    expect(cached("cards").has(newCard)).toBe(true);
  });
});
