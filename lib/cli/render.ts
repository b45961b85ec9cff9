// The rendering process of `npm run build` for a large site (lib/cli/build.ts starts it when
// the content folder holds GLOSS_RENDER_APART_FROM posts or more): renders the site into the
// staging folder named by its one argument (lib/cli/render-site.ts), then exits, so its memory is
// the system's again before Pagefind indexes the pages. A failure is printed here, as
// lib/pipeline/failure.ts words it, and the process exits 1; build.ts does the rest. Two
// messages go to build.ts over its IPC channel: once the pages are written and checked, what the
// search index needs of each post page (a build that carried pages over starts on the index
// then, while this process records the build); once the build is recorded, the share cards the
// pages name, drawn there beside Pagefind, and the files to keep for the next build.
import { failureLines } from "../pipeline/failure.ts";
import { renderSite, type Rendered, type Searchable } from "./render-site.ts";

const [stagingDir] = process.argv.slice(2);
if (!stagingDir) {
  console.error("usage: render.ts <staging folder> (lib/cli/build.ts runs it)");
  process.exit(2);
}
try {
  let cards: Rendered["cards"] | undefined;
  // Each message on its way before the process goes on (the record holds the thread).
  const send = (message: Searchable | Rendered) =>
    new Promise<void>((resolve, reject) => {
      if (!process.send) return resolve();
      process.send(message, undefined, undefined, (error) => (error ? reject(error) : resolve()));
    });
  const { keep } = await renderSite(stagingDir, (handed) => (cards = handed), send);
  // Sent once the build is recorded and this process's heap collected: build.ts then holds the
  // cards (the text of every card) only after this process's peak, not during it.
  if (cards) await send({ cards, keep });
} catch (error) {
  for (const line of failureLines(error)) console.error(line);
  process.exit(1);
}
// Done, and everything written (synchronously): exit now rather than tear down a heap of a
// gigabyte and more object by object (about a second at 10,000 posts).
process.exit(0);
