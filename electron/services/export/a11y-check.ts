// Accessibility checker for any Word document (.docx), ours or not: headings
// use the built-in Heading styles, in order, never empty; the file has a title
// and its language is English (United Kingdom); tables have a repeating header
// row; images have alt text; body text is at least 12 pt. Reads the package
// with the safe reader (size limits, no DTDs) and reports each problem with a
// location a person can find. It never changes the file.
import { A11Y_RULES, type A11yRule, type AccessibilityProblem, type AccessibilityReport } from '../../../shared/export';
import { childElement, childElements, DocxPackage, NS, REL_TYPE, wAttr, type PackageLimits } from './docx-package';

/** Problems listed per rule before the rest are counted in one line. */
const MAX_PER_RULE = 25;
const MIN_BODY_HALF_POINTS = 24;
/** Word's size when nothing in the document sets one (10 pt). */
const WORD_DEFAULT_HALF_POINTS = 20;
export const EXPECTED_LANGUAGE = 'en-GB';

interface StyleInfo {
  id: string;
  type: string;
  name: string;
  basedOn: string | null;
  outlineLevel: number | null;
  size: number | null;
}

type HeadingKind = { level: number; builtIn: boolean; styleName: string };

class StyleSheet {
  private readonly styles = new Map<string, StyleInfo>();
  readonly defaultParagraphStyle: string | null;
  readonly defaultSize: number;
  readonly language: string | null;
  private readonly headingCache = new Map<string, HeadingKind | null>();
  private readonly sizeCache = new Map<string, number | null>();

  constructor(doc: Document | null, settings: Document | null) {
    let defaultParagraph: string | null = null;
    let defaultSize = WORD_DEFAULT_HALF_POINTS;
    let language: string | null = null;
    if (doc) {
      const root = doc.documentElement!;
      const runDefaults = childElement(childElement(childElement(root, NS.w, 'docDefaults'), NS.w, 'rPrDefault'), NS.w, 'rPr');
      const size = halfPoints(childElement(runDefaults, NS.w, 'sz'));
      if (size !== null) defaultSize = size;
      language = wAttr(childElement(runDefaults, NS.w, 'lang'), 'val');
      for (const style of childElements(root, NS.w, 'style')) {
        const id = wAttr(style, 'styleId') ?? '';
        const type = wAttr(style, 'type') ?? 'paragraph';
        const pPr = childElement(style, NS.w, 'pPr');
        const outline = wAttr(childElement(pPr, NS.w, 'outlineLvl'), 'val');
        this.styles.set(id, {
          id,
          type,
          name: wAttr(childElement(style, NS.w, 'name'), 'val') ?? id,
          basedOn: wAttr(childElement(style, NS.w, 'basedOn'), 'val'),
          outlineLevel: outline === null ? null : Number(outline),
          size: halfPoints(childElement(childElement(style, NS.w, 'rPr'), NS.w, 'sz')),
        });
        const isDefault = wAttr(style, 'default');
        if (type === 'paragraph' && (isDefault === '1' || isDefault === 'true' || isDefault === 'on')) defaultParagraph = id;
      }
    }
    if (!language && settings) language = wAttr(childElement(settings.documentElement, NS.w, 'themeFontLang'), 'val');
    this.defaultParagraphStyle = defaultParagraph ?? (this.styles.has('Normal') ? 'Normal' : null);
    this.defaultSize = defaultSize;
    this.language = language;
  }

  /** Walks a style and the styles it is based on (guarding against loops). */
  private *chain(styleId: string | null): Generator<StyleInfo> {
    const seen = new Set<string>();
    let id = styleId;
    while (id && !seen.has(id)) {
      seen.add(id);
      const style = this.styles.get(id);
      if (!style) return;
      yield style;
      id = style.basedOn;
    }
  }

  name(styleId: string): string {
    return this.styles.get(styleId)?.name ?? styleId;
  }

  /** Whether a paragraph style makes a heading, and whether it is one of Word's built-in ones. */
  heading(styleId: string | null): HeadingKind | null {
    if (!styleId) return null;
    let kind = this.headingCache.get(styleId);
    if (kind !== undefined) return kind;
    kind = null;
    const own = this.styles.get(styleId);
    const builtIn = own ? /^heading ([1-9])$/i.exec(own.name.trim()) : null;
    if (builtIn) kind = { level: Number(builtIn[1]), builtIn: true, styleName: own!.name };
    else {
      for (const style of this.chain(styleId)) {
        if (style.outlineLevel !== null) {
          if (style.outlineLevel < 9) kind = { level: style.outlineLevel + 1, builtIn: false, styleName: own?.name ?? styleId };
          break;
        }
      }
    }
    this.headingCache.set(styleId, kind);
    return kind;
  }

