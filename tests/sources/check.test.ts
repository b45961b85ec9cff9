// Checking one link against a local server that plays every case: each row is a route, the
// status the check must conclude, and the requests it must have made to get there.
import { readFileSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo, LookupFunction } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECK_DEFAULTS, checkLink, retryAfterMs, type CheckOptions } from "../../lib/sources/check.ts";
import { probeError } from "../../lib/sources/http.ts";
import { hostGate, mapPool, sleep } from "../../lib/sources/pool.ts";
import { startLinkServer, type LinkServer } from "../helpers/link-server.ts";

let server: LinkServer;
const waits: number[] = [];
const options = (): CheckOptions => ({
  ...CHECK_DEFAULTS,
  // Generous, so a loaded machine never times out a route that answers; /slow answers after 20 s.
  timeoutMs: 1500,
  backoffMs: 5,
  maxRetryAfterMs: 1500,
  maxHops: 5,
  userAgent: "Gloss-source-check/test (+https://fixture.example/)",
  gate: hostGate(0),
  sleep: (ms) => {
    waits.push(ms);
    return sleep(ms);
  },
});

beforeAll(async () => {
  server = await startLinkServer();
});
afterAll(async () => {
  await server.close();
});

interface Case {
  route: string;
  status: string;
  code: number | undefined;
  /** Method and path of each request the check made, in order. */
  requests: string[];
  suggested?: string;
  final?: string;
  detail?: RegExp;
}

