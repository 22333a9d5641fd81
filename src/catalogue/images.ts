// Images of teams and mastheads: an https:// URL, or a file inside content/ published under media/.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { containedFile } from './contained-file.ts';
import { fieldName, type ProblemList } from './errors.ts';
import type { Image } from './model.ts';
import type { Parsed } from './read-files.ts';
import { isHttpUrl } from './schema.ts';

/** Resolves image references: a URL, or a file inside content/ published under media/. */
export class ImageResolver {
  private realContentDir: string | undefined;
  private readonly contentDir: string;
  private readonly problems: ProblemList;

  constructor(contentDir: string, problems: ProblemList) {
    this.contentDir = contentDir;
    this.problems = problems;
  }

  async resolve(reference: string, parsed: Parsed<unknown>, field: (string | number)[]): Promise<Image | null> {
    if (isHttpUrl(reference)) return { href: reference, sourcePath: null, publishedPath: null };
    const report = (message: string) =>
      this.problems.error({
        code: 'bad-file-path',
        file: parsed.file,
        line: parsed.source.lineOf(field),
        field: fieldName(field),
        message,
        hint: 'Give a path inside content/ (e.g. mastheads/river.svg) or an https:// URL.',
      });
    this.realContentDir ??= await realpath(this.contentDir);
    const source = await containedFile(this.contentDir, this.realContentDir, this.contentDir, reference);
    if (typeof source === 'string') {
      report(`'${reference}' ${source}`);
      return null;
    }
    const relative = path.relative(this.contentDir, source.path).split(path.sep).join('/');
    return { href: `media/${relative}`, sourcePath: source.path, publishedPath: `media/${relative}` };
  }
}

