// WordPress shortcodes in post_content, before the HTML is read: captions keep their content,
// embeds become media (later a link), a URL alone on a line (an oEmbed) becomes a link. Other
// core shortcodes (galleries, players) cannot be rendered here: they are named in the report.

const KNOWN = ["gallery", "audio", "video", "playlist", "wp_caption", "caption", "embed"];

export function expandShortcodes(html: string): { html: string; unrendered: string[] } {
  const unrendered: string[] = [];
  let out = html
    .replace(/\[(?:wp_)?caption\b[^\]]*\]([\s\S]*?)\[\/(?:wp_)?caption\]/g, "$1")
    .replace(/\[embed\b[^\]]*\]\s*(https?:\/\/[^\s[<]+)\s*\[\/embed\]/g, '<iframe src="$1"></iframe>')
    .replace(/^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gm, '<a href="$1">$1</a>');
  out = out.replace(/\[(\/?)([a-z_]+)\b[^\]]*\]/g, (whole, closing: string, name: string) => {
    if (!KNOWN.includes(name)) return whole;
    if (!closing && !unrendered.includes(`[${name}]`)) unrendered.push(`[${name}]`);
    return "";
  });
  return { html: out, unrendered };
}
