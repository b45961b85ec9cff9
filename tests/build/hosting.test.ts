// Hosting configurations, checked offline: the GitHub Pages workflow and netlify.toml parse, run
// only commands this project defines, publish the folder the build writes, agree on the Node
// version; and the workflow's build step, run here with what configure-pages reports for a
// project site, produces a site that works under /<repo>/.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import yaml from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { readEnv } from "../../lib/core/env.ts";
import { createStaticServer, listen } from "../../lib/preview/static-server.ts";
import { crawl } from "../helpers/crawl.ts";
import { ROOT, makeSite, postFile } from "../helpers/site.ts";

const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const scripts = JSON.parse(read("package.json")).scripts as Record<string, string>;
const engines = JSON.parse(read("package.json")).engines.node as string;
const nodeVersion = read(".node-version").trim();

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Workflow {
  on: { push: { branches: string[] }; workflow_dispatch: unknown };
  permissions: Record<string, string>;
  jobs: Record<string, { "runs-on": string; needs?: string; environment?: { name: string }; steps: Step[] }>;
}

/** The TOML netlify.toml uses: [tables] and key = "string" lines, comments. Anything else fails. */
function parseSimpleToml(text: string): Record<string, Record<string, string>> {
  const tables: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  for (const [index, raw] of text.split("\n").entries()) {
    const line = raw.replace(/^\s+|\s+$/g, "");
    if (line === "" || line.startsWith("#")) continue;
    const table = /^\[([a-z.]+)\]$/.exec(line);
    const pair = /^([A-Za-z_]+)\s*=\s*"([^"\\]*)"$/.exec(line);
    if (table) tables[table[1]!] = current = {};
    else if (pair && current) current[pair[1]!] = pair[2]!;
    else throw new Error(`netlify.toml:${index + 1}: not understood: ${raw}`);
  }
  return tables;
}

/** npm commands a CI step may run: `npm ci`, or `npm run <script>` for a script package.json has. */
function isProjectCommand(run: string): boolean {
  const match = /^npm (ci|run ([\w:-]+))$/.exec(run.trim());
  return Boolean(match && (match[1] === "ci" || scripts[match[2]!] !== undefined));
}

describe("the GitHub Pages workflow", () => {
  const workflow = yaml.load(read(".github/workflows/pages.yml")) as Workflow;
  const build = workflow.jobs.build!;
  const deploy = workflow.jobs.deploy!;
  const step = (action: string) => build.steps.find((s) => s.uses?.startsWith(`${action}@`));

  it("builds on pushes to main, with the permissions Pages deployments need", () => {
    expect(workflow.on.push.branches).toEqual(["main"]);
    expect("workflow_dispatch" in workflow.on).toBe(true);
    expect(workflow.permissions).toEqual({ contents: "read", pages: "write", "id-token": "write" });
  });

  it("installs the locked dependencies and runs the project's own build", () => {
    const runs = build.steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs).toEqual(["npm ci", "npm run build"]);
    expect(runs.every(isProjectCommand)).toBe(true);
    expect(step("actions/setup-node")?.with?.["node-version-file"]).toBe(".node-version");
  });

  it("restores the build cache folder before the build and saves it after, a new one each run", () => {
    const cache = step("actions/cache");
    const names = build.steps.map((s) => s.run ?? s.uses?.split("@")[0]);
    expect(names.indexOf("actions/cache")).toBeGreaterThan(names.indexOf("npm ci"));
    expect(names.indexOf("actions/cache")).toBeLessThan(names.indexOf("npm run build"));
    // The folder a build in the repository keeps its cache in (lib/core/env.ts).
    expect(cache?.with?.path).toBe(path.relative(ROOT, readEnv({}).cacheDir));
    expect(cache?.with?.key).toBe("gloss-build-${{ github.run_id }}");
    expect(cache?.with?.["restore-keys"]).toBe("gloss-build-");
  });

  it("builds for the address and sub-path configure-pages reports, and uploads _site", () => {
    const buildStep = build.steps.find((s) => s.run === "npm run build")!;
    expect(step("actions/configure-pages")?.id).toBe("pages");
    expect(buildStep.env).toEqual({ GLOSS_SITE_URL: "${{ steps.pages.outputs.origin }}", GLOSS_PATH_PREFIX: "${{ steps.pages.outputs.base_path }}" });
    expect(step("actions/upload-pages-artifact")?.with?.path).toBe("_site");
    expect(deploy.needs).toBe("build");
    expect(deploy.environment?.name).toBe("github-pages");
    expect(deploy.steps.map((s) => s.uses?.split("@")[0])).toEqual(["actions/deploy-pages"]);
  });

  describe("its build step, run as Actions would for https://octo.github.io/gloss/", () => {
    let server: Server | undefined;
    afterAll(() => {
      server?.close();
    });

    it("writes a site whose every link works under /gloss/", async () => {
      const site = makeSite({ "a-post.md": postFile({ title: "A post", tags: ["Tag"], sources: ["story"] }) });
      const buildStep = build.steps.find((s) => s.run === "npm run build")!;
      // What actions/configure-pages@v5 outputs for a project site (origin, base_path).
      const outputs: Record<string, string> = { origin: "https://octo.github.io", base_path: "/gloss" };
      const env = Object.fromEntries(Object.entries(buildStep.env!).map(([key, value]) => [key, value.replace(/\$\{\{ steps\.pages\.outputs\.(\w+) \}\}/, (_, name: string) => outputs[name]!)]));
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn("sh", ["-c", buildStep.run!], {
          cwd: ROOT,
          env: { ...process.env, ...env, GLOSS_CONTENT_DIR: site.contentDir, GLOSS_OUTPUT_DIR: site.outputDir },
          stdio: "ignore",
        });
        child.on("error", reject);
        child.on("close", resolve);
      });
      expect(code).toBe(0);
      // The page Netlify, Cloudflare Pages and GitHub Pages serve for unknown addresses.
      expect(existsSync(path.join(site.outputDir, "404.html"))).toBe(true);
      expect(readFileSync(path.join(site.outputDir, "posts/a-post/index.html"), "utf8")).toContain('<link rel="canonical" href="https://octo.github.io/gloss/posts/a-post/">');
      server = createStaticServer({ root: site.outputDir, pathPrefix: "/gloss/" });
      const origin = await listen(server);
      const result = await crawl({ serverOrigin: origin, siteOrigin: "https://octo.github.io", pathPrefix: "/gloss/", start: ["/gloss/", "/gloss/404.html"] });
      expect(result.problems).toEqual([]);
      expect(result.fetched.size).toBeGreaterThan(8);
    });
  });
});

describe("netlify.toml", () => {
  const config = parseSimpleToml(read("netlify.toml"));

  it("builds with the project's build command and publishes _site", () => {
    expect(config.build).toEqual({ command: "npm run build", publish: "_site" });
    expect(isProjectCommand(config.build!.command!)).toBe(true);
  });

  it("uses the Node version of .node-version, which meets package.json's engines", () => {
    expect(config["build.environment"]).toEqual({ NODE_VERSION: nodeVersion });
    const [major] = engines.replace(/^>=/, "").split(".");
    expect(engines).toMatch(/^>=\d+\.\d+$/);
    expect(nodeVersion).toBe(major);
  });

  it("comes without a _redirects file: hosts find the build's /404.html by themselves", () => {
    expect(existsSync(path.join(ROOT, "public/_redirects"))).toBe(false);
  });
});
