// `npm run build` loads this first: `node --import ./lib/cli/build-preload.js lib/cli/compiled.js
// lib/cli/build.ts` (and its rendering process, lib/cli/render.ts, for a large site). The
// packages below are plain JavaScript, some 330 modules (Eleventy over 100, zod 95); Node loads
// them here, all at once, before the build's bundle, whose imports then find them loaded: about
// 0.1 s off the ~1.4 s build of the launch posts (and ~0.35 s when the build ran through tsx's
// loader, whose thread every import crosses). A build that stops at a content problem, or one
// that renders in a process of its own, pays ~0.5 s and ~50 MiB for an Eleventy it does not run.

// Eleventy reads this when it is imported: see lib/cli/render-site.ts.
process.env.ELEVENTY_SKIP_ESM_RESOLVER = "1";

await Promise.all([
  import("@11ty/eleventy"),
  import("@11ty/eleventy-plugin-rss"),
  import("htmlparser2"),
  import("js-yaml"),
  import("luxon"),
  import("markdown-it"),
  import("zod"),
]);
