// Politeness for network commands: at most N tasks at once, and per host at most one request
// every `intervalMs` (a site quoted a thousand times is asked a thousand times, slowly).

/** Runs `task` over `items` with at most `limit` running at once; results keep the items' order. */
export async function mapPool<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A gate per host: each call resolves at the host's next free slot, `intervalMs` after the
 * previous one. Slots are handed out in call order, so waiting callers never overtake.
 */
export function hostGate(intervalMs: number, wait: (ms: number) => Promise<void> = sleep, clock: () => number = Date.now): (host: string) => Promise<void> {
  const nextSlot = new Map<string, number>();
  return async (host) => {
    const now = clock();
    const slot = Math.max(now, nextSlot.get(host) ?? now);
    nextSlot.set(host, slot + intervalMs);
    if (slot > now) await wait(slot - now);
  };
}
