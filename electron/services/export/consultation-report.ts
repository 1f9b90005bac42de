// The consultation report ("You said, we did"): every comment thread on the
// plan in one table (section, who, type of organisation, comment, response,
// status), as a Word document in the plan's house style, landscape so the
// comment and response columns have room.
import { Paragraph, TextRun } from 'docx';
import { ORGANISATION_TYPE_LABELS, type CommentThread, type Plan } from '../../../shared/domain';
import type { HouseStyle } from '../../../shared/export';
import { blocksToDocx, ListInstances } from './docx-blocks';
import { APP_NAME, packDocument } from './docx-document';
import { headingStyleId } from './docx-styles';
import { pageGeometry } from './house-style';
import { dataTable, type DataColumn } from './model/appendices';
import { xmlSafe } from './model/read-content';

export const REPORT_TITLE = 'Consultation report: you said, we did';

const STATUS = { open: 'Open', resolved: 'Resolved' } as const;

export const REPORT_COLUMNS: readonly DataColumn<CommentThread>[] = [
  { heading: 'Section', width: 14, text: (t) => t.sectionTitle || 'Not linked to a section' },
  { heading: 'Stakeholder', width: 14, text: (t) => [t.comments[0]?.authorName, t.comments[0]?.organisation].filter(Boolean).join(', ') },
  { heading: 'Organisation type', width: 10, text: (t) => ORGANISATION_TYPE_LABELS[t.comments[0]?.orgType ?? 'other'] },
  {
    heading: 'You said',
    width: 26,
    text: (t) =>
      [
        t.quote ? `On “${t.quote}”${t.anchor === 'text_removed' ? ' (text since removed)' : ''}:` : '',
        ...t.comments.map((c, i) => (i === 0 ? c.body : `${c.authorName}: ${c.body}`)),
      ]
        .filter(Boolean)
        .join('\n'),
  },
  { heading: 'We did', width: 26, text: (t) => t.response || 'Response to follow.' },
  { heading: 'Status', width: 8, text: (t) => STATUS[t.status] },
];

export async function consultationReportDocx(plan: Plan, threads: readonly CommentThread[], style: HouseStyle): Promise<Buffer> {
  const page = pageGeometry(style);
  const answered = threads.filter((t) => t.response.trim()).length;
  const children = [
    new Paragraph({ style: headingStyleId(1), children: [new TextRun(REPORT_TITLE)] }),
    new Paragraph({
      children: [
        new TextRun(
          xmlSafe(
            `${plan.title}, ${plan.icbName}. ${threads.length} ${threads.length === 1 ? 'comment was' : 'comments were'} received on the draft; ${answered} ${answered === 1 ? 'has' : 'have'} a response.`,
          ),
        ),
      ],
    }),
    ...(threads.length
      ? blocksToDocx([dataTable(REPORT_COLUMNS, threads)], {
          textWidthTwips: page.landscapeTextWidthTwips,
          lists: new ListInstances(),
          comments: null,
          colours: { accent: style.accentColour, border: style.borderColour, shading: style.shadingColour },
        })
      : [new Paragraph({ children: [new TextRun('No comments have been received yet.')] })]),
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
