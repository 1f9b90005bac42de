// The consultation report ("You said, we did"), #13: who was consulted, what
// they said, and what the plan did about it. The published edition is fit to
// put on a website: no workflow states, organisations rather than people (a
// person is named only when their consent is recorded on the stakeholder), an
// introduction with the engagement period, methods and counts by type of
// respondent, and comments grouped by the themes the author gave them. The
// internal edition adds names, the ICB's own replies and each thread's status.
// Both are built once as model blocks and written as Word (landscape, in the
// plan's house style) or as one accessible web page.
import { Paragraph, TextRun } from 'docx';
import {
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  type CommentEntry,
  type CommentThread,
  type OrganisationType,
  type Plan,
  type SectionSummary,
} from '../../../shared/domain';
import type { HouseStyle } from '../../../shared/export';
import { blocksToDocx, ListInstances } from './docx-blocks';
import { APP_NAME, headerText, packDocument } from './docx-document';
import { headingStyleId } from './docx-styles';
import { formatLongDate, pageGeometry } from './house-style';
import { blocksToHtml, escapeHtml } from './html-blocks';
import { standalonePage } from './html-writer';
import { dataTable, type DataColumn } from './model/appendices';
import { heading, paragraph, text, type Block } from './model/document';
import { planOutline } from './model/outline';
import type { EngagementSummary } from './model/plan-records';
import { xmlSafe } from './model/read-content';

export const REPORT_TITLE = 'Consultation report: you said, we did';
export const INTRO_HEADING = 'About this consultation';
export const UNTHEMED_HEADING = 'Other comments';
export const ALL_COMMENTS_HEADING = 'What you said and what we did';

export type ReportEdition = 'published' | 'internal';

export interface ReportInput {
  plan: Plan;
  /** The plan's sections in outline order (for each row's number and path). */
  sections: readonly SectionSummary[];
  threads: readonly CommentThread[];
  /** Stakeholders who agreed to be named in the published report. */
  namedConsent: ReadonlySet<string>;
  engagement: EngagementSummary;
  edition: ReportEdition;
}

const STATUS = { open: 'Open', resolved: 'Resolved' } as const;
const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** "2.1 Our system priorities › Start well" for each section: its number in the plan and the titles above it. */
export function sectionLabels(sections: readonly SectionSummary[]): Map<string, string> {
  const outline = planOutline(
    sections.map((s) => ({ id: s.id, parentId: s.parentId, title: s.title, depth: s.depth, status: s.status, content: '', guidance: '' })),
    { withSubsections: true },
    'plan',
  );
  const titles = new Map(sections.map((s) => [s.id, s]));
  const labels = new Map<string, string>();
  for (const entry of outline) {
    const path: string[] = [];
    for (let s = titles.get(entry.section.id); s; s = s.parentId ? titles.get(s.parentId) : undefined) path.unshift(s.title || 'Untitled section');
    labels.set(entry.section.id, `${entry.number} ${path.join(' › ')}`);
  }
  return labels;
}

/** Whom a comment is credited to in this edition: in the published one, a person only with their consent. */
function creditFor(edition: ReportEdition, consent: ReadonlySet<string>) {
  return (c: CommentEntry): string => {
    const named = edition === 'internal' || (c.stakeholderId !== null && consent.has(c.stakeholderId));
    if (named) return [c.authorName, c.organisation].filter(Boolean).join(', ');
    if (c.organisation) return c.organisation;
    return c.orgType === 'public' ? 'A member of the public' : `A respondent (${ORGANISATION_TYPE_LABELS[c.orgType]})`;
  };
}

function anchorNote(t: CommentThread): string {
  if (!t.quote) return '';
  const note = { section: '', text: '', text_changed: ' (the text has since changed)', text_removed: ' (the text has since been removed)', unplaced: '' }[t.anchor];
  return `On “${t.quote}”${note}:`;
}

