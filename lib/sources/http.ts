// One HTTP request, as the source check makes it: node's own http/https (no dependency), one
// connection per request, a hard timeout, redirects not followed (the caller records each hop),
// and the body never read: the socket is closed as soon as the status line and headers are in.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";

export interface ProbeOptions {
  method: "HEAD" | "GET";
  /** Milliseconds for the whole exchange up to the response headers. */
  timeoutMs: number;
  userAgent: string;
  /** Name resolution, replaceable so tests can play a DNS failure without a network. */
  lookup?: LookupFunction | undefined;
}

/** What one request saw: a response (status and the headers the check reads), or why none came. */
export type ProbeResult =
  | { kind: "response"; code: number; location: string | undefined; retryAfter: string | undefined }
  | { kind: "error"; error: ProbeError; detail: string };

/** Why no response came, in the check's own words. */
export type ProbeError = "dns" | "tls" | "timeout" | "reset" | "refused" | "other";

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_CERT)/;

/** A socket error's code, as the check classifies it. */
export function probeError(code: string | undefined): ProbeError {
  if (!code) return "other";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_FAIL" || code === "EAI_NONAME") return "dns";
  if (TLS_CODE.test(code)) return "tls";
  if (code === "ETIMEDOUT" || code === "ESOCKETTIMEDOUT") return "timeout";
  if (code === "ECONNRESET" || code === "EPIPE" || code === "ECONNABORTED" || code === "UND_ERR_SOCKET" || code === "HPE_INVALID_CONSTANT") return "reset";
  if (code === "ECONNREFUSED" || code === "EHOSTUNREACH" || code === "ENETUNREACH") return "refused";
  return "other";
}

/** Makes one request to `url` and resolves with what came back; never rejects. */
export function probe(url: URL, options: ProbeOptions): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(url, {
      method: options.method,
      agent: false,
      headers: { "user-agent": options.userAgent, accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8", connection: "close" },
      ...(options.lookup ? { lookup: options.lookup } : {}),
    });
    const timer = setTimeout(() => {
      finish({ kind: "error", error: "timeout", detail: `no response in ${options.timeoutMs} ms` });
      request.destroy();
    }, options.timeoutMs);
    request.on("response", (response) => {
      const header = (name: string) => {
        const value = response.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      finish({ kind: "response", code: response.statusCode ?? 0, location: header("location"), retryAfter: header("retry-after") });
      // The status is all the check needs: close now, so an endless body costs nothing.
      response.destroy();
      request.destroy();
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      finish({ kind: "error", error: probeError(error.code), detail: error.code ?? error.message });
    });
    request.end();
  });
}

export interface GetTextOptions {
  timeoutMs: number;
  userAgent: string;
  /** Bytes of body read at most: a larger body is an error, never read whole. */
  maxBytes: number;
}

/** A GET whose small body is wanted (an API's JSON): status, the two location headers, and the text. */
export function getText(url: URL, options: GetTextOptions): Promise<{ ok: true; code: number; location: string | undefined; contentLocation: string | undefined; text: string } | { ok: false; why: string }> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Parameters<typeof resolve>[0]) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(result);
    };
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(url, { method: "GET", agent: false, headers: { "user-agent": options.userAgent, accept: "application/json,text/html;q=0.9,*/*;q=0.8", connection: "close" } });
    const timer = setTimeout(() => finish({ ok: false, why: `no answer in ${options.timeoutMs} ms` }), options.timeoutMs);
    request.on("response", (response) => {
      const header = (name: string) => {
        const value = response.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) return finish({ ok: false, why: `an answer larger than ${options.maxBytes} bytes` });
        chunks.push(chunk);
      });
      response.on("end", () =>
        finish({ ok: true, code: response.statusCode ?? 0, location: header("location"), contentLocation: header("content-location"), text: Buffer.concat(chunks).toString("utf8") }),
      );
      response.on("error", (error: NodeJS.ErrnoException) => finish({ ok: false, why: error.code ?? error.message }));
    });
    request.on("error", (error: NodeJS.ErrnoException) => finish({ ok: false, why: error.code ?? error.message }));
    request.end();
  });
}
