// Takes the README's screenshots from the real app in Chromium, on a fresh
// database with the fictional sample plan. Run with `npm run screenshots`.
import path from 'node:path';
import { buildForHarness } from '../test/e2e/global-setup';
import { launchApp } from '../test/e2e/harness';
import { REPO_ROOT } from '../test/e2e/paths';

const OUT = path.join(REPO_ROOT, 'docs', 'screenshots');

/** The current size's pictures keep their names; other sizes add theirs (#12: 1366×768, a common laptop). */
const SIZES = [
  { width: 1440, height: 900, suffix: '' },
  { width: 1366, height: 768, suffix: '-1366x768' },
];

async function main(): Promise<void> {
  // The renderer built and the browser found; no shared browser (the app launches its own, closed with it).
  await buildForHarness();
  for (const size of SIZES) await takeAll(size);
}

async function takeAll({ width, height, suffix }: (typeof SIZES)[number]): Promise<void> {
  const app = await launchApp({ viewport: { width, height } });
  try {
    const { page } = app;
    const shot = (name: string) => page.screenshot({ path: path.join(OUT, `${name}${suffix}.png`) });
    await page.getByRole('button', { name: 'Open the sample plan' }).first().click();
    await page.getByRole('tree', { name: 'Sections' }).waitFor();
    const sections = await app.call('listSections', { planId: (await app.call('listPlans', {}))[0]!.id });
    const planId = sections[0]!.planId;
    const rich = [...sections].sort((a, b) => b.wordCount - a.wordCount)[0]!;
    await app.open(`#/plan/${planId}/section/${rich.id}`);
    await page.getByRole('textbox', { name: `Text of ${rich.title}` }).waitFor();
    await shot('plan');
    // A reviewer's comment on the section, with the author's response.
    const reviewer = await app.call('addStakeholder', { planId, name: 'Asha Patel', organisation: 'Healthwatch Wessex Vale', orgType: 'healthwatch', email: '' });
    const thread = await app.call('createThread', {
      planId,
      sectionId: rich.id,
      stakeholderId: reviewer.id,
      body: 'Residents told us evening appointments matter most. Can the plan say when they will be available in every place?',
      quote: '',
    });
    await app.call('respondToThread', { threadId: thread.id, response: 'Added a commitment to evening and weekend appointments in all three places by March 2028.' });
    await app.reload();
    await page.getByRole('button', { name: /^Comments/ }).click();
    await page.locator('.thread').first().waitFor();
    await shot('comments');
    await app.open(`#/plan/${planId}/commitments`);
    await page.getByRole('heading', { name: 'Delivery commitments' }).waitFor();
    await shot('commitments');
    await app.open('#/');
    await page.getByRole('heading', { name: 'Your plans' }).waitFor();
    await shot('library');
    if (!suffix) {
      // #12 the dark theme, as a system set to dark shows it.
      await page.emulateMedia({ colorScheme: 'dark' });
      await app.open(`#/plan/${planId}/section/${rich.id}`);
      await page.getByRole('textbox', { name: `Text of ${rich.title}` }).waitFor();
      await shot('plan-dark');
      await page.emulateMedia({ colorScheme: 'light' });
    }
    process.stdout.write(`Screenshots at ${width}×${height} written to ${OUT}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
