// The delivery table on its own as a Word document: the plan's companion
// delivery appendix, as several ICBs publish it beside the plan. Its body is
// the same appendix the plan export builds (export/model/appendices.ts), so the
// two never disagree; it is laid out landscape in the plan's house style.
import { Paragraph, TextRun } from 'docx';
import type { Commitment, Plan } from '../../../shared/domain';
import type { HouseStyle } from '../../../shared/export';
import { blocksToDocx, ListInstances } from '../export/docx-blocks';
import { APP_NAME, packDocument } from '../export/docx-document';
import { headingStyleId } from '../export/docx-styles';
import { pageGeometry } from '../export/house-style';
import { COMMITMENTS_TITLE, commitmentsBlocks } from '../export/model/appendices';
import { xmlSafe } from '../export/model/read-content';

export const APPENDIX_TITLE = `${COMMITMENTS_TITLE}: delivery appendix`;

export async function deliveryAppendixDocx(plan: Plan, commitments: readonly Commitment[], style: HouseStyle): Promise<Buffer> {
  const page = pageGeometry(style);
  const children = [
    new Paragraph({ style: headingStyleId(1), children: [new TextRun(APPENDIX_TITLE)] }),
    new Paragraph({
      children: [
        new TextRun(
          xmlSafe(
            `${plan.title}, ${plan.icbName}. ${commitments.length} delivery ${commitments.length === 1 ? 'commitment' : 'commitments'}, the companion to the Joint Forward Plan.`,
          ),
        ),
      ],
    }),
    ...blocksToDocx(commitmentsBlocks(commitments), {
      textWidthTwips: page.landscapeTextWidthTwips,
      lists: new ListInstances(),
      comments: null,
      colours: { accent: style.accentColour, border: style.borderColour, shading: style.shadingColour },
    }),
  ];
  return packDocument({
    title: `${plan.title}: ${APPENDIX_TITLE}`,
    subject: APPENDIX_TITLE,
    creator: plan.icbName || APP_NAME,
    style,
    protectiveMarking: plan.protectiveMarking,
    draft: !plan.isFinal,
    parts: [{ children, orientation: 'landscape' }],
  });
}
