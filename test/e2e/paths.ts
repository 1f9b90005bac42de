import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_DIR = path.join(REPO_ROOT, 'dist', 'renderer');
export const BRIDGE_INIT_FILE = path.join(REPO_ROOT, 'dist', 'e2e', 'bridge-init.js');
