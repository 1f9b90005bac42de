// Identifiers and timestamps for new rows: random UUIDs (stable across machines,
// safe to merge from review packs later) and ISO-8601 UTC times.
import { randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();
export const now = (): string => new Date().toISOString();
