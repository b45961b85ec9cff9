// The rendering process of `npm run build` for a large site (lib/cli/build.ts starts it when
// the content folder holds GLOSS_RENDER_APART_FROM posts or more): renders the site into the
// staging folder named by its one argument (lib/cli/render-site.ts), then exits, so its memory is
// the system's again before Pagefind indexes the pages. A failure is printed here, as
// lib/pipeline/failure.ts words it, and the process exits 1; build.ts does the rest. The share
// cards the pages name are sent to build.ts (its IPC channel) as Eleventy starts rendering, and
// drawn there beside Pagefind.
import { failureLines } from "../pipeline/failure.ts";
import { renderSite } from "./render-site.ts";

const [stagingDir] = process.argv.slice(2);
if (!stagingDir) {
  console.error("usage: render.ts <staging folder> (lib/cli/build.ts runs it)");
  process.exit(2);
}
let sent: Promise<void> = Promise.resolve();
try {
  await renderSite(stagingDir, (cards) => {
    const send = process.send?.bind(process);
    if (send) sent = new Promise<void>((resolve, reject) => send(cards, undefined, undefined, (error) => (error ? reject(error) : resolve())));
  });
  await sent;
} catch (error) {
  for (const line of failureLines(error)) console.error(line);
  process.exit(1);
}
// Done, and everything written (synchronously): exit now rather than tear down a heap of a
// gigabyte and more object by object (about a second at 10,000 posts).
process.exit(0);
