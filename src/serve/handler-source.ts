// The CKAN handler of a build folder, kept in step with the folder: a build publishes by renaming a
// new folder into place, so the index is looked at (a `stat` call) at each request, and read
// again when its files are no longer the ones read. Reading a large index takes seconds: until the
// new one is ready, requests are answered from the old one. `reload()` (on SIGHUP) reads it at once.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { createCkanHandler, type CkanHandler } from '../ckan-handler/handler.ts';
import { readCkanIndex } from '../ckan-handler/read-index.ts';
import { ckanIndexFiles } from '../outputs/ckan/paths.ts';

export interface LoadedHandler {
  handler: CkanHandler;
  /** The catalogue's URL, as the build knows it (`https://data.example.org/data/`). */
  siteUrl: string;
}

export interface HandlerSource {
  /** The handler for the build as it is now; null when the folder holds no CKAN index. */
  current(): Promise<LoadedHandler | null>;
  /** Reads the index again now, whether or not its files look changed. */
  reload(): Promise<LoadedHandler | null>;
}

export interface HandlerSourceOptions {
  /** Told when an index could not be read (the old one, if any, goes on answering). */
  onError?: (error: unknown) => void;
  /** Told when an index was read (a new build is being answered). */
  onLoad?: (loaded: LoadedHandler, datasets: number) => void;
  /** Passed to the handler: told of its own faults. */
  onHandlerError?: (error: unknown) => void;
}

export function handlerSource(root: string, options: HandlerSourceOptions = {}): HandlerSource {
  let loaded: LoadedHandler | null = null;
  let loadedSignature: string | null = null;
  let loading: { signature: string; promise: Promise<LoadedHandler | null> } | null = null;

  const load = (signature: string, force = false): Promise<LoadedHandler | null> => {
    if (!force && loading?.signature === signature) return loading.promise;
    const promise = (async () => {
      try {
        const index = await readCkanIndex(root);
        const handler = createCkanHandler(index, options.onHandlerError ? { onError: options.onHandlerError } : {});
        loaded = { handler, siteUrl: index.catalogue.siteUrl };
        options.onLoad?.(loaded, index.packages.length);
      } catch (error) {
        options.onError?.(error);
      }
      // A failed read is not tried again until the files change again (or a reload).
      loadedSignature = signature;
      return loaded;
    })();
    loading = { signature, promise };
    void promise.finally(() => {
      if (loading?.promise === promise) loading = null;
    });
    return promise;
  };

  return {
    async current() {
      const signature = await indexSignature(root);
      if (signature === null) return null;
      if (signature === loadedSignature) return loaded;
      const next = load(signature);
      // The first index is waited for; a newer one is read while the old one answers.
      return loaded ?? next;
    },
    async reload() {
      const signature = await indexSignature(root);
      if (signature === null) return null;
      return load(signature, true);
    },
  };
}

/**
 * Which index the folder holds: device, inode, size and time of `catalogue.json` (null when it is
 * missing). It holds a digest of the package dicts, so it changes whenever they do.
 */
async function indexSignature(root: string): Promise<string | null> {
  const found = await stat(path.join(root, ckanIndexFiles.catalogue)).catch(() => null);
  if (!found?.isFile()) return null;
  return `${found.dev}:${found.ino}:${found.size}:${found.mtimeMs}`;
}
