// Local images of posts: where a Markdown image or an `image:` field points (next to the post in
// the content folder, or `/…` in public/), read once per build for its size, format and a
// content hash that names its generated files. Remote images are refused by the callers.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { imageSize, type ImageFormat } from "./image-size.ts";

/** The file types an image may have (posts/ allows these next to the posts). */
export const IMAGE_EXTENSIONS: readonly string[] = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"];

export interface ImageFile {
  /** Absolute path of the file. */
  path: string;
  /** The path as messages show it (from the working folder). */
  file: string;
  width: number;
  height: number;
  format: ImageFormat;
  /** The first characters of its content's SHA-1: generated names change when the picture does. */
  hash: string;
}

/** Why an image reference does not resolve, as a content problem's expected/got/hint. */
export interface ImageRefusal {
  expected: string;
  got: string;
  hint: string;
}

export interface ImageFolders {
  contentDir: string;
  publicDir: string;
  /** Messages show paths from here. */
  cwd: string;
}

/** Reads the image `src` as written in the post at `postPath` (absolute, or from the working folder). */
export type ImageReader = (src: string, postPath: string) => ImageFile | ImageRefusal;

export function isRemote(src: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//");
}

const EXPECTED = "a local image file next to the post, or /path in public/";

/** A reader for one build: each file is read once, however many posts show it. */
export function createImageReader({ contentDir, publicDir, cwd }: ImageFolders): ImageReader {
  const known = new Map<string, ImageFile | ImageRefusal>();
  return (src, postPath) => {
    if (isRemote(src)) {
      return { expected: EXPECTED, got: JSON.stringify(src), hint: "images from other sites are blocked by the site's Content Security Policy: save the file next to the post and link it by name" };
    }
    let relative: string;
    try {
      relative = decodeURIComponent(src.split(/[?#]/, 1)[0]!);
    } catch {
      relative = src;
    }
    const base = relative.startsWith("/") ? publicDir : path.dirname(path.resolve(cwd, postPath));
    const root = relative.startsWith("/") ? publicDir : contentDir;
    const full = path.resolve(base, `.${path.sep}${relative.replace(/^\/+/, "")}`);
    if (full !== root && !full.startsWith(root + path.sep)) {
      return { expected: EXPECTED, got: JSON.stringify(src), hint: `keep images inside ${path.relative(cwd, root) || "."}` };
    }
    if (!IMAGE_EXTENSIONS.includes(path.extname(full).toLowerCase())) {
      return { expected: `an image file (${IMAGE_EXTENSIONS.join(" ")})`, got: JSON.stringify(src), hint: "link other files as [text](file), not ![text](file)" };
    }
    let result = known.get(full);
    if (!result) known.set(full, (result = readImage(full, path.relative(cwd, full), src)));
    return result;
  };
}

function readImage(full: string, file: string, src: string): ImageFile | ImageRefusal {
  let bytes: Buffer;
  try {
    if (!statSync(full).isFile()) throw new Error("not a file");
    bytes = readFileSync(full);
  } catch {
    return { expected: EXPECTED, got: `${JSON.stringify(src)}, but there is no file ${file}`, hint: "check the file name and where the file is" };
  }
  const size = imageSize(bytes);
  if (!size) {
    return { expected: "an image whose size can be read", got: file, hint: "save it again as PNG, JPEG, GIF, WebP or AVIF (an SVG needs width and height, or a viewBox)" };
  }
  return { path: full, file, ...size, hash: createHash("sha1").update(bytes).digest("hex").slice(0, 10) };
}

export function isRefusal(value: ImageFile | ImageRefusal): value is ImageRefusal {
  return "expected" in value;
}
