// Realistic plan text for benchmarks, generated rather than committed: sentences
// in the register of a Joint Forward Plan, from a seeded generator so every run
// measures the same words. Output is in the sample plan's block format.
import type { Block } from '../../electron/services/sample-plan';
import { RAG_STATUSES, type CommitmentFields } from '../../shared/domain';

const SUBJECTS = [
  'The integrated care board',
  'Our partner trusts',
  'Each place partnership',
  'Primary care networks',
  'The acute provider collaborative',
  'Community nursing teams',
  'The mental health collaborative',
  'Local authorities',
  'Voluntary and community organisations',
  'Integrated neighbourhood teams',
  'The cancer alliance',
  'Health visitors',
  'Community pharmacies',
  'The ambulance service',
  'Social prescribing link workers',
  'Hospices',
];
const VERBS = [
  'will expand',
  'will commission',
  'will redesign',
  'will strengthen',
  'will evaluate',
  'will prioritise',
  'will integrate',
  'will reduce',
  'will improve',
  'will invest in',
  'will co-produce',
  'will monitor',
  'will publish',
  'will extend',
  'will streamline',
  'will target',
  'will review',
  'will accelerate',
];
const OBJECTS = [
  'virtual ward capacity',
  'same day emergency care',
  'diagnostic capacity',
  'talking therapies',
  'urgent community response',
  'discharge to assess pathways',
  'childhood immunisation clinics',
  'hypertension case finding',
  'lung cancer screening',
  'falls prevention services',
  'memory assessment services',
  'personalised care and support planning',
  'annual health checks',
  'stop smoking services',
  'continuity of maternity carer',
  'crisis alternatives',
  'the shared care record',
  'population health management',
  'workforce retention programmes',
  'apprenticeship pathways',
  'estates rationalisation',
  'procurement collaboration',
  'medicines optimisation',
  'outpatient transformation',
  'theatre productivity',
  'end of life care coordination',
];
const QUALIFIERS = [
  'in the most deprived neighbourhoods',
  'for people with multiple long-term conditions',
  'across all three places',
  'by March 2028',
  'within existing resources',
  'working with carers and families',
  'where evidence shows the greatest benefit',
  'for children and young people under 25',
  'in rural communities',
  'alongside the voluntary sector',
  'so that waiting times fall',
  'with clear measures of success',
  'during the first two years',
  'for people experiencing homelessness',
  'in line with the planning guidance',
  'using a proportionate universalism approach',
];
const LINKS = ['Because', 'However,', 'In addition,', 'As a result,', 'Over the five years,', 'In 2027/28,', 'At neighbourhood level,', 'For this reason,'];
const EVIDENCE = [
  'emergency admissions',
  'healthy life expectancy',
  'referral-to-treatment waits',
  'four-hour performance',
  'staff turnover',
  'bed occupancy',
  'smoking prevalence',
  'obesity in reception children',
  'dementia diagnosis rates',
  'out of area placements',
  'carbon emissions',
  'patient experience scores',
];

// A wider vocabulary, so the index holds many rare words as real plans do, not only common ones.
const TOPICS = (
  'asthma diabetes epilepsy sickle-cell psoriasis glaucoma cataracts dermatology cardiology nephrology haematology rheumatology urology gynaecology ' +
  'orthopaedics ophthalmology audiology podiatry physiotherapy dietetics phlebotomy endoscopy colonoscopy mammography ultrasound radiography ' +
  'pathology pharmacy dentistry optometry midwifery neonatology paediatrics geriatrics psychiatry psychology safeguarding bereavement hospice ' +
  'homelessness loneliness isolation deprivation unemployment housing transport broadband literacy numeracy apprenticeship volunteering ' +
  'Harrowfield Silverbrook Westmere Millbridge Ashcombe Kestrel Downs Brackenmoor Fernley Hollins Quarry Tanner Weaver Riverside Eastgate ' +
  'Northfield Southwold Lowmoor Highcross Parkside Oldbury Brookvale Thornley Whitmore Greenacre Hawthorn Larkspur Marigold Orchard Primrose ' +
  'telehealth telecare wearable algorithm dashboard interoperability cybersecurity pseudonymised linkage registry cohort stratification ' +
  'immunisation vaccination screening prevention rehabilitation reablement convalescence palliation frailty sarcopenia delirium dementia ' +
  'hypertension cholesterol atrial fibrillation heart failure COPD bronchiectasis tuberculosis hepatitis HIV influenza measles pertussis ' +
  'anxiety depression psychosis eating disorders self-harm autism ADHD dyslexia cerebral palsy Down syndrome spina bifida cystic fibrosis'
).split(' ');

