// The house's layering as an ESLint rule: `renderer -> shared <- electron`, and
// inside electron/, services never reach the Electron glue around them. An
// import is placed by the file it resolves to (relative paths are resolved
// against the importing file), not by how its path is spelled, so `../../main`
// from a service is caught as surely as `electron/main`.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE_BUILTINS = new Set(builtinModules);
/** Packages that only work in Node: the page (renderer) and shared/ never import them. */
const NODE_ONLY_PACKAGES = new Set(['better-sqlite3']);

/** Which part of the house a path inside the repository belongs to, or null for the rest (tests, scripts, templates). */
export function layerOf(relative) {
  const posix = relative.split(path.sep).join('/');
  if (posix.startsWith('electron/services/')) return 'services';
  if (posix.startsWith('electron/')) return 'glue';
  if (posix.startsWith('shared/')) return 'shared';
  if (posix.startsWith('renderer/')) return 'renderer';
  return null;
}

/** What an import specifier reaches: a layer of ours, the Electron module, Node itself, or another package. */
function targetOf(specifier, importer) {
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
    const relative = path.relative(ROOT, path.resolve(path.dirname(importer), specifier));
    if (relative.startsWith('..')) return { kind: 'outside' };
    return { kind: 'layer', layer: layerOf(relative), where: relative.split(path.sep).join('/') };
  }
  if (specifier === 'electron' || specifier.startsWith('electron/')) return { kind: 'electron' };
  const name = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  if (specifier.startsWith('node:') || NODE_BUILTINS.has(name) || NODE_BUILTINS.has(name.split('/')[0])) return { kind: 'node' };
  const packageName = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  if (NODE_ONLY_PACKAGES.has(packageName)) return { kind: 'node' };
  return { kind: 'package' };
}

/** The message id for an import from layer `from` to `target`, or null when the house allows it. */
function breach(from, target) {
  const into = target.kind === 'layer' ? target.layer : null;
  switch (from) {
    case 'services':
      if (target.kind === 'electron' || into === 'glue') return 'servicesImportGlue';
      if (into === 'renderer') return 'mainImportsRenderer';
      return null;
    case 'glue':
      return into === 'renderer' ? 'mainImportsRenderer' : null;
    case 'shared':
      if (target.kind === 'electron' || into === 'glue' || into === 'services' || into === 'renderer') return 'sharedImportsASide';
      if (target.kind === 'node') return 'nodeInPageCode';
      return null;
    case 'renderer':
      if (target.kind === 'electron' || into === 'glue' || into === 'services') return 'rendererImportsMain';
      if (target.kind === 'node') return 'nodeInPageCode';
      return null;
    default:
      return null;
  }
}

const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps imports inside the layering of architecture.md: renderer -> shared <- electron, services without Electron glue.' },
    schema: [],
    messages: {
      servicesImportGlue:
        'electron/services/ runs without Electron (in tests, the CLI and workers), so it cannot import "{{specifier}}": pass what it needs in through a port such as ExportPorts.',
      mainImportsRenderer: 'The main process does not import the renderer ("{{specifier}}"): what both need belongs in shared/.',
      sharedImportsASide: 'shared/ is imported by both the main process and the renderer, so it imports neither ("{{specifier}}").',
      rendererImportsMain: 'The renderer reaches the main process only through window.jfp (the contract in shared/), not by importing "{{specifier}}".',
      nodeInPageCode: '{{layer}}/ also runs in the sandboxed page, where "{{specifier}}" does not exist.',
    },
  },
  create(context) {
    const filename = context.filename;
    const relative = path.relative(ROOT, filename);
    const from = relative.startsWith('..') ? null : layerOf(relative);
    if (!from) return {};

    const check = (node, source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const messageId = breach(from, targetOf(source.value, filename));
      if (messageId) context.report({ node: source, messageId, data: { specifier: source.value, layer: from } });
    };

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      // `import x = require('...')` and `typeof import('...')` in TypeScript.
      TSExternalModuleReference: (node) => check(node, node.expression),
      TSImportType: (node) => check(node, node.argument?.type === 'TSLiteralType' ? node.argument.literal : (node.source ?? node.argument)),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) check(node, node.arguments[0]);
      },
    };
  },
};

export default { meta: { name: 'jfp-layers' }, rules: { layers } };
