// Post bodies rendered by the production build before (lib/catalog/render.ts, RenderStore): a
// warm build takes the render of every body that did not change instead of running markdown-it
// over it again. One file beside the build's record (build-record.ts, snapshotPaths), written by
// every production build, a cold one too:
//   - each render: what the catalog reads of it as UTF-8 JSON, a newline, then its HTML;
//   - then the index: the key (everything a render reads that is not its own file: registries,
//     settings, images, Gloss's code; warm.ts, inputsKey) and, for each file, the digest of what
//     its render read of it (with the digest of the file's bytes for its body, where the build
//     knows it), where its render is, and the SHA-1 of those bytes;
//   - then a footer: where the index is, its SHA-256, and the format's name.
// A build appends the renders it made to those it took (KeptRenders.write). A file whose footer,
// index digest or key does not check out is ignored whole; a render whose bytes do not match
// their SHA-1, or do not have a render's shape, is rendered again. A render is read only when
// asked for (one read at its offset), so the store costs no memory up front; and a render's HTML
// only when a page asks for it (`takenHtml`): a warm build renders few of the post pages.
import { createHash } from "node:crypto";
import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { storedState, type RenderInput, type RenderStore, type StoredRender } from "../catalog/render.ts";

/** The format's name, last in the file: another format (or a file cut short) is ignored. */
const FORMAT = Buffer.from("gloss-renders-v2");
/** Index offset (8 bytes), index length (4), SHA-256 of the index (32), the format's name. */
const FOOTER = 8 + 4 + 32 + FORMAT.length;

/** [file as the catalog names it, digest of what its render reads, offset, length, SHA-1 of the bytes]. */
type IndexEntry = [string, string, number, number, string];

/**
 * What a render reads of its file, as one digest. Where the build knows the digest of the file's
 * bytes it read (`fileDigest`, from the posts' front matter store), that stands for the body: the
 * body, its first line, description and toc are all read from those bytes, by code the key
 * covers. Else the body itself is hashed.
 */
function inputDigest(input: RenderInput, fileDigest: string | undefined): string {
  const { description, toc } = input.data;
  const head = `${input.file}\0${input.lineOffset}\0${description === undefined ? "-" : `+${description}`}\0${toc ? 1 : 0}\0`;
  const hash = createHash("sha1").update(head);
  return (fileDigest === undefined ? hash.update("body\0").update(input.body) : hash.update(`file\0${fileDigest}`)).digest("base64");
}

const sha1 = (bytes: Buffer) => createHash("sha1").update(bytes).digest("base64");

/** A render's bytes: what the catalog reads of it but its HTML, as JSON (never a raw newline), a newline, the HTML. */
const renderBytes = ({ html, ...rest }: StoredRender): Buffer => Buffer.from(`${JSON.stringify(rest)}\n${html}`, "utf8");

/** Whether parsed bytes have a render's shape (what the catalog reads of it), but for its HTML. */
function isStoredRender(value: unknown): value is Omit<StoredRender, "html"> {
  const v = value as StoredRender | null;
  const state = v?.state;
  return (
    typeof v?.summary === "string" &&
    (v.toc === undefined || Array.isArray(v.toc)) &&
    typeof state === "object" &&
    state !== null &&
    Array.isArray(state.passages) &&
    typeof state.words?.quoted === "number" &&
    typeof state.words.commentary === "number" &&
    Array.isArray(state.quotedSourceIds) &&
    typeof state.firstParagraph === "string" &&
    Array.isArray(state.headings) &&
    Array.isArray(state.images)
  );
}

/** The store of one build: the last build's renders to take, this build's to write for the next. */
export class KeptRenders implements RenderStore {
  private readonly index = new Map<string, IndexEntry>();
  private fd: number | undefined;
  private readonly digests = new WeakMap<RenderInput, string>();
  /** This build's renders: those taken stay where they are in the file, by their index entry. */
  private readonly kept = new Map<string, { digest: string; render: StoredRender } | IndexEntry>();
  /** Where the last build's renders end (its index starts), when its file is sound and of this key. */
  private dataEnd: number | undefined;
  /** Renders taken, with their entries: kept as they are in the file. */
  private readonly reused = new WeakMap<StoredRender, IndexEntry>();
  /** Renders taken from the last build. */
  taken = 0;
  /** Why the last build's renders are not used, when a file was there but did not check out. */
  readonly ignored: string | undefined;

