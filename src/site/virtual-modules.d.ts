// The modules the build provides to the site while it renders (src/build/render-pages-process.ts).
declare module 'virtual:datashelf/catalogue' {
  import type { Catalogue } from '../catalogue/model.ts';
  const catalogue: Catalogue;
  export default catalogue;
}

declare module 'virtual:datashelf/outputs' {
  import type { SiteOutputs } from '../outputs/index.ts';
  const outputs: SiteOutputs;
  export default outputs;
}
