// The command line goes through the dispatcher for every action, exports,
// review packs and imports included, as the app does: its sources use the
// services only through startServices (the dispatcher), and otherwise only
// what works on a file the user names (the accessibility checker), checks a
// command line (export options), finds a browser to print with, or names types.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

/** What the CLI may take from electron/services, and why. */
const ALLOWED: Record<string, string> = {
  'services/app-services': 'startServices: the dispatcher over the store',
  'services/browser': 'the headless Chromium its printToPdf port prints with',
  'services/export/a11y-check': '`jfp a11y FILE` checks a file the user names, not the store',
  'services/export/index': 'parseExportOptions: the command line checked as the job checks it',
  'services/paths': 'where the default database is',
  'services/store/migrations': 'the schema version `jfp --version --json` prints',
};

function cliSources(): string[] {
  const dir = path.join(root, 'electron', 'cli');
  return [
    'electron/cli.ts',
    ...fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `electron/cli/${f}`),
  ];
}

/** The electron/services modules a source imports for their values (type-only imports carry no behaviour). */
function serviceImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  return source.statements.flatMap((statement) => {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) return [];
    const clause = statement.importClause;
    const typeOnly =
      clause?.isTypeOnly ||
      (clause?.namedBindings && ts.isNamedImports(clause.namedBindings) && !clause.name && clause.namedBindings.elements.every((e) => e.isTypeOnly));
    if (typeOnly) return [];
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), statement.moduleSpecifier.text));
    return target.startsWith('electron/services/') ? [target.slice('electron/'.length)] : [];
  });
}

describe('the jfp command line', () => {
  it('reaches the store only through the dispatcher: no command reads or writes it directly', () => {
    const used = cliSources().flatMap((file) => serviceImports(file).map((module) => ({ file, module })));
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter(({ module }) => !(module in ALLOWED))).toEqual([]);
  });
});