  /**
   * `fileDigest`: the digest of a post file's bytes as this build read it, when known (the posts'
   * front matter store, lib/pipeline/front-matter-store.ts: what `digestOf` gives).
   */
  constructor(
    private readonly file: string,
    private readonly key: string,
    private readonly fileDigest: (file: string) => string | undefined = () => undefined,
  ) {
    this.ignored = this.open();
  }

  /** Reads the footer and the index; returns why they are not used, if they are there but not sound. */
  private open(): string | undefined {
    let fd: number;
    try {
      fd = openSync(this.file, "r");
    } catch {
      return undefined;
    }
    let reason: string | undefined;
    try {
      reason = this.readIndex(fd);
    } catch {
      reason = "damaged";
    }
    if (reason === undefined) this.fd = fd;
    else closeSync(fd);
    return reason;
  }

  private readIndex(fd: number): string | undefined {
    const size = fstatSync(fd).size;
    if (size < FOOTER) return "cut short";
    const footer = readAt(fd, size - FOOTER, FOOTER);
    if (!footer.subarray(44).equals(FORMAT)) return "of another format";
    const at = Number(footer.readBigUInt64LE(0));
    const length = footer.readUInt32LE(8);
    if (at + length > size - FOOTER) return "damaged";
    const bytes = readAt(fd, at, length);
    if (!createHash("sha256").update(bytes).digest().equals(footer.subarray(12, 44))) return "damaged";
    const index = JSON.parse(bytes.toString("utf8")) as { key: string; entries: IndexEntry[] };
    if (index.key !== this.key) return undefined; // Made under other settings, registries or code: stale, not damaged.
    for (const entry of index.entries) {
      const [file, digest, offset, length, bytesDigest] = entry;
      const sound = typeof file === "string" && typeof digest === "string" && typeof bytesDigest === "string" && Number.isSafeInteger(offset) && Number.isSafeInteger(length) && offset >= 0 && length >= 0;
      if (!sound || offset + length > at) return "damaged";
      this.index.set(file, entry);
    }
    this.dataEnd = at;
    return undefined;
  }

  take(input: RenderInput): StoredRender | undefined {
    const digest = inputDigest(input, this.fileDigest(input.file));
    this.digests.set(input, digest);
    const entry = this.index.get(input.file);
    if (this.fd === undefined || !entry || entry[1] !== digest) return undefined;
    const bytes = readAt(this.fd, entry[2], entry[3]);
    if (sha1(bytes) !== entry[4]) return undefined;
    const split = bytes.indexOf(0x0a);
    if (split < 0) return undefined;
    let render: unknown;
    try {
      render = JSON.parse(bytes.toString("utf8", 0, split));
    } catch {
      return undefined;
    }
    if (!isStoredRender(render)) return undefined;
    this.taken += 1;
    const taken = this.takenHtml(render, entry, split + 1);
    this.reused.set(taken, entry);
    return taken;
  }

  /**
   * A taken render with its HTML read from the file only when first asked for, then kept: a
   * getter, not enumerable, so copies of the render or of its post (`{ ...post }`) do not read
   * it (lib/catalog/render.ts, withHtml). The bytes are checked against their SHA-1 again: the
   * file is open until the build's pages are written (close), and nothing writes over a render
   * taken (write appends after them, or writes a new file in its place).
   */
  private takenHtml(render: Omit<StoredRender, "html">, entry: IndexEntry, start: number): StoredRender {
    const [file, , offset, length, digest] = entry;
    const read = (): string => {
      const bytes = this.fd === undefined ? undefined : readAt(this.fd, offset, length);
      if (bytes === undefined || sha1(bytes) !== digest) throw new Error(`The post body of ${file} kept by the last build ${bytes ? "changed while this build ran" : "was asked for once its file was closed"} (${this.file}); run the build again.`);
      return bytes.toString("utf8", start);
    };
    // Once read (or set), a plain value on the object asked, still not enumerable.
    const settle = (target: object, html: string) => Object.defineProperty(target, "html", { value: html, writable: true, configurable: true, enumerable: false });
    return Object.defineProperty(render, "html", {
      configurable: true,
      enumerable: false,
      get(this: object) {
        const html = read();
        settle(this, html);
        return html;
      },
      set(this: object, html: string) {
        settle(this, html);
      },
    }) as StoredRender;
  }

