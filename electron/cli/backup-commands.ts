// #16 backups: `jfp backup [--out FILE]`, `jfp backups` and `jfp restore BACKUP`,
// through the same contract methods as the Backups screen (createBackup,
// exportAllPlans with --out answering its save dialog, listBackups, restoreBackup).
import path from 'node:path';
import type { BackupSummary } from '../../shared/backups-import';
import { formatBytes } from '../../shared/bytes';
import type { CliCommand } from './command';
import { formatTime, renderTable } from './text-layout';

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'Back up the whole plan database (safe while the app is saving)',
  readsOnly: true,
  options: {
    out: { type: 'string', placeholder: 'FILE', description: 'Write the backup to FILE (one file another copy of the app opens) instead of the backups folder' },
  },
  details: [
    'Uses SQLite’s online backup, so every saved change is in it, including those the app has not yet written into jfp.db itself. Without --out, the backup goes into the backups folder beside the database, which keeps the newest 10 and one a day for a week.',
  ],
  examples: ['jfp backup', 'jfp backup --out "plans 2027-01-14.db"'],
  async run(context, line) {
    const out = line.string('out');
    if (out !== undefined) {
      const target = path.resolve(out);
      await context.call('exportAllPlans', {}, { saveTo: target });
      return { json: { path: target }, text: `Backed up every plan to ${target}.` };
    }
    const made = await context.call('createBackup', {});
    return { json: made, text: `Backed up to ${made.path} (${formatBytes(made.bytes)}).` };
  },
};

export const backupsCommand: CliCommand = {
  name: 'backups',
  summary: 'List the backups in the backups folder, newest first',
  readsOnly: true,
  async run(context) {
    const backups = await context.call('listBackups', {});
    if (backups.length === 0) return { json: backups, text: `No backups yet beside ${context.dbPath}. Make one with jfp backup.` };
    const text = renderTable<BackupSummary>(backups, [
      { heading: 'NAME', value: (b) => b.name },
      { heading: 'TAKEN', value: (b) => formatTime(b.createdAt) },
      { heading: 'REASON', value: (b) => b.reasonLabel },
      { heading: 'SIZE', value: (b) => formatBytes(b.bytes), align: 'right' },
      { heading: 'PLANS', value: (b) => (b.plans ? b.plans.map((p) => p.title).join('; ') || '(none)' : `Cannot be restored: ${b.problem}`), max: 60 },
    ]);
    return { json: backups, text };
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'Restore a backup over the plan database (after backing up the current one)',
  args: [{ name: 'BACKUP', description: 'A name from jfp backups, or the path of a backup file' }],
  details: [
    'The current database is backed up first (reason “Before a restore”), so a restore can itself be undone with jfp restore. A backup from a newer version of the app, or a damaged one, is refused and nothing is changed.',
  ],
  examples: ['jfp restore jfp-2027-01-14T09-30-00-000Z-start.db'],
  async run(context, line) {
    const result = await context.call('restoreBackup', { backup: line.arg('BACKUP') });
    const titles = result.plans.map((p) => `  ${p.title}`).join('\n');
    return {
      json: result,
      text: `Restored ${result.restored}: ${result.plans.length} plan${result.plans.length === 1 ? '' : 's'}.\n${titles}${titles ? '\n' : ''}The database as it was before is in the backup ${result.safetyBackup}; restore that to undo this.`,
    };
  },
};
