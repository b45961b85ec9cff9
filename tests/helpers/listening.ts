// Which local addresses a TCP port is listening on, read from Linux's /proc/net/tcp{,6}: the
// kernel's own answer, so a test sees 127.0.0.1 versus every interface without a network.
import { readFileSync } from "node:fs";

function ipv4(hex: string): string {
  // Little-endian per 32-bit word: 0100007F → 127.0.0.1.
  return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join(".");
}

function ipv6(hex: string): string {
  if (/^0{32}$/.test(hex)) return "::";
  if (hex === "00000000000000000000000001000000") return "::1";
  if (hex.startsWith("0000000000000000FFFF0000")) return `::ffff:${ipv4(hex.slice(24))}`;
  return hex;
}

/** The addresses listening on `port` (e.g. ["127.0.0.1"], or ["::"] for every interface). */
export function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const [file, decode] of [["/proc/net/tcp", ipv4], ["/proc/net/tcp6", ipv6]] as const) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [address, portHex] = (fields[1] ?? "").split(":");
      if (fields[3] === "0A" && address && portHex && parseInt(portHex, 16) === port) found.push(decode(address));
    }
  }
  return found.sort();
}
