// The rendering process of `npm run build` for a large site (lib/cli/build.ts starts it when
// the content folder holds GLOSS_RENDER_APART_FROM posts or more): renders the site into the
// staging folder named by its one argument (lib/cli/render-site.ts), then exits, so its memory is
// the system's again before Pagefind indexes the pages. A failure is printed here, as
// lib/pipeline/failure.ts words it, and the process exits 1; build.ts does the rest. The share
// cards the pages name are sent to build.ts (its IPC channel) once the pages are written, and
// drawn there beside Pagefind, with what the search index needs of each post page.
import { failureLines } from "../pipeline/failure.ts";
import { renderSite, type Rendered } from "./render-site.ts";

const [stagingDir] = process.argv.slice(2);
if (!stagingDir) {
  console.error("usage: render.ts <staging folder> (lib/cli/build.ts runs it)");
  process.exit(2);
}
try {
  let cards: Rendered["cards"] | undefined;
  const { pages, keep } = await renderSite(stagingDir, (handed) => (cards = handed));
  // Sent once the pages are written and this process's heap collected: build.ts then holds them
  // (the text of every card) only after this process's peak, not during it.
  const send = process.send?.bind(process);
  const rendered: Rendered | undefined = cards && { cards, pages, keep };
  if (send && rendered) await new Promise<void>((resolve, reject) => send(rendered, undefined, undefined, (error) => (error ? reject(error) : resolve())));
} catch (error) {
  for (const line of failureLines(error)) console.error(line);
  process.exit(1);
}
// Done, and everything written (synchronously): exit now rather than tear down a heap of a
// gigabyte and more object by object (about a second at 10,000 posts).
process.exit(0);
