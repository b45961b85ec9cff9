// A fixture site whose quoted stories were recorded by `npm run check:sources` as no longer
// available: `story` is gone (404) and has an archived copy, `other-story` is blocked (403) and
// has none. Shared by the build test and the browser test of what readers see.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { makeSite, postFile, type FixtureSite } from "./site.ts";

export const ORIGINAL = "https://news.example/2020/01/02/big-story";
export const ARCHIVED = "https://archive.example/news.example/big-story";
export const OTHER = "https://news.example/2020/02/03/another";
export const CHECKED = "2025-12-20";

export const GONE_STATUS = `# Written by \`npm run check:sources\`.
story:
  url:
    target: "${ORIGINAL}"
    status: gone
    code: 404
    detail: "404"
    checked: ${CHECKED}
    failingSince: 2025-11-02
  archived:
    target: "${ARCHIVED}"
    status: ok
    code: 200
    checked: ${CHECKED}
other-story:
  url:
    target: "${OTHER}"
    status: blocked
    code: 403
    detail: "403"
    checked: ${CHECKED}
    failingSince: ${CHECKED}
`;

/** The post that quotes both stories, at /posts/rescued/. */
export const POST_URL = "/posts/rescued/";

/** The site; `status` is the text of source-status.yaml, or null for a site never checked. */
export function makeGoneSourceSite(status: string | null = GONE_STATUS): FixtureSite {
  const site = makeSite({
    "rescued.md": postFile({
      title: "Rescued",
      sources: ["story", "other-story"],
      body: "My words.\n\n> [!quote story]\n> Words of the big story.\n\nMore of mine.\n\n> [!quote other-story]\n> Words of the other story.\n",
    }),
  });
  if (status !== null) writeFileSync(path.join(site.contentDir, "_data/source-status.yaml"), status);
  return site;
}
