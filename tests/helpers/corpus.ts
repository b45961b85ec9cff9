// The error corpus (tests/fixtures/errors/): each case is a folder of files laid over a small
// good site, so a case holds only what is wrong with it.
import { cpSync } from "node:fs";
import path from "node:path";
import { ROOT, makeSite, postFile, type FixtureSite } from "./site.ts";

export const CORPUS = path.join(ROOT, "tests/fixtures/errors");

/** The base every case is laid over: one good post quoting a known source. */
export function corpusSite(caseName: string): FixtureSite {
  const site = makeSite({ "good.md": postFile({ title: "Good", sources: ["story"], body: "My words.\n\n> [!quote story]\n> Quoted words." }) });
  // Links are copied as they are written (a case may link to a file of the site it is laid over).
  cpSync(path.join(CORPUS, caseName), site.contentDir, { recursive: true, verbatimSymlinks: true });
  return site;
}
