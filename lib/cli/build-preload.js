// `npm run build` loads this before tsx's loader: `node --import ./lib/cli/build-preload.js
// --import tsx lib/cli/build.ts`. Once tsx's loader is registered, every module Node loads
// makes a round trip to the loader's own thread, which only our TypeScript needs. The packages
// below are plain JavaScript, some 330 modules (Eleventy over 100, zod 95), so Node loads them
// here by itself first, and the build's own imports then find them loaded. (Plain JavaScript:
// nothing can read TypeScript yet.) It takes ~0.35 s off a ~2.3 s build of the launch posts;
// a build that stops at a content problem pays ~0.3 s for an Eleventy it does not run.

// Eleventy reads this when it is imported: see lib/cli/build.ts.
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
