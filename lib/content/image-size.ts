// An image's pixel size and format, read from the first bytes of its file, without decoding it:
// Markdown renders synchronously, and a post's <img> needs width and height as it is written.
// PNG, JPEG, GIF, WebP, AVIF and SVG (width/height attributes, else its viewBox).

export type ImageFormat = "png" | "jpeg" | "gif" | "webp" | "avif" | "svg";

export interface ImageSize {
  width: number;
  height: number;
  format: ImageFormat;
}

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));

function png(b: Uint8Array, view: DataView): ImageSize | undefined {
  if (b.length < 24 || b[0] !== 0x89 || ascii(b, 1, 3) !== "PNG" || ascii(b, 12, 4) !== "IHDR") return undefined;
  return { width: view.getUint32(16), height: view.getUint32(20), format: "png" };
}

function gif(b: Uint8Array, view: DataView): ImageSize | undefined {
  if (b.length < 10 || ascii(b, 0, 3) !== "GIF") return undefined;
  return { width: view.getUint16(6, true), height: view.getUint16(8, true), format: "gif" };
}

function jpeg(b: Uint8Array, view: DataView): ImageSize | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = view.getUint16(at + 2);
    // Start-of-frame markers C0–CF, except C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7), format: "jpeg" };
    }
    at += 2 + length;
  }
  return undefined;
}

function webp(b: Uint8Array, view: DataView): ImageSize | undefined {
  if (b.length < 30 || ascii(b, 0, 4) !== "RIFF" || ascii(b, 8, 4) !== "WEBP") return undefined;
  const chunk = ascii(b, 12, 4);
  if (chunk === "VP8 ") return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff, format: "webp" };
  if (chunk === "VP8L") {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1, format: "webp" };
  }
  if (chunk === "VP8X") {
    const w = b[24]! | (b[25]! << 8) | (b[26]! << 16);
    const h = b[27]! | (b[28]! << 8) | (b[29]! << 16);
    return { width: w + 1, height: h + 1, format: "webp" };
  }
  return undefined;
}

/** AVIF (HEIF): the first `ispe` (image spatial extent) property is the primary image's size. */
function avif(b: Uint8Array, view: DataView): ImageSize | undefined {
  if (b.length < 12 || ascii(b, 4, 4) !== "ftyp" || !/avi[fs]/.test(ascii(b, 8, Math.min(view.getUint32(0), b.length) - 8))) return undefined;
  for (let at = 12; at + 20 <= b.length; at += 1) {
    if (b[at] === 0x69 && ascii(b, at, 4) === "ispe") return { width: view.getUint32(at + 8), height: view.getUint32(at + 12), format: "avif" };
  }
  return undefined;
}

const LENGTH = /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/;

function svg(b: Uint8Array): ImageSize | undefined {
  const text = new TextDecoder().decode(b.subarray(0, 4096));
  const root = /<svg\b[^>]*>/i.exec(text)?.[0];
  if (!root) return undefined;
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, "i").exec(root)?.[1];
  const width = LENGTH.exec(attr("width") ?? "")?.[1];
  const height = LENGTH.exec(attr("height") ?? "")?.[1];
  if (width && height) return { width: Math.round(Number(width)), height: Math.round(Number(height)), format: "svg" };
  const box = attr("viewBox")?.trim().split(/[\s,]+/).map(Number);
  if (box?.length === 4 && box[2]! > 0 && box[3]! > 0) return { width: Math.round(box[2]!), height: Math.round(box[3]!), format: "svg" };
  return undefined;
}

/** The size of the image in `bytes` (its file's start suffices for all but SVG), or undefined for anything else. */
export function imageSize(bytes: Uint8Array): ImageSize | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = png(bytes, view) ?? gif(bytes, view) ?? jpeg(bytes, view) ?? webp(bytes, view) ?? avif(bytes, view) ?? svg(bytes);
  return size && size.width > 0 && size.height > 0 ? size : undefined;
}
