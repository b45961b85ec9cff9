// Runs before `npm test`: the browser tests drive Debian's Chromium, so install it with apt
// when it is missing (as root, or with sudo). Never downloads a browser of its own.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readEnv } from "../core/env.ts";

const target = readEnv().chromium;
if (existsSync(target)) process.exit(0);
if (target !== "/usr/bin/chromium") {
  console.error(`GLOSS_CHROMIUM points at ${target}, which does not exist.`);
  process.exit(1);
}
console.log("Chromium is missing: installing Debian's chromium package with apt-get…");
const isRoot = process.getuid?.() === 0;
const sudo = isRoot ? [] : ["sudo", "-n"];
const run = (args: string[]) => {
  const [command, ...rest] = [...sudo, ...args];
  const result = spawnSync(command!, rest, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (result.status !== 0) {
    console.error(`Could not run ${args.join(" ")}. Install Chromium yourself: apt-get install -y chromium`);
    process.exit(1);
  }
};
run(["apt-get", "update"]);
run(["apt-get", "install", "-y", "--no-install-recommends", "chromium"]);
console.log(execFileSync(target, ["--version"], { encoding: "utf8" }).trim());
