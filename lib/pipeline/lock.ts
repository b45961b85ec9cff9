// One build at a time per output folder. A build holds `<output>.lock`, a small JSON file with
// its PID and start time, from before it clears the staging folder until after the swap; a
// second build of the same folder waits for it, and a lock whose holder has died (a build
// killed with SIGKILL, a machine that lost power) is taken over.
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface LockHolder {
  pid: number;
  /** When the holder started, ISO 8601. */
  started: string;
}

export interface LockEvents {
  /** Another live build holds the lock: called once, before waiting. */
  waiting?(holder: LockHolder, lockFile: string): void;
  /** The lock of a build that is no longer running was taken over. */
  tookOver?(holder: LockHolder, lockFile: string): void;
}

export interface BuildLock {
  file: string;
  /** Removes the lock if it is still this process's. Safe to call twice. */
  release(): void;
}

/** How often a waiting build looks again. */
const POLL_MS = 200;

export function lockFileFor(outputDir: string): string {
  return `${outputDir}.lock`;
}

/**
 * Takes the lock of an output folder, waiting while a live build holds it. Throws the file
 * system's error when the lock cannot be written at all (the folder's parent is missing,
 * read-only or a file): the caller reports it.
 */
export async function acquireBuildLock(outputDir: string, events: LockEvents = {}): Promise<BuildLock> {
  const file = lockFileFor(outputDir);
  const mine = JSON.stringify({ pid: process.pid, started: new Date().toISOString() } satisfies LockHolder);
  // Written in full under a name of its own, then linked into place: the link is atomic and fails
  // when the lock exists, so no reader ever sees half a lock file. The draft is removed at once,
  // so a build killed while waiting leaves nothing behind.
  const draft = `${file}.${process.pid}`;
  // The folder the site goes in is made when it does not exist yet (GLOSS_OUTPUT_DIR=dist/site
  // with no dist/), as Eleventy makes its output folder. Should that fail, writing the lock
  // below says why, naming the lock file.
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch {
    // Reported by the write.
  }
  let waited = false;
  for (;;) {
    if (tryLink(draft, file, mine)) break;
    const text = readText(file);
    if (text === undefined) continue; // Released between the two calls: try again at once.
    const holder = parseHolder(text);
    if (!holder || !isAlive(holder.pid)) {
      if (takeOver(file, text)) events.tookOver?.(holder ?? { pid: 0, started: "unknown" }, file);
      continue;
    }
    if (!waited) events.waiting?.(holder, file);
    waited = true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const release = () => {
    try {
      if (readText(file)?.trim() === mine) unlinkSync(file);
    } catch {
      // Gone or unreadable: the next build finds no live holder and takes it over.
    }
  };
  return { file, release };
}

/** Creates the lock holding `text`; false when another process holds it. */
function tryLink(draft: string, file: string, text: string): boolean {
  try {
    writeFileSync(draft, `${text}\n`);
  } catch (error) {
    // Named as the lock file, not this process's draft of it.
    throw Object.assign(error as Error, { path: file });
  }
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return false;
  } finally {
    unlinkSync(draft);
  }
}

/**
 * Removes a stale lock, unless another build replaced it in the meantime: the file is moved
 * aside (atomic), and put back if it is not the stale one that was read.
 */
function takeOver(file: string, staleText: string): boolean {
  const aside = `${file}.stale.${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return false; // Gone already: another build took it over first.
  }
  if (readText(aside) === staleText) {
    unlinkSync(aside);
    return true;
  }
  try {
    linkSync(aside, file);
  } catch {
    // A third build took the lock meanwhile; the one moved aside is lost to its holder, who
    // finds it gone when releasing (release only removes its own lock).
  }
  unlinkSync(aside);
  return false;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return typeof value.pid === "number" && Number.isInteger(value.pid) && value.pid > 0 ? { pid: value.pid, started: String(value.started) } : undefined;
  } catch {
    return undefined; // Not a lock Gloss wrote: treated as stale.
  }
}

/** Whether a process with this PID is running (this one's own PID counts as not: it is not another build). */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: running, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
