// The bench times each build on a machine at rest. `npm run build` leaves the previous site to a
// process of its own to delete once the new one is in place (lib/pipeline/swap.ts): at 10,000
// posts about 7 s and 2.3 CPU-seconds, after the build has reported. A user's next build comes
// minutes or hours later; the bench's came at once, and shared the two cores with that deletion.
// So after each build the bench waits, untimed, for `<output>.old` to be gone.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Resolves once `dir` no longer exists (true), or after `timeoutMs` with it still there (false):
 * a deletion that failed or hangs delays the bench, but does not stop it.
 */
export async function untilGone(dir: string, timeoutMs = 120_000, pollMs = 50): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (existsSync(dir)) {
    if (Date.now() >= until) return false;
    await sleep(pollMs);
  }
  return true;
}

/**
 * The bench also removes each side's output (and Gloss's cache) before a cold build of it. On a
 * file system without a journal, as this project's machine's ext4 is, the kernel skips every
 * inode freed in the last minute (six, while the block of the inode table holding it is not
 * written back) when it looks for a free one (`recently_deleted`, fs/ext4/ialloc.c): every file
 * the next build made walked past the tens of thousands just freed, about 7 % of the machine's
 * CPU samples in a cold 10,000-post build (docs/performance.md, "Search in shards"). A host's
 * fresh checkout has freed none. So, before each cold build of a large corpus, the bench writes
 * the removals back (`sync`, where there is one) and rests this long, untimed.
 */
export const REST_AFTER_REMOVALS_SECONDS = 61;

/** Writes back what was just removed and waits `seconds` (none: at once), untimed (REST_AFTER_REMOVALS_SECONDS). */
export async function restAfterRemovals(seconds: number): Promise<void> {
  if (seconds <= 0) return;
  // Where there is no `sync` (or it fails), the rest alone: the table is written back within it anyway.
  spawnSync("sync", { stdio: "ignore" });
  await sleep(seconds * 1000);
}
