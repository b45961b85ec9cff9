// Images in posts: `![alt](file.jpg)` next to the post, or `![alt](/file.jpg)` in public/, becomes
// a <picture> with width, height, srcset, modern formats and lazy loading (all but the first).
// A missing alt text, a remote image or an unreadable file is a content problem at its line;
// `![""](file.jpg)` marks a decorative image (alt="").
import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { isRefusal, isRemote } from "../content/images.ts";
import type { GlossEnv, GlossRenderState } from "./env.ts";
import { pictureHtml, planImage, type ImagePlan } from "./image-plan.ts";

/** What the core rule attaches to an image token (`token.meta.glossImage`). */
interface ImageMeta {
  plan: ImagePlan;
  alt: string;
  lazy: boolean;
}

/** The alt text that marks a decorative image. */
export const DECORATIVE_ALT = '""';

export function images(md: MarkdownIt): void {
  md.core.ruler.push("gloss_images", (state: StateCore) => {
    const gloss = (state.env as GlossEnv).gloss;
    if (!gloss) return;
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.children) continue;
      let searchFrom = 0;
      for (const token of block.children) {
        if (token.type !== "image") continue;
        // The image's line: the block's first line, plus the line breaks before `![alt]`.
        const at = block.content.indexOf(`![${token.content}]`, searchFrom);
        if (at >= 0) searchFrom = at + 1;
        const line = (block.map?.[0] ?? 0) + 1 + gloss.lineOffset + (at > 0 ? block.content.slice(0, at).split("\n").length - 1 : 0);
        checkImage(token, line, gloss);
      }
    }
  });

  const fallback = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const meta = (tokens[idx]!.meta as { glossImage?: ImageMeta } | null)?.glossImage;
    if (!meta) return fallback(tokens, idx, options, env, self);
    return pictureHtml(meta.plan, md.utils.escapeHtml(meta.alt), { lazy: meta.lazy });
  };
}

function checkImage(token: Token, line: number, gloss: GlossRenderState): void {
  const src = String(token.attrGet("src") ?? "");
  const problem = (expected: string, got: string, hint: string) => gloss.problems.push({ file: gloss.file, line, field: "image", expected, got, hint });
  const altText = token.children?.length ? token.children.map((c) => c.content).join("") : token.content;
  if (altText.trim() === "") {
    problem("alt text that says what the image shows", `no alt text for ${JSON.stringify(src)}`, `write ![what it shows](${src}), or ![${DECORATIVE_ALT}](${src}) for a purely decorative image`);
  }
  const alt = altText.trim() === DECORATIVE_ALT ? "" : altText.trim();
  if (!gloss.readImage) {
    if (isRemote(src)) problem("a local image file next to the post, or /path in public/", JSON.stringify(src), "images from other sites are blocked by the site's Content Security Policy: save the file next to the post and link it by name");
    return;
  }
  const image = gloss.readImage(src);
  if (isRefusal(image)) {
    problem(image.expected, image.got, image.hint);
    return;
  }
  const plan = planImage(image);
  token.meta = { ...(token.meta as object | null), glossImage: { plan, alt, lazy: gloss.images.length > 0 } satisfies ImageMeta };
  gloss.images.push(plan);
}
