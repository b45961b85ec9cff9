// One page of a production build written (lib/pipeline/page-sink.ts, and its thread,
// lib/pipeline/page-writer.js): the file, what the build's record keeps of it (size, time and
// inode from the open file, `fileDigest` of the bytes in hand), and for an HTML page the checks'
// facts. Plain JavaScript, so the thread runs it as it is, compiled or not.
import { closeSync, fstatSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { extractFacts } from "../checks/extract-facts.js";
import { fileDigest } from "../core/digest.js";

/**
 * Writes `content` to `file` (its folder made first, unless `made` holds it) and reads it once.
 * @param {Set<string>} made Folders made already: one mkdir a folder, not one a file.
 * @param {string} url The page's site URL (for its facts).
 * @param {string} file Absolute path.
 * @param {string | Uint8Array} content
 * @returns {{ written: import("./page-sink.ts").WrittenFile, facts: import("../checks/facts.ts").PageFacts | undefined }}
 */
export function writePage(made, url, file, content) {
  const dir = path.dirname(file);
  if (!made.has(dir)) mkdirSync(dir, { recursive: true });
  made.add(dir);
  const bytes = typeof content === "string" ? Buffer.from(content) : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const fd = openSync(file, "w");
  let written;
  try {
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    const { size, mtimeMs, ino } = fstatSync(fd);
    written = { size, mtimeMs, ino, sha1: fileDigest(bytes) };
  } finally {
    closeSync(fd);
  }
  const facts = file.endsWith(".html") ? extractFacts(url, typeof content === "string" ? content : bytes.toString()) : undefined;
  return { written, facts };
}
