// SQL lives in the store: no file under electron/ or shared/ outside
// electron/services/store/ prepares a statement, runs SQL, sets a pragma, opens
// a transaction, imports better-sqlite3 or reaches for the store's connection.
// The sources are read as TypeScript syntax, so comments and strings that
// mention these words are not counted; the offenders are named file:line.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const STORE_DIR = path.join('electron', 'services', 'store') + path.sep;
/** Connection methods that run or prepare SQL, or open a transaction. */
const SQL_CALLS = new Set(['prepare', 'pragma', 'transaction']);
/** `exec` is also RegExp's: it counts when called on something named like a database. */
const DATABASE_NAME = /(^|\.)(db|database|connection|sqlite)$/i;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative] : [];
  });
}

/** Every use of the database outside the store in one source text, as "file:line: code". */
function sqlOutsideStore(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (node: ts.Node) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${file}:${line + 1}: ${node.getText(source).split('\n')[0]!.slice(0, 120)}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const receiver = node.expression.expression.getText(source);
      if (SQL_CALLS.has(method) || (method === 'exec' && DATABASE_NAME.test(receiver))) report(node);
    }
    // The connection a Store carries is for tests and benchmarks: services ask the repositories.
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'db' && /(^|\.)store(\(\))?$/.test(node.expression.getText(source))) report(node);
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      node.moduleSpecifier.text === 'better-sqlite3'
    ) {
      report(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('SQL outside the store', () => {
  it('is found by the scan, wherever it hides (the scan can fail)', () => {
    const offender = [
      "import Database from 'better-sqlite3';",
      '// db.prepare("in a comment") is not SQL',
      'const text = \'store.db.exec("in a string")\';',
      'const rows = store.db.prepare("SELECT 1").all();',
      "db.pragma('user_version');",
      'store.db.transaction(() => 1).immediate();',
      "connection.exec('DELETE FROM plans');",
      '/a(b)/.exec(text);',
    ].join('\n');
    expect(sqlOutsideStore('electron/services/example.ts', offender)).toEqual([
      "electron/services/example.ts:1: import Database from 'better-sqlite3';",
      'electron/services/example.ts:4: store.db.prepare("SELECT 1")',
      'electron/services/example.ts:4: store.db',
      "electron/services/example.ts:5: db.pragma('user_version')",
      'electron/services/example.ts:6: store.db.transaction(() => 1)',
      'electron/services/example.ts:6: store.db',
      "electron/services/example.ts:7: connection.exec('DELETE FROM plans')",
    ]);
  });

  it('is nowhere in electron/ or shared/: every statement is a repository’s, under electron/services/store/', () => {
    const files = [...sourceFiles('electron'), ...sourceFiles('shared')].filter((file) => !file.startsWith(STORE_DIR));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) => sqlOutsideStore(file.split(path.sep).join('/'), fs.readFileSync(path.join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
