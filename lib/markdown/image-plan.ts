// What the build makes of a local image: its widths and formats, the names and URLs of the files
// (ROUTES.media), and the <picture> markup that lists them. Pure: lib/pipeline/media.ts encodes
// the files this plan names, with @11ty/eleventy-img, after the pages are written.
import { ROUTES } from "../core/routes.ts";
import { slugify } from "../core/slugs.ts";
import type { ImageFile } from "../content/images.ts";

export type OutputFormat = "avif" | "webp" | "jpeg" | "png" | "gif" | "svg";

export interface ImagePlanOptions {
  /** Widths made of a raster image (those wider than the original are left out). */
  widths: readonly number[];
  /** The `sizes` attribute: the text column on wide screens, the viewport on narrow ones. */
  sizes: string;
}
export const imagePlanDefaults = { widths: [400, 800, 1200], sizes: "(min-width: 42rem) 38rem, calc(100vw - 2.5rem)" } satisfies ImagePlanOptions;

export interface ImageVariant {
  width: number;
  height: number;
  /** File name under ROUTES.media. */
  name: string;
  url: string;
}

export interface ImagePlan {
  /** Absolute path of the source file. */
  source: string;
  /** Width and height the <img> declares (the largest variant's). */
  width: number;
  height: number;
  /** Formats in order of preference; the last is the <img> fallback every browser shows. */
  formats: { format: OutputFormat; mime: string; variants: ImageVariant[] }[];
  /** GIF and SVG are copied as they are (an animation or a vector stays one). */
  copy: boolean;
}

const MIME: Record<OutputFormat, string> = { avif: "image/avif", webp: "image/webp", jpeg: "image/jpeg", png: "image/png", gif: "image/gif", svg: "image/svg+xml" };
const EXTENSION: Record<OutputFormat, string> = { avif: "avif", webp: "webp", jpeg: "jpg", png: "png", gif: "gif", svg: "svg" };

/** The widths to make of an image `original` pixels wide: the planned ones it covers, and itself when smaller than the largest. */
export function widthsFor(original: number, widths: readonly number[]): number[] {
  const fit = widths.filter((w) => w <= original);
  if (original < Math.max(...widths) && !fit.includes(original)) fit.push(original);
  return fit.sort((a, b) => a - b);
}

/** A raster image's fallback: PNG keeps transparency (PNG, WebP and AVIF may have it), JPEG for photographs. */
function fallbackFormat(image: ImageFile): OutputFormat {
  return image.format === "jpeg" ? "jpeg" : "png";
}

export function planImage(image: ImageFile, options: Partial<ImagePlanOptions> = {}): ImagePlan {
  const { widths } = { ...imagePlanDefaults, ...options };
  const stem = slugify(image.file.replace(/^.*[\\/]/, "").replace(/\.[^.]+$/, "")) || "image";
  const variant = (format: OutputFormat, width: number): ImageVariant => {
    const name = image.format === "gif" || image.format === "svg" ? `${stem}-${image.hash}.${EXTENSION[format]}` : `${stem}-${image.hash}-${width}.${EXTENSION[format]}`;
    return { width, height: Math.round((image.height * width) / image.width), name, url: ROUTES.media(name) };
  };
  if (image.format === "gif" || image.format === "svg") {
    const only = variant(image.format, image.width);
    return { source: image.path, width: only.width, height: only.height, formats: [{ format: image.format, mime: MIME[image.format], variants: [only] }], copy: true };
  }
  const sizes = widthsFor(image.width, widths);
  const formats = (["avif", "webp", fallbackFormat(image)] as const).map((format) => ({ format, mime: MIME[format], variants: sizes.map((w) => variant(format, w)) }));
  const largest = formats[0]!.variants[formats[0]!.variants.length - 1]!;
  return { source: image.path, width: largest.width, height: largest.height, formats, copy: false };
}

/** A share image (og:image): one file, at most `width` wide, in a format every link preview reads. */
export function planShareImage(image: ImageFile, width = 1200): ImagePlan {
  const plan = planImage(image, { widths: [Math.min(width, image.width)] });
  if (plan.copy) return plan;
  const fallback = plan.formats[plan.formats.length - 1]!;
  return { ...plan, formats: [fallback] };
}

/** Every file the plan names. */
export function planFiles(plan: ImagePlan): ImageVariant[] {
  return plan.formats.flatMap((f) => f.variants);
}

/** The <picture> (or, for a copied file, <img>) of a plan; `alt` is already escaped. */
export function pictureHtml(plan: ImagePlan, alt: string, { lazy, sizes = imagePlanDefaults.sizes }: { lazy: boolean; sizes?: string }): string {
  const srcset = (variants: ImageVariant[]) => variants.map((v) => `${v.url} ${v.width}w`).join(", ");
  const fallback = plan.formats[plan.formats.length - 1]!;
  const largest = fallback.variants[fallback.variants.length - 1]!;
  const loading = lazy ? ' loading="lazy"' : "";
  if (plan.copy) return `<img src="${largest.url}" alt="${alt}" width="${plan.width}" height="${plan.height}"${loading} decoding="async">`;
  const sources = plan.formats.slice(0, -1).map((f) => `<source type="${f.mime}" srcset="${srcset(f.variants)}" sizes="${sizes}">`);
  const img = `<img src="${largest.url}" srcset="${srcset(fallback.variants)}" sizes="${sizes}" alt="${alt}" width="${plan.width}" height="${plan.height}"${loading} decoding="async">`;
  return `<picture>${sources.join("")}${img}</picture>`;
}
