// Which link of a story leads, and what readers are told, from what the status file records:
// one row per case. And the status file's own text: sorted, stable, parsed back to the same data.
import { describe, expect, it } from "vitest";
import type { ContentProblem } from "../../lib/core/errors.ts";
import { linkWarning, sourceLink } from "../../lib/catalog/source-link.ts";
import { parseSourceStatus, serializeSourceStatus, type LinkRecord, type SourceStatus, type SourceStatusEntry } from "../../lib/content/source-status.ts";
import { planChecks, toRecord, updateStatus } from "../../lib/sources/run.ts";

const URL_ = "https://news.example/story";
const COPY = "https://archive.example/story";
const record = (target: string, status: LinkRecord["status"], extra: Partial<LinkRecord> = {}): LinkRecord => ({ target, status, checked: "2026-11-20", ...extra });

describe("sourceLink", () => {
  it.each<{ name: string; archived: string | undefined; status: SourceStatusEntry | undefined; leadArchived: boolean; note: string | undefined }>([
    { name: "never checked", archived: COPY, status: undefined, leadArchived: false, note: undefined },
    { name: "checked ok", archived: COPY, status: { url: record(URL_, "ok") }, leadArchived: false, note: undefined },
    { name: "gone, with a copy", archived: COPY, status: { url: record(URL_, "gone") }, leadArchived: true, note: "the original is no longer available (checked 2026-11-20)" },
    { name: "blocked, with a copy", archived: COPY, status: { url: record(URL_, "blocked") }, leadArchived: true, note: "the original is no longer available (checked 2026-11-20)" },
    { name: "gone, no copy", archived: undefined, status: { url: record(URL_, "gone") }, leadArchived: false, note: "the original is no longer available (checked 2026-11-20); no archived copy is known" },
    { name: "gone, and the copy gone too", archived: COPY, status: { url: record(URL_, "gone"), archived: record(COPY, "gone") }, leadArchived: false, note: "the original is no longer available (checked 2026-11-20); no archived copy is known" },
    { name: "only unreachable (a bad afternoon)", archived: COPY, status: { url: record(URL_, "unreachable") }, leadArchived: false, note: undefined },
    { name: "redirected", archived: undefined, status: { url: record(URL_, "redirected") }, leadArchived: false, note: undefined },
    { name: "a record for an older address", archived: COPY, status: { url: record("https://news.example/old", "gone") }, leadArchived: false, note: undefined },
  ])("$name", ({ archived, status, leadArchived, note }) => {
    const link = sourceLink({ url: URL_, archived }, status);
    expect(link.leadArchived).toBe(leadArchived);
    expect(link.leadUrl).toBe(leadArchived ? COPY : URL_);
    expect(link.note).toBe(note);
    expect(link.sentence).toBe(note && `${note.charAt(0).toUpperCase()}${note.slice(1)}.`);
  });

  it("tells readers in the site's language (the link.* messages)", () => {
    const gone = { url: record(URL_, "gone") };
    const withCopy = sourceLink({ url: URL_, archived: COPY }, gone, "de");
    expect(withCopy.sentence).toBe("Das Original ist nicht mehr verfügbar (geprüft am 2026-11-20).");
    expect([withCopy.words.readArchived, withCopy.words.originalAddress, withCopy.words.archivedCopy]).toEqual(["Die archivierte Kopie lesen", "ursprüngliche Adresse", "archivierte Kopie"]);
    expect(sourceLink({ url: URL_, archived: undefined }, gone, "de").note).toBe("das Original ist nicht mehr verfügbar (geprüft am 2026-11-20); eine archivierte Kopie ist nicht bekannt");
  });

  it("warns only about a story recorded down with no copy", () => {
    const gone = { url: record(URL_, "gone", { code: 404, failingSince: "2026-10-01" }) };
    expect(linkWarning("sources.yaml", "s", sourceLink({ url: URL_, archived: undefined }, gone), gone)).toBe(
      "sources.yaml › s: the original is down (gone, 404) since 2026-10-01 and there is no archived copy (npm run archive finds one)",
    );
    expect(linkWarning("sources.yaml", "s", sourceLink({ url: URL_, archived: COPY }, gone), gone)).toBeUndefined();
    expect(linkWarning("sources.yaml", "s", sourceLink({ url: URL_, archived: undefined }, undefined), undefined)).toBeUndefined();
  });
});

describe("the status record", () => {
  const status: SourceStatus = new Map([
    ["b-story", { url: record(URL_, "gone", { code: 404, detail: "404", failingSince: "2026-11-01" }) }],
    ["a-story", { url: record("https://a.example/", "redirected", { code: 200, finalUrl: "https://a.example/new", detail: "301 → 200" }), archived: record(COPY, "ok", { code: 200 }) }],
  ]);

  it("is written sorted by id, fields in one order, and read back to the same data", () => {
    const text = serializeSourceStatus(status);
    expect(text.indexOf("a-story:")).toBeLessThan(text.indexOf("b-story:"));
    const problems: ContentProblem[] = [];
    const back = parseSourceStatus(text, "s.yaml", problems);
    expect(problems).toEqual([]);
    expect(back).toEqual(status);
    expect(serializeSourceStatus(back)).toBe(text);
  });

  it("reports every problem of a broken file, with lines, and keeps the good entries", () => {
    const problems: ContentProblem[] = [];
    const back = parseSourceStatus("good:\n  url:\n    target: x\n    status: ok\n    checked: 2026-01-01\nBad Id:\n  url: {}\nbad:\n  url:\n    target: x\n    status: ok\n    checked: 2026-01-01\n    colour: red\n", "s.yaml", problems);
    expect([...back.keys()]).toEqual(["good"]);
    expect(problems.map((p) => `${p.line} ${p.field}: ${p.got}`)).toEqual(['6 Bad Id: "Bad Id"', '13 bad.url.colour: unknown field "colour"']);
  });

  it("keeps failingSince through a run of failures and drops it on recovery", () => {
    const check = (status: "gone" | "ok") => ({ url: URL_, status, code: status === "ok" ? 200 : 404, suggestedUrl: undefined, finalUrl: undefined, chain: [], detail: "x" });
    const first = toRecord(check("gone"), undefined, "2026-11-01");
    const second = toRecord(check("gone"), first, "2026-11-20");
    const healed = toRecord(check("ok"), second, "2026-12-01");
    expect([first.failingSince, second.failingSince, healed.failingSince]).toEqual(["2026-11-01", "2026-11-01", undefined]);
  });

  it("plans only what is due, and forgets sources and links no longer in sources.yaml", () => {
    const sources = [
      { id: "a-story", url: "https://a.example/", archived: undefined, lines: {} },
      { id: "c-story", url: "https://c.example/", archived: undefined, lines: {} },
    ];
    const plan = planChecks(sources, status, { today: "2026-11-25", olderThanDays: 30, only: undefined });
    expect(plan).toEqual({ checks: [{ id: "c-story", field: "url", url: "https://c.example/" }], recent: 1 });
    const after = updateStatus(status, sources, [], "2026-11-25");
    expect([...after.keys()]).toEqual(["a-story"]);
    expect(after.get("a-story")).toEqual({ url: status.get("a-story")!.url });
  });
});
