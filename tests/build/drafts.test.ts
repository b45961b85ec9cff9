// Drafts and scheduled posts: the catalog behind every page, in both run modes. A production
// build (`build`) has them nowhere; the dev server (`serve`) has them everywhere, flagged.
import { describe, expect, it } from "vitest";
import type { Catalog, Post } from "../../lib/catalog/model.ts";
import { readEnv } from "../../lib/core/env.ts";
import { loadCatalog } from "../../lib/pipeline/load.ts";
import { makeSite, postFile } from "../helpers/site.ts";

const site = makeSite({
  "published.md": postFile({ title: "Published", date: "2020-01-05", tags: ["Shared"], sources: ["story"], body: "> [!quote story]\n> Published words.\n\nMine." }),
  // Same tag, source and author as the published post, plus a tag and a source of its own.
  "a-draft.md": postFile({ title: "Draft", date: "2020-01-06", tags: ["Shared", "Draft only"], extra: "draft: true", body: "> [!quote story]\n> Draft words.\n\n> [!quote other-story]\n> Other words.\n\nMine." }),
  "scheduled.md": postFile({ title: "Scheduled", date: "2026-01-01T12:30", tags: ["Shared", "Future only"], body: "> [!quote story]\n> Future words.\n\nMine." }),
});

function catalogIn(mode: "build" | "serve"): Catalog {
  // GLOSS_NOW is 12:00 New York time: the scheduled post is due half an hour later.
  return loadCatalog({ ...readEnv({ GLOSS_CONTENT_DIR: site.contentDir, GLOSS_NOW: "2026-01-01T12:00:00-05:00" }), mode });
}

/** Every post any page of the site lists or links to, by title. */
function everyListedPost(catalog: Catalog): Set<string> {
  const seen = new Set<string>();
  const add = (posts: readonly (Post | undefined)[]) => posts.forEach((p) => p && seen.add(p.title));
  add(catalog.posts);
  for (const post of catalog.posts) add([post.newer, post.older, ...post.related]);
  for (const owner of [...catalog.authors, ...catalog.outlets, ...catalog.sources, ...catalog.tags]) add(owner.posts);
  for (const source of catalog.sources) for (const passage of source.passages) add(passage.uses.map((use) => use.post));
  for (const year of catalog.archive) for (const month of year.months) add(month.posts);
  const { home, tags, authors, outlets, sources, archiveMonths } = catalog.pages;
  for (const pages of [home, tags, authors, outlets, sources, archiveMonths]) for (const page of pages) add(page.items);
  return seen;
}

describe("drafts and scheduled posts", () => {
  it("are in no listing, index, tag, archive or neighbour link of a production build", () => {
    const catalog = catalogIn("build");
    expect([...everyListedPost(catalog)]).toEqual(["Published"]);
    expect(catalog.tags.map((t) => t.name)).toEqual(["Shared"]);
    expect(catalog.sources.find((s) => s.id === "story")!.passages.map((p) => p.text)).toEqual(["Published words."]);
    expect(catalog.sources.find((s) => s.id === "other-story")!.posts).toEqual([]);
    expect(catalog.pages.tags.map((p) => p.url)).toEqual(["/tags/shared/"]);
  });

  it("are everywhere in the dev server, flagged so templates can label them", () => {
    const catalog = catalogIn("serve");
    expect([...everyListedPost(catalog)].sort()).toEqual(["Draft", "Published", "Scheduled"]);
    expect(catalog.posts.map((p) => [p.title, p.draft, p.scheduled])).toEqual([
      ["Scheduled", false, true],
      ["Draft", true, false],
      ["Published", false, false],
    ]);
    expect(catalog.tags.map((t) => t.name).sort()).toEqual(["Draft only", "Future only", "Shared"]);
  });

  it("publish on their date: the scheduled post is in the production build once it is due", () => {
    const later = loadCatalog({ ...readEnv({ GLOSS_CONTENT_DIR: site.contentDir, GLOSS_NOW: "2026-01-01T12:31:00-05:00" }), mode: "build" });
    expect(later.posts.map((p) => p.title)).toEqual(["Scheduled", "Published"]);
  });
});
