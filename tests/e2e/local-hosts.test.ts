// Local by default (issue 14, finding 5): `npm run preview` listens on 127.0.0.1 unless
// `--host` opens it (saying so), and its redirects never leave the site: raw HTTP requests
// (node:http sends the path as written, where fetch would normalise it) with backslashes,
// encoded slashes, `//host` and traversal get a 404 or a Location on this host.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { cpSync, symlinkSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { takeHostFlag } from "../../lib/core/hosts.ts";
import { listeningAddresses } from "../helpers/listening.ts";
import { ROOT, TSX, buildSite, makeSite, postFile, type FixtureSite } from "../helpers/site.ts";
import { makeTempDir } from "../helpers/temp.ts";

/** One raw request: the path goes on the wire exactly as given. */
function rawGet(origin: string, rawPath: string): Promise<{ status: number; location: string | undefined }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method: "GET" }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    });
    req.on("error", reject);
    req.end();
  });
}

interface Preview {
  child: ChildProcess;
  origin: string;
  port: number;
  output: () => string;
}

function startPreview(site: FixtureSite, args: string[]): Promise<Preview> {
  const child = spawn(process.execPath, ["--import", TSX, path.join(ROOT, "lib/cli/preview.ts"), "--port", "0", ...args], {
    cwd: site.dir,
    env: { ...process.env, GLOSS_CONTENT_DIR: site.contentDir, GLOSS_OUTPUT_DIR: site.outputDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /at (http:\/\/127\.0\.0\.1:(\d+))\/ \(Ctrl-C to stop\)\n(?:.*\n)*/.exec(output);
      // Wait for the whole start-up message (the lines after the address are printed with it).
      if (match && output.endsWith("\n")) setTimeout(() => resolve({ child, origin: match[1]!, port: Number(match[2]), output: () => output }), 50);
    });
    child.on("close", (code) => reject(new Error(`preview exited ${code}: ${output}`)));
  });
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill();
  await exited;
}

describe("npm run preview: local by default, redirects stay on the site", () => {
  let site: FixtureSite;
  let local: Preview;
  let open: Preview;
  beforeAll(async () => {
    site = makeSite({ "first-post.md": postFile({ title: "First post", tags: ["Hanoi", "Ханой"] }) });
    expect((await buildSite(site)).code).toBe(0);
    [local, open] = await Promise.all([startPreview(site, []), startPreview(site, ["--host"])]);
  });
  afterAll(async () => {
    await Promise.all([stop(local?.child), stop(open?.child)]);
  });

  it("listens on 127.0.0.1 only, and says nothing about the network", () => {
    expect(listeningAddresses(local.port)).toEqual(["127.0.0.1"]);
    expect(local.output()).not.toContain("Listening on");
  });

  it("with --host, listens on every interface and says what the network sees", () => {
    expect(listeningAddresses(open.port)).toEqual(["0.0.0.0"]);
    expect(open.output()).toContain(
      "  Listening on every network interface: anyone on your network can open the built site (no drafts: only what a deploy of _site would publish).\n",
    );
  });

  it.each([
    // [raw path, status, Location]
    ["/tags", 301, "/tags/"],
    ["/posts/first-post", 301, "/posts/first-post/"],
    ["/posts/first-post/", 200, undefined],
    ["/tags/%D1%85%D0%B0%D0%BD%D0%BE%D0%B9/", 200, undefined], // a slug in another script: decoded to its file
    ["/tags/%d1%85%d0%b0%d0%bd%d0%be%d0%b9", 301, "/tags/%D1%85%D0%B0%D0%BD%D0%BE%D0%B9/"],
    ["/%5Cevil.example%2F..%2Ftags", 404, undefined], // the reported case: was Location: /\evil.example/../tags/
    ["/\\evil.example/../tags", 404, undefined],
    ["/%5C%5Cevil.example/tags", 404, undefined],
    ["//evil.example/tags", 404, undefined],
    ["//evil.example/%2e%2e/tags", 404, undefined],
    ["/%2Fevil.example/tags", 404, undefined],
    ["/posts%2Ffirst-post", 404, undefined], // an encoded slash is not a folder boundary
    ["/../../../../etc/passwd", 404, undefined],
    ["/tags/..%2F..%2F..%2F..%2Fetc%2Fpasswd", 404, undefined],
    ["/%2e%2e/%2e%2e/etc/passwd", 404, undefined],
    ["/posts/%00/", 404, undefined],
    ["/%E0%A4%A", 404, undefined], // malformed percent-encoding
  ])("%s → %i %s", async (rawPath, status, location) => {
    const response = await rawGet(local.origin, rawPath);
    expect(response).toEqual({ status, location });
  });

  it("never answers with a Location that leaves the site", async () => {
    const probes = ["/tags", "/posts/first-post", "/%5Ctags", "/tags%5C", "/./tags", "/a/../tags", "/tags/./", "/%09/tags"];
    for (const probe of probes) {
      const { location } = await rawGet(local.origin, probe);
      if (location !== undefined) expect(location, probe).toMatch(/^\/(?![/\\])[^\\]*$/);
    }
  });
});

describe("npm start -- --host", () => {
  let dir: string;
  let child: ChildProcess | undefined;
  let output = "";
  afterAll(async () => {
    // The whole process group: npm, tsx watch and Eleventy.
    if (child?.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        return;
      }
      for (let i = 0; i < 100; i += 1) {
        try {
          process.kill(-child.pid, 0);
        } catch {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      process.kill(-child.pid, "SIGKILL");
    }
  });

  it("listens on every interface and says that drafts become visible", async () => {
    dir = makeTempDir("gloss-host-");
    for (const name of ["package.json", "tsconfig.json", "eleventy.config.ts", "lib", "layouts", "public"]) cpSync(path.join(ROOT, name), path.join(dir, name), { recursive: true });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    const site = makeSite({ "draft.md": postFile({ title: "A draft", extra: "draft: true" }) });
    cpSync(site.contentDir, path.join(dir, "posts"), { recursive: true });
    const port = 20000 + (process.pid % 20000);
    child = spawn("npm", ["start", "--", "--host", `--port=${port}`], { cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, GLOSS_CONTENT_DIR: "", GLOSS_OUTPUT_DIR: "" } });
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    for (const deadline = Date.now() + 120_000; Date.now() < deadline && !/Server at /.test(output); ) await new Promise((r) => setTimeout(r, 250));
    // With every interface open, the dev server lists each address it can be reached at.
    const listening = Number(/Server at .*http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)?.[1]);
    expect(listeningAddresses(listening), output).toEqual(["0.0.0.0"]);
    expect(output).toContain("Listening on every network interface: anyone on your network can open this dev server, drafts and scheduled posts included.\n");
  }, 180_000);
});

describe("the --host flag of npm start and npm run preview", () => {
  it.each([
    [[], "127.0.0.1", []],
    [["--port=8080"], "127.0.0.1", ["--port=8080"]],
    [["--host"], "0.0.0.0", []],
    [["--host", "--port", "8080"], "0.0.0.0", ["--port", "8080"]],
    [["--host", "192.168.1.20", "--port=1"], "192.168.1.20", ["--port=1"]],
    [["--host=::"], "::", []],
  ])("%j → %s", (args, host, rest) => {
    expect(takeHostFlag(args)).toEqual({ host, rest });
  });
});
