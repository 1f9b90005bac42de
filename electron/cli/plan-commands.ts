// `jfp plans`, `jfp new` and `jfp sample`: the plan library from the command line.
import { PROTECTIVE_MARKINGS, formatPeriod, nextFinancialYear, type PlanSummary } from '../../shared/domain';
import { usageError, type CliCommand } from './command';
import { formatCount, formatTime, renderTable, shortIds } from './text-layout';

function parseStartYear(text: string | undefined, today: Date): number {
  if (text === undefined) return nextFinancialYear(today);
  // "2026" or "2026/27": the financial year's first calendar year.
  const match = /^\s*(\d{4})(?:\/(\d{2}))?\s*$/.exec(text);
  const year = Number(match?.[1]);
  if (!match || (match[2] !== undefined && Number(match[2]) !== (year + 1) % 100))
    throw usageError(`--start-year must be a year such as ${nextFinancialYear(today)}, not "${text}".`);
  return year;
}

export const plansCommand: CliCommand = {
  name: 'plans',
  summary: 'List the plans in the database',
  readsOnly: true,
  details: ['ID shows the shortest start of each id that is unique (at least 8 characters); any unique start works wherever a command takes PLAN.'],
  async run(context) {
    const plans = await context.call('listPlans', {});
    if (plans.length === 0) return { json: plans, text: `No plans yet in ${context.dbPath}. Create one with jfp new or jfp sample.` };
    const short = shortIds(plans.map((plan) => plan.id));
    const text = renderTable<PlanSummary>(plans, [
      { heading: 'ID', value: (plan) => short.get(plan.id) ?? plan.id },
      { heading: 'TITLE', value: (plan) => plan.title, max: 48 },
      { heading: 'ICB', value: (plan) => plan.icbName, max: 44 },
      { heading: 'PERIOD', value: (plan) => formatPeriod(plan.startYear, plan.endYear) },
      { heading: 'SECTIONS', value: (plan) => formatCount(plan.sectionCount), align: 'right' },
      { heading: 'WORDS', value: (plan) => formatCount(plan.wordCount), align: 'right' },
      { heading: 'UPDATED', value: (plan) => formatTime(plan.updatedAt) },
    ]);
    return { json: plans, text };
  },
};

export const newCommand: CliCommand = {
  name: 'new',
  summary: 'Create a plan and print its id',
  createsDatabase: true,
  options: {
    title: { type: 'string', placeholder: 'TITLE', description: "The plan's title", required: true },
    icb: { type: 'string', placeholder: 'NAME', description: "The ICB's name", required: true },
    template: { type: 'string', placeholder: 'ID', description: 'Template to start from (default: blank)' },
    'start-year': {
      type: 'string',
      placeholder: 'YYYY',
      description: 'First financial year, e.g. 2026 for 2026/27 (default: the next financial year to begin)',
    },
    marking: { type: 'string', placeholder: 'MARKING', description: 'Protective marking: OFFICIAL (default) or OFFICIAL-SENSITIVE', choices: PROTECTIVE_MARKINGS },
    trust: { type: 'string', multiple: true, placeholder: 'NAME', description: 'A partner trust; repeat for each one' },
    place: { type: 'string', multiple: true, placeholder: 'NAME', description: 'A place; repeat for each one' },
  },
  details: [
    "Prints just the new plan's id, so id=$(jfp new ...) works; with --json, the whole plan.",
    'Financial years start on 1 April and a plan is prepared before the year it covers, so the default start year is the next one to begin: before 1 April 2026 that is 2026/27, from 1 April 2026 it is 2027/28. A plan covers five years.',
  ],
  examples: ['jfp new --title "Joint Forward Plan 2026/27 to 2030/31" --icb "NHS Example ICB" --trust "Example Hospitals NHS FT" --place Northtown'],
  async run(context, line) {
    const marking = line.string('marking');
    const plan = await context.call('createPlan', {
      title: line.string('title') ?? '',
      icbName: line.string('icb') ?? '',
      startYear: parseStartYear(line.string('start-year'), context.now()),
      ...(line.string('template') !== undefined ? { templateId: line.string('template') } : {}),
      ...(marking !== undefined ? { protectiveMarking: marking as (typeof PROTECTIVE_MARKINGS)[number] } : {}),
      partnerTrusts: line.strings('trust'),
      places: line.strings('place'),
    });
    return { json: plan, text: plan.id };
  },
};

export const sampleCommand: CliCommand = {
  name: 'sample',
  summary: 'Create the fictional sample plan and print its id',
  createsDatabase: true,
  details: ['The sample is a filled-in plan for a made-up ICB, to explore or to try commands on. With --json, prints the whole plan.'],
  async run(context) {
    const plan = await context.call('createSamplePlan', {});
    return { json: plan, text: plan.id };
  },
};
