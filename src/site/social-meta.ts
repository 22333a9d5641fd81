// The meta tags that say what a page is when it is shared: OpenGraph (read by most sites and chat
// apps) and a Twitter/X summary card. One list, rendered by the head of every page (Base.astro).
import type { Site } from '../catalogue/model.ts';

export interface MetaTag {
  /** OpenGraph names its tags with `property`, Twitter with `name`. */
  property?: string;
  name?: string;
  content: string;
}

export interface PageFacts {
  /** The page's own title, without the catalogue's name. */
  title: string;
  /** Its description, as the page's `<meta name="description">` says it. */
  description: string;
  canonicalPath: string;
}

/** The text every page's description falls back to: the catalogue's, else its name. */
export function pageDescription(site: Pick<Site, 'description' | 'title'>, description: string | undefined): string {
  return description || site.description || site.title;
}

/** `en-GB` → `en_GB`, `cy` → `cy`: OpenGraph writes a locale as language_TERRITORY. */
export function openGraphLocale(language: string): string {
  const [primary = language, ...subtags] = language.split('-');
  const region = subtags.find((subtag) => /^([a-z]{2}|\d{3})$/i.test(subtag));
  return region ? `${primary.toLowerCase()}_${region.toUpperCase()}` : primary.toLowerCase();
}

export function socialMetaTags(site: Site, page: PageFacts): MetaTag[] {
  return [
    { property: 'og:type', content: 'website' },
    { property: 'og:site_name', content: site.title },
    { property: 'og:title', content: page.title },
    { property: 'og:description', content: page.description },
    { property: 'og:url', content: `${site.url}${page.canonicalPath}` },
    { property: 'og:locale', content: openGraphLocale(site.language) },
    // No image: a summary card is the one that reads well without one. Its title and description
    // are og:title and og:description (X reads those when its own tags are absent): a copy of both on
    // every page was about 2.5 MB at 10,000 datasets (docs/decisions/lean-layout.md, session 6).
    { name: 'twitter:card', content: 'summary' },
  ];
}
