// The words readers see about a story's links: the archived copy, the original, and the note
// when the original is no longer there, in the site's language (the `link.*` keys of the message
// tables, lib/core/messages/).
import { format, messagesFor } from "./messages/index.ts";

export interface LinkWords {
  /** The link to a snapshot, beside the original. */
  archivedCopy: string;
  /** The original's link, when the archived copy leads. */
  originalAddress: string;
  /** The source page's links. */
  readOriginal: string;
  readArchived: string;
  /** Inline, after a story's date: "the original is no longer available (checked 2026-12-01)". */
  originalGone: (checked: string) => string;
  /** Added when no snapshot is known. */
  noCopy: string;
}

export function linkWords(language = "en"): LinkWords {
  const { text } = messagesFor(language);
  return {
    archivedCopy: text["post.archivedCopy"],
    originalAddress: text["link.originalAddress"],
    readOriginal: text["source.readOriginal"],
    readArchived: text["link.readArchived"],
    originalGone: (checked) => format(text["link.originalGone"], { checked }),
    noCopy: text["link.noCopy"],
  };
}

/** The English words, for code that has no site (tests, messages to the author). */
export const LINK_WORDS: LinkWords = linkWords("en");

/** The note in a list or caption: lowercase, no full stop. */
export function linkNote(checked: string, hasCopy: boolean, words: LinkWords = LINK_WORDS): string {
  return hasCopy ? words.originalGone(checked) : `${words.originalGone(checked)}; ${words.noCopy}`;
}

/** The same note as a sentence of its own, for a page that leads with it. */
export function linkSentence(checked: string, hasCopy: boolean, words: LinkWords = LINK_WORDS): string {
  const note = linkNote(checked, hasCopy, words);
  return `${note.charAt(0).toUpperCase()}${note.slice(1)}.`;
}
