// A page rendered by calling its compiled component through Astro's own server runtime, without
// `App.render`'s per-request machinery: no `Request`, routing, middleware, `FetchState`, `Response`
// or its bytes read back. A renderer thread (render-worker.ts) holds one of these for the compiled
// pages; it works out what a page's render needs (its route, module, stylesheet links, the parts of
// Astro's `result` every page shares) once per route, and per page makes only the parts a render
// changes. Astro's `renderToString` (the one the components were compiled against, exported by the
// bundle's entry: src/site/render-entry.ts) does the rendering, so the page's HTML is Astro's own.
//
// It does what datashelf's pages use: pages rendered from `Astro.locals` and props, stylesheet
// links, no client islands, middleware, internationalisation or content security policy. A compiled
// site that uses more gets no direct renderer (`directRenderer` returns null) and is rendered by
// `App.render` as before; an `Astro.*` a page reads that needs a request (cookies, redirects…)
// throws, naming it (docs/decisions/page-rendering.md).

/** What the renderer reads of a route in Astro's manifest (`manifest.routes[].routeData`). */
interface RouteData {
  route: string;
  component: string;
  type: string;
  pattern: RegExp;
  params: string[];
  prerender: boolean;
  origin?: string;
}

type Stylesheet = { type: 'external'; src: string } | { type: 'inline'; content: string };

/** What the renderer reads of Astro's manifest (`app.manifest`, Astro 7). */
export interface AstroManifest {
  routes: { routeData: RouteData; styles?: Stylesheet[]; scripts?: unknown[] }[];
  pageMap?: Map<string, () => Promise<{ page: () => Promise<PageModule> | PageModule }>>;
  base: string;
  site?: string;
  assetsPrefix?: unknown;
  userAssetsBase?: string;
  compressHTML: boolean;
  componentMetadata: Map<string, unknown>;
  renderers: unknown[];
  clientDirectives: Map<string, string>;
  inlinedScripts: Map<string, string>;
  /** The bundled client scripts, by the module each was made from. */
  entryModules: Record<string, string>;
  trailingSlash: string;
  key: unknown;
  csp?: unknown;
  shouldInjectCspMetaTags?: boolean;
  i18n?: unknown;
  middleware?: () => Promise<{ onRequest?: unknown }>;
  internalFetchHeaders?: unknown;
}

interface PageModule {
  default: unknown;
  getStaticPaths?: unknown;
  partial?: boolean;
}

/** Astro's `renderToString` (runtime/server/render/astro/render.js): a page's HTML, or a `Response` the page returned. */
export type AstroRenderToString = (result: object, component: unknown, props: object, slots: object, isPage: boolean, route: RouteData) => Promise<string | Response>;

/** Renders the page at `pathname` (base-less, `/dataset/x/`) with `locals` as its `Astro.locals`: its HTML; null for what it leaves to `App.render` (an endpoint, a page with `getStaticPaths` or answering with a `Response`). */
export type DirectRender = (pathname: string, locals: object) => Promise<string | null>;

interface PreparedRoute {
  data: RouteData;
  /** The page's module, loaded at its first page. */
  module: Promise<PageModule>;
  stylesheets: Stylesheet[];
  /** Astro's `result` fields every page of the route shares. */
  shared: object;
  status: number;
}

