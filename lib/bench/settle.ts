// The bench times each build on a machine at rest. `npm run build` leaves the previous site to a
// process of its own to delete once the new one is in place (lib/pipeline/swap.ts): at 10,000
// posts about 7 s and 2.3 CPU-seconds, after the build has reported. A user's next build comes
// minutes or hours later; the bench's came at once, and shared the two cores with that deletion.
// So after each build the bench waits, untimed, for `<output>.old` to be gone.
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
