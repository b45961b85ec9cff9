import { describe, expect, it } from "vitest";
import { readPost } from "../../lib/content/read.ts";
import { formatProblem, type ContentProblem } from "../../lib/core/errors.ts";
import { decodeText, firstInvalidUtf8, splitFrontMatter } from "../../lib/content/yaml.ts";

const zone = "America/New_York";
const read = (text: string) => {
  const problems: ContentProblem[] = [];
  const post = readPost(text, "posts/a-post.md", zone, problems);
  return { post, problems: problems.map(formatProblem) };
};

describe("splitFrontMatter", () => {
  it.each([
    ["---\ntitle: x\n---\nbody\n", "title: x", "body\n", 4],
    ["---\ntitle: x\n---\n", "title: x", "", 4],
    ["---\n---\nbody", "", "body", 3],
    ["no front matter", "", "no front matter", 1],
  ])("splits %j", (text, yaml, body, bodyLine) => {
    const split = splitFrontMatter(text);
    expect([split.yaml, split.body, split.bodyLine]).toEqual([yaml, body, bodyLine]);
  });
});

describe("decodeText", () => {
  it("normalises CRLF and a BOM", () => {
    const bytes = new TextEncoder().encode("\uFEFFa\r\nb\rc\n");
    expect(decodeText(bytes)).toEqual({ ok: true, text: "a\nb\nc\n" });
  });
  it("refuses bytes that are not UTF-8", () => {
    expect(decodeText(new Uint8Array([0x61, 0xff, 0xfe, 0x62]))).toEqual({ ok: false, got: "byte 0xFF, which is not valid UTF-8", line: 1 });
  });
  it.each([
    ["Latin-1 é on line 2", [0x61, 0x0a, 0x43, 0xe9, 0x0a], 3, 2],
    ["a truncated sequence", [0x61, 0xe2, 0x80], 1, 1],
    ["an overlong slash", [0xc0, 0xaf], 0, 1],
    ["a UTF-16 surrogate", [0xed, 0xa0, 0x80], 0, 1],
  ])("points at the first bad byte: %s", (_name, bytes, offset, line) => {
    const decoded = decodeText(new Uint8Array(bytes));
    expect(decoded.ok ? undefined : decoded.line).toBe(line);
    expect(firstInvalidUtf8(new Uint8Array(bytes))).toBe(offset);
  });
  it("accepts every well-formed sequence length", () => {
    const bytes = new TextEncoder().encode("a é – 😀");
    expect(firstInvalidUtf8(bytes)).toBe(bytes.length);
  });
});

describe("readPost", () => {
  it("reads a post, its slug from the file name and the line where its body starts", () => {
    const { post, problems } = read("---\ntitle: Hello\ndate: 2020-01-02\nauthor: ann\n---\n\nBody.\n");
    expect(problems).toEqual([]);
    expect(post?.slug).toBe("a-post");
    expect(post?.lineOffset).toBe(5);
    expect(post?.data.title).toBe("Hello");
  });

  it("keeps dates as text for the zone to read (no YAML timestamps)", () => {
    const { post } = read("---\ntitle: Hello\ndate: 2020-01-02\nauthor: ann\n---\nx\n");
    expect(post?.data.date.value.toISO()).toBe("2020-01-02T00:00:00.000-05:00");
  });

  it.each([
    ["---\ntitle: [unclosed\n---\nx\n", "posts/a-post.md:3: expected valid YAML, got a YAML error: unexpected end of the stream within a flow collection"],
    ["---\n- a\n- b\n---\nx\n", "posts/a-post.md:2: expected front matter as a YAML mapping (key: value lines), got a list of 2"],
    ["just text\n", "posts/a-post.md:1: expected front matter between --- lines at the top, got none"],
    ["---\ntitle: T\ndate: 2020-01-02\nauthor: ann\n---\n\n  \n", "posts/a-post.md:6: expected some text after the front matter, got an empty post"],
    ["---\ntitle: T\ndate: 2020-01-02\nauthor: ann\ndraft: \"no\"\n---\nx\n", 'posts/a-post.md:5 › draft: expected true or false (a YAML boolean, unquoted), got "no"'],
  ])("reports %j", (text, message) => {
    const { post, problems } = read(text);
    expect(post).toBeUndefined();
    expect(problems.some((p) => p.startsWith(message))).toBe(true);
  });
});
