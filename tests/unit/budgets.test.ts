import { describe, expect, it } from "vitest";
import { random } from "../../lib/bench/corpus.ts";
import { checkBudgets, gzipSize } from "../../lib/checks/budgets.ts";
import { extractFacts } from "../../lib/checks/facts.ts";
import type { BuiltSite } from "../../lib/checks/index.ts";

function siteOf(pages: Record<string, string>, assets: Record<string, string> = {}): BuiltSite {
  const files = new Map<string, Buffer>();
  for (const [url, html] of Object.entries(pages)) files.set(url.endsWith("/") ? `${url}index.html` : url, Buffer.from(html));
  for (const [url, text] of Object.entries(assets)) files.set(url, Buffer.from(text));
  return {
    pages: Object.entries(pages).map(([url, html]) => extractFacts(url, html)),
    files: new Set(files.keys()),
    read: (url) => files.get(url),
  };
}

/** Text that compresses poorly (random letters: ~0.6 byte gzipped per character). */
function noise(n: number): string {
  const next = random(7);
  let out = "";
  while (out.length < n) out += String.fromCharCode(97 + Math.floor(next() * 26));
  return out;
}

const page = (body: string, head = '<link rel="stylesheet" href="/css/site.css">') => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

describe("checkBudgets", () => {
  it("passes a small page with a small stylesheet", () => {
    expect(checkBudgets(siteOf({ "/": page("<p>hi</p>") }, { "/css/site.css": "body{color:red}" }))).toEqual([]);
  });

  it("counts the stylesheet the page loads against the page", () => {
    const css = `/*${noise(20_000)}*/`;
    const html = page(`<p>${noise(8_000)}</p>`);
    const issues = checkBudgets(siteOf({ "/x/": html }, { "/css/site.css": css }));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.page).toBe("/x/");
    expect(issues[0]!.message).toMatch(/^HTML \+ CSS is \d+ bytes gzipped \(HTML \d+, CSS \d+\), over the budget of 14336$/);
    expect(gzipSize(css)).toBeGreaterThan(10_000);
  });

  it("allows JSON-LD everywhere and JavaScript only on the search page", () => {
    const site = siteOf({
      "/": page('<script type="application/ld+json">{"@type":"BlogPosting"}</script>'),
      "/search/": page('<script src="/pagefind/pagefind-ui.js"></script>'),
      "/posts/x/": page('<script src="/js/tracker.js"></script><script>alert(1)</script>'),
    });
    expect(checkBudgets(site).map((i) => [i.page, i.message])).toEqual([
      ["/posts/x/", "loads JavaScript (/js/tracker.js, inline); only /search/ may"],
    ]);
  });

  it("flags an unpaginated listing", () => {
    const items = Array.from({ length: 300 }, (_, i) => `<li>${i}</li>`).join("");
    expect(checkBudgets(siteOf({ "/archive/": page(`<ul>${items}</ul>`) }), { maxGzipBytes: 1e9 })).toEqual([
      { page: "/archive/", message: "holds 300 list items, over 250: paginate it" },
    ]);
  });
});
