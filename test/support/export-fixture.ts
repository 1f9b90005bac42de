// A realistic Joint Forward Plan as the exporters receive it: priorities with
// the usual repeated headings, nested and numbered lists, data tables with
// header rows, quotes, links, reviewers' comments, delivery commitments and
// Health and Wellbeing Board opinions. Also a generator for very large plans.
import type { Commitment, HwbOpinion, Plan, SectionStatus } from '../../shared/domain';
import { commitmentExtras } from './commitment-defaults';
import type { ExportComment, ExportSection, PlanExportData } from '../../shared/export';
import { content, FORMAT, heading, link, list, listItem, mark, nestedItem, paragraph, quote, table, text } from './lexical-builder';

export const FIXTURE_PLAN: Plan = {
  id: 'plan-north-fell',
  title: 'North Fell Joint Forward Plan',
  icbName: 'NHS North Fell Integrated Care Board',
  startYear: 2026,
  endYear: 2030,
  templateId: 'jfp',
  protectiveMarking: 'OFFICIAL',
  sectionCount: 0,
  wordCount: 0,
  updatedAt: '2026-01-15T10:00:00.000Z',
  partnerTrusts: ['North Fell Teaching Hospitals NHS Foundation Trust', 'Fellside Community and Mental Health NHS Trust'],
  places: ['Fellside', 'Riverbank'],
  isFinal: false,
  reviewCopy: null,
  isReviewCopy: false,
  revision: 4,
  createdAt: '2025-10-01T09:00:00.000Z',
};

let seq = 0;
function section(title: string, depth: number, body: string, status: SectionStatus = 'approved', guidance = ''): ExportSection {
  seq++;
  return { id: `s${seq}`, parentId: null, title, depth, status, content: body, guidance };
}

export const START_WELL_THREAD = 'thread-start-well';
export const WORKFORCE_THREAD = 'thread-workforce';

export function fixtureSections(): ExportSection[] {
  seq = 0;
  const sections = [
    section(
      'Foreword',
      1,
      content(
        paragraph('This plan sets out how the NHS in North Fell will work with local councils and communities over the next five years.'),
        quote('We want every child in North Fell to have the best start in life.'),
        paragraph('It is a plan we made with the people we serve, and we will report on it every year.'),
      ),
    ),
    section('Introduction', 1, content(paragraph('Our integrated care system covers two places and 640,000 people.'))),
    section(
      'About our system',
      2,
      content(
        paragraph('The partners in our system are:'),
        list('bullet', [
          listItem('NHS North Fell Integrated Care Board'),
          listItem('two NHS trusts:'),
          nestedItem(list('bullet', [listItem('North Fell Teaching Hospitals'), listItem('Fellside Community and Mental Health')])),
          listItem('Fellside and Riverbank councils'),
        ]),
        paragraph('Read the ', link('https://www.england.nhs.uk/publication/joint-forward-plan-guidance/', 'national guidance'), ' for the statutory requirements.'),
      ),
      'approved',
      'Describe the partners in the system and how they work together.',
    ),
    section(
      'Our population',
      2,
      content(
        paragraph('The table shows how our population is changing.'),
        table(
          [
            ['Place', 'Population 2025', 'Population 2030', 'Aged over 65'],
            ['Fellside', '352,000', '361,000', '21%'],
            ['Riverbank', '288,000', '295,500', '19%'],
          ],
          { colWidths: [200, 120, 120, 100] },
        ),
      ),
    ),
    section('Our priorities', 1, content(paragraph('We have three priorities: start well, live well and age well.'))),
    section(
      'Start well',
      2,
      content(
        heading('h2', 'Why this matters for our population'),
        paragraph(
          'One in five children in Riverbank lives in a low-income family. ',
          mark([START_WELL_THREAD], 'Tooth decay in five-year-olds is twice the England average.'),
        ),
        heading('h2', 'What we will do'),
        list('number', [
          listItem('Expand family hubs to every ward by 2028.'),
          listItem('Offer every care leaver a work opportunity in health and care:'),
          nestedItem(list('number', [listItem('placements in our trusts'), listItem('apprenticeships with partners')])),
          listItem('Reduce waits for children’s community services.'),
        ]),
        heading('h3', 'How we will know we are making a difference'),
        table([
          ['Measure', 'Baseline', 'Target'],
          ['Children seen within 18 weeks', '61% (2024/25)', '92% by March 2029'],
        ]),
      ),
      'approved',
      'Say why the priority matters, what you will do, and how you will know.',
    ),
    section('Children and young people', 3, content(paragraph('We will set out the steps to address the needs of children and young people under 25.'))),
    section('Care leavers', 4, content(paragraph('Care leavers will get a named contact in every partner organisation.'))),
    section(
      'Live well',
      2,
      content(
        paragraph(
          text('Bold', FORMAT.bold),
          ', ',
          text('italic', FORMAT.italic),
          ', ',
          text('underlined', FORMAT.underline),
          ' and ',
          text('struck through', FORMAT.strikethrough),
          ' text.',
        ),
        list('number', [listItem('Smoking cessation in every hospital.'), listItem('Weight management for adults.')]),
        paragraph('A second list numbers from one again:'),
        list('number', [listItem('Hypertension case finding.'), listItem('Lipid management.')]),
      ),
      'in_review',
    ),
    section('Age well', 2, content(paragraph('Virtual wards will offer 45 beds per 100,000 people by March 2027.')), 'drafting'),
    section('Enablers', 1, content(paragraph('Our priorities depend on our workforce, digital services, estates and finances.'))),
    section('Workforce', 2, content(paragraph('We will grow our workforce by 4% a year, with a focus on retention.'))),
    section(
      'Digital and data',
      2,
      content(
        paragraph('Contact the digital team at ', link('mailto:digital@northfell.example.nhs.uk', 'digital@northfell.example.nhs.uk'), '.'),
        paragraph('An unsafe link: ', link('javascript:alert(1)', 'click me'), '.'),
      ),
      'not_started',
    ),
  ];
  return sections;
}

