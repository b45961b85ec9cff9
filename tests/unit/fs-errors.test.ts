// File system failures as one line naming the path (lib/core/fs-errors.ts): Node's own errors,
// bare or wrapped the way Eleventy wraps a failed write.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeFsError } from "../../lib/core/fs-errors.ts";
import { makeTempDir } from "../helpers/temp.ts";

const cwd = "/srv/blog";
const nodeError = (code: string, syscall: string, file: string, dest?: string) =>
  Object.assign(new Error(`${code}: ${syscall} '${file}'`), { code, syscall, path: file, ...(dest ? { dest } : {}) });
const eleventyWrapped = (cause: Error) => Object.assign(new Error('Having trouble writing to "_site.staging/index.html"'), { originalError: cause });

describe("describeFsError", () => {
  it.each([
    [nodeError("EACCES", "mkdir", "/srv/blog/_site.staging/posts"), "cannot create the folder _site.staging/posts: permission denied (EACCES)"],
    [nodeError("ENOSPC", "write", "/srv/blog/_site.staging/index.html"), "cannot write _site.staging/index.html: no space left on the device (ENOSPC)"],
    [eleventyWrapped(nodeError("EROFS", "open", "/srv/blog/_site.staging/feed.xml")), "cannot open _site.staging/feed.xml: the file system is read-only (EROFS)"],
    [nodeError("EXDEV", "rename", "/srv/blog/_site.staging", "/mnt/_site"), "cannot move _site.staging to /mnt/_site: the system refused (EXDEV)"],
    [nodeError("ENOTDIR", "open", "/tmp/file/_site.lock"), "cannot open /tmp/file/_site.lock: a part of the path is a file, not a folder (ENOTDIR)"],
    [new Error("not a file system error"), undefined],
    [Object.assign(new Error("no path"), { code: "EACCES" }), undefined],
  ])("%s → %s", (error, line) => {
    expect(describeFsError(error, cwd)).toBe(line);
  });

  it("describes a real failure: a folder made where a file is", () => {
    const dir = makeTempDir("gloss-fs-");
    writeFileSync(path.join(dir, "file"), "");
    let caught: unknown;
    try {
      mkdirSync(path.join(dir, "file/_site"));
    } catch (error) {
      caught = error;
    }
    expect(describeFsError(caught, dir)).toBe("cannot create the folder file/_site: a part of the path is a file, not a folder (ENOTDIR)");
    try {
      renameSync(path.join(dir, "missing"), path.join(dir, "there"));
    } catch (error) {
      caught = error;
    }
    expect(describeFsError(caught, dir)).toBe("cannot move missing to there: no such file or folder (ENOENT)");
  });
});
