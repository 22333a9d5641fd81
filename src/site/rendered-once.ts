// Parts of the frame every page shows alike (the site's header, the footer's links and its line on
// reuse) rendered by Astro once per site and per set of the values they read, then repeated as the
// markup Astro gave: at 10,000 datasets Astro rendered the same header and footer 11,700 times,
// about a fifth of a dataset page's rendering. A part is an Astro component of its own; the layout
// renders it through `renderedOnce(Part)`, a component that renders the part the first time it
// meets a site and key (Astro's own `renderToString`, into the same page's `result`) and gives that
// markup every later time. So a page's bytes are Astro's whichever page rendered the part first.
//
// The key (the `once` prop) must name everything the part reads besides its `site`, which is the
// object a renderer's pages share (src/site/page-context.ts): a new site context (the next build, a
// test) starts afresh. A part given slots is rendered as it is: its markup is its caller's.
import { createComponent, markHTMLString, renderToString } from 'astro/runtime/server/index.js';
import type { Licence, Site } from '../catalogue/model.ts';

/** An Astro component as compiled: called with the page's `result`, its props and its slots. */
type AstroComponent = (result: never, props: never, slots: never) => unknown;

/** The props of a part rendered once: its site, and a key naming all else it reads. */
export interface OnceProps {
  site: Site;
  once: string;
}

const wrappers = new WeakMap<AstroComponent, AstroComponent>();

/** `component` rendered once per site and `once` key (a layout calls this on every render: the wrapper is made once). */
export function renderedOnce<Component extends AstroComponent>(component: Component): Component {
  let wrapper = wrappers.get(component);
  if (!wrapper) wrappers.set(component, (wrapper = onceWrapper(component)));
  return wrapper as Component;
}

function onceWrapper(component: AstroComponent): AstroComponent {
  const call = component as unknown as (result: object, props: OnceProps, slots: Record<string, unknown>) => unknown;
  const rendered = new WeakMap<Site, Map<string, unknown>>();
  const render = (result: object, props: OnceProps, slots: Record<string, unknown>): unknown => {
    if (slots && Object.keys(slots).length > 0) return call(result, props, slots);
    let bySite = rendered.get(props.site);
    if (!bySite) rendered.set(props.site, (bySite = new Map()));
    const kept = bySite.get(props.once);
    if (kept !== undefined) return kept;
    // Rendered as a partial (Astro's `partial`: no head of its own), as its place in the page makes it:
    // a part comes after the layout's `</head>`, where Astro has written the page's head, so the
    // instruction Astro puts before a component's first element writes nothing there. Rendered here,
    // maybe before Astro got to `</head>` (a page whose head waits renders what follows ahead), it
    // would write the head's stylesheets into the part.
    const asPartial = Object.create(result, { partial: { value: true } }) as object;
    return (renderToString(asPartial as never, component as never, props, {}) as Promise<unknown>).then((html) => {
      if (typeof html !== 'string') throw new Error(`${component.name || 'a part of the frame'} answered with a response, not markup`);
      const markup = markHTMLString(html);
      bySite.set(props.once, markup);
      return markup;
    });
  };
  return createComponent(render as never) as unknown as AstroComponent;
}

const identities = new WeakMap<object, string>();
let nextIdentity = 0;

/** A key for a part that reads `value` (an object not changed once made, as a build's outputs): one per object. */
export function identityKey(value: object): string {
  let key = identities.get(value);
  if (key === undefined) identities.set(value, (key = `#${nextIdentity++}`));
  return key;
}

/** A key for the licence a part names: undefined (the catalogue's default) or the licence's fields. */
export function licenceKey(licence: Licence | null | undefined): string {
  return licence === undefined ? 'default' : JSON.stringify(licence);
}