export const FIXTURE_COMMITMENTS: Commitment[] = [
  commitment(0, 'Start well', 'Expand family hubs', 'Wards with a family hub', '12 of 40 (2024/25)', '40 of 40', 2028, '2025/26', 'Fellside Council', 'green'),
  commitment(
    1,
    'Live well',
    'Improve A&E waiting times',
    'Patients seen within 4 hours',
    '71% (March 2025)',
    '78%',
    2026,
    '2025/26',
    'North Fell Teaching Hospitals',
    'amber',
  ),
  commitment(2, 'Live well', 'Faster cancer diagnosis', 'Cancer 62-day standard', '64% (2024/25)', '75%', 2026, '2025/26', 'North Fell Teaching Hospitals', 'red'),
  commitment(3, 'Age well', 'Virtual wards', 'Beds per 100,000 people', '32', '45', 2027, '2024/25', 'Fellside Community and Mental Health', 'not_set'),
];

function commitment(
  position: number,
  priority: string,
  what: string,
  metric: string,
  baseline: string,
  target: string,
  targetYear: number,
  guidanceYear: string,
  leadOrg: string,
  rag: Commitment['rag'],
): Commitment {
  return {
    id: `c${position}`,
    planId: FIXTURE_PLAN.id,
    sectionId: null,
    position,
    priority,
    commitment: what,
    metric,
    baseline,
    target,
    targetYear,
    guidanceYear,
    leadOrg,
    rag,
    revision: 1,
    updatedAt: '2026-01-10T10:00:00.000Z',
    ...commitmentExtras(rag),
  };
}

export const FIXTURE_HWB: HwbOpinion[] = [
  {
    board: 'Fellside Health and Wellbeing Board',
    receivedOn: '2026-02-12',
    opinion:
      'The board is satisfied that the plan takes proper account of the Fellside Joint Local Health and Wellbeing Strategy.\n\nThe board asks for more detail on housing.',
    takesProperAccount: 'yes',
    updatedAt: '2026-02-12T16:00:00.000Z',
  },
  { board: 'Riverbank Health and Wellbeing Board', receivedOn: null, opinion: '', takesProperAccount: 'not_stated', updatedAt: null },
];

export function fixtureComments(sections: ExportSection[]): ExportComment[] {
  const startWell = sections.find((s) => s.title === 'Start well')!;
  const workforce = sections.find((s) => s.title === 'Workforce')!;
  return [
    {
      id: START_WELL_THREAD,
      sectionId: startWell.id,
      quote: 'Tooth decay in five-year-olds is twice the England average.',
      author: 'Priya Shah',
      initials: 'PS',
      date: '2026-01-20T14:30:00.000Z',
      body: 'Please give the source and year for this figure.',
      resolved: false,
      replies: [{ id: 'reply-1', author: 'Tom Reid', initials: 'TR', date: '2026-01-21T09:00:00.000Z', body: 'Added: Oral health survey 2024.' }],
    },
    {
      id: WORKFORCE_THREAD,
      sectionId: workforce.id,
      quote: '',
      author: 'Healthwatch North Fell',
      initials: 'HW',
      date: '2026-01-22T11:00:00.000Z',
      body: 'What does this mean for GP practice staff?',
      resolved: true,
      replies: [],
    },
  ];
}

