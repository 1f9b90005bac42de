import type { Page } from 'playwright-core';
import type { RunningApp } from './harness';

/** Adds a top-level section behind the app's back, opens it and clicks into its text, as the editor tests start. */
export async function openNewSection(app: RunningApp, planId: string, title: string): Promise<Page> {
  const section = await app.call('addSection', { planId, parentId: null, title });
  await app.open(`#/plan/${planId}/section/${section.id}`);
  // Only the hash changed: reload so the outline lists the section added behind the app's back.
  await app.reload();
  await app.page.getByRole('textbox', { name: `Text of ${title}` }).click();
  return app.page;
}
