// Writes a large output file piece by piece, with back-pressure, instead of one big string.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sinkFor } from './output-sink.ts';

export async function writeStreamed(outDir: string, relativePath: string, pieces: () => Iterable<string> | AsyncIterable<string>): Promise<void> {
  const target = path.join(outDir, relativePath);
  await mkdir(path.dirname(target), { recursive: true });
  await pipeline(Readable.from(pieces(), { objectMode: false }), createWriteStream(target));
  sinkFor(outDir).written(relativePath);
}
