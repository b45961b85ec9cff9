// Eleventy adapter for the dev server's address: it listens on 127.0.0.1 (this machine only)
// unless `npm start -- --host` asked for more. Eleventy's dev server has no host option: it
// calls `server.listen({ port })`, which is every interface
// (https://github.com/11ty/dev-server/issues/128), so its listen method is replaced here.
import { createRequire } from "node:module";
import { isLoopback, printedHost } from "../core/hosts.ts";

export interface ServerOptions {
  /** The address to listen on (lib/core/hosts.ts). */
  host: string;
  /** Only the dev server listens: a build changes nothing. */
  mode: "build" | "serve";
}

/** The slice of Eleventy's config API this adapter uses. */
export interface ServerConfig {
  setServerOptions(options: Record<string, unknown>): void;
}

interface DevServerClass {
  prototype: { _serverListen(port: number): void; server: { listen(options: { port: number; host: string }): void } };
}

let listenHost: string | undefined;

/** Once per process: the dev server (@11ty/eleventy-dev-server 2.x) listens on `listenHost`. */
function bindDevServer(host: string): void {
  const first = listenHost === undefined;
  listenHost = host;
  if (!first) return;
  const DevServer = createRequire(import.meta.url)("@11ty/eleventy-dev-server") as DevServerClass;
  DevServer.prototype._serverListen = function (port: number) {
    this.server.listen({ port, host: listenHost! });
  };
}

export function serverPlugin(eleventyConfig: ServerConfig, options: ServerOptions): void {
  if (options.mode !== "serve") return;
  bindDevServer(options.host);
  eleventyConfig.setServerOptions({
    showAllHosts: !isLoopback(options.host),
    // The address it really listens on: "localhost" may resolve to ::1, where nothing listens.
    messageOnStart: ({ hosts }: { hosts: string[] }) =>
      `Server at ${hosts.map((url) => url.replace("//localhost:", `//${printedHost(options.host)}:`)).join(" or ")}`,
  });
}
