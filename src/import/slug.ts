// Ids for content/ from names in a source: lower case, ASCII, hyphens, as the loader's id rule asks.

const letters: Record<string, string> = { æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', ß: 'ss', đ: 'd', ł: 'l', þ: 'th', ð: 'd', '&': ' and ' };

/** `Athenæum of Philadelphia` → `athenaeum-of-philadelphia`; '' when nothing is left. */
export function slugify(text: string, maxLength = 80): string {
  const ascii = [...text].map((char) => letters[char] ?? char).join('').normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}

export const isContentId = (value: string) => /^[a-z0-9][a-z0-9-]*$/.test(value);

/** Hands out ids unique within one set: `data`, `data-2`, `data-3`… in the order asked. */
export class UniqueIds {
  private readonly taken = new Set<string>();

  claim(wanted: string, fallback: string): string {
    const base = slugify(wanted) || fallback;
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}-${n}`;
    this.taken.add(id);
    return id;
  }
}
