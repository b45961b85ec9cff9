// `npm run preview [-- --port 8081] [-- --host [address]]`: serves what `npm run build` wrote to
// _site/, on 127.0.0.1 (`--host` opens it to the network, a bare `--host` every interface), the
// way a static host does: clean URLs, /x → /x/, 404.html with status 404, the path prefix,
// and the headers of its `_headers` file as Netlify and Cloudflare Pages send them.
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readEnv } from "../core/env.ts";
import { exposureLine, takeHostFlag } from "../core/hosts.ts";
import { count } from "../core/text.ts";
import { readHeadersFile } from "../preview/headers.ts";
import { createStaticServer, listen } from "../preview/static-server.ts";
import { fail, settingsOrFail } from "./command.ts";

const DEFAULT_PORT = 8081;

const { host, rest } = takeHostFlag(process.argv.slice(2));
const { values } = parseArgs({ args: rest, options: { port: { type: "string", default: String(DEFAULT_PORT) } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port ${values.port}: expected a port number, like ${DEFAULT_PORT}.`);

const env = readEnv();
const shown = path.relative(env.cwd, env.outputDir) || env.outputDir;
if (!existsSync(path.join(env.outputDir, "index.html"))) fail(`No site in ${shown}: run \`npm run build\` first.`);
let pathPrefix: string;
// The prefix the site was built for: site settings, or GLOSS_PATH_PREFIX as for the build.
pathPrefix = settingsOrFail(env).pathPrefix;

const headerRules = readHeadersFile(env.outputDir);
const server = createStaticServer({ root: env.outputDir, pathPrefix });
server.on("request", (request, response) => {
  response.on("finish", () => {
    if (response.statusCode >= 400) console.log(`${response.statusCode} ${request.method} ${request.url}`);
  });
});
try {
  const origin = await listen(server, port, host);
  console.log(`Serving ${shown} as a static host would at ${origin}${pathPrefix} (Ctrl-C to stop)`);
  // The built site has no drafts: what the network sees is what a deploy would publish.
  const exposed = exposureLine(host, `the built site (no drafts: only what a deploy of ${shown} would publish)`);
  if (exposed) console.log(`  ${exposed}`);
  if (headerRules.length > 0) console.log(`  with the headers of ${path.join(shown, "_headers")} (${count(headerRules.length, "rule")})`);
} catch (error) {
  if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") fail(`Port ${port} is in use: try \`npm run preview -- --port ${port + 1}\`.`);
  throw error;
}
