// File system failures (a folder that cannot be written, a full disk) as one line naming the
// path, for "Build failed: …": found anywhere in an error's cause chain (Eleventy wraps them).
import path from "node:path";

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder",
  ENOENT: "no such file or folder",
  EEXIST: "it already exists",
  ENOTEMPTY: "the folder is not empty",
  EBUSY: "it is in use",
  EMFILE: "too many open files",
  ENAMETOOLONG: "the name is too long",
  EIO: "an input/output error",
};

const ACTIONS: Record<string, string> = {
  open: "open",
  mkdir: "create the folder",
  rename: "move",
  rmdir: "remove",
  unlink: "remove",
  write: "write",
  copyfile: "copy",
  link: "create",
  scandir: "list",
  stat: "read",
  lstat: "read",
  read: "read",
};

interface FsError {
  code: string;
  syscall?: string;
  path?: string;
  dest?: string;
}

/** The first file system error in a cause chain, if any. */
export function findFsError(error: unknown): FsError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 10; depth += 1) {
    const { code } = current as { code?: unknown };
    if (typeof code === "string" && /^E[A-Z]+$/.test(code) && (current as FsError).path !== undefined) return current as FsError;
    current = (current as { originalError?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** `cannot create the folder _site.staging/posts: permission denied (EACCES)`, or undefined. */
export function describeFsError(error: unknown, cwd = process.cwd()): string | undefined {
  const found = findFsError(error);
  if (!found?.path) return undefined;
  const show = (file: string) => {
    const relative = path.relative(cwd, path.resolve(cwd, file));
    return relative && !relative.startsWith("..") ? relative : path.resolve(cwd, file);
  };
  const action = ACTIONS[found.syscall ?? ""] ?? "use";
  const target = found.dest ? `${show(found.path)} to ${show(found.dest)}` : show(found.path);
  return `cannot ${action} ${target}: ${REASONS[found.code] ?? "the system refused"} (${found.code})`;
}
