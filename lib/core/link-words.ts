// The words readers see about a story's links: the archived copy, the original, and the note
// when the original is no longer there. In one object so a translation table can take them over.

export const LINK_WORDS = {
  /** The link to a snapshot, beside the original. */
  archivedCopy: "archived copy",
  /** The original's link, when the archived copy leads. */
  originalAddress: "original address",
  /** The source page's links. */
  readOriginal: "Read the original",
  readArchived: "Read the archived copy",
  /** Inline, after a story's date: "the original is no longer available (checked 2026-12-01)". */
  originalGone: (checked: string) => `the original is no longer available (checked ${checked})`,
  /** Added when no snapshot is known. */
  noCopy: "no archived copy is known",
} as const;

/** The note in a list or caption: lowercase, no full stop. */
export function linkNote(checked: string, hasCopy: boolean): string {
  return hasCopy ? LINK_WORDS.originalGone(checked) : `${LINK_WORDS.originalGone(checked)}; ${LINK_WORDS.noCopy}`;
}

/** The same note as a sentence of its own, for a page that leads with it. */
export function linkSentence(checked: string, hasCopy: boolean): string {
  const note = linkNote(checked, hasCopy);
  return `${note.charAt(0).toUpperCase()}${note.slice(1)}.`;
}
