// The packages a render needs, loaded all at once before the code that imports them: by
// `npm run build` (lib/cli/build.ts) just before it renders a small site in its own process, and
// by the rendering process of a large site (`node --import ./lib/cli/build-preload.js
// lib/cli/compiled.js lib/cli/render.ts`). They are plain JavaScript, some 330 modules (Eleventy
// over 100, zod 95); loaded here in parallel, the render's imports then find them loaded: about
// 0.1 s off the ~1.4 s build of the launch posts (and ~0.35 s when the build ran through tsx's
// loader, whose thread every import crosses). The build's own process of a large site never loads
// them (about 0.5 s and 50 MiB it would spend on an Eleventy it does not run): its bundle is split
// (lib/cli/compiled.js), and the render is a chunk it imports only to render in-process.

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
