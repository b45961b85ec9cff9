// Progress of a long build on a terminal: one line, rewritten in place at most every
// `intervalMs` ("[gloss] pages rendered: 12,000"), cleared when the build moves on. Quiet when
// disabled (CI, a log file: lib/core/env.ts decides), so logs hold only what matters.

export interface ProgressOptions {
  /** Whether to print at all. */
  enabled: boolean;
  /** Where the line goes (standard error). */
  write: (text: string) => void;
  /** Clock in milliseconds, for tests. */
  now: () => number;
  /** Least time between two updates of the line. */
  intervalMs: number;
}

export interface Progress {
  /** One more page rendered. */
  page(): void;
  /** A step of a later stage ("search index: shard 2 of 4"), shown at once. */
  step(text: string): void;
  /** Clears the line. */
  done(): void;
}

export function createProgress(options: Partial<ProgressOptions> & Pick<ProgressOptions, "enabled">): Progress {
  const o: ProgressOptions = { write: (text) => process.stderr.write(text), now: () => Date.now(), intervalMs: 250, ...options };
  let pages = 0;
  let last = Number.NEGATIVE_INFINITY;
  let shown = false;
  const show = (text: string) => {
    o.write(`\r\x1b[2K[gloss] ${text}`);
    shown = true;
  };
  return {
    page() {
      pages += 1;
      if (!o.enabled) return;
      const now = o.now();
      if (now - last < o.intervalMs) return;
      last = now;
      show(`pages rendered: ${pages.toLocaleString("en")}`);
    },
    step(text) {
      if (o.enabled) show(text);
    },
    done() {
      if (o.enabled && shown) o.write("\r\x1b[2K");
      shown = false;
    },
  };
}