/** The compiled pages' direct renderer, or null when they use something it does not do (then `App.render` renders them). */
export async function directRenderer(manifest: AstroManifest, renderToString: AstroRenderToString | undefined, generator: string): Promise<DirectRender | null> {
  if (typeof renderToString !== 'function' || !(manifest.pageMap instanceof Map)) return null;
  if (manifest.csp || manifest.shouldInjectCspMetaTags || manifest.i18n || manifest.userAssetsBase || manifest.assetsPrefix || manifest.renderers.length > 0) return null;
  if (!(await noMiddleware(manifest))) return null;
  const site = manifest.site ? new URL(manifest.site) : undefined;
  const routes: PreparedRoute[] = [];
  for (const { routeData, styles = [], scripts = [] } of manifest.routes) {
    if (routeData.origin === 'internal' || (routeData.type !== 'page' && routeData.type !== 'endpoint')) continue;
    // Head scripts, or a stylesheet named otherwise than Astro names its own: not ours, left to `App.render`.
    if (scripts.length > 0 || styles.some((style) => style.type === 'external' && !assetName.test(style.src))) return null;
    const load = manifest.pageMap.get(routeData.component);
    if (!load) return null;
    let module: Promise<PageModule> | undefined;
    routes.push({
      data: routeData,
      get module() {
        return (module ??= load().then((entry) => entry.page()));
      },
      stylesheets: styles,
      shared: {
        base: manifest.base,
        userAssetsBase: manifest.userAssetsBase,
        clientDirectives: manifest.clientDirectives,
        inlinedScripts: manifest.inlinedScripts,
        componentMetadata: manifest.componentMetadata,
        compressHTML: manifest.compressHTML,
        renderers: manifest.renderers,
        key: manifest.key,
        trailingSlash: manifest.trailingSlash,
        cspDestination: routeData.prerender ? 'meta' : 'header',
        shouldInjectCspMetaTags: false,
        cspAlgorithm: 'SHA-256',
        internalFetchHeaders: manifest.internalFetchHeaders,
      },
      status: routeData.route === '/404' ? 404 : routeData.route === '/500' ? 500 : 200,
    });
  }
  // A component's bundled script, by the module Astro named it after (production environment's `resolve`).
  const entryModules = manifest.entryModules;
  if (Object.values(entryModules).some((file) => file !== '' && !file.startsWith('data:') && !assetName.test(file))) return null;
  const resolve = async (specifier: string) => {
    if (!(specifier in entryModules)) throw new Error(`Unable to resolve [${specifier}]`);
    const file = entryModules[specifier]!;
    return file.startsWith('data:') || file.length === 0 ? file : assetLink(file, manifest.base);
  };

  return (pathname, locals) => {
    // The manifest lists routes in Astro's order of priority; ours do not overlap.
    const route = routes.find((candidate) => candidate.data.pattern.test(pathname));
    // No route here (Astro's routing may know better), or an endpoint: `App.render`'s.
    if (!route || route.data.type !== 'page') return Promise.resolve(null);
    return route.module.then((module) => {
      // Its props would come from its static paths, which this does not work out.
      if (module.getStaticPaths) return null;
      const result = pageResult(route, pathname, locals, module, site, generator, resolve);
      // A page that answers with a `Response` (a redirect) is `App.render`'s to answer.
      return renderToString(result, module.default, {}, {}, true, route.data).then((html) => (typeof html === 'string' ? html : null));
    });
  };
}

/** Whether the compiled site's middleware is Astro's stand-in that only calls the next handler. */
async function noMiddleware(manifest: AstroManifest): Promise<boolean> {
  if (!manifest.middleware) return true;
  const { onRequest } = await manifest.middleware();
  return onRequest === undefined || String(onRequest).replace(/\s/g, '') === '(_,next)=>next()';
}

/** The parts of Astro's `Astro` global that need a request: reading one throws, naming it (as Astro's own `getStaticPaths` global does). */
const requestOnly = {};
for (const name of ['cookies', 'redirect', 'rewrite', 'request', 'slots', 'session', 'csp', 'callAction', 'getActionResult', 'clientAddress', 'currentLocale', 'preferredLocale', 'preferredLocaleList', 'originPathname', 'logger']) {
  Object.defineProperty(requestOnly, name, {
    get() {
      throw new Error(`Astro.${name} is not available to a page datashelf renders: a page is rendered from its view, not from a request (src/build/direct-render.ts)`);
    },
  });
}

/** One page's part of its components' `Astro` global (each component's is made from it, with its props); what needs a request throws. */
class PageGlobal {
  #url: URL | undefined;
  #params: Record<string, string | undefined> | undefined;
  readonly #route: RouteData;
  readonly #pathname: string;
  readonly #base: string;
  readonly routePattern: string;
  readonly isPrerendered: boolean;
  readonly locals: object;
  readonly response: object;
  readonly site: URL | undefined;
  readonly generator: string;

  constructor(route: RouteData, pathname: string, base: string, locals: object, response: object, site: URL | undefined, generator: string) {
    this.#route = route;
    this.#pathname = pathname;
    this.#base = base;
    this.routePattern = route.route;
    this.isPrerendered = route.prerender;
    this.locals = locals;
    this.response = response;
    this.site = site;
    this.generator = generator;
  }

