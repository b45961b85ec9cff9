// The links check: every internal URL in the built pages resolves to a built file (and its
// `#fragment` to an id on that page), every page is reachable from the home page by following
// links, and no page repeats an id. One pass over the links plus one breadth-first walk.
import type { BuiltSite, CheckIssue, NamedCheck } from "./index.ts";
import type { LinkFact, PageFacts } from "./facts.ts";
import { ByPlace, placeOf } from "./link-table.ts";

/** Pages that need no link to them: a host serves 404.html for unknown addresses. */
export const UNLINKED_PAGES: ReadonlySet<string> = new Set(["/404.html"]);

/** More issues than this are summarised in one line: a broken header link would repeat on every page. */
export const MAX_LINK_ISSUES = 100;

/** A URL with a scheme (`https:`, `mailto:`): it reads the same on every page. */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** A stand-in origin to resolve relative URLs against; never fetched. */
const LOCAL_ORIGIN = "https://gloss.invalid";

/** The output file a site path is served from: `/x/` → `/x/index.html`. */
export function fileOf(sitePath: string): string {
  return sitePath.endsWith("/") ? `${sitePath}index.html` : sitePath;
}

function decode(text: string): string | undefined {
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

type Target =
  | { kind: "external" }
  | { kind: "problem"; message: string }
  /** `file` is the output file (`/tags/x/index.html`); `fragment` is decoded, or undefined when there is none. */
  | { kind: "internal"; file: string; fragment: string | undefined };

export interface ResolveContext {
  /** `/` or `/blog/`: where the site lives on its host; links in the HTML carry it. */
  pathPrefix: string;
  /** The site's own origin, so absolute links to it are checked too (`https://example.org`). */
  siteOrigin: string | undefined;
  files: ReadonlySet<string>;
}

/**
 * Where a URL written in the page at `pageUrl` (a site path without the prefix) leads: another
 * site, a file of this site (with its fragment), or a problem. Pure.
 */
export function resolveLink(value: string, pageUrl: string, context: ResolveContext): Target {
  const { pathPrefix, siteOrigin, files } = context;
  const written = value.trim();
  if (SCHEME.test(written) && !/^https?:/i.test(written)) return { kind: "external" }; // mailto:, tel:, data:…
  // A fragment of the page itself (`#main`, `#fn1`, on every page) is the page's own path with it.
  const url = plainRootPath(written.charCodeAt(0) === 35 ? `${pathPrefix}${pageUrl.slice(1)}${written}` : written) ?? parsed(written, `${LOCAL_ORIGIN}${pathPrefix}${pageUrl.slice(1)}`);
  if (!url) return { kind: "problem", message: "is not a valid URL" };
  if (url.origin !== LOCAL_ORIGIN && url.origin !== siteOrigin) return { kind: "external" };
  const pathname = decode(url.pathname);
  if (pathname === undefined) return { kind: "problem", message: "has a malformed percent-encoding" };
  let sitePath: string;
  if (pathPrefix === "/" && pathname.charCodeAt(0) === 47) sitePath = pathname;
  else if (pathname.startsWith(pathPrefix)) sitePath = `/${pathname.slice(pathPrefix.length)}`;
  else if (`${pathname}/` === pathPrefix) sitePath = "/";
  else if (url.origin === siteOrigin) return { kind: "external" }; // another app on the same host
  else return { kind: "problem", message: `leads outside the site's path prefix ${pathPrefix}` };
  let file = fileOf(sitePath);
  if (!files.has(file) && files.has(`${sitePath}/index.html`)) file = `${sitePath}/index.html`; // hosts redirect /x to /x/
  if (!files.has(file)) return { kind: "problem", message: `leads to ${sitePath}, which was not built` };
  const fragment = url.hash.length > 1 ? decode(url.hash.slice(1)) : undefined;
  if (url.hash.length > 1 && fragment === undefined) return { kind: "problem", message: "has a malformed percent-encoding in its fragment" };
  return { kind: "internal", file, fragment };
}

/** What resolving reads of a URL. */
type UrlParts = Pick<URL, "origin" | "pathname" | "hash">;

function parsed(written: string, base: string): UrlParts | undefined {
  try {
    return new URL(written, base);
  } catch {
    return undefined;
  }
}

/**
 * A root-relative path the URL parser would return as it is (`/posts/x/`, `/posts/x/#q-1`): no
 * percent-escapes, query, backslash, `//`, dot segment or character it would encode. Gloss
 * writes its own links so (all 59,335 distinct root-relative links of the 10,000-post bench site),
 * and the URL parser takes several microseconds a link. Anything else, undefined: the parser
 * reads it.
 */
const PLAIN_ROOT_PATH = /^\/(?!\/)[A-Za-z0-9\-._~!$&'()*+,;=:@/]*(?:#[A-Za-z0-9\-._~!$&'()*+,;=:@/?]+)?$/;
/** A fragment of the page itself as plain as PLAIN_ROOT_PATH's: `#main`, `#fn1`, `#q-2`. */
const PLAIN_FRAGMENT = /^#[A-Za-z0-9\-._~!$&'()*+,;=:@/?]+$/;
const DOT_SEGMENT = /\/\.\.?(?:\/|#|$)/;

/** The file of a page at a plain address (plainRootPath), when it was built: where the page's own fragments lead. "" otherwise. */
const builtPlainFile = (url: string, files: ReadonlySet<string>): string => (plainRootPath(url) && files.has(fileOf(url)) ? fileOf(url) : "");

export function plainRootPath(written: string): UrlParts | undefined {
  if (!PLAIN_ROOT_PATH.test(written) || DOT_SEGMENT.test(written)) return undefined;
  const hashAt = written.indexOf("#");
  return hashAt < 0 ? { origin: LOCAL_ORIGIN, pathname: written, hash: "" } : { origin: LOCAL_ORIGIN, pathname: written.slice(0, hashAt), hash: written.slice(hashAt) };
}

/** `#top` and text fragments need no element with that id. */
function needsId(fragment: string): boolean {
  return fragment.toLowerCase() !== "top" && !fragment.startsWith(":~:");
}

function describe(link: LinkFact): string {
  return `${link.tag}[${link.attr}]=${JSON.stringify(link.value)}`;
}

/**
 * A link as the check reads it on every page it is on: where it leads, which page that is (its
 * index; NO_PAGE for a file that is not a page, another site or a problem), the link's fragment
 * when that page has no element with that id, and whether readers can follow it there.
 */
interface Reading {
  target: Target;
  targetIndex: number;
  missingId: string | undefined;
  followed: boolean;
}

const NO_PAGE = -1;

/**
 * The links that readers follow from page to page, as one array of target pages with each
 * page's start in it: 1.1 million links at 10,000 posts, in typed arrays rather than an array
 * per page.
 */
class Edges {
  private targets = new Int32Array(1 << 16);
  private length = 0;
  readonly starts: Int32Array;

  constructor(pages: number) {
    this.starts = new Int32Array(pages + 1);
  }

  /** Pages are read in order: the edges of `page` start here. */
  begin(page: number): void {
    this.starts[page] = this.length;
  }

  push(target: number): void {
    if (this.length === this.targets.length) {
      const grown = new Int32Array(this.targets.length * 2);
      grown.set(this.targets);
      this.targets = grown;
    }
    this.targets[this.length++] = target;
  }

  end(pages: number): void {
    this.starts[pages] = this.length;
  }

  /** The pages reached from `from` by following links. */
  reached(from: number, pages: number): Uint8Array {
    const reached = new Uint8Array(pages);
    const queue = new Int32Array(pages);
    let tail = 0;
    queue[tail++] = from;
    reached[from] = 1;
    for (let head = 0; head < tail; head += 1) {
      const page = queue[head]!;
      for (let at = this.starts[page]!, stop = this.starts[page + 1]!; at < stop; at += 1) {
        const next = this.targets[at]!;
        if (!reached[next]) {
          reached[next] = 1;
          queue[tail++] = next;
        }
      }
    }
    return reached;
  }
}

/** Every internal link resolves, every page is reachable from the home page, ids are unique. */
export function checkLinks(site: BuiltSite): CheckIssue[] {
  const pathPrefix = site.pathPrefix ?? "/";
  const context: ResolveContext = { pathPrefix, siteOrigin: site.siteOrigin, files: site.files };
  const issues: CheckIssue[] = [];
  const pageIndex = new Map<string, number>();
  site.pages.forEach((page, index) => pageIndex.set(fileOf(page.url), index));
  const idSets: (Set<string> | undefined)[] = [];
  const idsOf = (index: number): Set<string> => (idSets[index] ??= new Set(site.pages[index]!.ids));
  const edges = new Edges(site.pages.length);
  const readingOf = (link: LinkFact, target: Target): Reading => {
    const targetIndex = target.kind === "internal" ? (pageIndex.get(target.file) ?? NO_PAGE) : NO_PAGE;
    const fragment = target.kind === "internal" ? target.fragment : undefined;
    return {
      target,
      targetIndex,
      missingId: targetIndex !== NO_PAGE && fragment !== undefined && needsId(fragment) && !idsOf(targetIndex).has(fragment) ? fragment : undefined,
      // Readers reach pages by links and by forms (the header's search box leads to /search/).
      followed: link.tag === "a" || link.tag === "form",
    };
  };
  const read = (link: LinkFact, value: string, pageUrl: string): Reading => readingOf(link, resolveLink(value, pageUrl, context));
  // Root-relative and absolute URLs read the same on every page: the header's links, on every
  // page, are read once. Pages share their link objects (lib/checks/facts.ts, LinkTable), so
  // each is looked up by the object itself: a kept link by its place in its table (an array
  // read), any other in a map; another object with the same text, by the text.
  const slotOf = new ByPlace();
  const slotLinks: LinkFact[] = [];
  const slotReadings: Reading[] = [];
  const byLink = new Map<LinkFact, Reading>();
  const remember = (link: LinkFact, reading: Reading): void => {
    const at = placeOf(link);
    if (at === undefined || slotOf.get(at) !== -1) {
      byLink.set(link, reading);
      return;
    }
    slotOf.set(at, slotLinks.length);
    slotLinks.push(link);
    slotReadings.push(reading);
  };
  /** Readings by tag, then by the link's text. */
  const byText = new Map<string, Map<string, Reading>>();

  site.pages.forEach((page: PageFacts, index) => {
    edges.begin(index);
    if (page.ids.length > 1) {
      const seen = new Set<string>();
      const repeated = new Set<string>();
      for (const id of page.ids) (seen.has(id) ? repeated : seen).add(id);
      for (const id of repeated) issues.push({ page: page.url, message: `id ${JSON.stringify(id)} is used more than once` });
    }
    const isNotFoundPage = UNLINKED_PAGES.has(page.url);
    let ownFile: string | undefined;

    for (const link of page.links) {
      const at = placeOf(link);
      const slot = at === undefined ? -1 : slotOf.get(at);
      let reading = slot >= 0 && slotLinks[slot] === link ? slotReadings[slot] : byLink.get(link);
      if (reading === undefined) {
        const value = link.value.trim();
        if (value === "") continue; // the page itself
        const sameEverywhere = value.charCodeAt(0) === 47 || SCHEME.test(value); // "/x", "//host/x", "https:…"
        if (isNotFoundPage && !sameEverywhere && value.charCodeAt(0) !== 35) {
          issues.push({ page: page.url, message: `relative link ${describe(link)}: this page is served at any address, so links on it must start with /` });
          continue;
        }
        if (value.charCodeAt(0) === 35 && PLAIN_FRAGMENT.test(value) && (ownFile ??= builtPlainFile(page.url, context.files)) !== "") {
          // `#main`, `#fn1`: an element of this page, as resolveLink would find it (a fragment
          // without percent-escapes decodes to itself), without a URL made for it on every page.
          reading = readingOf(link, { kind: "internal", file: ownFile, fragment: value.slice(1) });
        } else if (sameEverywhere) {
          let ofTag = byText.get(link.tag);
          if (!ofTag) byText.set(link.tag, (ofTag = new Map()));
          reading = ofTag.get(value);
          if (!reading) ofTag.set(value, (reading = read(link, value, page.url)));
          remember(link, reading);
        } else {
          reading = read(link, value, page.url);
        }
      }
      const targetIndex = reading.targetIndex;
      if (targetIndex === NO_PAGE) {
        // Another site, a file (CSS, image, feed: no ids to check, no page to reach), or a problem.
        if (reading.target.kind === "problem") issues.push({ page: page.url, message: `link ${describe(link)} ${reading.target.message}` });
        continue;
      }
      if (reading.missingId !== undefined) {
        const where = targetIndex === index ? "this page" : site.pages[targetIndex]!.url;
        issues.push({ page: page.url, message: `link ${describe(link)} points to #${reading.missingId}, but ${where} has no element with that id` });
      }
      if (reading.followed && targetIndex !== index) edges.push(targetIndex);
    }
  });
  edges.end(site.pages.length);

  const home = pageIndex.get("/index.html");
  if (site.partial) {
    // Reachability is a property of the whole site, which a partial build does not hold.
  } else if (home === undefined) {
    issues.push({ page: "/", message: "there is no home page to reach the others from" });
  } else {
    const reached = edges.reached(home, site.pages.length);
    site.pages.forEach((page, index) => {
      // A redirect page is an old address: readers arrive from elsewhere, nothing links to it.
      if (!reached[index] && !UNLINKED_PAGES.has(page.url) && !page.redirect) issues.push({ page: page.url, message: "cannot be reached from the home page by following links" });
    });
  }

  if (issues.length <= MAX_LINK_ISSUES) return issues;
  const shown = issues.slice(0, MAX_LINK_ISSUES);
  shown.push({ page: "(site)", message: `and ${issues.length - MAX_LINK_ISSUES} more link problems like these` });
  return shown;
}

export const linksCheck: NamedCheck = { name: "links", run: checkLinks };
