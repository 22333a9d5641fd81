// A table preview's rows as the load memo keeps them (load-memo-file.ts): one JSON text per
// preview, parsed the first time the rows are read. On an edit only the changed datasets' pages
// show rows; every other reader of a preview (the writer's input, Table Schema) reads its columns,
// and a dataset's digest is remembered (load-memo.ts). Deserialised as arrays, the rows were a
// third of the memo's objects (10,000 datasets: 10 rows of 3 cells each, some 450,000 objects),
// made on every edit and carried through the young generation's collections for nothing.
import type { FilePreview, TablePreview } from '../catalogue/model.ts';

/** A table preview as the memo stores it: its rows as JSON text. */
export type StoredTablePreview = Omit<TablePreview, 'rows'> & { rows: string };
export type StoredPreview = StoredTablePreview | Exclude<FilePreview, TablePreview>;

/** The rows' text of each preview read from the memo whose rows nobody has read yet. */
const unread = new WeakMap<TablePreview, string>();

/** The preview as stored: a table's rows as JSON text (the text it was read with, while its rows are unread). */
export function storedPreview(preview: FilePreview): StoredPreview {
  if (preview.kind !== 'table') return preview;
  const rows = unread.get(preview) ?? JSON.stringify(preview.rows);
  return { kind: preview.kind, sheet: preview.sheet, columns: preview.columns, rows, rowCount: preview.rowCount, profiledRows: preview.profiledRows, problem: preview.problem };
}

/**
 * The preview as read from the memo: a table's `rows` an own, enumerable property in its place (so
 * JSON text, a structured clone and `v8.serialize` are as of the preview made by reading the file),
 * whose first read parses the text and makes it a plain property holding the rows.
 */
export function readPreview(stored: StoredPreview): FilePreview {
  if (stored.kind !== 'table') return stored;
  const preview = stored as unknown as TablePreview;
  // Read once already (one object twice in what was deserialised): its accessor stays as it is.
  if (unread.has(preview) || typeof stored.rows !== 'string') return preview;
  unread.set(preview, stored.rows);
  Object.defineProperty(preview, 'rows', { get: rowsOf, set: setRows, enumerable: true, configurable: true });
  return preview;
}

function rowsOf(this: TablePreview): string[][] {
  const rows = JSON.parse(unread.get(this)!) as string[][];
  setRows.call(this, rows);
  return rows;
}

function setRows(this: TablePreview, rows: string[][]): void {
  unread.delete(this);
  Object.defineProperty(this, 'rows', { value: rows, writable: true, enumerable: true, configurable: true });
}
