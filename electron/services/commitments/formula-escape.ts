// Text that a spreadsheet would run as a formula when the file is opened
// ("=HYPERLINK(…)", "+1", "-2+3", "@SUM(…)", or the same behind a tab or carriage
// return) must stay text. In an .xlsx the cell is written as a string, never as
// a formula; in a .csv, which has no types, the text is prefixed with an
// apostrophe, which Excel and LibreOffice read as "this is text".

const FORMULA_START = /^[=+\-@\t\r]/;

export const looksLikeFormula = (text: string): boolean => FORMULA_START.test(text);

/** The text with `prefix` put in front when a spreadsheet would read it as a formula. */
export function escapeFormulaText(text: string, prefix: string): string {
  return looksLikeFormula(text) ? `${prefix}${text}` : text;
}
