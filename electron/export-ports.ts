// What exporting needs from Electron: the save and open dialogs, and opening
// the file or its folder. The services take these as ports, so they never
// import Electron. (A PDF is written by the export job, not printed: #14.)
import path from 'node:path';
import { app, dialog, shell, type BrowserWindow } from 'electron';
import type { ExportPorts, OpenKind, SaveFormat } from './services/export-service';

const FILTERS: Record<SaveFormat, Electron.FileFilter> = {
  docx: { name: 'Word document', extensions: ['docx'] },
  html: { name: 'Web page', extensions: ['html'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
  jfpreview: { name: 'JFP Studio review pack', extensions: ['jfpreview'] },
  jfpcomments: { name: 'JFP Studio comments', extensions: ['jfpcomments'] },
  // #11 delivery table
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
  csv: { name: 'CSV (comma-separated values)', extensions: ['csv'] },
  db: { name: 'JFP Studio database', extensions: ['db'] }, // #16 export all plans
};

const OPEN_TITLES: Record<OpenKind, string> = {
  'review-pack': 'Open a review pack',
  comments: 'Import comments',
  spreadsheet: 'Import commitments',
  'word-document': 'Import a plan from Word',
  'plan-database': 'Open another plan database',
};

const OPEN_FILTERS: Record<OpenKind, Electron.FileFilter[]> = {
  'review-pack': [FILTERS.jfpreview],
  comments: [{ name: 'Returned comments or a Word document', extensions: ['jfpcomments', 'docx'] }],
  // #11 delivery table
  spreadsheet: [{ name: 'Excel workbook or CSV', extensions: ['xlsx', 'xlsm', 'csv', 'txt'] }],
  'word-document': [{ name: 'Word document', extensions: ['docx'] }], // #16 Word import
  'plan-database': [{ name: 'JFP Studio plan database', extensions: ['db'] }], // #16 recovery: another file to open
};

export function electronExportPorts(parent: () => BrowserWindow | undefined): ExportPorts {
  return {
    async chooseSavePath(suggestedName, format) {
      const options: Electron.SaveDialogOptions = {
        title: 'Export',
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: [FILTERS[format]],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseOpenPath(kind) {
      const options: Electron.OpenDialogOptions = {
        title: OPEN_TITLES[kind],
        filters: OPEN_FILTERS[kind],
        properties: ['openFile'],
      };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async openPath(file) {
      const problem = await shell.openPath(file);
      if (problem) throw new Error(problem);
    },
    showInFolder(file) {
      shell.showItemInFolder(file);
    },
  };
}
