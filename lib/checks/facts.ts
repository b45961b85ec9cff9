// What the post-build checks read of each built page, extracted in one streaming pass of
// htmlparser2 per page, so every check is a cheap pure function over these facts.
import { Parser } from "htmlparser2";

export interface LinkFact {
  /** Element and attribute the URL came from: `a[href]`, `link[href]`, `img[src]`, `script[src]`, `form[action]`... */
  tag: string;
  attr: string;
  value: string;
  rel: string | undefined;
}

export interface PageFacts {
  /** Site URL of the page, without the path prefix: `/posts/x/`. */
  url: string;
  /** Size of the HTML in bytes. */
  bytes: number;
  ids: string[];
  links: LinkFact[];
  /** `<script>` elements: `src` for external ones, `type` as written, and inline text length. */
  scripts: { src: string | undefined; type: string | undefined; inlineLength: number }[];
  /** `on*` event-handler attributes, as `tag[onclick]`. */
  handlers: string[];
  /** Elements with a `style` attribute, as tag names. */
  styleAttributes: string[];
  /** Number of inline `<style>` elements. */
  styleElements: number;
  /** `<meta http-equiv="Content-Security-Policy">` content, if any. */
  metaCsp: string | undefined;
  h1Count: number;
  /** Number of `<li>` elements: how long the page's lists are. */
  listItems: number;
  /** The page sends readers on (`<meta http-equiv="refresh">`, an old address): its target is among `links`. */
  redirect: boolean;
}

const URL_ATTRIBUTES: Record<string, string[]> = {
  a: ["href"],
  link: ["href"],
  img: ["src"],
  script: ["src"],
  iframe: ["src"],
  source: ["src"],
  form: ["action"],
  blockquote: ["cite"],
  q: ["cite"],
};

