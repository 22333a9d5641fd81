// The list pages' cards kept between builds (src/build/card-store.ts): an edit's build does not read
// the store, and adds the cards of the changed datasets to the shards that hold their keys.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CardStore } from '../../src/build/card-store.ts';
import { shardFiles, storeFolder, type FragmentsConfig } from '../../src/build/fragments.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function cacheIn(): FragmentsConfig {
  const dir = mkdtempSync(path.join(tmpdir(), 'datashelf-cards-'));
  folders.push(dir);
  return { dir, key: 'key-1', reuse: true };
}

const keys = Array.from({ length: 700 }, (_, index) => `digest-${index}`);

/** A full build's store: a card learnt for each key. */
function fullStore(store: FragmentsConfig, context = 'context-1'): void {
  const cards = new CardStore(context, store);
  cards.learnt(keys.map((key) => [key, `card of ${key}`]));
  cards.save();
}

/** What the next build reading the whole store finds of `wanted`. */
function found(store: FragmentsConfig, wanted: readonly string[], context = 'context-1'): (string | null)[] {
  return new CardStore(context, store).cards(wanted);
}

describe('an edit’s cards', () => {
  it('are not read from the store, and the changed datasets’ cards are added to it, every other kept', () => {
    const store = cacheIn();
    fullStore(store);
    const shards = shardFiles(storeFolder(store, 'list-cards'));
    expect(shards.length).toBeGreaterThan(1);
    const before = new Map(shards.map((file) => [file, statSync(file).mtimeMs]));
    const edit = new CardStore('context-1', store);
    edit.fewPages(new Set(['digest-new']));
    // Nothing read: a card kept in the store is not known to the edit's build.
    expect(edit.cards(['digest-1', 'digest-new'])).toEqual([null, null]);
    edit.learnt([
      ['digest-new', 'card of the edit'],
      ['digest-1', 'card of digest-1'],
    ]);
    expect(edit.cards(['digest-new'])).toEqual(['card of the edit']);
    edit.keepAll();
    edit.save();
    expect(found(store, ['digest-new', 'digest-1', 'digest-699'])).toEqual(['card of the edit', 'card of digest-1', 'card of digest-699']);
    // Only the shard holding the new key was written again.
    const written = shards.filter((file) => statSync(file).mtimeMs !== before.get(file));
    expect(written.length).toBeLessThanOrEqual(1);
  });

  it('writes nothing into a store of another context, nor when there is no store', () => {
    const store = cacheIn();
    fullStore(store, 'context-0');
    const edit = new CardStore('context-1', store);
    edit.fewPages(new Set(['digest-new']));
    edit.learnt([['digest-new', 'card of the edit']]);
    edit.save();
    expect(found(store, ['digest-new', 'digest-1'], 'context-0')).toEqual([null, 'card of digest-1']);
    const empty = cacheIn();
    const first = new CardStore('context-1', empty);
    first.fewPages(new Set(['digest-new']));
    first.learnt([['digest-new', 'card of the edit']]);
    first.save();
    expect(shardFiles(storeFolder(empty, 'list-cards'))).toEqual([]);
  });

  it('is a whole build’s store once the store was read', () => {
    const store = cacheIn();
    fullStore(store);
    const cards = new CardStore('context-1', store);
    expect(cards.cards(['digest-3'])).toEqual(['card of digest-3']);
    cards.fewPages(new Set(['digest-new']));
    expect(cards.cards(['digest-4'])).toEqual(['card of digest-4']);
  });
});