/** A small, fast, seeded generator (mulberry32): the same seed gives the same text. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function planSentence(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  switch (Math.floor(random() * 5)) {
    case 4:
      return `In ${pick(TOPICS)} and ${pick(TOPICS)} services, ${pick(SUBJECTS).toLowerCase()} ${pick(VERBS)} the ${pick(TOPICS)} pathway, with ${pick(TOPICS)} support near ${pick(TOPICS)}.`;
    case 0:
      return `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(QUALIFIERS)}.`;
    case 1:
      return `${pick(LINKS)} ${pick(SUBJECTS).toLowerCase()} ${pick(VERBS)} ${pick(OBJECTS)}, and ${pick(SUBJECTS).toLowerCase()} ${pick(VERBS)} ${pick(OBJECTS)}.`;
    case 2:
      return `Local data show that ${pick(EVIDENCE)} changed by ${(random() * 20).toFixed(1)}% between 2022/23 and 2024/25 ${pick(QUALIFIERS)}.`;
    default:
      return `${pick(LINKS)} we ${pick(VERBS).replace('will ', 'will continue to ')} ${pick(OBJECTS)} ${pick(QUALIFIERS)}, measured through ${pick(EVIDENCE)}.`;
  }
}

const wordsIn = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** About `words` words of section text: paragraphs, with a heading and a list every so often. */
export function planBlocks(words: number, random: () => number): Block[] {
  const blocks: Block[] = [];
  let count = 0;
  while (count < words) {
    const roll = random();
    if (roll < 0.06) {
      const heading = `What we will do about ${OBJECTS[Math.floor(random() * OBJECTS.length)]}`;
      blocks.push({ h3: heading });
      count += wordsIn(heading);
    } else if (roll < 0.12) {
      const items = Array.from({ length: 3 + Math.floor(random() * 3) }, () => planSentence(random));
      blocks.push({ bullets: items });
      count += items.reduce((n, item) => n + wordsIn(item), 0);
    } else {
      const paragraph = Array.from({ length: 3 + Math.floor(random() * 4) }, () => planSentence(random)).join(' ');
      blocks.push(paragraph);
      count += wordsIn(paragraph);
    }
  }
  return blocks;
}

/** The fields of the i-th generated delivery commitment (no section link). */
export function planCommitment(
  random: () => number,
  i: number,
): Pick<CommitmentFields, 'priority' | 'commitment' | 'metric' | 'baseline' | 'target' | 'targetYear' | 'guidanceYear' | 'leadOrg' | 'rag' | 'ragOverrideReason'> {
  return {
    priority: ['Start well', 'Live well', 'Age well', 'Enablers'][i % 4]!,
    commitment: planSentence(random).slice(0, 300),
    metric: planSentence(random).slice(0, 120),
    baseline: `${(random() * 100).toFixed(1)}% (2024/25)`,
    target: `${(50 + random() * 50).toFixed(0)}%`,
    targetYear: 2026 + (i % 5),
    guidanceYear: i % 3 === 0 ? '2025/26' : 'Local ambition',
    leadOrg: ['ICB', 'Acute trust', 'Community trust', 'Council'][i % 4]!,
    rag: RAG_STATUSES[i % RAG_STATUSES.length]!,
    // #11: a status set by hand needs its reason.
    ragOverrideReason: 'Generated for the benchmark.',
  };
}
