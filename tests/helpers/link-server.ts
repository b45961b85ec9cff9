// A local web server that plays every case a source check meets (no network in tests):
// ok, HEAD refused, redirect chains and loops, temporary redirects, gone, blocked, rate limits,
// transient 5xx, a response too slow for the timeout, a reset connection, an endless body;
// and a fake Wayback Machine (availability API and Save Page Now) for `npm run archive`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface LoggedRequest {
  method: string;
  path: string;
  userAgent: string | undefined;
}

export interface LinkServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  /** Every request, in order of arrival. */
  requests: LoggedRequest[];
  /** Bytes of body the endless route wrote before its reader hung up. */
  endlessBytes(): number;
  /** Snapshots the fake availability API knows: story URL → snapshot URL. */
  snapshots: Map<string, string>;
  /** What Save Page Now answers with for a URL (`content-location` by default). */
  saveAnswer: "content-location" | "location" | "error";
  close(): Promise<void>;
}

/** A redirect to another route of this server. */
function redirect(response: ServerResponse, code: number, to: string) {
  response.writeHead(code, { location: to });
  response.end();
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startLinkServer(): Promise<LinkServer> {
  const requests: LoggedRequest[] = [];
  const hits = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let endless = 0;
  const state = { snapshots: new Map<string, string>(), saveAnswer: "content-location" as LinkServer["saveAnswer"] };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const route = url.pathname;
    requests.push({ method: request.method ?? "", path: `${url.pathname}${url.search}`, userAgent: request.headers["user-agent"] });
    const hit = (hits.get(route) ?? 0) + 1;
    hits.set(route, hit);
    const isHead = request.method === "HEAD";
    const status = (code: number, headers: Record<string, string> = {}) => {
      response.writeHead(code, { "content-type": "text/html", ...headers });
      response.end(isHead ? undefined : `<p>${code}</p>`);
    };
    if (route.startsWith("/wayback/available")) {
      const asked = url.searchParams.get("url") ?? "";
      const snapshot = state.snapshots.get(asked);
      const body = snapshot
        ? { url: asked, archived_snapshots: { closest: { status: "200", available: true, url: snapshot, timestamp: snapshot.match(/\/web\/(\d{14})/)?.[1] ?? "" } } }
        : { url: asked, archived_snapshots: {} };
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
      return;
    }
    if (route.startsWith("/save/")) {
      const target = decodeURIComponent(`${url.pathname.slice("/save/".length)}${url.search}`);
      const snapshotPath = `/web/20261201120000/${target}`;
      if (state.saveAnswer === "error") return status(520);
      if (state.saveAnswer === "location") return redirect(response, 302, snapshotPath);
      response.writeHead(200, { "content-type": "text/html", "content-location": snapshotPath });
      response.end("<p>saved</p>");
      return;
    }
    switch (route) {
      case "/ok":
        return status(200);
      case "/head-refused":
        return isHead ? status(405) : status(200);
      case "/head-forbidden":
        return isHead ? status(403) : status(200);
      case "/moved":
        return redirect(response, 301, "/moved-again");
      case "/moved-again":
        return redirect(response, 308, "/ok");
      case "/moved-to-gone":
        return redirect(response, 301, "/gone");
      case "/loop-a":
        return redirect(response, 301, "/loop-b");
      case "/loop-b":
        return redirect(response, 301, "/loop-a");
      case "/to-ftp":
        return redirect(response, 301, "ftp://files.example/story");
      case "/temporary":
        return redirect(response, 302, "/ok");
      case "/gone":
        return status(404);
      case "/removed":
        return status(410);
      case "/forbidden":
        return status(403);
      case "/legal":
        return status(451);
      case "/rate-limited":
        return hit === 1 ? status(429, { "retry-after": "1" }) : status(200);
      case "/flaky":
        return hit === 1 ? status(503) : status(200);
      case "/down":
        return status(500);
      case "/slow": {
        const timer = setTimeout(() => status(200), 20_000);
        timers.add(timer);
        request.on("close", () => clearTimeout(timer));
        return;
      }
      case "/reset":
        request.socket.destroy();
        return;
      case "/endless": {
        // HEAD is refused, so the check has to GET this one.
        if (isHead) return status(405);
        response.writeHead(200, { "content-type": "application/octet-stream" });
        const chunk = Buffer.alloc(64 * 1024, 120);
        const pump = () => {
          while (!response.destroyed && response.write(chunk)) endless += chunk.length;
          if (!response.destroyed) response.once("drain", pump);
        };
        response.on("close", () => response.removeAllListeners("drain"));
        return pump();
      }
      default:
        return status(404);
    }
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    endlessBytes: () => endless,
    get snapshots() {
      return state.snapshots;
    },
    get saveAnswer() {
      return state.saveAnswer;
    },
    set saveAnswer(value) {
      state.saveAnswer = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
