// A ceiling on the garbage a long render leaves lying about. V8 collects its old generation
// lazily: on a machine with memory to spare, the rendering process of a 10,000-post build grew
// to 1.46 GiB of heap with 0.6 GiB of it alive, because nothing made it collect sooner. Where
// collection can be asked for (a rendering process started with --expose-gc), `tick()` asks for
// it once the heap has grown a slack past what was alive after the last collection: `slackMiB`,
// or a quarter of what was alive when that is more. A full collection costs time in proportion to
// what is alive, so a fixed slack makes the collections of a large archive cost in proportion to
// the square of its size (50,000 posts: 36 collections of 1.8–2.0 GiB alive, 62 s, where 10,000
// posts needed 9 of 0.4 GiB, 2.4 s); a slack in proportion keeps it linear (12 collections, 20 s),
// for about 200 MiB more at the peak (50,000 posts under a 4 GiB limit: 3,052 MiB in all). Below
// 512 MiB alive (10,000 posts) the slack is `slackMiB`. Checked every `every` ticks (reading the
// heap's size costs little, but not nothing). Before the first collection nothing is known to be
// alive: the heap as the ceiling is made holds the garbage of what came before (reading the
// content, the build's record), and taken as alive it let a 10,000-post build whose record was of
// other inputs peak at 993–998 MiB in all (954 MiB since). So the first check over the slack collects.
import { getHeapStatistics } from "node:v8";

export interface HeapCeiling {
  /** One unit of work done (a page written). */
  tick(): void;
}

/** How the heap is read and collected: this process's own, unless a test says otherwise. */
export interface HeapProbe {
  /** Bytes in use on the heap. */
  used(): number;
  /** A full collection, when the process allows one (--expose-gc). */
  collect: (() => void) | undefined;
}

const processHeap = (): HeapProbe => ({ used: () => getHeapStatistics().used_heap_size, collect: (globalThis as { gc?: () => void }).gc });

/** The share of what is alive that the heap may grow past it, when that is more than the slack given. */
const SLACK_SHARE = 1 / 4;

export function heapCeiling(slackMiB: number, every = 200, probe: HeapProbe = processHeap()): HeapCeiling {
  const { used, collect } = probe;
  if (!collect) return { tick: () => undefined };
  const least = slackMiB * 2 ** 20;
  let alive = 0;
  let count = 0;
  return {
    tick() {
      count += 1;
      if (count % every !== 0 || used() < alive + Math.max(least, alive * SLACK_SHARE)) return;
      collect();
      alive = used();
    },
  };
}

/**
 * The heap a rendering process may grow to, in MiB: three quarters of the memory the build may
 * use (its cgroup's limit where one is set, else the machine's memory). V8's own default is
 * about half of it (2 GiB under a 4 GiB limit), which a 50,000-post archive outgrows while the
 * rest goes unused; the quarter left is for the process's memory outside the heap and the build
 * that started it.
 */
export function renderHeapMiB(constrained: number | undefined, total: number): number {
  const limit = constrained !== undefined && constrained > 0 ? Math.min(constrained, total) : total;
  return Math.floor((limit * 0.75) / 2 ** 20);
}

/** Posts from which a rendering process gets a larger young generation (renderHeapFlags). */
export const LARGE_ARCHIVE_POSTS = 20_000;

/**
 * The heap flags of a rendering process for `posts` posts: its old generation's size
 * (renderHeapMiB) and, for a large archive, a young generation of 64 MiB semi-spaces instead of
 * V8's 16. Each minor collection walks what the old generation points to in the young one, so
 * it costs more as the archive grows: at 50,000 posts 3,705 of them took 69 s (18.5 ms each; at
 * 10,000 posts 11 ms), and with 64 MiB 917 took 24 s; fewer objects were promoted, so the full
 * collections fell from 12 to 3, and the peak was no higher (`--trace-gc`, one full render,
 * cards and shards cached: 304 s → 236 s; 3,192 → 3,089 MB). At 10,000 posts the same saved
 * about 2.5 s but added about 95 MiB to the peak, against a 1 GiB target: below
 * LARGE_ARCHIVE_POSTS, V8's default.
 */
export function renderHeapFlags(posts: number, constrained: number | undefined, total: number): string[] {
  const flags = [`--max-old-space-size=${renderHeapMiB(constrained, total)}`];
  if (posts >= LARGE_ARCHIVE_POSTS) flags.push("--max-semi-space-size=64");
  return flags;
}
