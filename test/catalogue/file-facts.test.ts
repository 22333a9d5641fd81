// Facts derived from published files: their MD5, format and media type.
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filenameOfUrl, formatOf, md5File, mediaTypeOf } from '../../src/catalogue/file-facts.ts';

describe('md5File', () => {
  it('hashes a file larger than one read buffer, streamed, to the same MD5 as the whole', async () => {
    const bytes = Buffer.alloc(5 * 1024 * 1024 + 7);
    for (let index = 0; index < bytes.length; index++) bytes[index] = (index * 31) % 251;
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'datashelf-md5-')), 'big.bin');
    await writeFile(file, bytes);
    expect(await md5File(file, bytes.length)).toBe(createHash('md5').update(bytes).digest('hex'));
  });

  it('hashes an empty file', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'datashelf-md5-')), 'empty.csv');
    await writeFile(file, '');
    expect(await md5File(file, 0)).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });
});

describe('formats', () => {
  it('names the format by extension, in capitals, with its media type', () => {
    expect([formatOf('25-01-21 FOI requests.csv'), mediaTypeOf('CSV')]).toEqual(['CSV', 'text/csv']);
    expect([formatOf('sites.geojson'), mediaTypeOf('GEOJSON')]).toEqual(['GEOJSON', 'application/geo+json']);
    expect([formatOf('README'), mediaTypeOf('')]).toEqual(['', null]);
  });

  it('knows no media type for a format named like what every object has (format: constructor)', () => {
    expect(['CONSTRUCTOR', 'toString', '__proto__', 'hasOwnProperty'].map(mediaTypeOf)).toEqual([null, null, null, null]);
  });

  it('takes the file name from the end of a URL path, decoded', () => {
    expect(filenameOfUrl('https://example.org/files/road%20casualties.csv?download=1')).toBe('road casualties.csv');
    expect(filenameOfUrl('https://example.org/')).toBe('');
  });
});
