// previewExport: the first pages of an export as the Export screen shows them
// before saving: the HTML writer's page of the same model (its stylesheet
// apart), the whole export's warnings and the empty required cover fields.
// It reads only: nothing is saved, not even the cover values it was given.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { PREVIEW_MORE_NOTE } from '../../electron/services/export/preview';
import { callOk } from '../support/call-ok';
import { FULL_COVER } from '../support/export-fixture';

let dir: string;
let services: AppServices;
let planId: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-preview-'));
  services = startServices(path.join(dir, 'jfp.db'), { log: () => undefined });
  planId = (await callOk(services, 'createSamplePlan', {})).id;
});
afterAll(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('previewExport', () => {
  it('shows the board paper’s cover sheet with the values given, lists empty required fields, and saves nothing', async () => {
    const cover = { meeting: 'Board meeting in public, Harrowfield', agendaItem: '<i>9.1</i>' };
    const preview = await callOk(services, 'previewExport', { planId, options: { kind: 'board_paper', sections: { statuses: ['approved'] }, cover } });
    expect(preview.html).toContain('<h2 id="cover-sheet">Report to the Integrated Care Board</h2>');
    expect(preview.html).toContain('Board meeting in public, Harrowfield');
    expect(preview.html).toContain('&lt;i&gt;9.1&lt;/i&gt;');
    // No script, and the stylesheet apart from the markup (the app's CSP refuses inline <style>).
    expect(preview.html).not.toMatch(/<script|<style/i);
    expect(preview.css).toMatch(/h1, h2, h3/);
    expect(preview.missingCoverFields).toEqual(['Purpose of the paper', 'Date of meeting', 'Report author', 'Presented by', 'Executive lead', 'Executive summary']);
    expect(preview.warnings.map((w) => w.message)).toContain('The cover sheet\'s "Executive lead" is empty.');
    expect((await callOk(services, 'getExportSettings', { planId })).cover).toEqual({});
  });

  it('shows the first pages only of a long plan, with every warning of the whole export', async () => {
    const preview = await callOk(services, 'previewExport', { planId, options: { kind: 'plan' } });
    expect(preview.truncated).toBe(true);
    expect(preview.html).toContain(PREVIEW_MORE_NOTE);
    expect(preview.html).toContain('<nav aria-labelledby="contents-heading">');
    const sections = await callOk(services, 'listSections', { planId });
    expect(preview.html).not.toContain(`>${sections[sections.length - 1]!.title}<`);
    // Sections with no text, wherever they are in the plan, are in the warnings.
    expect(preview.warnings.filter((w) => w.message === 'This section has no text yet.').length).toBeGreaterThan(0);
    expect(preview.missingCoverFields).toEqual([]);
  });

  it('has no required field missing with a filled cover, and refuses a misspelt field in a sentence', async () => {
    const filled = await callOk(services, 'previewExport', { planId, options: { kind: 'board_paper', cover: FULL_COVER } });
    expect(filled.missingCoverFields).toEqual([]);
    expect(filled.html).not.toContain('Not provided');
    const refused = await services.dispatch('previewExport', { planId, options: { kind: 'board_paper', cover: { reccomendation: 'x' } } });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Unknown field "reccomendation" on the cover sheet: did you mean "recommendation"?' },
    });
  });
});
