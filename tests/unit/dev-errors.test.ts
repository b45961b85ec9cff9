import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { DevErrors, devErrorPage, isPageRequest } from "../../lib/pipeline/dev-errors.ts";

describe("isPageRequest", () => {
  it.each([
    ["/", true],
    ["/posts/x/", true],
    ["/404.html", true],
    ["/posts/x", true],
    ["/css/gloss.css", false],
    ["/.11ty/reload-client.js", false],
    ["/feed.xml", false],
    ["/favicon.svg", false],
  ])("%s → %s", (pathname, page) => expect(isPageRequest(pathname)).toBe(page));
});

describe("devErrorPage", () => {
  it("lists every problem, escaped, under a heading that counts them, with no script", () => {
    const lines = ['posts/a.md:4 › author: expected an author id, got "<script>alert(1)</script>"', "posts/b.md › title: expected a non-empty title, got nothing"];
    const { document } = parseHTML(devErrorPage(lines));
    expect(document.querySelector("h1")?.textContent).toBe("The last rebuild found 2 content problems");
    expect([...document.querySelectorAll("li")].map((li) => li.textContent)).toEqual(lines);
    expect(document.querySelectorAll("script")).toHaveLength(0);
  });

  it("words one problem in the singular", () => {
    expect(parseHTML(devErrorPage(["x"])).document.querySelector("h1")?.textContent).toBe("The last rebuild found a content problem");
  });
});

describe("DevErrors", () => {
  it("holds the last failure until cleared", () => {
    const errors = new DevErrors();
    expect(errors.lines).toBeUndefined();
    errors.fail(["a"]);
    expect(errors.lines).toEqual(["a"]);
    errors.clear();
    expect(errors.lines).toBeUndefined();
  });
});
