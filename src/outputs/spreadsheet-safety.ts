// The one rule that keeps catalogue text from running as a formula when a CSV or workbook is opened.
//
// A spreadsheet reads a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return,
// which some programs skip before looking) as a formula, so a dataset titled
// `=HYPERLINK("https://evil.example","Click")` would become a live link. OWASP's advice
// (https://owasp.org/www-community/attacks/CSV_Injection) is to prefix such text with a single
// quote, which the reader then sees. The full-width forms are included because Apple Numbers
// normalises them to the ASCII ones (as csv-stringify's own `escape_formulas` notes).
// Numbers are values, not text: -5 stays the number -5.

const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function neutraliseFormula(value: string | number | null): string | number | null {
  return typeof value === 'string' && formulaStart.test(value) ? `'${value}` : value;
}
