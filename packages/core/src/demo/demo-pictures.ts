/**
 * Renders the demo's product images and video covers to PNG: the SVG from product-art.ts, text
 * drawn as outlines (text-outline.ts), rasterised by resvg. Same input, same bytes.
 */
import { Resvg } from '@resvg/resvg-js';
import { motifFor, productImageSvg, videoCoverSvg, type ArtInput } from './product-art.js';
import { outlineText } from './text-outline.js';

function png(svg: string): Buffer {
  return Buffer.from(new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng());
}

/** A 360×360 product image: the product's name and a drawn motif of its category. */
export function productImagePng(input: ArtInput): Buffer {
  return png(productImageSvg(input, motifFor(input.categoryName, input.name, input.fallbackMotif), outlineText));
}

/** A 270×480 video cover showing the product (its motif and name) over two colours. */
export function videoCoverPng(input: ArtInput, colours: readonly [string, string]): Buffer {
  return png(videoCoverSvg(input, motifFor(input.categoryName, input.name, input.fallbackMotif), colours, outlineText));
}

/** Renders each distinct picture once (listings of one item share their picture). */
export function pictureCache(render: (input: ArtInput) => Buffer): (input: ArtInput) => Buffer {
  const done = new Map<string, Buffer>();
  return (input) => {
    const key = `${input.name}\u0000${input.categoryName}\u0000${input.color}\u0000${input.fallbackMotif ?? ''}`;
    let bytes = done.get(key);
    if (!bytes) done.set(key, (bytes = render(input)));
    return bytes;
  };
}
