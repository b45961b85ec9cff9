// Work that should take only the CPU the rest of a build leaves it (the thread that checks a warm
// build's kept files, lib/pipeline/kept-check-thread.js; the process that draws a large site's
// share cards, lib/cli/draw-cards.ts), set to the lowest priority. On Linux a priority is a
// thread's (setpriority takes a thread's id as a process id), and a thread starts at its maker's.
// Where it may not be set, the work runs at the priority it has. Plain JavaScript, so a thread
// takes it as it is, compiled or not.
import { readdirSync, readlinkSync } from "node:fs";
import { setPriority } from "node:os";

const LOWEST = 19;

/** The calling thread alone at the lowest priority (Linux; elsewhere nothing: the whole process would be). */
export function lowestPriorityThread() {
  try {
    setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), LOWEST);
  } catch {
    // Not Linux, or not allowed.
  }
}

/**
 * Every thread of this process at the lowest priority: those already running (V8's) each, and
 * those made later by them start at it. Elsewhere than Linux, the process.
 */
export function lowestPriorityProcess() {
  /** @type {string[]} */
  let threads;
  try {
    threads = readdirSync("/proc/self/task");
  } catch {
    threads = ["0"];
  }
  for (const thread of threads) {
    try {
      setPriority(Number(thread), LOWEST);
    } catch {
      // A thread gone meanwhile, or not allowed.
    }
  }
}