/** The threads this edition reports: the published one leaves out threads the ICB's own team started. */
export function reportedThreads(threads: readonly CommentThread[], edition: ReportEdition): CommentThread[] {
  return edition === 'internal' ? [...threads] : threads.filter((t) => t.comments[0] && !t.comments[0].byYou);
}

function columns(input: ReportInput, labels: ReadonlyMap<string, string>): DataColumn<CommentThread>[] {
  const credit = creditFor(input.edition, input.namedConsent);
  const published = input.edition === 'published';
  const cols: DataColumn<CommentThread>[] = [
    { heading: 'Section', width: 16, text: (t) => (t.sectionId ? (labels.get(t.sectionId) ?? t.sectionTitle) : '') || 'The plan as a whole' },
    { heading: 'Respondent', width: 14, text: (t) => (t.comments[0] ? credit(t.comments[0]) : '') },
    { heading: 'Type', width: 10, text: (t) => ORGANISATION_TYPE_LABELS[t.comments[0]?.orgType ?? 'other'] },
    {
      heading: 'You said',
      width: 28,
      text: (t) =>
        [
          anchorNote(t),
          // The published edition reports what respondents said; the ICB's answer is the "We did" column.
          ...t.comments.filter((c, i) => i === 0 || !published || !c.byYou).map((c, i) => (i === 0 ? c.body : `${credit(c)}: ${c.body}`)),
        ]
          .filter(Boolean)
          .join('\n'),
    },
    { heading: 'We did', width: 26, text: (t) => t.response.trim() || 'Response to follow.' },
  ];
  if (!published) cols.push({ heading: 'Status', width: 8, text: (t) => STATUS[t.status] });
  return cols;
}

/** Themes in order of how many threads carry them first, then by name; each thread sits under its first theme. */
function byTheme(threads: readonly CommentThread[]): { theme: string; threads: CommentThread[] }[] {
  const groups = new Map<string, CommentThread[]>();
  const unthemed: CommentThread[] = [];
  for (const t of threads) {
    const theme = t.themes[0];
    if (!theme) unthemed.push(t);
    else groups.set(theme, [...(groups.get(theme) ?? []), t]);
  }
  const out = [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0], 'en-GB')).map(([theme, list]) => ({ theme, threads: list }));
  if (unthemed.length) out.push({ theme: out.length ? UNTHEMED_HEADING : ALL_COMMENTS_HEADING, threads: unthemed });
  return out;
}

/** How many respondents and comments of each type (types with none left out). */
export function countsByType(threads: readonly CommentThread[]): { type: OrganisationType; respondents: number; comments: number }[] {
  const people = new Map<OrganisationType, Set<string>>();
  const comments = new Map<OrganisationType, number>();
  for (const t of threads) {
    const first = t.comments[0];
    if (!first) continue;
    const type = first.orgType;
    comments.set(type, (comments.get(type) ?? 0) + 1);
    people.set(type, (people.get(type) ?? new Set()).add(first.stakeholderId ?? `${first.authorName}|${first.organisation}`));
  }
  return ORGANISATION_TYPES.filter((type) => comments.has(type)).map((type) => ({ type, respondents: people.get(type)!.size, comments: comments.get(type)! }));
}

