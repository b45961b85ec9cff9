// The digest files are known by. Plain JavaScript, so the page sink's thread
// (lib/pipeline/write-page.js) takes it as it is, compiled or not, with the TypeScript
// (lib/content/post-file.ts re-exports it).
import { createHash } from "node:crypto";

/**
 * The SHA-1 (base64) of a file's bytes: what a FrontMatterStore and the build record's post
 * stamps key a post file by, and its manifest each page file.
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export const fileDigest = (bytes) => createHash("sha1").update(bytes).digest("base64");