  /** The font size a style gives, from it or the styles it is based on. */
  size(styleId: string | null): number | null {
    if (!styleId) return null;
    let size = this.sizeCache.get(styleId);
    if (size !== undefined) return size;
    size = null;
    for (const style of this.chain(styleId)) {
      if (style.size !== null) {
        size = style.size;
        break;
      }
    }
    this.sizeCache.set(styleId, size);
    return size;
  }
}

function halfPoints(element: Element | null): number | null {
  const value = wAttr(element, 'val');
  if (value === null) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

function isOn(element: Element | null): boolean {
  if (!element) return false;
  const value = wAttr(element, 'val');
  return value === null || !['0', 'false', 'off'].includes(value);
}

function textOf(element: Element): string {
  let out = '';
  const texts = element.getElementsByTagNameNS(NS.w, 't');
  for (let i = 0; i < texts.length; i++) out += texts.item(i)!.textContent ?? '';
  return out;
}

function excerpt(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean;
}

function ancestor(element: Element, localName: string): Element | null {
  for (let node = element.parentNode; node; node = node.parentNode) {
    if (node.nodeType === 1 && (node as Element).namespaceURI === NS.w && (node as Element).localName === localName) return node as Element;
  }
  return null;
}

class Report {
  readonly problems: AccessibilityProblem[] = [];
  private readonly counts = new Map<A11yRule, number>();

  add(rule: A11yRule, message: string, location: string): void {
    const count = (this.counts.get(rule) ?? 0) + 1;
    this.counts.set(rule, count);
    if (count <= MAX_PER_RULE) this.problems.push({ rule, message, location });
  }

  finish(): AccessibilityReport {
    for (const [rule, count] of this.counts) {
      if (count > MAX_PER_RULE) {
        this.problems.push({ rule, message: `${count - MAX_PER_RULE} more places break the rule "${A11Y_RULES[rule]}".`, location: 'throughout the document' });
      }
    }
    return { ok: this.problems.length === 0, problems: this.problems };
  }
}

/** Checks a Word document's bytes. Throws JfpError('invalid_input') when they are not a readable .docx. */
export function checkAccessibility(bytes: Uint8Array, limits?: PackageLimits): AccessibilityReport {
  const pkg = DocxPackage.open(bytes, limits);
  const main = pkg.mainDocument();
  const document = pkg.xml(main);
  const stylesPart = pkg.related(main, REL_TYPE.styles);
  const settingsPart = pkg.related(main, REL_TYPE.settings);
  const styles = new StyleSheet(stylesPart ? pkg.xml(stylesPart) : null, settingsPart ? pkg.xml(settingsPart) : null);
  const report = new Report();

  checkTitle(pkg, report);
  checkLanguage(styles, stylesPart ?? 'word/styles.xml', report);
  checkParagraphs(document, styles, report);
  checkTables(document, report);
  checkImages(pkg, main, report);
  return report.finish();
}

function checkTitle(pkg: DocxPackage, report: Report): void {
  const corePart = pkg.related('', REL_TYPE.coreProperties) ?? (pkg.has('docProps/core.xml') ? 'docProps/core.xml' : null);
  const title = corePart ? pkg.xml(corePart).getElementsByTagNameNS(NS.dc, 'title').item(0)?.textContent?.trim() : '';
  if (!title) {
    report.add(
      'document-title',
      'The document has no title in its properties. Set one (File > Info > Title) so screen readers and search results can name it.',
      corePart ?? 'document properties',
    );
  }
}

function checkLanguage(styles: StyleSheet, stylesPart: string, report: Report): void {
  if (!styles.language) {
    report.add(
      'language',
      `The document language is not set. Set it to English (United Kingdom), ${EXPECTED_LANGUAGE}, so screen readers pronounce it correctly.`,
      `${stylesPart} (document defaults)`,
    );
  } else if (styles.language.toLowerCase() !== EXPECTED_LANGUAGE.toLowerCase()) {
    report.add('language', `The document language is ${styles.language}, not English (United Kingdom), ${EXPECTED_LANGUAGE}.`, `${stylesPart} (document defaults)`);
  }
}

function checkParagraphs(document: Document, styles: StyleSheet, report: Report): void {
  const body = document.getElementsByTagNameNS(NS.w, 'body').item(0);
  if (!body) return;
  const paragraphs = body.getElementsByTagNameNS(NS.w, 'p');
  let previousLevel = 0;
  for (let index = 0; index < paragraphs.length; index++) {
    const paragraph = paragraphs.item(index)!;
    const pPr = childElement(paragraph, NS.w, 'pPr');
    const styleId = wAttr(childElement(pPr, NS.w, 'pStyle'), 'val') ?? styles.defaultParagraphStyle;
    const text = textOf(paragraph);
    const where = `paragraph ${index + 1}${text.trim() ? ` ("${excerpt(text)}")` : ''}`;
    const directOutline = wAttr(childElement(pPr, NS.w, 'outlineLvl'), 'val');
    let heading = styles.heading(styleId);
    if (directOutline !== null && Number(directOutline) < 9) {
      heading = { level: Number(directOutline) + 1, builtIn: false, styleName: styleId ? styles.name(styleId) : 'Normal' };
    }
    if (heading) {
      if (!heading.builtIn) {
        report.add(
          'heading-style',
          `This heading uses the style "${heading.styleName}" instead of the built-in Heading ${heading.level}; use the built-in heading styles so the headings appear in the navigation pane and to assistive technology.`,
          where,
        );
      }
      if (!text.trim()) {
        report.add(
          'empty-heading',
          `An empty Heading ${heading.level} paragraph: screen readers announce it as a heading with no name. Delete it or give it text.`,
          `paragraph ${index + 1}`,
        );
        continue;
      }
      if (heading.level > previousLevel + 1) {
        report.add(
          'heading-order',
          previousLevel === 0
            ? `The first heading is level ${heading.level}; start with a level 1 heading.`
            : `A level ${heading.level} heading follows a level ${previousLevel} heading, skipping a level.`,
          where,
        );
      }
      previousLevel = heading.level;
      continue;
    }
    checkRunSizes(paragraph, styleId, styles, report, where);
  }
}

function checkRunSizes(paragraph: Element, styleId: string | null, styles: StyleSheet, report: Report, where: string): void {
  const runs = paragraph.getElementsByTagNameNS(NS.w, 'r');
  let tableSize: number | null | undefined;
  for (let i = 0; i < runs.length; i++) {
    const run = runs.item(i)!;
    if (!textOf(run).trim()) continue;
    const rPr = childElement(run, NS.w, 'rPr');
    const vertAlign = wAttr(childElement(rPr, NS.w, 'vertAlign'), 'val');
    if ((vertAlign && vertAlign !== 'baseline') || isOn(childElement(rPr, NS.w, 'vanish'))) continue;
    let size = halfPoints(childElement(rPr, NS.w, 'sz')) ?? styles.size(wAttr(childElement(rPr, NS.w, 'rStyle'), 'val')) ?? styles.size(styleId);
    if (size === null) {
      if (tableSize === undefined) {
        const table = ancestor(paragraph, 'tbl');
        tableSize = table ? styles.size(wAttr(childElement(childElement(table, NS.w, 'tblPr'), NS.w, 'tblStyle'), 'val')) : null;
      }
      size = tableSize ?? styles.defaultSize;
    }
    if (size < MIN_BODY_HALF_POINTS) {
      report.add('font-size', `Text is ${size / 2} pt; body text should be at least 12 pt.`, where);
      return;
    }
  }
}

function checkTables(document: Document, report: Report): void {
  const tables = document.getElementsByTagNameNS(NS.w, 'tbl');
  for (let i = 0; i < tables.length; i++) {
    const table = tables.item(i)!;
    const firstRow = childElements(table, NS.w, 'tr')[0];
    if (!firstRow) continue;
    const header = childElement(childElement(firstRow, NS.w, 'trPr'), NS.w, 'tblHeader');
    if (!isOn(header)) {
      const firstCell = excerpt(textOf(firstRow));
      report.add(
        'table-header',
        'This table has no header row marked to repeat (Table Properties > Row > "Repeat as header row at the top of each page"), so screen readers cannot name its columns.',
        `table ${i + 1}${firstCell ? ` (first row "${firstCell}")` : ''}`,
      );
    }
  }
}

function checkImages(pkg: DocxPackage, main: string, report: Report): void {
  const parts = [
    main,
    ...pkg
      .relationships(main)
      .filter((r) => (r.type === REL_TYPE.header || r.type === REL_TYPE.footer) && pkg.has(r.target))
      .map((r) => r.target),
  ];
  let count = 0;
  for (const part of parts) {
    const drawings = pkg.xml(part).getElementsByTagNameNS(NS.wp, 'docPr');
    for (let i = 0; i < drawings.length; i++) {
      count++;
      const docPr = drawings.item(i)!;
      const description = (docPr.getAttribute('descr') ?? '').trim();
      const decorative = Array.from(docPr.getElementsByTagNameNS(NS.adec, 'decorative')).some((d) => d.getAttribute('val') === '1' || d.getAttribute('val') === 'true');
      if (!description && !decorative) {
        const name = docPr.getAttribute('name');
        report.add(
          'image-alt-text',
          'This image has no alternative text. Describe it (right-click > View Alt Text), or mark it as decorative.',
          `image ${count}${name ? ` ("${excerpt(name)}")` : ''}${part === main ? '' : ` in ${part}`}`,
        );
      }
    }
  }
}