  get url(): URL {
    return (this.#url ??= new URL(`${this.#base.replace(/\/$/, '')}${this.#pathname}`, 'http://localhost'));
  }

  get params(): Record<string, string | undefined> {
    return (this.#params ??= routeParams(this.#route, this.#pathname));
  }
}
Object.setPrototypeOf(PageGlobal.prototype, requestOnly);

/**
 * One component's `Astro` global: its props, and its page's part read through it. Of one class, so
 * every component's global of every page has one shape: made with the page's global as its
 * prototype (as Astro makes it), each page's globals had a shape of their own, the page's global was
 * made into a prototype for every page, and each component's `Astro.props` and `Astro.locals` read
 * missed V8's caches.
 */
class ComponentGlobal {
  readonly #page: PageGlobal;
  readonly props: object;
  self: unknown = null;

  constructor(page: PageGlobal, props: object) {
    this.#page = page;
    this.props = props;
  }

  get url(): URL {
    return this.#page.url;
  }

  get params(): Record<string, string | undefined> {
    return this.#page.params;
  }

  get routePattern(): string {
    return this.#page.routePattern;
  }

  get isPrerendered(): boolean {
    return this.#page.isPrerendered;
  }

  get locals(): object {
    return this.#page.locals;
  }

  get response(): object {
    return this.#page.response;
  }

  get site(): URL | undefined {
    return this.#page.site;
  }

  get generator(): string {
    return this.#page.generator;
  }
}
Object.setPrototypeOf(ComponentGlobal.prototype, requestOnly);

/**
 * Astro's `result` for one page, as `FetchState.createResult` makes it (core/fetch/fetch-state.js),
 * from the route's shared fields and what one render changes: its metadata, its stylesheets (the
 * head's renderer empties the set), and its `Astro` global.
 */
function pageResult(route: PreparedRoute, pathname: string, locals: object, module: PageModule, site: URL | undefined, generator: string, resolve: (specifier: string) => Promise<string>): object {
  const { status } = route;
  const base = (route.shared as { base: string }).base;
  let headers: Headers | undefined;
  const response = {
    status,
    statusText: status === 404 ? 'Not Found' : status === 500 ? 'Internal Server Error' : 'OK',
    get headers() {
      return (headers ??= new Headers({ 'Content-Type': 'text/html' }));
    },
  };
  const page = new PageGlobal(route.data, pathname, base, locals, response, site, generator);
  return {
    ...route.shared,
    cancelled: false,
    partial: Boolean(module.partial),
    pathname,
    get params() {
      return page.params;
    },
    response,
    styles: new Set(route.stylesheets.map((stylesheet) => stylesheetElement(stylesheet, base))),
    links: new Set(),
    scripts: new Set(),
    resolve,
    createAstro: (props: object) => new ComponentGlobal(page, props),
    async getServerIslandNameMap() {
      return new Map();
    },
    _metadata: {
      hasHydrationScript: false,
      rendererSpecificHydrationScripts: new Set(),
      hasRenderedHead: false,
      renderedScripts: new Set(),
      hasDirectives: new Set(),
      hasRenderedServerIslandRuntime: false,
      headInTree: false,
      extraHead: [],
      extraStyleHashes: [],
      extraScriptHashes: [],
      propagators: new Set(),
      routeHasPropagation: false,
      pendingSlotEvaluations: [],
      templateDepth: 0,
    },
    directives: [],
    scriptHashes: [],
    scriptResources: [],
    styleHashes: [],
    styleResources: [],
    isStrictDynamic: false,
    scriptDirective: { resources: [], hashes: [], strictDynamic: false },
    styleDirective: { resources: [], hashes: [] },
    speculationRulesContent: undefined,
  };
}

/** The names Astro gives the files it bundles (`_astro/Base.v40-DOtI.css`): linked as they are, under the base. */
const assetName = /^[\w./-]+$/;

/** A bundled file's address, as Astro's `createAssetLink` (core/render/ssr-element.js) makes it for such a name without an assets prefix. */
function assetLink(file: string, base: string): string {
  return `${base.replace(/\/$/, '')}/${file.replace(/^\//, '')}`;
}

/** A stylesheet as Astro's head renders it (`createStylesheetElement`): a link, or inline. */
function stylesheetElement(stylesheet: Stylesheet, base: string): { props: Record<string, string>; children: string } {
  if (stylesheet.type === 'inline') return { props: {}, children: stylesheet.content };
  return { props: { rel: 'stylesheet', href: assetLink(stylesheet.src, base) }, children: '' };
}

/** A route's parameters from the page's address, as Astro's `getParams` (core/render/params-and-props.js) gives them. */
function routeParams(route: RouteData, pathname: string): Record<string, string | undefined> {
  const match = route.pattern.exec(pathname);
  const params: Record<string, string | undefined> = {};
  if (!match) return params;
  route.params.forEach((key, index) => {
    if (key.startsWith('...')) params[key.slice(3)] = match[index + 1] ? match[index + 1] : undefined;
    else params[key] = match[index + 1];
  });
  return params;
}
