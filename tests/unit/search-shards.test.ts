import { describe, expect, it } from "vitest";
import { planShards } from "../../lib/outputs/search.ts";

const names = (count: number) => Array.from({ length: count }, (_, i) => `posts/post-${String(i + 1).padStart(6, "0")}/index.html`);
const plan = (posts: readonly string[], size = 1500) => planShards(posts, size, (name) => name);
/** The shards of `after` that are not, post for post, shards of `before`: those a build indexes again. */
const changed = (before: string[][], after: string[][]) => {
  const known = new Set(before.map((shard) => shard.join("\n")));
  return after.filter((shard) => !known.has(shard.join("\n"))).length;
};

describe("search shards", () => {
  it("keeps a blog that fits in one shard in one, an empty one too", () => {
    expect(plan([])).toEqual([[]]);
    expect(plan(names(1500))).toEqual([names(1500)]);
    expect(plan(names(3), 1)).toEqual([[names(3)[0]], [names(3)[1]], [names(3)[2]]]);
    expect(plan(names(5), 2).map((shard) => shard.length)).toEqual([2, 2, 1]);
  });

  it("cuts a large archive into shards of 900 to 1,500 posts, in order, the last one holding the rest", () => {
    const posts = names(10_000);
    const shards = plan(posts);
    expect(shards.flat()).toEqual(posts);
    for (const shard of shards.slice(0, -1)) {
      expect(shard.length).toBeGreaterThanOrEqual(900);
      expect(shard.length).toBeLessThanOrEqual(1500);
    }
    expect(shards.at(-1)!.length).toBeGreaterThan(0);
    // About 1,000 posts a shard: ten shards here (seven of 1,500 before shards ended by name).
    expect(shards).toHaveLength(10);
  });

  it("changes the shard a deleted post leaves, seldom the next one too, wherever it was (counted shards would all move after it)", () => {
    const posts = names(10_000);
    const before = plan(posts);
    const counts: number[] = [];
    for (let gone = 0; gone < posts.length; gone += 97) {
      const count = changed(before, plan(posts.filter((_, i) => i !== gone)));
      expect(count, `post ${gone + 1} deleted`).toBeGreaterThanOrEqual(1);
      expect(count, `post ${gone + 1} deleted`).toBeLessThanOrEqual(2);
      counts.push(count);
    }
    // Two where the deleted post ended its shard, or its shard now reaches past the next one's
    // first possible end. (More are possible, rarer still: of all 10,000 deletions, 9,991 change one
    // shard, five two, two three, one five and one ten.)
    expect(counts.filter((count) => count === 1).length / counts.length).toBeGreaterThan(0.9);
  });

  it("changes at most the shards a post moved in time left and joined, and the new post's, the last", () => {
    const posts = names(10_000);
    const before = plan(posts);
    const moved = [...posts.slice(0, 100), ...posts.slice(101, 5000), posts[100]!, ...posts.slice(5000)];
    expect(changed(before, plan(moved))).toBeLessThanOrEqual(2);
    expect(changed(before, plan([...posts, "posts/new/index.html"]))).toBe(1);
  });
});
