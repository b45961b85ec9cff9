// Which of a story's links readers are sent to first, decided from what `npm run check:sources`
// recorded: the archived copy when the original is recorded gone or blocked (and the copy is not),
// with a plain note saying so and when it was checked. Pure; templates and captions print it.
import { linkNote, linkSentence, linkWords, type LinkWords } from "../core/link-words.ts";
import type { SourceStatusEntry } from "../content/source-status.ts";

export interface SourceLink {
  /** Where the story's title links: the archived copy when it leads, else the original. */
  leadUrl: string;
  /** True when the original is recorded unavailable and an archived copy exists. */
  leadArchived: boolean;
  /** The original was recorded gone or blocked (at its current address). */
  originalDown: boolean;
  /** The day of the check that found it so (YYYY-MM-DD). */
  checked: string | undefined;
  /** "the original is no longer available (checked …)[; no archived copy is known]", inline. */
  note: string | undefined;
  /** The same as a sentence. */
  sentence: string | undefined;
  /** The words the templates print around the links. */
  words: LinkWords;
}

const DOWN = new Set(["gone", "blocked"]);

/** A record counts only if it was made for the address the source has now. */
function recordedDown(record: SourceStatusEntry["url"], address: string | undefined): boolean {
  return record !== undefined && address !== undefined && record.target === address && DOWN.has(record.status);
}

export function sourceLink(entry: { url: string; archived?: string | undefined }, status: SourceStatusEntry | undefined, language = "en"): SourceLink {
  const words = linkWords(language);
  const originalDown = recordedDown(status?.url, entry.url);
  const copy = entry.archived !== undefined && !recordedDown(status?.archived, entry.archived) ? entry.archived : undefined;
  const checked = originalDown ? status?.url?.checked : undefined;
  const leadArchived = originalDown && copy !== undefined;
  return {
    leadUrl: leadArchived ? copy : entry.url,
    leadArchived,
    originalDown,
    checked,
    note: checked === undefined ? undefined : linkNote(checked, copy !== undefined, words),
    sentence: checked === undefined ? undefined : linkSentence(checked, copy !== undefined, words),
    words,
  };
}

/** The build's warning for a source readers cannot follow at all: recorded down, no copy. */
export function linkWarning(file: string, id: string, link: SourceLink, status: SourceStatusEntry | undefined): string | undefined {
  if (!link.originalDown || link.leadArchived) return undefined;
  const record = status?.url;
  const what = record?.code === undefined ? record?.status : `${record.status}, ${record.code}`;
  return `${file} › ${id}: the original is ${what === undefined ? "down" : `down (${what})`} since ${record?.failingSince ?? link.checked} and there is no archived copy (npm run archive finds one)`;
}