/** The report as model blocks; `level` is the outline level of its headings (under the document's title). */
export function reportBlocks(input: ReportInput, level: number): Block[] {
  const threads = reportedThreads(input.threads, input.edition);
  const { plan, engagement, edition } = input;
  const answered = threads.filter((t) => t.response.trim()).length;
  const types = countsByType(threads);
  const respondents = types.reduce((sum, t) => sum + t.respondents, 0);
  const methods = [...new Set(engagement.activities.map((a) => a.method.trim()).filter(Boolean))];
  const groups = byTheme(threads);
  const themed = groups.filter((g) => g.theme !== UNTHEMED_HEADING && g.theme !== ALL_COMMENTS_HEADING);
  const p = (value: string) => paragraph([text(xmlSafe(value))]);

  const intro: Block[] = [
    heading(level, INTRO_HEADING),
    p(
      `${plan.title}${plan.icbName ? `, ${plan.icbName}` : ''}. This report sets out whom we consulted on the draft plan, what they told us and what we did in response.`,
    ),
    p(engagement.sentence),
  ];
  if (engagement.from && engagement.to) {
    intro.push(
      p(
        engagement.from === engagement.to
          ? `The engagement took place on ${formatLongDate(engagement.from)}.`
          : `The engagement period ran from ${formatLongDate(engagement.from)} to ${formatLongDate(engagement.to)}.`,
      ),
    );
  }
  if (methods.length) intro.push(p(`Methods we used: ${methods.join('; ')}.`));
  intro.push(
    p(
      threads.length
        ? `We received ${count(threads.length, 'comment', 'comments')} on the draft from ${count(respondents, 'respondent', 'respondents')}; ${count(answered, 'has a response', 'have a response')} below.`
        : 'No comments have been received yet.',
    ),
  );
  if (types.length) {
    intro.push(
      dataTable<(typeof types)[number]>(
        [
          { heading: 'Type of respondent', width: 50, text: (t) => ORGANISATION_TYPE_LABELS[t.type] },
          { heading: 'Respondents', width: 25, text: (t) => t.respondents.toLocaleString('en-GB') },
          { heading: 'Comments', width: 25, text: (t) => t.comments.toLocaleString('en-GB') },
        ],
        types,
        'Comments received by type of respondent',
      ),
    );
  }
  if (edition === 'published') {
    intro.push(p('People are named only where they agreed to be; otherwise we show their organisation, and members of the public are not named.'));
  }
  if (themed.length) intro.push(p(`We have grouped the comments by theme: ${themed.map((g) => `${g.theme} (${g.threads.length})`).join('; ')}.`));

  const labels = sectionLabels(input.sections);
  const order = new Map(input.sections.map((s, i) => [s.id, i]));
  const cols = columns(input, labels);
  const body = groups.flatMap((group) => [
    heading(level, group.theme),
    dataTable(
      cols,
      [...group.threads].sort((a, b) => (order.get(a.sectionId ?? '') ?? -1) - (order.get(b.sectionId ?? '') ?? -1) || a.createdAt.localeCompare(b.createdAt)),
      `${group.theme}: what was said and what we did`,
    ),
  ]);
  return [...intro, ...body];
}

export async function consultationReportDocx(input: ReportInput, style: HouseStyle): Promise<Buffer> {
  const page = pageGeometry(style);
  const { plan } = input;
  const children = [
    new Paragraph({ style: headingStyleId(1), children: [new TextRun(REPORT_TITLE)] }),
    ...blocksToDocx(reportBlocks(input, 2), {
      textWidthTwips: page.landscapeTextWidthTwips,
      lists: new ListInstances(),
      comments: null,
      colours: { accent: style.accentColour, border: style.borderColour, shading: style.shadingColour },
    }),
  ];
  return packDocument({
    title: `${plan.title}: ${REPORT_TITLE}`,
    subject: REPORT_TITLE,
    creator: plan.icbName || APP_NAME,
    style,
    protectiveMarking: plan.protectiveMarking,
    draft: !plan.isFinal,
    parts: [{ children, orientation: 'landscape' }],
  });
}

/** The same report as one self-contained, accessible web page (title h1, sections h2). */
export function consultationReportHtml(input: ReportInput, style: HouseStyle): string {
  const { plan } = input;
  return standalonePage(
    {
      title: `${plan.title}: ${REPORT_TITLE}`,
      description: `${REPORT_TITLE}, ${plan.icbName || plan.title}`,
      marking: headerText(plan.protectiveMarking, !plan.isFinal),
      body: [`<h1>${escapeHtml(REPORT_TITLE)}</h1>`, blocksToHtml(reportBlocks(input, 1))],
    },
    style,
  );
}