describe("checkLink against the local server", () => {
  it.each<Case>([
    { route: "/ok", status: "ok", code: 200, requests: ["HEAD /ok"] },
    { route: "/head-refused", status: "ok", code: 200, requests: ["HEAD /head-refused", "GET /head-refused"] },
    { route: "/head-forbidden", status: "ok", code: 200, requests: ["HEAD /head-forbidden", "GET /head-forbidden"] },
    { route: "/moved", status: "redirected", code: 200, requests: ["HEAD /moved", "HEAD /moved-again", "HEAD /ok"], suggested: "/ok", final: "/ok" },
    { route: "/temporary", status: "ok", code: 200, requests: ["HEAD /temporary", "HEAD /ok"], final: "/ok" },
    { route: "/moved-to-gone", status: "gone", code: 404, requests: ["HEAD /moved-to-gone", "HEAD /gone", "GET /gone"], final: "/gone" },
    { route: "/loop-a", status: "error", code: 301, requests: ["HEAD /loop-a", "HEAD /loop-b"], detail: /redirect loop/ },
    { route: "/gone", status: "gone", code: 404, requests: ["HEAD /gone", "GET /gone"] },
    { route: "/removed", status: "gone", code: 410, requests: ["HEAD /removed"] },
    { route: "/forbidden", status: "blocked", code: 403, requests: ["HEAD /forbidden", "GET /forbidden"] },
    { route: "/legal", status: "blocked", code: 451, requests: ["HEAD /legal"] },
    { route: "/flaky", status: "ok", code: 200, requests: ["HEAD /flaky", "HEAD /flaky"], detail: /^200, 2 attempts$/ },
    { route: "/down", status: "unreachable", code: 500, requests: ["HEAD /down", "HEAD /down", "HEAD /down"], detail: /^500, 3 attempts$/ },
    { route: "/slow", status: "unreachable", code: undefined, requests: ["HEAD /slow", "HEAD /slow", "HEAD /slow"], detail: /^timeout \(no response in 1500 ms\), 3 attempts$/ },
    { route: "/reset", status: "unreachable", code: undefined, requests: ["HEAD /reset", "HEAD /reset", "HEAD /reset"], detail: /^reset/ },
  ])("$route → $status", async ({ route, status, code, requests, suggested, final, detail }) => {
    const from = server.requests.length;
    const result = await checkLink(`${server.origin}${route}`, options());
    expect(result.status).toBe(status);
    expect(result.code).toBe(code);
    expect(server.requests.slice(from).map((r) => `${r.method} ${r.path}`)).toEqual(requests);
    expect(result.suggestedUrl).toBe(suggested && `${server.origin}${suggested}`);
    expect(result.finalUrl).toBe(final && `${server.origin}${final}`);
    if (detail) expect(result.detail).toMatch(detail);
  });

  it("records every hop of a redirect chain", async () => {
    const result = await checkLink(`${server.origin}/moved`, options());
    expect(result.chain.map((hop) => [hop.url.replace(server.origin, ""), hop.code])).toEqual([["/moved", 301], ["/moved-again", 308], ["/ok", 200]]);
  });

  it("stops after maxHops redirects", async () => {
    const result = await checkLink(`${server.origin}/moved`, { ...options(), maxHops: 1 });
    expect(result).toMatchObject({ status: "error", detail: "more than 1 redirects" });
  });

  it("waits as long as a 429's Retry-After asks (capped), then tries again", async () => {
    waits.length = 0;
    const from = server.requests.length;
    const result = await checkLink(`${server.origin}/rate-limited`, options());
    expect(result.status).toBe("ok");
    expect(server.requests.slice(from).map((r) => `${r.method} ${r.path}`)).toEqual(["HEAD /rate-limited", "HEAD /rate-limited"]);
    expect(waits).toEqual([1000]);
    waits.length = 0;
    await checkLink(`${server.origin}/down`, options());
    expect(waits).toEqual([5, 10]);
  });

  it("never reads a huge body: the connection is closed after the headers", async () => {
    const result = await checkLink(`${server.origin}/endless`, options());
    expect(result.status).toBe("ok");
    // The server writes 64 KiB chunks until the socket's buffers are full; far less than a megabyte reaches it.
    expect(server.endlessBytes()).toBeLessThan(8 * 1024 * 1024);
  });

  it("sends the User-Agent it is given", async () => {
    const from = server.requests.length;
    await checkLink(`${server.origin}/ok`, options());
    expect(server.requests[from]?.userAgent).toBe("Gloss-source-check/test (+https://fixture.example/)");
  });

  it("classifies a name that does not resolve as unreachable, without retrying", async () => {
    let lookups = 0;
    const lookup = ((_host: string, _options: unknown, callback: (error: NodeJS.ErrnoException) => void) => {
      lookups += 1;
      callback(Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" }));
    }) as unknown as LookupFunction;
    const result = await checkLink("http://no-such-host.invalid/story", { ...options(), lookup });
    expect(result).toMatchObject({ status: "unreachable", code: undefined, detail: "dns (ENOTFOUND)" });
    expect(lookups).toBe(1);
  });

  it("classifies a certificate nobody vouches for as unreachable (TLS), without retrying", async () => {
    const tls = new URL("../fixtures/tls/", import.meta.url);
    let requests = 0;
    const https = createServer({ key: readFileSync(new URL("self-signed.key", tls)), cert: readFileSync(new URL("self-signed.crt", tls)) }, (_request, response) => {
      requests += 1;
      response.end("never reached");
    });
    await new Promise<void>((resolve) => https.listen(0, "127.0.0.1", resolve));
    const { port } = https.address() as AddressInfo;
    const result = await checkLink(`https://127.0.0.1:${port}/story`, options());
    await new Promise<void>((resolve) => https.close(() => resolve()));
    expect(result).toMatchObject({ status: "unreachable", code: undefined, detail: "tls (DEPTH_ZERO_SELF_SIGNED_CERT)" });
    expect(requests).toBe(0);
  });

  it("classifies a redirect to a non-web address as an error", async () => {
    expect(await checkLink(`${server.origin}/to-ftp`, options())).toMatchObject({ status: "error", detail: "301 to a non-web address ftp://files.example/story" });
  });
});

describe("the pieces", () => {
  it.each([
    ["ENOTFOUND", "dns"],
    ["EAI_AGAIN", "dns"],
    ["CERT_HAS_EXPIRED", "tls"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "tls"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "tls"],
    ["ECONNRESET", "reset"],
    ["ECONNREFUSED", "refused"],
    ["ETIMEDOUT", "timeout"],
    ["EWHATEVER", "other"],
  ])("socket error %s is %s", (code, kind) => {
    expect(probeError(code)).toBe(kind);
  });

  it.each([
    ["120", 120_000],
    [" 0 ", 0],
    ["Wed, 01 Jan 2026 00:00:10 GMT", 10_000],
    ["soon", undefined],
    [undefined, undefined],
  ])("Retry-After %j is %j ms", (header, ms) => {
    expect(retryAfterMs(header, Date.parse("2026-01-01T00:00:00Z"))).toBe(ms);
  });

  it("hands out one slot per interval per host, in call order", async () => {
    const asked: number[] = [];
    const gate = hostGate(100, async (ms) => void asked.push(ms), () => 1000);
    await Promise.all([gate("a.example"), gate("a.example"), gate("b.example"), gate("a.example")]);
    expect(asked).toEqual([100, 200]);
  });

  it("runs at most `limit` tasks at once and keeps the order of results", async () => {
    let running = 0;
    let most = 0;
    const results = await mapPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await sleep(1);
      running -= 1;
      return n * 2;
    });
    expect(results).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(most).toBe(3);
  });
});
