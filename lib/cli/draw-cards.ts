// The card-drawing process of `npm run build` for a large site (lib/cli/build.ts starts it once
// the rendering process has sent the share cards its pages name, and only when some are missing
// from the cache; it sends only those): draws them into the cache folder named by its one
// argument (lib/pipeline/media.ts, drawEach), at the lowest priority, beside Pagefind's runs over
// the search shards, then exits. Pagefind indexes on about one core and a third; the cards, drawn
// at the same priority, had the rest of the other core only as long as they lasted, and
// Pagefind's last shards then ran alone with a core all but idle. At the lowest priority they
// take only what Pagefind leaves, and the two end at about the same time. One message comes in
// over its IPC channel, the cards to draw (a Map by URL); one goes back, what was drawn (a
// MediaReport).
import { lowestPriorityProcess } from "../core/priority.js";
import { drawEach, type MediaJobs, type MediaReport } from "../pipeline/media.ts";

const [cacheDir] = process.argv.slice(2);
if (!cacheDir || !process.send) {
  console.error("usage: draw-cards.ts <cache folder>, with an IPC channel (lib/cli/build.ts runs it)");
  process.exit(2);
}

// Every thread, before any of zlib's or sharp's is made.
lowestPriorityProcess();
const cards = await new Promise<MediaJobs["cards"]>((resolve) => process.once("message", resolve));
try {
  const report: MediaReport = await drawEach(cards, cacheDir);
  await new Promise<void>((resolve, reject) => process.send!(report, undefined, undefined, (error) => (error ? reject(error) : resolve())));
} catch (error) {
  console.error(`The share cards could not be drawn: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
process.exit(0);
