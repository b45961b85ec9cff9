// The one markdown-it instance factory, used by the content pipeline and the tests.
// Raw HTML is off (escaped as text), link schemes are allow-listed, typography is left exactly
// as the author wrote it. Footnotes and heading anchors come from the well-kept plugins.
import MarkdownItFactory, { type MarkdownIt } from "markdown-it";
import { externalLinks } from "./external-links.ts";
import { footnotes } from "./footnotes.ts";
import { headings } from "./headings.ts";
import { images } from "./images.ts";
import { quotations } from "./quotations.ts";
import { safeLinks } from "./safe-links.ts";

export function createMarkdown(): MarkdownIt {
  return new MarkdownItFactory({ html: false, linkify: false, typographer: false }).use(safeLinks)
    .use(quotations)
    .use(externalLinks)
    .use(footnotes)
    .use(headings)
    .use(images);
}
