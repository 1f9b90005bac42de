// The house style an export is drawn in: the defaults from templates/house-style.json
// (Arial, 12 pt body, NHS Blue headings, A4, 2.5 cm margins) with a plan's own
// profile laid over them. Both are validated, so a hand-edited file or a bad
// profile is refused with a sentence rather than producing an odd document.
import defaults from '../../../templates/house-style.json';
import { houseStyleOverridesSchema, houseStyleSchema, type HouseStyle } from '../../../shared/export';
import { JfpError } from '../../../shared/errors';
import type { z } from 'zod';

function firstIssue(error: z.ZodError, what: string): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length ? ` (${issue.path.join('.')})` : '';
  return `${what}${where}: ${issue?.message ?? 'it is not valid'}`;
}

function parseDefaults(): HouseStyle {
  const parsed = houseStyleSchema.safeParse(defaults);
  if (!parsed.success) throw new JfpError('internal', firstIssue(parsed.error, 'The default house style in templates/house-style.json is not valid'));
  return parsed.data;
}

export const DEFAULT_HOUSE_STYLE: HouseStyle = parseDefaults();

/** The defaults with a plan's profile over them; refuses a profile that is not valid. */
export function resolveHouseStyle(overrides?: unknown, base: HouseStyle = DEFAULT_HOUSE_STYLE): HouseStyle {
  if (overrides === undefined || overrides === null) return base;
  const parsed = houseStyleOverridesSchema.safeParse(overrides);
  if (!parsed.success) throw new JfpError('invalid_input', `${firstIssue(parsed.error, 'The house style for this plan is not valid')}.`);
  const profile = parsed.data;
  return {
    ...base,
    ...profile,
    headingSizesPt: { ...base.headingSizesPt, ...profile.headingSizesPt },
    page: { ...base.page, ...profile.page },
    logo: profile.logo === undefined ? base.logo : profile.logo,
  };
}

/** Twips (1/20 pt) per centimetre. */
export const TWIPS_PER_CM = 566.93;
const A4_WIDTH_TWIPS = 11906;
const A4_HEIGHT_TWIPS = 16838;

export interface PageGeometry {
  widthTwips: number;
  heightTwips: number;
  marginTwips: number;
  /** Width between the margins, portrait. */
  textWidthTwips: number;
  /** Width between the margins, landscape. */
  landscapeTextWidthTwips: number;
}

export function pageGeometry(style: HouseStyle): PageGeometry {
  const marginTwips = Math.round(style.page.marginCm * TWIPS_PER_CM);
  return {
    widthTwips: A4_WIDTH_TWIPS,
    heightTwips: A4_HEIGHT_TWIPS,
    marginTwips,
    textWidthTwips: A4_WIDTH_TWIPS - 2 * marginTwips,
    landscapeTextWidthTwips: A4_HEIGHT_TWIPS - 2 * marginTwips,
  };
}

/** "4 March 2026" from "2026-03-04"; other text is returned as given. */
export function formatLongDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const month = months[Number(match[2]) - 1];
  return month ? `${Number(match[3])} ${month} ${match[1]}` : isoDate;
}

/** Today as YYYY-MM-DD in local time (the date a person would write on the paper). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
