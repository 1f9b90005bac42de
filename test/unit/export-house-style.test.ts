// House style as data: templates/house-style.json gives the NHS defaults and a
// plan's own profile overrides them, validated so a bad profile is refused
// with a sentence; the logo goes in with its alt text.
import { describe, expect, it } from 'vitest';
import houseStyleFile from '../../templates/house-style.json';
import { DEFAULT_HOUSE_STYLE, resolveHouseStyle } from '../../electron/services/export/house-style';
import { exportDocument } from '../../electron/services/export';
import { checkAccessibility } from '../../electron/services/export/a11y-check';
import { JfpError } from '../../shared/errors';
import { houseStyleSchema } from '../../shared/export';
import { fixtureData } from '../support/export-fixture';
import { NS, paragraphs, readDocx, wElements, wVal } from '../support/docx-reader';
import { solidPng } from '../support/png';

describe('house style', () => {
  it('defaults to Arial 12 pt, NHS Blue headings, A4 and 2.5 cm margins', () => {
    expect(houseStyleSchema.parse(houseStyleFile)).toEqual(DEFAULT_HOUSE_STYLE);
    expect(DEFAULT_HOUSE_STYLE).toMatchObject({ font: 'Arial', bodySizePt: 12, headingColour: '005EB8', page: { size: 'A4', marginCm: 2.5 }, logo: null });
  });

  it('lets a plan’s profile override the defaults, field by field', () => {
    const style = resolveHouseStyle({ organisationName: 'NHS Fellside ICB', headingColour: '#003087', headingSizesPt: { h1: 26 }, page: { marginCm: 2 } });
    expect(style.organisationName).toBe('NHS Fellside ICB');
    expect(style.headingColour).toBe('003087');
    expect(style.headingSizesPt).toEqual({ ...DEFAULT_HOUSE_STYLE.headingSizesPt, h1: 26 });
    expect(style.page).toEqual({ size: 'A4', marginCm: 2 });
    expect(style.font).toBe('Arial');
  });

  it.each([
    [{ bodySizePt: 10 }, /Body text must be at least 12 pt/],
    [{ font: 'Comic Sans MS' }, /font/],
    [{ headingColour: 'blue' }, /six hex digits/],
    [{ logo: { pngBase64: 'R0lGODlhAQABAAAAACw=', altText: 'Logo', widthCm: 3 } }, /must be a PNG/],
    [{ logo: { pngBase64: solidPng(2, 2, [0, 0, 0]).toString('base64'), altText: ' ', widthCm: 3 } }, /alt text/],
    [{ colour: 'red' }, /not valid/],
  ])('refuses a profile that is not valid: %j', (profile, message) => {
    let error: unknown;
    try {
      resolveHouseStyle(profile);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JfpError);
    expect((error as JfpError).code).toBe('invalid_input');
    expect((error as JfpError).message).toMatch(message);
  });

  it('draws the document in the profile’s colours and margins, with the logo and its alt text', async () => {
    const logo = { pngBase64: solidPng(300, 100, [0, 94, 184]).toString('base64'), altText: 'NHS Fellside ICB logo', widthCm: 5 };
    const { content } = await exportDocument({
      data: fixtureData(),
      houseStyle: { headingColour: '003087', page: { marginCm: 2 }, logo, organisationName: 'NHS Fellside ICB' },
    });
    const pkg = readDocx(content as Buffer);
    const heading1 = wElements(pkg.xml('word/styles.xml'), 'style').find((s) => s.getAttributeNS(NS.w, 'styleId') === 'Heading1')!;
    expect(wVal(wElements(heading1, 'color')[0])).toBe('003087');
    expect(wElements(pkg.xml('word/document.xml'), 'pgMar')[0]!.getAttributeNS(NS.w, 'left')).toBe('1134');
    const docPr = pkg.xml('word/document.xml').getElementsByTagNameNS(NS.wp, 'docPr').item(0)!;
    expect(docPr.getAttribute('descr')).toBe('NHS Fellside ICB logo');
    // 5 cm wide, in proportion (3:1).
    const extent = pkg.xml('word/document.xml').getElementsByTagNameNS(NS.wp, 'extent').item(0)!;
    expect(Number(extent.getAttribute('cx')) / Number(extent.getAttribute('cy'))).toBeCloseTo(3, 1);
    expect(pkg.names().some((n) => n.startsWith('word/media/'))).toBe(true);
    expect(paragraphs(pkg).some((p) => p.text === 'NHS Fellside ICB')).toBe(true);
    expect(checkAccessibility(content as Buffer).ok).toBe(true);
  });
});
