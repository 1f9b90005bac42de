// #15 part 2: what the plan's records add to an export. The engagement record
// follows the text of "How we developed this plan"; the integrated care
// strategy can be shown as a table of what delivers each priority; and the
// Health and Wellbeing Board appendix is generated from the boards' record, so
// a template section for the opinions is left out (its text stays in the plan).
import type { EngagementActivity, StrategyPriority } from '../../../../shared/domain';
import type { PlanExportData } from '../../../../shared/export';
import type { Store } from '../../store';
import { formatLongDate } from '../house-style';
import { dataTable, type DataColumn } from './appendices';
import { heading, paragraph, text, type Block, type DocumentSection } from './document';
import { xmlSafe } from './read-content';

/** The template section the engagement record follows. */
export const ENGAGEMENT_SECTION_KEY = 'introduction.engagement';
/** The template's own section for the boards' opinions, which the generated appendix replaces. */
export const HWB_SECTION_KEY = 'hwb-opinions';
export const ENGAGEMENT_HEADING = 'Our engagement record';
export const STRATEGY_TITLE = 'How this plan delivers the integrated care strategy';

const number = (n: number) => n.toLocaleString('en-GB');

/** "10 November 2025", "10 November 2025 to 5 January 2026", '' when not dated. */
export function activityDates(activity: Pick<EngagementActivity, 'startsOn' | 'endsOn'>): string {
  if (!activity.startsOn) return '';
  if (!activity.endsOn || activity.endsOn === activity.startsOn) return formatLongDate(activity.startsOn);
  return `${formatLongDate(activity.startsOn)} to ${formatLongDate(activity.endsOn)}`;
}

export interface EngagementSummary {
  activities: EngagementActivity[];
  /** Earliest start and latest end (ISO), null when no activity is dated. */
  from: string | null;
  to: string | null;
  /** People reached, over the activities whose reach is known. */
  totalReach: number;
  /** One sentence: how many activities, when, how many people. */
  sentence: string;
}

/** The engagement record in figures and one sentence (the plan's export and the consultation report use it). */
export function summariseEngagement(activities: readonly EngagementActivity[]): EngagementSummary {
  const starts = activities.map((a) => a.startsOn).filter((d): d is string => d !== null);
  const ends = activities.map((a) => a.endsOn ?? a.startsOn).filter((d): d is string => d !== null);
  const from = starts.length ? starts.reduce((a, b) => (a < b ? a : b)) : null;
  const to = ends.length ? ends.reduce((a, b) => (a > b ? a : b)) : null;
  const known = activities.filter((a) => a.reach !== null);
  const totalReach = known.reduce((sum, a) => sum + (a.reach ?? 0), 0);
  if (activities.length === 0) return { activities: [], from, to, totalReach, sentence: 'No engagement activities have been recorded yet.' };
  const count = activities.length === 1 ? 'one engagement activity' : `${number(activities.length)} engagement activities`;
  const when = from && to ? (from === to ? ` on ${formatLongDate(from)}` : ` between ${formatLongDate(from)} and ${formatLongDate(to)}`) : '';
  const reach = known.length
    ? `, reaching ${number(totalReach)} ${totalReach === 1 ? 'person' : 'people'}${known.length < activities.length ? ' in those whose numbers we counted' : ''}`
    : '';
  return { activities: [...activities], from, to, totalReach, sentence: `We held ${count}${when}${reach}.` };
}

/** For the consultation report (#13): the plan's engagement record, summarised. */
export function engagementSummary(store: Pick<Store, 'engagement'>, planId: string): EngagementSummary {
  return summariseEngagement(store.engagement.list(planId));
}

const ENGAGEMENT_COLUMNS: readonly DataColumn<EngagementActivity>[] = [
  { heading: 'When', width: 14, text: activityDates },
  { heading: 'Method', width: 14, text: (a) => a.method },
  { heading: 'Who took part', width: 16, text: (a) => a.audience },
  { heading: 'Reach', width: 8, text: (a) => (a.reach === null ? '' : number(a.reach)) },
  { heading: 'Partners', width: 14, text: (a) => a.partners },
  { heading: 'What we heard', width: 34, text: (a) => a.heard },
];

/** The engagement record as blocks under a section at `level`: a sentence and a table. */
export function engagementBlocks(activities: readonly EngagementActivity[], level: number): Block[] {
  if (activities.length === 0) return [];
  return [
    heading(Math.min(level + 1, 6), ENGAGEMENT_HEADING),
    paragraph([text(xmlSafe(summariseEngagement(activities).sentence))]),
    dataTable(ENGAGEMENT_COLUMNS, activities, 'Engagement activities: when, how, who took part, how many and what we heard'),
  ];
}

/** The strategy table: each priority of the integrated care strategy and the sections and commitments that deliver it. */
export function strategyBlocks(data: PlanExportData): Block[] {
  const priorities = data.records?.strategy ?? [];
  if (priorities.length === 0) return [paragraph([text('No priorities of the integrated care strategy have been recorded for this plan yet.')])];
  const titles = new Map(data.sections.map((s) => [s.id, s.title]));
  const commitments = new Map(data.commitments.map((c) => [c.id, c.commitment]));
  const columns: DataColumn<StrategyPriority>[] = [
    {
      heading: 'Strategy priority',
      width: 30,
      text: (p) => [p.title, p.source ? `(${p.source}${p.sourceDate ? `, ${formatLongDate(p.sourceDate)}` : ''})` : ''].filter(Boolean).join(' '),
    },
    {
      heading: 'Sections of this plan',
      width: 30,
      text: (p) =>
        p.sectionIds
          .map((id) => titles.get(id))
          .filter(Boolean)
          .join('; ') || 'None yet',
    },
    {
      heading: 'Delivery commitments',
      width: 40,
      text: (p) =>
        p.commitmentIds
          .map((id) => commitments.get(id))
          .filter(Boolean)
          .join('; ') || 'None yet',
    },
  ];
  return [
    paragraph([text('The table shows, for each priority of the integrated care strategy, the parts of this plan and the delivery commitments that deliver it.')]),
    dataTable(columns, priorities, `${STRATEGY_TITLE}: each priority and what delivers it`),
  ];
}

/** The data without the template's own opinions section and its subsections: the generated appendix takes its place. */
export function withoutTemplateHwbSections(data: PlanExportData): PlanExportData {
  const keys = data.records?.templateKeys;
  if (!keys) return data;
  const dropped = new Set<string>();
  for (const section of data.sections) {
    if (keys[section.id] === HWB_SECTION_KEY || (section.parentId !== null && dropped.has(section.parentId))) dropped.add(section.id);
  }
  return dropped.size ? { ...data, sections: data.sections.filter((s) => !dropped.has(s.id)) } : data;
}

/** Appends the engagement record after the text of "How we developed this plan", when that section is exported. */
export function addEngagementRecord(data: PlanExportData, sections: DocumentSection[]): void {
  const keys = data.records?.templateKeys;
  const activities = data.records?.engagement ?? [];
  if (!keys || activities.length === 0) return;
  const target = sections.find((s) => keys[s.id] === ENGAGEMENT_SECTION_KEY);
  if (target) target.blocks.push(...engagementBlocks(activities, target.level));
}
