// The names in a folder that may not exist yet (backups, export locks): a
// folder that is missing or cannot be read holds nothing to list.
import fs from 'node:fs';

export function namesIn(folder: string): string[] {
  try {
    return fs.readdirSync(folder);
  } catch {
    return [];
  }
}
