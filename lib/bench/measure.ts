// Runs a Node entry point in this process and, on exit, writes the process's peak RSS (KiB)
// to a report file: `measure.ts <report-file> <entry> [args…]`. The bench runs Gloss and the
// bare-Eleventy floor through it, so both are measured the same way.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [report, entry, ...args] = process.argv.slice(2);
if (!report || !entry) {
  console.error("usage: measure.ts <report-file> <entry> [args…]");
  process.exit(2);
}
process.argv = [process.argv[0]!, path.resolve(entry), ...args];
process.on("exit", () => writeFileSync(report, String(process.resourceUsage().maxRSS)));
await import(pathToFileURL(path.resolve(entry)).href);
