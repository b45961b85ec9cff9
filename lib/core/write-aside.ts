// A file written whole or not at all: its bytes go to a file beside it (named by this process),
// which is then renamed over it, so a build stopped halfway, or another build reading it, never
// finds it half-written. The cache's records are written so (lib/pipeline/).
import { closeSync, openSync, renameSync, writeSync } from "node:fs";

/** Writes `chunks` one after the other to a file beside `file`, then renames it into place. */
export function writeAside(file: string, chunks: readonly (Buffer | string)[]): void {
  const partial = `${file}.${process.pid}.partial`;
  const fd = openSync(partial, "w");
  try {
    for (const chunk of chunks) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(partial, file);
}
