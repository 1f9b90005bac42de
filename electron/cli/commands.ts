// The `jfp` command table, in the order `jfp --help` lists it. A new command
// (export, import-comments, a11y, comments, review-pack) is one entry here.
import type { CliCommand } from './command';
import { commentsCommand } from './comments-command';
import { actualCommand, commitmentsCommand } from './commitments-command';
import { a11yCommand, exportCommand } from './export-commands';
import { importCommentsCommand, reviewPackCommand } from './review-commands';
import { consultationReportCommand } from './consultation-report-command'; // #13 consultation report
import { importCommitmentsCommand } from './import-commitments-command'; // #11 delivery table import
import { newCommand, plansCommand, sampleCommand } from './plan-commands';
import { checkCommand, signOffCommand } from './readiness-commands'; // #15 readiness
import { searchCommand } from './search-command';
import { backupCommand, backupsCommand, restoreCommand } from './backup-commands'; // #16 backups
import { importDocxCommand } from './import-docx-command'; // #16 Word import
import { sectionsCommand } from './sections-command';
import { compareCommand, refreshCommand, restoreVersionCommand, versionCommand, versionsCommand } from './version-commands'; // #16 versions
import { hwbCommand } from './hwb-command'; // #15 jfp hwb

export const COMMANDS: readonly CliCommand[] = [
  plansCommand,
  newCommand,
  sampleCommand,
  sectionsCommand,
  searchCommand,
  commitmentsCommand,
  importCommitmentsCommand, // #11 delivery table import
  // #11 delivery table
  actualCommand,
  commentsCommand,
  exportCommand,
  a11yCommand,
  reviewPackCommand,
  importCommentsCommand,
  consultationReportCommand, // #13 consultation report
  // #16 versions
  versionCommand,
  versionsCommand,
  compareCommand,
  restoreVersionCommand,
  refreshCommand,
  // #16 backups and Word import
  importDocxCommand,
  backupCommand,
  backupsCommand,
  restoreCommand,
  hwbCommand, // #15 jfp hwb
  // #15 readiness
  checkCommand,
  signOffCommand,
];

export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((command) => command.name === name);
}
