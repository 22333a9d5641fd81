// The parts of the Excel workbook that do not grow with the catalogue: the package's content types
// and relationships, the workbook, its styles and properties, and a sheet's start and end.
// SpreadsheetML as ECMA-376 part 1 defines it, with what Excel, LibreOffice, openpyxl and exceljs
// all read; element order inside a sheet follows the schema's sequence.
import type { ColumnFormat } from './tabular.ts';
import { cellStyle, columnLetters, xmlText } from './xlsx-rows.ts';

const declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const relationships = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const packageRelationships = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface SheetPart {
  name: string;
}

export const sheetPath = (index: number) => `xl/worksheets/sheet${index + 1}.xml`;
export const sheetRelationshipsPath = (index: number) => `xl/worksheets/_rels/sheet${index + 1}.xml.rels`;

export function contentTypes(sheets: SheetPart[]): string {
  const override = (part: string, type: string) => `<Override PartName="/${part}" ContentType="${type}"/>`;
  const office = 'application/vnd.openxmlformats-officedocument';
  return (
    `${declaration}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    override('xl/workbook.xml', `${office}.spreadsheetml.sheet.main+xml`) +
    sheets.map((_, index) => override(sheetPath(index), `${office}.spreadsheetml.worksheet+xml`)).join('') +
    override('xl/styles.xml', `${office}.spreadsheetml.styles+xml`) +
    override('docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
    override('docProps/app.xml', `${office}.extended-properties+xml`) +
    '</Types>'
  );
}

export function packageRels(): string {
  return (
    `${declaration}<Relationships xmlns="${packageRelationships}">` +
    `<Relationship Id="rId1" Type="${relationships}/officeDocument" Target="xl/workbook.xml"/>` +
    `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
    `<Relationship Id="rId3" Type="${relationships}/extended-properties" Target="docProps/app.xml"/>` +
    '</Relationships>'
  );
}

/** Who made the workbook and when: `time` is the catalogue's newest update, never the clock. */
export function coreProperties(creator: string, title: string, time: Date): string {
  // W3CDTF to the second, as Excel writes it.
  const when = time.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    `${declaration}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>${xmlText(creator)}</dc:creator><dc:title>${xmlText(title)}</dc:title><cp:lastModifiedBy>${xmlText(creator)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

export function appProperties(sheets: SheetPart[]): string {
  return (
    `${declaration}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    '<Application>datashelf</Application>' +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${sheets.map((sheet) => `<vt:lpstr>${xmlText(sheet.name)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
    '</Properties>'
  );
}

/**
 * The sheets, and the hidden name Excel gives each sheet's filtered range (`_xlnm._FilterDatabase`,
 * which Excel and LibreOffice write beside an `autoFilter`).
 */
export function workbook(sheets: FilteredSheet[]): string {
  const filterName = (sheet: FilteredSheet, index: number) =>
    `<definedName name="_xlnm._FilterDatabase" localSheetId="${index}" hidden="1">${xmlText(`'${sheet.name.replaceAll("'", "''")}'!$A$1:$${columnLetters(sheet.columns.length - 1)}$${sheet.rowCount}`)}</definedName>`;
  return (
    `${declaration}<workbook xmlns="${main}" xmlns:r="${relationships}">` +
    '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="16384" windowHeight="8192"/></bookViews><sheets>' +
    sheets.map((sheet, index) => `<sheet name="${xmlText(sheet.name, true)}" sheetId="${index + 1}" r:id="rId${index + 2}"/>`).join('') +
    `</sheets><definedNames>${sheets.map(filterName).join('')}</definedNames></workbook>`
  );
}

interface FilteredSheet extends SheetPart {
  columns: ColumnFormat[];
  rowCount: number;
}

/** The styles first, then one relationship per sheet (rId2, rId3…), as `workbook` names them. */
export function workbookRels(sheets: SheetPart[]): string {
  return (
    `${declaration}<Relationships xmlns="${packageRelationships}">` +
    `<Relationship Id="rId1" Type="${relationships}/styles" Target="styles.xml"/>` +
    sheets.map((_, index) => `<Relationship Id="rId${index + 2}" Type="${relationships}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`).join('') +
    '</Relationships>'
  );
}

/**
 * The cell styles `cellStyle` names: 0 plain, 1 the header (bold, filled, a line below), 2 a
 * hyperlink (blue, underlined), 3 a date, 4 a date and time. Fonts are spelled whole (no theme).
 */
export function styles(): string {
  const font = (inside: string) => `<font>${inside}<sz val="11"/><name val="Calibri"/><family val="2"/></font>`;
  const xf = (numFmtId: number, fontId: number, fillId: number, borderId: number, apply: string) =>
    `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${apply}/>`;
  const cellXfs = [
    xf(0, 0, 0, 0, ''),
    xf(0, 1, 2, 1, ' applyFont="1" applyFill="1" applyBorder="1"'),
    xf(0, 2, 0, 0, ' applyFont="1"'),
    xf(164, 0, 0, 0, ' applyNumberFormat="1"'),
    xf(165, 0, 0, 0, ' applyNumberFormat="1"'),
  ];
  if (cellXfs.length !== Object.keys(cellStyle).length + 1) throw new Error('styles.xml does not match cellStyle');
  return (
    `${declaration}<styleSheet xmlns="${main}">` +
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>' +
    `<fonts count="3">${font('')}${font('<b/>')}${font('<u/><color rgb="FF0563C1"/>')}</fonts>` +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>' +
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left/><right/><top/><bottom style="thin"><color rgb="FF8EA9DB"/></bottom><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${cellXfs.length}">${cellXfs.join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}

/** A sheet up to its first data row: its size, the frozen header, the column widths, the header row. */
export function sheetStart(columns: ColumnFormat[], rowCount: number, header: string): string {
  const lastColumn = columnLetters(columns.length - 1);
  // Room for the header and the filter button beside it.
  const cols = columns.map((column, index) => `<col min="${index + 1}" max="${index + 1}" width="${Math.max(column.width, column.header.length + 4)}" customWidth="1"/>`).join('');
  return (
    `${declaration}<worksheet xmlns="${main}" xmlns:r="${relationships}">` +
    `<dimension ref="A1:${lastColumn}${rowCount}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${cols}</cols><sheetData>${header}`
  );
}

/** After the last row: the filter over the whole table; the hyperlinks come next (`hyperlink`). */
export function sheetRowsEnd(columns: ColumnFormat[], rowCount: number): string {
  return `</sheetData><autoFilter ref="A1:${columnLetters(columns.length - 1)}${rowCount}"/>`;
}

export const hyperlinksStart = '<hyperlinks>';
export const hyperlinksEnd = '</hyperlinks>';

/** The `number`th hyperlink of a sheet (from 1), and its relationship. */
export function hyperlink(ref: string, number: number): string {
  return `<hyperlink ref="${ref}" r:id="rId${number}"/>`;
}

export function hyperlinkRelationship(number: number, escapedAddress: string): string {
  return `<Relationship Id="rId${number}" Type="${relationships}/hyperlink" Target="${escapedAddress}" TargetMode="External"/>`;
}

export const sheetEnd = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';

export const relationshipsStart = `${declaration}<Relationships xmlns="${packageRelationships}">`;
export const relationshipsEnd = '</Relationships>';
