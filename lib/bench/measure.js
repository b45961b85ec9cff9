// Runs a Node entry point in this process and, on exit, writes the process's peak RSS (KiB)
// to a report file: `measure.js <report-file> <entry> [args…]`. The bench runs Gloss and the
// bare-Eleventy floor through it, so both are measured the same way. Plain JavaScript, so that
// neither pays for a TypeScript loader the command it measures does not use.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [report, entry, ...args] = process.argv.slice(2);
if (!report || !entry) {
  console.error("usage: measure.js <report-file> <entry> [args…]");
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...args];
process.on("exit", () => writeFileSync(report, String(process.resourceUsage().maxRSS)));
await import(pathToFileURL(path.resolve(entry)).href);
