// The house rules that `npm run lint` enforces, proved on small files that
// break them: the layering of architecture.md (renderer -> shared <- electron,
// services without Electron glue), SQL only in the store, and React's rules of
// hooks. Each file is linted as if it were at the path given, with the
// project's own eslint.config.mjs, so a rule that stops matching fails here.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The rules a file at `file` (relative to the repository) breaks, each as "rule: message". */
async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.map((m) => `${m.ruleId ?? 'parser'}: ${m.message}`);
}

const rulesBroken = async (file: string, code: string) => (await problems(file, code)).map((p) => p.slice(0, p.indexOf(':')));

describe('the layering', () => {
  describe('services never import Electron glue', () => {
    it.each([
      ['the electron module', 'electron/services/export-service.ts', "import { dialog } from 'electron';\nexport const d = dialog;\n"],
      ['a type from the electron module', 'electron/services/export-service.ts', "import type { BrowserWindow } from 'electron';\nexport type W = BrowserWindow;\n"],
      ['main.ts beside the services', 'electron/services/handlers.ts', "import { x } from '../main';\nexport const y = x;\n"],
      ['the menu, from two folders down', 'electron/services/export/plan-docx.ts', "import { menuTemplate } from '../../menu';\nexport const m = menuTemplate;\n"],
      ['the CLI', 'electron/services/review/merge.ts', "import { runCli } from '../../cli';\nexport const r = runCli;\n"],
      ['a re-export of the IPC binding', 'electron/services/app-services.ts', "export * from '../ipc';\n"],
      ['a dynamic import of electron', 'electron/services/browser.ts', "export const load = () => import('electron');\n"],
      ['a require of electron', 'electron/services/browser.ts', "export const e = require('electron');\n"],
    ])('%s is refused', async (_what, file, code) => {
      // (A require() also breaks typescript-eslint's no-require-imports: only the layering matters here.)
      const found = (await problems(file, code)).filter((p) => p.startsWith('jfp/layers'));
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^jfp\/layers: electron\/services\/ runs without Electron/);
    });

    it('while the store, shared/ and Node are theirs to use', async () => {
      const code = [
        "import fs from 'node:fs';",
        "import { createStore } from './store';",
        "import { api } from '../../../shared/contract';",
        "import { docx } from 'docx';",
        'export const all = [fs, createStore, api, docx];',
        '',
      ].join('\n');
      expect(await problems('electron/services/export/plan-docx.ts', code)).toEqual([]);
    });
  });

  describe('shared/ imports neither side', () => {
    it.each([
      ['the store', "import { createStore } from '../electron/services/store';\nexport const s = createStore;\n"],
      ['Electron glue', "import { CHANNEL } from '../electron/ipc-channel';\nexport const c = CHANNEL;\n"],
      ['the renderer', "import { call } from '../renderer/app/api';\nexport const c = call;\n"],
      ['the electron module', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n"],
      ['Node', "import fs from 'node:fs';\nexport const f = fs;\n"],
      ['SQLite', "import type Database from 'better-sqlite3';\nexport type D = Database.Database;\n"],
    ])('%s is refused', async (_what, code) => {
      expect(await rulesBroken('shared/contract.ts', code)).toEqual(['jfp/layers']);
    });

    it('while zod, Lexical and the rest of shared/ are fine', async () => {
      const code =
        "import { z } from 'zod';\nimport type { SerializedEditorState } from 'lexical';\nimport { api } from './contract';\nexport const all = [z, api];\nexport type S = SerializedEditorState;\n";
      expect(await problems('shared/review-pack.ts', code)).toEqual([]);
    });
  });

  describe('the renderer reaches the main process only through the contract', () => {
    it.each([
      ['a service', "import { createHandlers } from '../../electron/services/handlers';\nexport const h = createHandlers;\n"],
      ['the store, by type only', "import type { Store } from '../../electron/services/store';\nexport type S = Store;\n"],
      ['Electron glue', "import { CHANNEL } from '../../electron/ipc-channel';\nexport const c = CHANNEL;\n"],
      ['the electron module', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n"],
      ['Node', "import path from 'path';\nexport const p = path;\n"],
    ])('%s is refused', async (_what, code) => {
      expect(await rulesBroken('renderer/export/ExportPanel.tsx', code)).toEqual(['jfp/layers']);
    });

    it('while shared/, React and Lexical are fine', async () => {
      const code =
        "import { useState } from 'react';\nimport { $getRoot } from 'lexical';\nimport { api } from '../../shared/contract';\nexport const all = [useState, $getRoot, api];\n";
      expect(await problems('renderer/export/ExportPanel.tsx', code)).toEqual([]);
    });
  });

  it('the main process does not import the renderer, and the glue may use services and Electron', async () => {
    expect(await rulesBroken('electron/main.ts', "import { App } from '../renderer/app/App';\nexport const a = App;\n")).toEqual(['jfp/layers']);
    const glue = "import { app } from 'electron';\nimport { startServices } from './services/app-services';\nexport const all = [app, startServices];\n";
    expect(await problems('electron/main.ts', glue)).toEqual([]);
  });

  it('tests and scripts may import from anywhere', async () => {
    const code =
      "import { app } from 'electron';\nimport { App } from '../../renderer/app/App';\nimport { createStore } from '../../electron/services/store';\nexport const all = [app, App, createStore];\n";
    expect(await problems('test/unit/anything.test.ts', code)).toEqual([]);
  });
});

describe('SQL only in the store', () => {
  it.each([
    ['db.prepare', 'const rows = db.prepare("SELECT * FROM plans").all();'],
    ['store.db.prepare across lines', 'const rows = store.db\n  .prepare("SELECT * FROM plans")\n  .all();'],
    ['store.db.transaction', 'store.db.transaction(() => undefined)();'],
    ['db.exec', 'db.exec("DELETE FROM plans");'],
    ['this.database.pragma', 'class Repo { database = db; read() { return this.database.pragma("user_version"); } }\nnew Repo().read();'],
  ])('%s outside electron/services/store/ is refused', async (_what, statement) => {
    const code = `declare const db: any;\ndeclare const store: any;\n${statement}\n`;
    for (const file of ['electron/services/export-service.ts', 'electron/services/review/merge.ts', 'electron/cli/plan-commands.ts', 'shared/domain.ts']) {
      expect(await problems(file, code), file).toEqual(
        expect.arrayContaining([expect.stringMatching(/^no-restricted-syntax: SQL belongs in electron\/services\/store\//)]),
      );
    }
    expect((await problems('electron/services/store/plans.ts', code)).filter((p) => p.startsWith('no-restricted-syntax'))).toEqual([]);
    expect((await problems('test/unit/store.test.ts', code)).filter((p) => p.startsWith('no-restricted-syntax'))).toEqual([]);
  });

  it('a regular expression’s exec is not SQL', async () => {
    const code = "const year = /^(\\d{4})$/.exec('2026');\nconst pattern = /x/g;\nexport const found = [year, pattern.exec('x')];\n";
    expect(await problems('electron/services/export/house-style.ts', code)).toEqual([]);
  });

  it('opening SQLite outside the store is refused, naming its type is not', async () => {
    expect(
      await rulesBroken('electron/services/export/export-job.ts', "import Database from 'better-sqlite3';\nexport const open = (file: string) => new Database(file);\n"),
    ).toEqual(['@typescript-eslint/no-restricted-imports']);
    expect(await problems('electron/services/export/export-job.ts', "import type Database from 'better-sqlite3';\nexport type D = Database.Database;\n")).toEqual([]);
    expect(
      await problems('electron/services/store/database.ts', "import Database from 'better-sqlite3';\nexport const open = (file: string) => new Database(file);\n"),
    ).toEqual([]);
  });
});

describe("React's rules of hooks", () => {
  it('a hook called conditionally is an error', async () => {
    const code = "import { useState } from 'react';\nexport function Panel({ open }: { open: boolean }) {\n  if (open) useState(0);\n  return null;\n}\n";
    expect(await rulesBroken('renderer/export/ExportPanel.tsx', code)).toEqual(['react-hooks/rules-of-hooks']);
  });

  it('an effect that leaves out a value it uses is an error, not a warning', async () => {
    const code =
      "import { useEffect } from 'react';\nexport function Title({ title }: { title: string }) {\n  useEffect(() => {\n    document.title = title;\n  }, []);\n  return null;\n}\n";
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, 'renderer/app/Title.tsx') });
    expect(result!.messages.map((m) => [m.ruleId, m.severity])).toEqual([['react-hooks/exhaustive-deps', 2]]);
  });
});
