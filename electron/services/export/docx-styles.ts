// The house style as Word styles: document defaults (font, size, colour,
// language en-GB), built-in headings with outline levels (what Word's TOC and
// navigation pane read), the named paragraph styles the exporters use, the list
// numbering definitions and the page set-up. Content refers to styles by id, so
// no paragraph carries formatting of its own.
import {
  AlignmentType,
  BorderStyle,
  LevelFormat,
  LineRuleType,
  PageOrientation,
  type INumberingOptions,
  type IParagraphStyleOptions,
  type ISectionPropertiesOptions,
  type IStylesOptions,
} from 'docx';
import type { HouseStyle } from '../../../shared/export';
import { MAX_HEADING_LEVEL } from './model/outline';
import { pageGeometry, TWIPS_PER_CM } from './house-style';

/** Paragraph and character style ids the exporters refer to. */
export const STYLE = {
  title: 'Title',
  subtitle: 'Subtitle',
  tocHeading: 'TOCHeading',
  quote: 'Quote',
  guidance: 'GuidanceNote',
  note: 'ExportNote',
  tableText: 'TableText',
  tableHeading: 'TableHeading',
  tableRowHeading: 'TableRowHeading',
  tableTextCompact: 'TableTextCompact',
  tableHeadingCompact: 'TableHeadingCompact',
  tableRowHeadingCompact: 'TableRowHeadingCompact',
  caption: 'Caption',
  titlePageDetail: 'TitlePageDetail',
  header: 'Header',
  footer: 'Footer',
  hyperlink: 'Hyperlink',
} as const;

export const NUMBERING = { bullet: 'jfp-bullet', number: 'jfp-number' } as const;
export const LANGUAGE = 'en-GB';

const halfPoints = (pt: number) => Math.round(pt * 2);
const pt = (points: number) => Math.round(points * 20);

export function headingStyleId(level: number): string {
  return `Heading${Math.min(Math.max(level, 1), MAX_HEADING_LEVEL)}`;
}

function headingSizePt(style: HouseStyle, level: number): number {
  const sizes = style.headingSizesPt;
  return [sizes.h1, sizes.h2, sizes.h3, sizes.h4][level - 1] ?? Math.max(style.bodySizePt, sizes.h4);
}

function headingStyles(style: HouseStyle): IParagraphStyleOptions[] {
  const out: IParagraphStyleOptions[] = [];
  for (let level = 1; level <= MAX_HEADING_LEVEL; level++) {
    const size = headingSizePt(style, level);
    out.push({
      id: headingStyleId(level),
      // Word knows its built-in headings by these lower-case names.
      name: `heading ${level}`,
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      paragraph: {
        outlineLevel: level - 1,
        keepNext: true,
        keepLines: true,
        spacing: { before: pt(level === 1 ? 24 : 18), after: pt(level === 1 ? 12 : 8) },
      },
      run: { bold: true, color: style.headingColour, size: halfPoints(size), italics: false },
    });
  }
  return out;
}

