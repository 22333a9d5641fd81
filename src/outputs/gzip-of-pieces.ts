// A gzip file (RFC 1952) put together from pieces of one deflate stream, each deflated apart
// (deflated-pieces.ts, zip-file.ts `deflateBytes`: zlib's default level, ended by a sync flush, so
// pieces may follow one another), with no text read again: the trailer's CRC-32 is combined from
// the pieces'. For kept-gzip.ts's copies of large files and the CKAN index's lists: a module of its
// own, so that the writer thread need not load kept-gzip.ts and the compress stage behind it.
import { crc32Combine } from './crc32-combine.ts';
import type { DeflatedPiece } from './zip-file.ts';

/** gzip's header as Node's zlib writes it at the default level: no name, no time, Unix (the same bytes on every machine). */
const gzipHeader = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);
/** An empty final block of fixed Huffman codes: the end of a deflate stream. */
const finalBlock = Buffer.from([0x03, 0x00]);

/** The gzip file of the pieces put end to end. */
export function gzipOfPieces(pieces: readonly DeflatedPiece[]): Buffer {
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    crc = crc32Combine(crc, piece.crc, piece.size);
    size += piece.size;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  return Buffer.concat([gzipHeader, ...pieces.map((piece) => piece.bytes), finalBlock, trailer]);
}