  keep(input: RenderInput, render: StoredRender): void {
    const entry = this.reused.get(render);
    if (entry) {
      this.kept.set(input.file, entry);
      return;
    }
    this.kept.set(input.file, {
      digest: this.digests.get(input) ?? inputDigest(input, this.fileDigest(input.file)),
      render: { html: render.html, summary: render.summary, toc: render.toc, state: storedState(render.state) },
    });
  }

  /** How many renders this build kept (made or taken). */
  get size(): number {
    return this.kept.size;
  }

  /**
   * Writes this build's renders for the next build, and lets go of them. The renders taken stay
   * where they are: the new ones are written after them, then the new index and footer, in place
   * of the old (a build stopped half-way leaves a file whose footer does not check out: ignored).
   * When more than half the file would be renders no build needs, or there is no sound file of
   * this key, it is written anew (a temporary file renamed over the last).
   */
  write(): void {
    let live = 0;
    for (const value of this.kept.values()) if (Array.isArray(value)) live += value[3];
    const append = this.dataEnd !== undefined && live * 2 >= this.dataEnd;
    const start = append ? this.dataEnd! : 0;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    const target = append ? this.file : temporary;
    const fd = openSync(target, append ? "r+" : "w");
    try {
      const entries: IndexEntry[] = [];
      let at = start;
      for (const [file, value] of this.kept) {
        if (Array.isArray(value) && append) {
          entries.push(value);
          continue;
        }
        let bytes: Buffer;
        let entry: IndexEntry;
        if (Array.isArray(value)) {
          // A render taken, the file written anew: its bytes as they are in the last build's file, checked again.
          if (this.fd === undefined) continue;
          bytes = readAt(this.fd, value[2], value[3]);
          if (sha1(bytes) !== value[4]) continue;
          entry = [file, value[1], at, bytes.length, value[4]];
        } else {
          bytes = renderBytes(value.render);
          entry = [file, value.digest, at, bytes.length, sha1(bytes)];
        }
        writeAt(fd, bytes, at);
        entries.push(entry);
        at += bytes.length;
      }
      const index = Buffer.from(JSON.stringify({ key: this.key, entries }), "utf8");
      writeAt(fd, index, at);
      const footer = Buffer.alloc(FOOTER);
      footer.writeBigUInt64LE(BigInt(at), 0);
      footer.writeUInt32LE(index.length, 8);
      createHash("sha256").update(index).digest().copy(footer, 12);
      FORMAT.copy(footer, 44);
      writeAt(fd, footer, at + index.length);
      ftruncateSync(fd, at + index.length + FOOTER);
    } catch (error) {
      closeSync(fd);
      rmSync(append ? this.file : temporary, { force: true });
      throw error;
    }
    closeSync(fd);
    if (!append) renameSync(temporary, this.file);
    this.kept.clear();
  }

  /**
   * Closes the last build's file, once this build's pages are written: the HTML of the renders
   * taken is read from it when a page asks for it (after write too: the renders taken are where
   * they were, or, in a file written anew, in the old one, which this keeps open).
   */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.index.clear();
  }
}

function readAt(fd: number, at: number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const n = readSync(fd, bytes, read, length - read, at + read);
    if (n === 0) break;
    read += n;
  }
  return read === length ? bytes : bytes.subarray(0, read);
}

function writeAt(fd: number, bytes: Buffer, at: number): void {
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written, at + written);
}