export function extractFacts(url: string, html: string): PageFacts {
  const facts: PageFacts = {
    url,
    bytes: Buffer.byteLength(html),
    ids: [],
    links: [],
    scripts: [],
    handlers: [],
    styleAttributes: [],
    styleElements: 0,
    metaCsp: undefined,
    h1Count: 0,
    listItems: 0,
    redirect: false,
  };
  let openScript: PageFacts["scripts"][number] | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (attributes.id !== undefined) facts.ids.push(attributes.id);
        for (const attr of URL_ATTRIBUTES[name] ?? []) {
          const value = attributes[attr];
          if (value !== undefined) facts.links.push({ tag: name, attr, value, rel: attributes.rel });
        }
        for (const key of Object.keys(attributes)) {
          if (key.startsWith("on")) facts.handlers.push(`${name}[${key}]`);
        }
        if (attributes.style !== undefined) facts.styleAttributes.push(name);
        if (name === "style") facts.styleElements += 1;
        if (name === "h1") facts.h1Count += 1;
        if (name === "li") facts.listItems += 1;
        if (name === "meta" && attributes["http-equiv"]?.toLowerCase() === "content-security-policy") facts.metaCsp = attributes.content;
        if (name === "meta" && attributes["http-equiv"]?.toLowerCase() === "refresh") {
          facts.redirect = true;
          const target = /url\s*=\s*['"]?([^'"]*)/i.exec(attributes.content ?? "")?.[1];
          if (target !== undefined) facts.links.push({ tag: "meta", attr: "content", value: target, rel: undefined });
        }
        if (name === "script") {
          openScript = { src: attributes.src, type: attributes.type, inlineLength: 0 };
          facts.scripts.push(openScript);
        }
      },
      ontext(text) {
        if (openScript) openScript.inlineLength += text.trim().length;
      },
      onclosetag(name) {
        if (name === "script") openScript = undefined;
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return facts;
}

/** A copy of a string that holds nothing else: htmlparser2's values are slices of the page's text, and would keep all of it alive. */
const detached = (text: string): string => structuredClone(text);

/**
 * A link kept in a LinkTable: `at` is its place there. The checks and the build's record look a
 * kept link up by its place, an array read, where any other link object needs a map
 * (lib/checks/links.ts, lib/pipeline/build-record.ts): 1.1 million links at 10,000 posts.
 */
export interface KeptLink extends LinkFact {
  readonly at: number;
}

/** A kept link's place is a private field: a kept link still equals the link as read, and copies (JSON, structuredClone) are plain links. */
class Kept implements KeptLink {
  readonly #at: number;
  constructor(
    readonly tag: string,
    readonly attr: string,
    readonly value: string,
    readonly rel: string | undefined,
    at: number,
  ) {
    this.#at = at;
  }
  get at(): number {
    return this.#at;
  }
}

/** Whether two links of the same value are the same link. */
const sameLink = (a: LinkFact, b: LinkFact): boolean => a.tag === b.tag && a.attr === b.attr && a.rel === b.rel;

/** The place of a link in the table that keeps it, or undefined for a link no table keeps. */
export const placeOf = (link: LinkFact): number | undefined => (link instanceof Kept ? link.at : undefined);

/**
 * Each distinct link of a build, once (its tag, attribute, value and rel): the pages that have it
 * share the object. One table holds the links of the pages a warm build carries over, read from
 * the record, and those of the pages it renders (FactTable).
 */
export class LinkTable {
  readonly links: KeptLink[] = [];
  /** Links by value: the first of a value, then its other variants (tag, attribute, rel), if any. */
  private readonly byValue = new Map<string, KeptLink>();
  private readonly variants = new Map<string, KeptLink[]>();
  private readonly names = new Map<string, string>();

  /** Whether `link` is this table's own object. */
  owns(link: LinkFact): link is KeptLink {
    const at = placeOf(link);
    return at !== undefined && this.links[at] === link;
  }

  /**
   * The table's link equal to `link`, kept now if it has none: with its strings copied unless
   * `copy` is false (htmlparser2's values are slices of the page's text, and would keep all of
   * it alive; JSON.parse's are not).
   */
  intern(link: LinkFact, copy = true): KeptLink {
    if (this.owns(link)) return link;
    const first = this.byValue.get(link.value);
    if (first && sameLink(first, link)) return first;
    for (const kept of (first && this.variants.get(link.value)) || []) if (sameLink(kept, link)) return kept;
    const kept = new Kept(this.name(link.tag), this.name(link.attr), copy ? detached(link.value) : link.value, link.rel === undefined ? undefined : this.name(link.rel), this.links.length);
    this.links.push(kept);
    if (!first) this.byValue.set(kept.value, kept);
    else this.variants.set(kept.value, [...(this.variants.get(kept.value) ?? []), kept]);
    return kept;
  }

  private name(text: string): string {
    let kept = this.names.get(text);
    if (kept === undefined) this.names.set((kept = detached(text)), kept);
    return kept;
  }
}

/**
 * Every page's facts of a whole build, kept while the pages are rendered: each distinct link
 * (in `links`), id, policy and name is kept once and shared by the pages that have it (the checks
 * only read them). At 10,000 posts the 18,882 pages hold 1.1 million links, 116,000 of them
 * distinct; kept page by page they took 183 MiB.
 */
export class FactTable {
  readonly pages: PageFacts[] = [];
  private readonly strings = new Map<string, string>();

  constructor(readonly links = new LinkTable()) {}

  /** Keeps one page's facts (as extractFacts read them); returns them as kept. */
  add(page: PageFacts): PageFacts {
    const kept: PageFacts = {
      ...page,
      url: detached(page.url),
      ids: page.ids.map(this.string),
      links: page.links.map((link) => this.links.intern(link)),
      scripts: page.scripts.map((script) => ({ ...script, src: this.maybe(script.src), type: this.maybe(script.type) })),
      handlers: page.handlers.map(this.string),
      styleAttributes: page.styleAttributes.map(this.string),
      metaCsp: this.maybe(page.metaCsp),
    };
    this.pages.push(kept);
    return kept;
  }

  private readonly string = (text: string): string => {
    let kept = this.strings.get(text);
    if (kept === undefined) {
      kept = detached(text);
      this.strings.set(kept, kept);
    }
    return kept;
  };

  private maybe(text: string | undefined): string | undefined {
    return text === undefined ? undefined : this.string(text);
  }
}
