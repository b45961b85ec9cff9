// The one slugify: post URLs, tags, ids and heading anchors all go through it.

/** Lowercase, ASCII, hyphen-separated: "U.S.–DPRK talks" → "us-dprk-talks", "Kim Jong Un" → "kim-jong-un". */
export function slugify(input: string): string {
  return input
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’.]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** True when `id` is already a slug (what registry ids and file names must be). */
export function isSlug(id: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id);
}
