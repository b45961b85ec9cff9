// Which network address the local servers (`npm start`, `npm run preview`) listen on: this
// machine only (127.0.0.1) unless the `--host` flag opens them up, with a line saying so.

/** The default: reachable from this machine only. */
export const LOCAL_HOST = "127.0.0.1";
/** What a bare `--host` means: every interface. */
export const ALL_HOSTS = "0.0.0.0";

/** True for an address only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Takes `--host`, `--host <address>` or `--host=<address>` out of a command line's arguments:
 * the address to listen on (a bare `--host` is every interface) and the other arguments.
 */
export function takeHostFlag(args: readonly string[]): { host: string; rest: string[] } {
  let host = LOCAL_HOST;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === "--host") {
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith("-")) {
        host = next;
        i += 1;
      } else host = ALL_HOSTS;
    } else if (arg.startsWith("--host=")) host = arg.slice("--host=".length) || ALL_HOSTS;
    else rest.push(arg);
  }
  return { host, rest };
}

/** The line a server prints when it listens beyond this machine; `shows` says what others then see. */
export function exposureLine(host: string, shows: string): string | undefined {
  if (isLoopback(host)) return undefined;
  const where = host === ALL_HOSTS || host === "::" ? "every network interface" : host;
  return `Listening on ${where}: anyone on your network can open ${shows}.`;
}

/** The address to print for a server bound to `host`: a wildcard is reached locally at 127.0.0.1. */
export function printedHost(host: string): string {
  if (host === ALL_HOSTS || host === "::") return LOCAL_HOST;
  return host.includes(":") ? `[${host}]` : host;
}
