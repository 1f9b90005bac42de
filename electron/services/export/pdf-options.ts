// #14: NO LONGER USED BY THE APP (the PDF is drawn by pdf-writer.ts, no print window). Kept only while
// test/unit/export-pdf.test.ts still tests the old printing path; delete it with those tests.
// The app prints PDFs with Electron's webContents.printToPDF, the CLI and the
// tests with Playwright's page.pdf: both are Chromium, but the options are
// named differently (generateTaggedPDF / tagged, margins in inches / CSS
// lengths). This maps one onto the other as a plain function, so what the app
// asks for is tested without Electron.
import type { pdfPrintOptions } from './html-writer';

type PlaywrightPdfOptions = ReturnType<typeof pdfPrintOptions>;

/** The fields of Electron's PrintToPDFOptions we set (Electron.PrintToPDFOptions accepts this shape). */
export interface ElectronPdfOptions {
  pageSize: 'A4';
  printBackground: boolean;
  displayHeaderFooter: boolean;
  preferCSSPageSize: boolean;
  generateTaggedPDF: boolean;
  generateDocumentOutline: boolean;
  margins: { top: number; bottom: number; left: number; right: number };
}

const CM_PER_INCH = 2.54;

/** A CSS length in cm ("2.5cm") in inches, as Electron wants margins. */
function inches(css: string): number {
  const match = /^(\d+(?:\.\d+)?)cm$/.exec(css.trim());
  if (!match) throw new Error(`A PDF margin must be given in cm, not "${css}".`);
  return Number(match[1]) / CM_PER_INCH;
}

export function electronPdfOptions(options: PlaywrightPdfOptions): ElectronPdfOptions {
  return {
    pageSize: options.format,
    printBackground: options.printBackground,
    displayHeaderFooter: options.displayHeaderFooter,
    preferCSSPageSize: options.preferCSSPageSize,
    generateTaggedPDF: options.tagged,
    generateDocumentOutline: options.outline,
    margins: {
      top: inches(options.margin.top),
      bottom: inches(options.margin.bottom),
      left: inches(options.margin.left),
      right: inches(options.margin.right),
    },
  };
}
