// A large file made of per-dataset parts (export.json, the exports' CSVs, data.json), written with
// the bytes of its gzip copy made from deflated pieces kept between builds (deflated-pieces.ts): an
// edit deflates one run of datasets again instead of gzipping tens of megabytes. The copy is
// offered to the compress stage (src/build/precompress.ts), which alone decides which files get one.
import { crc32 } from 'node:zlib';
import { crc32Combine } from './crc32-combine.ts';
import { contentRuns, type DeflatedPieces } from './deflated-pieces.ts';
import { writeStreamed } from './write-streamed.ts';
import { deflatePiece, type DeflatedPiece } from './zip-file.ts';
import { offerGzip } from '../build/precompress.ts';

/** One dataset's text in the file, as it is written (with any separator before it). */
export interface FilePart {
  id: string;
  digest: string;
  text: string;
}

/** Pieces compressed at once: enough to keep a thread busy, few enough to bound memory. */
const piecesInFlight = 3;

/** gzip's header as Node's zlib writes it at the default level: no name, no time, Unix. */
const gzipHeader = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);
/** An empty final block of fixed Huffman codes: the end of a deflate stream. */
const finalBlock = Buffer.from([0x03, 0x00]);

/**
 * Writes `head`, the parts and `tail` to `relativePath`, and offers its gzip copy. `parts` is called
 * twice (the file, then its copy), so it must give the same parts each time.
 */
export async function writeWithGzip(outDir: string, relativePath: string, head: string, parts: () => Iterable<FilePart>, tail: string, pieces: DeflatedPieces): Promise<void> {
  // The file's checksum and length, as it is written: its copy must be of exactly these bytes.
  let crc = 0;
  let size = 0;
  await writeStreamed(outDir, relativePath, function* () {
    const counted = (text: string) => {
      crc = crc32(text, crc);
      size += Buffer.byteLength(text);
      return text;
    };
    yield counted(head);
    for (const part of parts()) yield counted(part.text);
    yield counted(tail);
  });
  const gzipped = await gathered(deflatedPieces(relativePath, head, parts(), tail, pieces));
  const copy = gzipFile(gzipped);
  // Kept pieces that do not match the file (a store edited by hand) are not offered: the compress
  // stage then gzips the file whole.
  if (copy.crc === crc && copy.size === size) offerGzip(outDir, relativePath, copy.bytes);
}

function* deflatedPieces(relativePath: string, head: string, parts: Iterable<FilePart>, tail: string, pieces: DeflatedPieces): Generator<DeflatedPiece | Promise<DeflatedPiece>> {
  yield deflatePiece(head);
  let first = true;
  for (const run of contentRuns(parts, (part) => part.id, (part) => part.text.length, pieces.runs)) {
    // A part's text may depend on its being the first (no separator before it): that is in the key.
    yield pieces.piece([relativePath, String(first), run.map((part) => part.digest).join(' ')], () => run.map((part) => part.text).join(''));
    first = false;
  }
  yield deflatePiece(tail);
}

/** The pieces in order, a few compressing at once. */
async function gathered(pieces: Iterable<DeflatedPiece | Promise<DeflatedPiece>>): Promise<DeflatedPiece[]> {
  const done: DeflatedPiece[] = [];
  const inFlight: (DeflatedPiece | Promise<DeflatedPiece>)[] = [];
  for (const piece of pieces) {
    if (piece instanceof Promise) piece.catch(() => {});
    inFlight.push(piece);
    if (inFlight.length >= piecesInFlight) done.push(await inFlight.shift()!);
  }
  while (inFlight.length > 0) done.push(await inFlight.shift()!);
  return done;
}

/** A gzip file (RFC 1952) of the pieces put end to end, and the CRC-32 and length of what it holds. */
function gzipFile(pieces: readonly DeflatedPiece[]): { bytes: Buffer; crc: number; size: number } {
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    crc = crc32Combine(crc, piece.crc, piece.size);
    size += piece.size;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  return { bytes: Buffer.concat([gzipHeader, ...pieces.map((piece) => piece.bytes), finalBlock, trailer]), crc, size };
}