export function fixtureData(overrides: Partial<PlanExportData> = {}): PlanExportData {
  const sections = fixtureSections();
  return {
    plan: FIXTURE_PLAN,
    sections,
    commitments: FIXTURE_COMMITMENTS,
    hwbOpinions: FIXTURE_HWB,
    comments: fixtureComments(sections),
    ...overrides,
  };
}

const VOCABULARY =
  'population health inequalities prevention community services primary care urgent emergency mental wellbeing children young people workforce digital estates finance partnership outcomes access quality integration neighbourhood'.split(
    ' ',
  );

/**
 * A plan of about `words` words: 8 priorities of 6 sections, each with
 * headings, paragraphs with formatting, a list and a table, like a long plan.
 */
export function generateLargePlan(words: number): PlanExportData {
  let seed = 11;
  const word = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return VOCABULARY[seed % VOCABULARY.length]!;
  };
  const sentence = (n: number) => {
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(word());
    const s = parts.join(' ');
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const sections: ExportSection[] = [];
  const perSection = 6_000;
  const count = Math.max(1, Math.round(words / perSection));
  for (let i = 0; i < count; i++) {
    const blocks = [];
    let written = 0;
    let part = 0;
    while (written < perSection) {
      blocks.push(heading('h2', `Part ${++part}: ${sentence(4)}`));
      for (let p = 0; p < 6; p++) {
        blocks.push(paragraph(sentence(30), ' ', text(sentence(8), FORMAT.bold), ' ', sentence(22)));
        written += 60;
      }
      blocks.push(list('bullet', [listItem(sentence(12)), listItem(sentence(12)), listItem(sentence(12))]));
      blocks.push(
        table([
          ['Measure', 'Baseline', 'Target'],
          [sentence(5), '61%', '75%'],
          [sentence(5), '12', '20'],
        ]),
      );
      written += 36 + 40;
    }
    const depth = i % 6 === 0 ? 1 : 2;
    sections.push({
      id: `big${i}`,
      parentId: null,
      title: `${depth === 1 ? 'Priority' : 'Section'} ${i + 1}`,
      depth,
      status: 'approved',
      content: content(...blocks),
      guidance: '',
    });
  }
  return { plan: FIXTURE_PLAN, sections, commitments: FIXTURE_COMMITMENTS, hwbOpinions: FIXTURE_HWB, comments: [] };
}

/** A board paper cover sheet as a governance team fills it in. */
export const FIXTURE_COVER: Record<string, string> = {
  meetingSession: 'Public',
  meetingDate: '2026-03-26',
  agendaItem: '7.1',
  reportAuthor: 'Sam Okafor, Head of Strategy',
  presentedBy: 'Dr Ruth Lane, Director of Strategy',
  executiveLead: 'Dr Ruth Lane, Director of Strategy',
  purpose: 'Approval',
  executiveSummary:
    'The Joint Forward Plan sets out how the ICB and its partner trusts will meet the health needs of our population over the next five years.\n\nThe draft was shared with both Health and Wellbeing Boards and the public between December and February.',
  strategicObjectives: 'Improve outcomes in population health and healthcare\nTackle inequalities in outcomes, experience and access',
  bafRisks: 'BAF 1: Urgent and emergency care capacity\nBAF 4: Workforce supply',
  financeImplications: 'The plan is consistent with the ICB’s medium-term financial plan.',
  equalityImplications: 'An equality and health inequalities impact assessment is attached.',
  engagement: 'Eleven public events and an online survey with 1,340 responses.',
  previousConsideration: 'Strategy and Transformation Committee, 12 March 2026.',
};

/** Every field of the cover sheet filled in, briefly, as a comms team sends it. */
export const FULL_COVER: Record<string, string> = {
  ...FIXTURE_COVER,
  meeting: 'Board of NHS North Fell Integrated Care Board',
  title: 'North Fell Joint Forward Plan 2026/27 to 2030/31',
  recommendation: 'The Board is asked to approve the Joint Forward Plan for publication.',
  financeImplications: 'Within the medium-term financial plan.',
  qualityImplications: 'Supports the quality priorities.',
  equalityImplications: 'Impact assessment attached.',
  legalImplications: 'Meets the duty in the NHS Act 2006.',
  workforceImplications: 'See the Enablers chapter.',
  dataProtectionImplications: 'None: the plan holds no personal data.',
  sustainabilityImplications: 'Supports the Green Plan.',
  engagement: 'Eleven public events; 1,340 survey responses.',
  conflictsOfInterest: 'None identified.',
};
