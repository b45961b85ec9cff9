// The search page's only script: runs the Pagefind index (built after Eleventy, see
// lib/outputs/search.ts) in the browser. Loaded by /search/ alone; every other page has no script.
// Results are built as DOM nodes, never from HTML strings, so an indexed page cannot inject markup.
const root = new URL("../", import.meta.url); // the site root, path prefix included
const form = document.querySelector("[data-search-form]");
const input = form.querySelector("input[name=q]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
document.querySelector("[data-search-nojs]").hidden = true;

const MAX_RESULTS = 30;
// The words to print, in the site's language: data- attributes the search page writes from the
// message table (lib/core/messages/), `{name}` filled in here.
const words = form.dataset;
const say = (template, params = {}) => template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
const plurals = new Intl.PluralRules(document.documentElement.lang || "en");
const counted = (n) => `${n} ${plurals.select(n) === "one" ? words.nounOne : words.nounOther}`;
let pagefind;
let latest = 0;

async function engine() {
  if (!pagefind) {
    const bundle = new URL("pagefind/", root);
    const loaded = await import(new URL("pagefind.js", bundle).href);
    await loaded.options({ baseUrl: root.pathname });
    // A large archive is indexed in shards (lib/outputs/search.ts): merge the others into the first.
    const response = await fetch(new URL("gloss-shards.json", bundle));
    const { shards } = response.ok ? await response.json() : { shards: [] };
    for (const shard of shards) await loaded.mergeIndex(new URL(shard, bundle).pathname, { baseUrl: root.pathname });
    pagefind = loaded;
  }
  return pagefind;
}

/** Pagefind's excerpt is text with <mark> around matches: keep exactly that, as nodes. */
function excerptNodes(excerpt) {
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, "text/html").body.firstChild;
  const out = document.createElement("p");
  out.className = "search-excerpt";
  for (const node of parsed.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(node.textContent);
    }
  }
  return out;
}

function resultItem(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta?.title || data.url;
  heading.append(link);
  item.append(heading, excerptNodes(data.excerpt || ""));
  return item;
}

async function run(query) {
  const ticket = ++latest;
  const wanted = query.trim();
  list.replaceChildren();
  if (!wanted) {
    status.textContent = words.prompt;
    return;
  }
  status.textContent = words.searching;
  try {
    const found = await (await engine()).search(wanted);
    const data = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (ticket !== latest) return; // a newer search has started
    list.replaceChildren(...data.map(resultItem));
    const n = found.results.length;
    const params = { words: wanted, count: counted(n), shown: MAX_RESULTS };
    status.textContent = say(n === 0 ? words.none : n > MAX_RESULTS ? words.foundMore : words.found, params);
  } catch (error) {
    if (ticket !== latest) return;
    status.textContent = words.failed;
    console.error(error);
  }
}

function searchFor(query, push) {
  const url = new URL(location.href);
  if (query.trim()) url.searchParams.set("q", query.trim());
  else url.searchParams.delete("q");
  history[push ? "pushState" : "replaceState"](null, "", url);
  return run(query);
}

let typing;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  // The search typing started is this one: run once, not again when its pause ends (which
  // would redraw the results under a reader's click).
  clearTimeout(typing);
  searchFor(input.value, true);
});
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => searchFor(input.value, false), 250);
});
addEventListener("popstate", () => {
  input.value = new URL(location.href).searchParams.get("q") ?? "";
  run(input.value);
});

input.value = new URL(location.href).searchParams.get("q") ?? "";
if (input.value) run(input.value);
else status.textContent = "";
