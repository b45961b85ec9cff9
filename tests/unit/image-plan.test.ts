// lib/markdown/image-plan.ts: which files the build makes of an image, and the markup naming them.
import { describe, expect, it } from "vitest";
import type { ImageFile } from "../../lib/content/images.ts";
import { pictureHtml, planFiles, planImage, planShareImage, widthsFor } from "../../lib/markdown/image-plan.ts";

const image = (over: Partial<ImageFile>): ImageFile => ({ path: "/site/posts/My Photo.JPG", file: "posts/My Photo.JPG", width: 1000, height: 500, format: "jpeg", hash: "0123456789", ...over });

describe("widthsFor", () => {
  it.each([
    [2000, [400, 800, 1200]],
    [1200, [400, 800, 1200]],
    [1000, [400, 800, 1000]],
    [800, [400, 800]],
    [300, [300]],
  ])("an image %i wide → %j", (original, widths) => expect(widthsFor(original, [400, 800, 1200])).toEqual(widths));
});

describe("planImage", () => {
  it("makes AVIF, WebP and a JPEG fallback of a photograph, named by its content hash", () => {
    const plan = planImage(image({}));
    expect(plan.formats.map((f) => f.format)).toEqual(["avif", "webp", "jpeg"]);
    expect(plan.formats[2]!.variants.map((v) => [v.url, v.width, v.height])).toEqual([
      ["/media/my-photo-0123456789-400.jpg", 400, 200],
      ["/media/my-photo-0123456789-800.jpg", 800, 400],
      ["/media/my-photo-0123456789-1000.jpg", 1000, 500],
    ]);
    expect([plan.width, plan.height, plan.copy]).toEqual([1000, 500, false]);
    expect(planFiles(plan)).toHaveLength(9);
  });

  it.each(["png", "webp", "avif"] as const)("keeps transparency possible: a %s falls back to PNG", (format) => {
    expect(planImage(image({ format })).formats.map((f) => f.format)).toEqual(["avif", "webp", "png"]);
  });

  it.each(["gif", "svg"] as const)("copies a %s as it is", (format) => {
    const plan = planImage(image({ format, file: `posts/anim.${format}`, width: 64, height: 32 }));
    expect([plan.copy, planFiles(plan).map((f) => f.url)]).toEqual([true, [`/media/anim-0123456789.${format}`]]);
  });

  it("makes a share image once, at most 1200 wide, in the fallback format", () => {
    const plan = planShareImage(image({ width: 3000, height: 1500 }));
    expect(planFiles(plan).map((f) => [f.url, f.width, f.height])).toEqual([["/media/my-photo-0123456789-1200.jpg", 1200, 600]]);
  });
});

describe("pictureHtml", () => {
  it("lists each format's sizes, declares the size, and loads lazily when asked", () => {
    const plan = planImage(image({ width: 800, height: 400 }));
    expect(pictureHtml(plan, "A &amp; B", { lazy: true, sizes: "100vw" })).toBe(
      '<picture><source type="image/avif" srcset="/media/my-photo-0123456789-400.avif 400w, /media/my-photo-0123456789-800.avif 800w" sizes="100vw">' +
        '<source type="image/webp" srcset="/media/my-photo-0123456789-400.webp 400w, /media/my-photo-0123456789-800.webp 800w" sizes="100vw">' +
        '<img src="/media/my-photo-0123456789-800.jpg" srcset="/media/my-photo-0123456789-400.jpg 400w, /media/my-photo-0123456789-800.jpg 800w" sizes="100vw" alt="A &amp; B" width="800" height="400" loading="lazy" decoding="async"></picture>',
    );
  });

  it("writes a copied image as one <img>, eager when first", () => {
    const plan = planImage(image({ format: "svg", file: "public/logo.svg", width: 32, height: 32 }));
    expect(pictureHtml(plan, "Logo", { lazy: false })).toBe('<img src="/media/logo-0123456789.svg" alt="Logo" width="32" height="32" decoding="async">');
  });
});
