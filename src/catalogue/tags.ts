// Tag names as publishers write them, and the URL slug their landing page lives at.

/** `Air Quality` and `air-quality` share `/tag/air-quality/`; letters of any script are kept. */
export function tagSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
