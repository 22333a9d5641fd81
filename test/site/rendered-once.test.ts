// The frame's parts rendered once per site and key (src/site/rendered-once.ts): the markup is the
// part's own, made once, given again for the same site and key, and made afresh for another.
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { createComponent, maybeRenderHead, renderComponent, renderTemplate } from 'astro/runtime/server/index.js';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../src/catalogue/model.ts';
import { identityKey, licenceKey, renderedOnce } from '../../src/site/rendered-once.ts';
import { headerKey } from '../../src/site/navigation.ts';

type Props = { site: Site; once: string; word: string };
let calls = 0;
const Part = createComponent((_result: object, props: Props) => {
  calls++;
  // As a compiled component starts: Astro's instruction to write the head if no head was written.
  return renderTemplate`${maybeRenderHead()}<p>${props.site.title}: ${props.word}</p>`;
});
const Page = createComponent((result: object, props: Props) => renderTemplate`<div>${renderComponent(result as never, 'Part', renderedOnce(Part as never), props)}</div>`);

const site = (title: string) => ({ title }) as Site;

describe('renderedOnce', () => {
  it('renders a part once per site and key, and gives its markup again', async () => {
    const container = await AstroContainer.create();
    const render = (props: Props) => container.renderToString(Page as never, { props });
    const first = site('One & two');
    calls = 0;
    expect(await render({ site: first, once: 'a', word: 'alpha' })).toBe('<div><p>One &amp; two: alpha</p></div>');
    expect(await render({ site: first, once: 'a', word: 'alpha' })).toBe('<div><p>One &amp; two: alpha</p></div>');
    expect(calls).toBe(1);
    // Another key: rendered again.
    expect(await render({ site: first, once: 'b', word: 'beta' })).toBe('<div><p>One &amp; two: beta</p></div>');
    expect(calls).toBe(2);
    // Another site (the next build's context), even with a key seen before: rendered again.
    expect(await render({ site: site('Three'), once: 'a', word: 'alpha' })).toBe('<div><p>Three: alpha</p></div>');
    expect(calls).toBe(3);
  });

  it('keys name what the parts read', () => {
    const outputs = { links: [] };
    expect(identityKey(outputs)).toBe(identityKey(outputs));
    expect(identityKey(outputs)).not.toBe(identityKey({ links: [] }));
    expect(licenceKey(undefined)).not.toBe(licenceKey(null));
    expect(licenceKey({ id: 'ogl', title: 'OGL', url: null } as never)).not.toBe(licenceKey({ id: 'ogl', title: 'OGL v3', url: null } as never));
    // The header's current items: the page itself, or its section.
    expect(headerKey(false, 'datasets/', 'datasets')).toBe('public:page,,,');
    expect(headerKey(false, 'dataset/x/', 'datasets')).toBe('public:true,,,');
    expect(headerKey(true, 'dataset/x/', 'datasets')).toBe('internal:true,,,');
    expect(headerKey(false, 'accessibility/', undefined)).toBe('public:,,,');
  });
});
