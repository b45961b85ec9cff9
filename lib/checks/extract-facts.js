// What the post-build checks read of one built page (PageFacts, lib/checks/facts.ts), in one
// streaming pass of htmlparser2. Plain JavaScript: the page sink's thread
// (lib/pipeline/page-writer.js) runs it as it is, compiled or not, as lib/checks/facts.ts does.
import { Parser } from "htmlparser2";

/** @type {Record<string, string[]>} */
const URL_ATTRIBUTES = {
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

/**
 * @param {string} url Site URL of the page, without the path prefix.
 * @param {string} html The page as written.
 * @returns {import("./facts.ts").PageFacts}
 */
export function extractFacts(url, html) {
  /** @type {import("./facts.ts").PageFacts} */
  const facts = {
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
  /** @type {import("./facts.ts").PageFacts["scripts"][number] | undefined} */
  let openScript;
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
