// `npm run schema`: rewrites the files generated from the schema (a test fails while they are stale).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from './generated-files.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
for (const [file, text] of generatedFiles()) {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), text);
  console.log(`wrote ${file}`);
}
