// #16 Word import: `jfp import-docx FILE [--split-level 1|2]`, the same
// previewWordImport (FILE answering its "which file?" dialog) and
// importWordPlan as the Import a Word plan screen. Prints the new plan's id,
// then the sections made and what was not carried.
import fs from 'node:fs';
import path from 'node:path';
import { CliError, type CliCommand } from './command';

export const importDocxCommand: CliCommand = {
  name: 'import-docx',
  summary: 'Make a plan from a Word document (.docx) and print its id',
  createsDatabase: true,
  args: [{ name: 'FILE', description: 'A Word document (.docx)' }],
  options: {
    'split-level': {
      type: 'string',
      placeholder: 'N',
      description: 'Start a section at each Heading 1 (1, the default) or at Heading 1 and Heading 2 (2)',
      choices: ['1', '2'],
    },
    icb: { type: 'string', placeholder: 'NAME', description: 'The ICB’s name, when the document does not give it as “NHS … Integrated Care Board” (or to use another)' },
  },
  details: [
    'Sections whose titles match the JFP template’s (ignoring case, numbering and punctuation, or closely) get the template’s guidance and statutory checklist. Lists, tables, bold, italic, underline and links are kept; footnotes become notes at the end of their section; images are listed as not imported.',
    'The plan is made in one transaction: if anything is refused, no plan is left behind. The database is backed up first.',
  ],
  examples: ['jfp import-docx "JFP 2025.docx"', 'jfp import-docx plan.docx --split-level 2 --icb "NHS Northshire Integrated Care Board"'],
  async run(context, line) {
    const file = path.resolve(line.arg('FILE'));
    if (!fs.existsSync(file)) throw new CliError(`${file} does not exist.`);
    const splitLevel = line.string('split-level') === '2' ? 2 : 1;
    const preview = await context.call('previewWordImport', { splitLevel }, { open: file });
    if (!preview) throw new CliError(`${file} was not read.`);
    const icbName = line.string('icb');
    if (!icbName && !preview.icbName) {
      throw new CliError(
        `${preview.fileName} does not name the ICB (as “NHS … Integrated Care Board” in its first pages) and your profile has no organisation; give it with --icb "NHS … Integrated Care Board". Nothing was imported.`,
      );
    }
    const { plan, notCarried } = await context.call('importWordPlan', { importId: preview.importId, splitLevel, ...(icbName ? { icbName } : {}) });
    const lines = [
      plan.id,
      `Imported “${plan.title}” from ${preview.fileName}: ${preview.sections.length} section${preview.sections.length === 1 ? '' : 's'}.`,
      `ICB: ${plan.icbName}${icbName ? '' : preview.icbNameFrom === 'document' ? ' (from the document)' : ' (from your profile)'}.`,
      ...preview.sections.map((s) => `  ${s.title}${s.templateSection ? ` (template: ${s.templateSection})` : ''}, ${s.words.toLocaleString('en-GB')} words`),
      ...(notCarried.length ? ['Not carried:', ...notCarried.map((n) => `  ${n}`)] : ['Everything was carried.']),
    ];
    return { json: { plan, sections: preview.sections, notCarried }, text: lines.join('\n') };
  },
};
