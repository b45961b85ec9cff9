// `npm run build` runs Gloss's TypeScript compiled ahead of time: `node lib/cli/compiled.js
// lib/cli/build.ts`. tsx compiles each TypeScript module as Node loads it, through a loader
// thread that every later import crosses; for the two launch posts that was ~1.0 s of a ~1.65 s
// build. Here the entry point and everything it imports from lib/ (not node_modules) are bundled
// once with esbuild (tsx's own compiler) into node_modules/.cache/gloss/, named by a hash of
// their sources, so an edit to any of them makes a new bundle on the next run (~0.1 s), and an
// unchanged tree reuses it. `npm ci` clears it. Plain JavaScript: nothing reads TypeScript yet.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const [entryArg, ...args] = process.argv.slice(2);
if (!entryArg) {
  console.error("usage: node lib/cli/compiled.js <entry.ts> [arguments]");
  process.exit(2);
}
const entry = path.resolve(entryArg);

/** Every TypeScript file a bundle can hold: lib/ and the Eleventy config. */
function sources() {
  const files = [path.join(root, "eleventy.config.ts")];
  for (const name of readdirSync(path.join(root, "lib"), { recursive: true })) {
    if (String(name).endsWith(".ts")) files.push(path.join(root, "lib", String(name)));
  }
  return files.sort();
}

const hash = createHash("sha256");
// The compiler, the Node it targets, where the project is (a bundle names it), how this file
// bundles, and every source.
hash.update(`${JSON.parse(readFileSync(path.join(root, "node_modules/esbuild/package.json"), "utf8")).version}\n${process.version}\n${root}\n${entry}\n`);
hash.update(readFileSync(fileURLToPath(import.meta.url)));
for (const file of sources()) hash.update(`${file}\n`).update(readFileSync(file)).update("\n");
const dir = path.join(root, "node_modules/.cache/gloss");
const name = path.basename(entry, ".ts");
// A folder: the entry point, and the chunks it imports as it needs them. Split, a module that is
// imported only dynamically (the build's `import("./render-site.ts")`) is a chunk of its own, with
// the packages it imports: a build that renders its pages in a process of its own (lib/cli/build.ts)
// does not load Eleventy, markdown-it or the catalog in the process that only waits for it.
const bundle = path.join(dir, `${name}-${hash.digest("hex").slice(0, 16)}`);
const main = path.join(bundle, `${name}.mjs`);

if (!existsSync(main)) {
  const { build, stop } = await import("esbuild");
  mkdirSync(dir, { recursive: true });
  // Written aside and renamed: two builds compiling at once each write their own folder, and the
  // first rename wins (the second finds the folder there, and removes its own).
  const partial = `${bundle}.${process.pid}.tmp`;
  rmSync(partial, { recursive: true, force: true });
  await build({
    entryPoints: [entry],
    outdir: partial,
    entryNames: "[name]",
    chunkNames: "chunk-[hash]",
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Packages stay imports, resolved from node_modules as tsx resolves them.
    packages: "external",
    // lib/core/env.ts finds the project from its own file; a bundle is elsewhere.
    define: { __GLOSS_ROOT__: JSON.stringify(root) },
    sourcemap: "inline",
    logLevel: "error",
  });
  try {
    renameSync(partial, bundle);
  } catch (error) {
    if (!existsSync(main)) throw error;
    rmSync(partial, { recursive: true, force: true });
  }
  // esbuild's service process (about 30 MiB) would otherwise live as long as this one: the whole
  // build, or the whole render of a large site.
  await stop();
  // Bundles of older sources, once a day old: none is in use by then.
  for (const other of readdirSync(dir)) {
    const file = path.join(dir, other);
    if (file !== bundle && other.startsWith(`${name}-`) && Date.now() - statSync(file).mtimeMs > 86_400_000) rmSync(file, { recursive: true, force: true });
  }
}

process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(main).href);