export function docxStyles(style: HouseStyle): IStylesOptions {
  const body = halfPoints(style.bodySizePt);
  const border = { style: BorderStyle.SINGLE, size: 6, color: style.borderColour, space: 6 };
  const paragraphStyles: IParagraphStyleOptions[] = [
    ...headingStyles(style),
    {
      id: STYLE.title,
      name: 'Title',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      paragraph: {
        spacing: { before: pt(36), after: pt(18) },
        border: { bottom: { style: BorderStyle.SINGLE, size: 36, color: style.accentColour, space: 12 } },
      },
      run: { bold: true, color: style.headingColour, size: halfPoints(style.headingSizesPt.title) },
    },
    {
      id: STYLE.subtitle,
      name: 'Subtitle',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      paragraph: { spacing: { after: pt(12) } },
      run: { color: style.textColour, size: halfPoints(Math.max(style.headingSizesPt.h2, style.bodySizePt)) },
    },
    {
      id: STYLE.titlePageDetail,
      name: 'Title Page Detail',
      basedOn: 'Normal',
      paragraph: { spacing: { after: pt(6) } },
    },
    {
      id: STYLE.tocHeading,
      name: 'TOC Heading',
      basedOn: 'Normal',
      next: 'Normal',
      paragraph: { spacing: { before: pt(12), after: pt(12) } },
      run: { bold: true, color: style.headingColour, size: halfPoints(style.headingSizesPt.h1) },
    },
    {
      id: STYLE.quote,
      name: 'Quote',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      paragraph: {
        indent: { left: pt(18), right: pt(18) },
        border: { left: { style: BorderStyle.SINGLE, size: 24, color: style.accentColour, space: 8 } },
      },
      run: { italics: true },
    },
    {
      id: STYLE.guidance,
      name: 'Guidance Note',
      basedOn: 'Normal',
      next: 'Normal',
      paragraph: {
        shading: { fill: style.shadingColour },
        border: { top: border, bottom: border, left: border, right: border },
        indent: { left: pt(6), right: pt(6) },
      },
    },
    {
      id: STYLE.note,
      name: 'Export Note',
      basedOn: 'Normal',
      next: 'Normal',
      run: { italics: true },
    },
    {
      // Word's built-in caption style (its name is lower case), kept with the table below it.
      id: STYLE.caption,
      name: 'caption',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      paragraph: { keepNext: true, spacing: { before: pt(6), after: pt(4) } },
      run: { bold: true, color: style.headingColour },
    },
    {
      id: STYLE.tableText,
      name: 'Table Text',
      basedOn: 'Normal',
      paragraph: { spacing: { before: pt(3), after: pt(3) } },
    },
    {
      id: STYLE.tableHeading,
      name: 'Table Heading',
      basedOn: STYLE.tableText,
      run: { bold: true, color: 'FFFFFF' },
    },
    {
      // Wide data tables (the delivery commitments): tighter spacing, so a row takes fewer lines. Not smaller text:
      // the accessibility check holds body text to at least 12 pt.
      id: STYLE.tableTextCompact,
      name: 'Table Text Compact',
      basedOn: STYLE.tableText,
      // Single line spacing too: the board paper's cover sheet fits page 1 when every field is filled in (#14).
      paragraph: { spacing: { before: pt(1), after: pt(1), line: 240, lineRule: LineRuleType.AUTO } },
    },
    {
      id: STYLE.tableHeadingCompact,
      name: 'Table Heading Compact',
      basedOn: STYLE.tableTextCompact,
      run: { bold: true, color: 'FFFFFF' },
    },
    {
      id: STYLE.tableRowHeading,
      name: 'Table Row Heading',
      basedOn: STYLE.tableText,
      run: { bold: true },
    },
    {
      // #14 cover: the cover sheet's labels as tight as its values ("Strategic objectives supported" wraps to three
      // lines): with every field filled in and a named version, the cover sheet still fits page 1.
      id: STYLE.tableRowHeadingCompact,
      name: 'Table Row Heading Compact',
      basedOn: STYLE.tableTextCompact,
      run: { bold: true },
    },
    { id: STYLE.header, name: 'header', basedOn: 'Normal', paragraph: { spacing: { after: 0 } } },
    { id: STYLE.footer, name: 'footer', basedOn: 'Normal', paragraph: { spacing: { after: 0 } } },
  ];
  // The TOC's entry styles, drawn in the body size (docx's own add nothing else).
  for (let level = 1; level <= 3; level++) {
    paragraphStyles.push({
      id: `TOC${level}`,
      name: `toc ${level}`,
      basedOn: 'Normal',
      next: 'Normal',
      paragraph: { spacing: { after: pt(4) }, indent: { left: pt(12 * (level - 1)) } },
      run: level === 1 ? { bold: true } : {},
    });
  }
  return {
    default: {
      document: {
        run: { font: style.font, size: body, color: style.textColour, language: { value: LANGUAGE } },
        paragraph: { spacing: { after: pt(8), line: 276, lineRule: LineRuleType.AUTO } },
      },
    },
    paragraphStyles,
    characterStyles: [
      {
        id: STYLE.hyperlink,
        name: 'Hyperlink',
        basedOn: 'DefaultParagraphFont',
        run: { color: style.headingColour, underline: {} },
      },
    ],
  };
}

const BULLETS = ['\u2022', '\u25E6', '\u25AA'];
const NUMBER_FORMATS = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];

/** List levels: indent grows 0.63 cm a level; numbers restart per list through numbering instances. */
export function listLevels(kind: 'bullet' | 'number', startAt?: { level: number; start: number }) {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: kind === 'bullet' ? LevelFormat.BULLET : NUMBER_FORMATS[level % 3]!,
    text: kind === 'bullet' ? BULLETS[level % 3]! : `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    ...(startAt && startAt.level === level ? { start: startAt.start } : {}),
    style: { paragraph: { indent: { left: Math.round(0.63 * TWIPS_PER_CM * (level + 1)), hanging: Math.round(0.63 * TWIPS_PER_CM) } } },
  }));
}

export function docxNumbering(): INumberingOptions {
  return {
    config: [
      { reference: NUMBERING.bullet, levels: listLevels('bullet') },
      { reference: NUMBERING.number, levels: listLevels('number') },
    ],
  };
}

export function pageProperties(style: HouseStyle, orientation: 'portrait' | 'landscape' = 'portrait'): ISectionPropertiesOptions['page'] {
  const page = pageGeometry(style);
  const landscape = orientation === 'landscape';
  return {
    size: {
      // docx swaps width and height itself for landscape.
      width: page.widthTwips,
      height: page.heightTwips,
      orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
    },
    margin: {
      top: page.marginTwips,
      bottom: page.marginTwips,
      left: page.marginTwips,
      right: page.marginTwips,
      header: Math.round(1.25 * TWIPS_PER_CM),
      footer: Math.round(1.25 * TWIPS_PER_CM),
    },
  };
}
