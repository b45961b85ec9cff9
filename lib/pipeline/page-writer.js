// One of the page sink's threads (lib/pipeline/page-sink.ts runs two, each sent every other page):
// each page it is sent written, with what the record keeps of it and its facts
// (lib/pipeline/write-page.js). At 10,000 posts that was about 12 s of a cold render's main
// thread (parsing 5.3 s; making folders, opening, writing and closing files about 4 s), while
// the second core mostly waited. Plain JavaScript, so it runs the same compiled or through tsx.
//
// Its pages arrive on `workerData.port` in the order written, and each answer goes back on it in
// that order: { file, written, facts } or { file, error }. After each answer `workerData.answered[0]`
// counts one more and wakes a sink waiting for it (Atomics.wait).
import { workerData } from "node:worker_threads";
import { writePage } from "./write-page.js";

/** @type {{ port: import("node:worker_threads").MessagePort, answered: Int32Array }} */
const { port, answered } = workerData;
/** @type {Set<string>} */
const made = new Set();

port.on("message", (/** @type {{ url: string, file: string, content: string | Uint8Array }} */ { url, file, content }) => {
  let answer;
  try {
    answer = { file, ...writePage(made, url, file, content) };
  } catch (error) {
    const { message, code, syscall, path: where, errno } = /** @type {NodeJS.ErrnoException} */ (error);
    answer = { file, error: { message: message ?? String(error), code, syscall, path: where, errno } };
  }
  port.postMessage(answer);
  Atomics.add(answered, 0, 1);
  Atomics.notify(answered, 0);
});
