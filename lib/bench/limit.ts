// A real memory limit for the archive case (`npm run bench -- --memory-limit 4G`): the build's
// whole process tree runs in a memory cgroup that the kernel enforces (the build is killed, not
// slowed, when it goes over). Tried in order: a cgroup v2 folder, a cgroup v1 memory folder
// (both made next to this process's own cgroup), then `systemd-run --scope -p MemoryMax=`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface MemoryLimit {
  bytes: number;
  /** How the limit is imposed, for the report. */
  how: string;
  /** The command and arguments that run `command args` under the limit. */
  wrap(command: string, args: readonly string[]): [string, string[]];
  /** The peak the kernel charged to the limit (resident memory and page cache), when it says. */
  chargedPeak(): number | undefined;
  dispose(): void;
}

/** `4G`, `512M`, `1.5G` → bytes. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([KMG])i?B?$/i.exec(text.trim());
  if (!match) throw new Error(`--memory-limit: expected a size like 4G or 512M, got ${JSON.stringify(text)}`);
  const unit = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match[2]!.toUpperCase() as "K" | "M" | "G"];
  return Math.round(Number(match[1]) * unit);
}

/** Runs the command after moving the shell into the cgroup whose `cgroup.procs` is given. */
const joinCgroup = (procs: string) => (command: string, args: readonly string[]): [string, string[]] => ["/bin/sh", ["-c", 'echo $$ > "$0" && exec "$@"', procs, command, ...args]];

/** Own cgroup paths from /proc/self/cgroup: `0::/a/b` (v2) and `4:memory:/a/b` (v1). */
export function ownCgroups(text: string): { v2: string | undefined; v1Memory: string | undefined } {
  let v2: string | undefined;
  let v1Memory: string | undefined;
  for (const line of text.split("\n")) {
    const [id, controllers, where] = line.split(":");
    if (where === undefined) continue;
    if (id === "0" && controllers === "") v2 = where;
    else if (controllers!.split(",").includes("memory")) v1Memory = where;
  }
  return { v2, v1Memory };
}

function tryCgroup(dir: string, limitFile: string, peakFile: string, bytes: number, how: string): MemoryLimit | undefined {
  try {
    mkdirSync(dir);
  } catch {
    return undefined;
  }
  try {
    writeFileSync(path.join(dir, limitFile), String(bytes));
    // The limit must read back: a folder without the memory controller has no such file to honour.
    if (Math.abs(Number(readFileSync(path.join(dir, limitFile), "utf8")) - bytes) > 1024 * 1024) throw new Error("limit not applied");
    // Probe that a process can join it.
    const probe = spawnSync("/bin/sh", ["-c", 'echo $$ > "$0" && exit 0', path.join(dir, "cgroup.procs")]);
    if (probe.status !== 0) throw new Error("cannot join");
  } catch {
    rmdirSync(dir);
    return undefined;
  }
  return {
    bytes,
    how: `${how} ${dir} (${limitFile}=${bytes})`,
    wrap: joinCgroup(path.join(dir, "cgroup.procs")),
    chargedPeak: () => {
      try {
        return Number(readFileSync(path.join(dir, peakFile), "utf8"));
      } catch {
        return undefined;
      }
    },
    dispose: () => {
      try {
        rmdirSync(dir);
      } catch {
        // Already gone, or a process still in it: the kernel keeps the folder until it is empty.
      }
    },
  };
}

/** A memory limit that works on this machine, or an error saying what was tried. */
export function memoryLimit(bytes: number): MemoryLimit {
  const own = ownCgroups(readFileSync("/proc/self/cgroup", "utf8"));
  const name = `gloss-bench-${process.pid}`;
  const tried: string[] = [];
  if (own.v2 !== undefined && existsSync("/sys/fs/cgroup/cgroup.controllers")) {
    for (const parent of [path.join("/sys/fs/cgroup", own.v2), "/sys/fs/cgroup"]) {
      const limit = tryCgroup(path.join(parent, name), "memory.max", "memory.peak", bytes, "cgroup v2 folder");
      if (limit) return limit;
      tried.push(`cgroup v2 folder under ${parent}`);
    }
  }
  if (existsSync("/sys/fs/cgroup/memory/memory.limit_in_bytes")) {
    for (const parent of [path.join("/sys/fs/cgroup/memory", own.v1Memory ?? "/"), "/sys/fs/cgroup/memory"]) {
      const limit = tryCgroup(path.join(parent, name), "memory.limit_in_bytes", "memory.max_usage_in_bytes", bytes, "cgroup v1 memory folder");
      if (limit) return limit;
      tried.push(`cgroup v1 memory folder under ${parent}`);
    }
  }
  const mib = Math.round(bytes / 1024 ** 2);
  const systemd = spawnSync("systemd-run", ["--scope", "--quiet", "-p", `MemoryMax=${mib}M`, "true"]);
  if (systemd.status === 0) {
    return {
      bytes,
      how: `systemd-run --scope -p MemoryMax=${mib}M`,
      wrap: (command, args) => ["systemd-run", ["--scope", "--quiet", "-p", `MemoryMax=${mib}M`, command, ...args]],
      chargedPeak: () => undefined,
      dispose: () => undefined,
    };
  }
  tried.push("systemd-run --scope (no systemd here)");
  throw new Error(`--memory-limit: no way to impose a memory limit on this machine; tried ${tried.join(", ")}. Run as a user who may create cgroups, or on a host with systemd.`);
}
