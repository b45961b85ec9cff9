// `npm start [-- --port 8080] [-- --host [address]]`: Eleventy's own command line in serve mode
// over eleventy.config.ts, listening on 127.0.0.1 unless `--host` opens it to the network (a bare
// `--host` is every interface), which it says first: the dev server shows drafts.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { exposureLine, takeHostFlag } from "../core/hosts.ts";
import { readEnv } from "../core/env.ts";

const { host, rest } = takeHostFlag(process.argv.slice(2));
// Read back by lib/core/env.ts in the configuration Eleventy loads below.
process.env.GLOSS_HOST = host;
const exposed = exposureLine(host, "this dev server, drafts and scheduled posts included");
if (exposed) console.warn(exposed);

const cmd = path.join(readEnv().root, "node_modules/@11ty/eleventy/cmd.cjs");
process.argv = [process.argv[0]!, cmd, "--config=eleventy.config.ts", "--serve", ...rest];
await import(pathToFileURL(cmd).href);
