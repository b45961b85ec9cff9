// Dev-server rebuilds: which pages an edit can have changed. After the first build, the dev
// server renders only those (Eleventy leaves the other files of the output as they were), so
// editing one post of 10,000 rewrites tens of pages, not twenty thousand. Like Hugo's fast
// render mode, but exact for what posts show of one another: a page is rendered again when
//   - it is new, or its shape changed (page number and count, which posts it lists, a post's
//     newer/older/related posts, the names of its tags and sources), or
//   - it shows a post whose file changed (a post page, a listing or feed that lists it), or
//   - it belongs to a tag, author, outlet or month a changed post joined or left (its count
//     shows on every page), or to a source a changed post quotes or quoted, or
//   - it is an index (tags, authors, outlets, sources, archive) and a post joined or left any.
// Anything else (settings, registries, a first build) renders every page.
// `npm run build` plans the same way against the build before it, kept on disk (warm.ts).
import { createHash } from "node:crypto";
import type { Post } from "../catalog/model.ts";
import type { Page } from "../catalog/pagination.ts";
import { OWNER_KEYS, isSourceKey, ownerKeysOf, type KindSource } from "../outputs/kind-types.ts";
import { PAGE_KINDS } from "../outputs/page-kinds.ts";

/** What one build renders: `only` the given route items, or every page when undefined. */
export interface RenderPlan {
  only: ReadonlySet<object> | undefined;
  /** One line for the dev server's log. */
  summary: string;
  /** Every route item of this build (from `plan`), with its URL. */
  routed?: readonly RoutedItem[];
}

export interface RoutedItem {
  item: object;
  url: string;
  /** The posts whose content the page shows. */
  shows: readonly Post[];
  /** What must match the previous build for the page to be reusable (besides `shows`). */
  shape: string;
  /** Owner keys (OWNER_KEYS); a change to any post of the owner renders the page. */
  owners: string[];
  /** An index page: rendered again whenever a post joined or left any owner. */
  always: boolean;
}

const isPage = (item: unknown): item is Page<unknown> => typeof item === "object" && item !== null && "number" in item && "total" in item && "count" in item;

/**
 * Every item Eleventy paginates over, as the page-kinds table declares it, with what it
 * depends on: a listing page's position, the posts it shows, and the kind's own shape.
 */
export function routedItems(source: KindSource): RoutedItem[] {
  const routed: RoutedItem[] = [];
  for (const kind of PAGE_KINDS) {
    if (!kind.items) continue;
    for (const item of kind.items(source)) {
      const shows = kind.shows?.(item) ?? [];
      const files = shows.map((p) => p.file).join("\n");
      routed.push({
        item: item as object,
        url: kind.url(item),
        shows,
        shape: `${isPage(item) ? `${item.number}/${item.total}/${item.count}\n${files}` : files}\n${kind.shape?.(item) ?? ""}`,
        owners: kind.owner ? [kind.owner(item)].flat() : [],
        always: kind.index ?? false,
      });
    }
  }
  return routed;
}

/** What a build must match of the one before for a page to be reusable: plain data, kept on disk between production builds. */
export interface PlannerState {
  key: string;
  stamps: ReadonlyMap<string, string>;
  /** Each page's shape, as a digest (a listing's shape names every post it shows). */
  shapes: Map<string, string>;
  owners: Map<string, string[]>;
}

/** What the planner keeps of the previous build. */
interface Snapshot extends PlannerState {
  /** Route items by the post files they show, and by owner key: for edits to post text. */
  showing: Map<string, object[]>;
  ofOwner: Map<string, object[]>;
}

const digest = (shape: string) => createHash("sha1").update(shape).digest("base64");

function reverseIndexes(routed: readonly RoutedItem[]): Pick<Snapshot, "showing" | "ofOwner"> {
  const showing = new Map<string, object[]>();
  const ofOwner = new Map<string, object[]>();
  const push = (map: Map<string, object[]>, key: string, item: object) => {
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  };
  for (const r of routed) {
    for (const post of r.shows) push(showing, post.file, r.item);
    for (const owner of r.owners) push(ofOwner, owner, r.item);
  }
  return { showing, ofOwner };
}

/**
 * Plans each dev-server build against the one before. `key` stands for everything that is not
 * a post (settings, registries); `stamps` maps each post file to its stamp (lib/content/read.ts).
 */
export class RebuildPlanner {
  private last: Snapshot | undefined;
  private pending: Snapshot | undefined;

