// The sink keeps, as files are recorded, which of them differ from the previous output (new, or
// another hash or size): the manifest's text is made from those alone (manifest-text.ts), so they
// must be exactly the files a comparison of the whole manifest finds, however they were recorded.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestEdits, manifestText, patchedManifestText } from '../../src/outputs/manifest-text.ts';
import { contentHash, OutputSink, type Manifest, type OutputEntry } from '../../src/outputs/output-sink.ts';

const entryOf = (text: string): OutputEntry => ({ hash: contentHash(text), size: Buffer.byteLength(text) });

/** The files of the sink's manifest whose entry is not the previous one: what `differs` must hold. */
function compared(sink: OutputSink, previous: Manifest): string[] {
  return [...sink.entries].filter(([file, entry]) => previous.get(file)?.hash !== entry.hash || previous.get(file)?.size !== entry.size).map(([file]) => file).sort();
}

describe("the sink's files that differ from the previous output", () => {
  it('are those a comparison of the whole manifest finds, through writes, keeps, links, removals and other threads’ records', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'sink-differs-'));
    const previousDir = path.join(root, 'previous');
    await mkdir(previousDir, { recursive: true });
    for (const file of ['same.txt', 'changed.txt', 'kept.txt', 'gone.txt']) await writeFile(path.join(previousDir, file), file);
    const previous: Manifest = new Map(['same.txt', 'changed.txt', 'kept.txt', 'gone.txt', 'theirs-same.txt', 'theirs-changed.txt', 'back.txt'].map((file) => [file, entryOf(file)]));
    const sink = new OutputSink(path.join(root, 'site'), { manifest: previous, dir: previousDir });
    sink.write('same.txt', 'same.txt');
    sink.write('changed.txt', 'other bytes');
    sink.write('new.txt', 'new');
    sink.keep('kept.txt');
    sink.link('same.txt', 'same-link.txt');
    // Written with other bytes, then given the previous ones again: no longer differs.
    sink.write('back.txt', 'for a while');
    sink.write('back.txt', 'back.txt');
    // Given, then taken back: in neither.
    sink.write('taken.txt', 'taken');
    sink.remove('taken.txt');
    // Another thread's record that knows its differing files, and one that does not (compared on absorbing).
    sink.absorb({ entries: [['theirs-same.txt', entryOf('theirs-same.txt')], ['theirs-changed.txt', entryOf('changed')]], staged: ['theirs-changed.txt'], differs: ['theirs-changed.txt'] });
    sink.absorb({ entries: [['unknown-new.txt', entryOf('x')], ['same.txt', entryOf('same.txt')]], staged: [] });
    expect([...sink.differs].sort()).toEqual(compared(sink, previous));
    expect([...sink.differs].sort()).toEqual(['changed.txt', 'new.txt', 'same-link.txt', 'theirs-changed.txt', 'unknown-new.txt']);
    // And the text made from them is the whole manifest's, with 'gone.txt' removed.
    const { edits, removed } = manifestEdits(sink.entries, previous, sink.differs);
    expect(removed).toEqual(['gone.txt']);
    expect(patchedManifestText(manifestText(previous)!, edits)).toBe(manifestText(sink.entries));
    // Its record hands them on; a sink with no previous output keeps none.
    expect(sink.toRecord().differs?.sort()).toEqual(compared(sink, previous));
    const plain = new OutputSink(path.join(root, 'plain'));
    plain.write('a.txt', 'a');
    expect([...plain.differs]).toEqual([]);
    expect(plain.toRecord().differs).toBeUndefined();
  });
});
