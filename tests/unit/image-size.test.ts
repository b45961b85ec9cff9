// lib/content/image-size.ts: sizes read from file headers, checked against real encoded files.
import { describe, expect, it } from "vitest";
import { imageSize } from "../../lib/content/image-size.ts";
import { makeImage, type RasterFormat } from "../helpers/images.ts";

const svg = (root: string) => new TextEncoder().encode(`<?xml version="1.0"?>\n${root}</svg>`);

describe("imageSize", () => {
  it.each<RasterFormat>(["png", "jpeg", "gif", "webp", "avif"])("reads a %s file's size", async (format) => {
    expect(imageSize(await makeImage(format, 37, 23))).toEqual({ width: 37, height: 23, format });
  });

  it.each([
    ['<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80px">', { width: 120, height: 80, format: "svg" }],
    ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300.4 150">', { width: 300, height: 150, format: "svg" }],
    ['<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0,0,64,32">', { width: 64, height: 32, format: "svg" }],
    ['<svg xmlns="http://www.w3.org/2000/svg" width="10em" height="2em">', undefined],
    ['<svg xmlns="http://www.w3.org/2000/svg">', undefined],
  ])("reads an SVG's size: %s", (root, size) => {
    expect(imageSize(svg(root))).toEqual(size);
  });

  it("knows nothing of other files", () => {
    expect(imageSize(new TextEncoder().encode("just some text"))).toBeUndefined();
    expect(imageSize(new Uint8Array([0xff, 0xd8, 0xff]))).toBeUndefined();
    expect(imageSize(new Uint8Array())).toBeUndefined();
  });
});
