// Real image files for tests, encoded by the same pipeline the build uses (@11ty/eleventy-img,
// from an SVG drawn here), so no binary fixtures are committed.
import { deflateSync } from "node:zlib";
import Image from "@11ty/eleventy-img";

export type RasterFormat = "png" | "jpeg" | "gif" | "webp" | "avif";

/** A `width`×`height` picture (two coloured blocks) as bytes of `format`. */
export async function makeImage(format: RasterFormat, width: number, height: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#8c3510"/><rect width="${Math.ceil(width / 2)}" height="${height}" fill="#fbfaf6"/></svg>`;
  const stats = (await Image(Buffer.from(svg), { formats: [format], widths: [width], dryRun: true, useCache: false })) as unknown as Record<string, { buffer: Buffer }[]>;
  const first = stats[format]?.[0];
  if (!first) throw new Error(`eleventy-img made no ${format}`);
  return first.buffer;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A `width`×`height` RGB PNG (left half accent, right half paper), made synchronously for fixture folders. */
export function pngSync(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x += 1) row.set(x < width / 2 ? [0x8c, 0x35, 0x10] : [0xfb, 0xfa, 0xf6], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}
