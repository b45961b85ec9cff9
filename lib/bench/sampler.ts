// The memory of a whole build: every process of a process tree (Node and the Pagefind children
// it starts), their resident memory summed while they overlap, sampled from /proc; and the CPU
// time of a whole build, from what the kernel counts for the processes this one waited for.
// Linux only.
import { readFileSync, readdirSync } from "node:fs";

/** A /proc/<pid>/stat line's fields after the parenthesised name (which may hold spaces and parentheses): field 3 first. */
const fieldsAfterName = (stat: string): string[] => stat.slice(stat.lastIndexOf(")") + 2).split(" ");

/** The parent of each process, from /proc/<pid>/stat (field 4). */
export function parentsOf(stats: ReadonlyMap<number, string>): Map<number, number> {
  const parents = new Map<number, number>();
  for (const [pid, stat] of stats) parents.set(pid, Number(fieldsAfterName(stat)[1]));
  return parents;
}

/** `root` and every process below it. */
export function descendants(root: number, parents: ReadonlyMap<number, number>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, parent] of parents) children.set(parent, [...(children.get(parent) ?? []), pid]);
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** Resident memory in bytes from /proc/<pid>/status text (`VmRSS: 1234 kB`), 0 when gone. */
export function residentBytes(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

const read = (file: string): string | undefined => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined; // the process ended between the listing and the read
  }
};

/** The resident memory of `root`'s whole tree now, in bytes. */
export function treeResidentBytes(root: number): number {
  const stats = new Map<number, string>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    if (stat) stats.set(Number(name), stat);
  }
  let total = 0;
  for (const pid of descendants(root, parentsOf(stats))) total += residentBytes(read(`/proc/${pid}/status`) ?? "");
  return total;
}

/** Samples `root`'s tree every `intervalMs` until stopped; `stop()` returns the peak in bytes. */
export function sampleTree(root: number, intervalMs = 100): { stop(): number } {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, treeResidentBytes(root)));
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** Linux gives process times in USER_HZ ticks, 100 a second on every architecture Node runs on. */
const USER_HZ = 100;

/**
 * CPU-seconds (user and system) of the children a process has waited for, from its
 * /proc/<pid>/stat text: `cutime` and `cstime`, fields 16 and 17. A child's own count holds
 * the children it waited for in turn, so this is a whole process tree's CPU once its root has
 * been waited for (a process it left running in the background, not waited for, is not in it).
 */
export function waitedChildrenCpu(stat: string): number {
  const fields = fieldsAfterName(stat);
  return (Number(fields[13]) + Number(fields[14])) / USER_HZ;
}

/** `waitedChildrenCpu` of this process now, or undefined without /proc. */
export function childrenCpuSeconds(): number | undefined {
  const stat = read("/proc/self/stat");
  return stat === undefined ? undefined : waitedChildrenCpu(stat);
}