  /**
   * `textEdits`: whether `planTextEdit` will be asked (the dev server): it needs each build's
   * pages by the posts they show, which a production build (warm.ts) does not keep.
   */
  constructor(private readonly textEdits = true) {}

  /** Whether a text edit can be planned: an earlier build succeeded and none failed since. */
  ready(): boolean {
    return this.last !== undefined && this.pending === undefined;
  }

  /** The next build renders every page (something other than content changed: a layout). */
  forget(): void {
    this.last = undefined;
  }

  /**
   * Plans a build after edits to the text of posts only (lib/pipeline/dev.ts: same
   * front matter, same sources, pages and items unchanged): the pages that show those posts,
   * and the pages of the sources they quote. `stamps` gives the edited files' new stamps.
   * Undefined when there is no earlier build to plan against.
   */
  planTextEdit(posts: readonly Post[], stamps: ReadonlyMap<string, string>): RenderPlan | undefined {
    // After a failed build (a plan not committed), plan afresh.
    const last = this.last;
    if (!last || this.pending) return undefined;
    const only = new Set<object>();
    for (const post of posts) {
      for (const item of last.showing.get(post.file) ?? []) only.add(item);
      for (const source of post.sources) for (const item of last.ofOwner.get(OWNER_KEYS.source(source.id)) ?? []) only.add(item);
    }
    const merged = new Map(last.stamps);
    for (const [file, stamp] of stamps) merged.set(file, stamp);
    this.pending = { ...last, stamps: merged };
    return { only, summary: `${posts.length} post text(s) changed: ${only.size} of ${last.shapes.size} pages` };
  }

  /** The last build's state (planned, and committed or not): what a production build keeps on disk. */
  state(): PlannerState | undefined {
    const state = this.pending ?? this.last;
    return state && { key: state.key, stamps: state.stamps, shapes: state.shapes, owners: state.owners };
  }

  /** Plans the next build against a build made by another process (kept on disk, warm.ts). */
  restore(state: PlannerState): void {
    this.last = { ...state, showing: new Map(), ofOwner: new Map() };
    this.pending = undefined;
  }

  /** The planned build succeeded: plan the next against it (a failed build is planned again). */
  commit(): void {
    if (this.pending) this.last = this.pending;
    this.pending = undefined;
  }

  plan(source: KindSource, key: string, stamps: ReadonlyMap<string, string>): RenderPlan {
    const routed = routedItems(source);
    const owners = new Map(source.catalog.posts.map((post) => [post.file, ownerKeysOf(post)]));
    const shapes = new Map(routed.map((r) => [r.url, digest(r.shape)]));
    const previous = this.last;
    this.pending = { key, stamps: new Map(stamps), shapes, owners, ...(this.textEdits ? reverseIndexes(routed) : { showing: new Map(), ofOwner: new Map() }) };
    if (!previous) return { only: undefined, summary: "every page", routed };
    if (previous.key !== key) return { only: undefined, summary: "settings or registries changed: every page", routed };

    const changed = new Set<string>();
    for (const [file, stamp] of stamps) if (previous.stamps.get(file) !== stamp) changed.add(file);
    for (const file of previous.stamps.keys()) if (!stamps.has(file)) changed.add(file);
    // Owners a changed post joined or left (their counts change on every page), and the
    // sources it quotes or quoted (their pages show its quotations).
    const touched = new Set<string>();
    // Whether a post joined or left any owner, a source included (the indexes count them all).
    let moved = false;
    for (const file of changed) {
      const now = owners.get(file) ?? [];
      const before = previous.owners.get(file) ?? [];
      for (const [these, those] of [[now, before], [before, now]] as const) {
        for (const owner of these) {
          const joinedOrLeft = !those.includes(owner);
          if (joinedOrLeft || isSourceKey(owner)) touched.add(owner);
          moved ||= joinedOrLeft;
        }
      }
    }
    const membershipChanged = moved || [...changed].some((file) => owners.has(file) !== previous.owners.has(file));

    const only = new Set<object>();
    for (const r of routed) {
      const dirty =
        previous.shapes.get(r.url) !== shapes.get(r.url) ||
        (r.always && membershipChanged) ||
        r.owners.some((o) => touched.has(o)) ||
        r.shows.some((p) => changed.has(p.file));
      if (dirty) only.add(r.item);
    }
    return { only, summary: `${changed.size} changed file(s): ${only.size} of ${routed.length} pages`, routed };
  }
}
