// Each plan's remembered export profile (house style overrides) and board
// paper cover sheet, as the JSON the export panel last saved.
import type { Db } from './database';
import { now } from './ids';
import { isObject, jsonColumn } from './json-columns';

interface SettingsRow {
  house_style: string;
  cover: string;
}

export interface SavedExportSettings {
  houseStyle: Record<string, unknown>;
  /** The cover sheet values as saved (the caller checks them against the cover template). */
  cover: unknown;
}

export function createExportSettingsRepository(db: Db) {
  const read = db.prepare<[string], SettingsRow>('SELECT house_style, cover FROM plan_export_settings WHERE plan_id = ?');
  const upsert = db.prepare(`INSERT INTO plan_export_settings (plan_id, house_style, cover, updated_at) VALUES (@planId, @houseStyle, @cover, @at)
    ON CONFLICT (plan_id) DO UPDATE SET house_style = excluded.house_style, cover = excluded.cover, updated_at = excluded.updated_at`);
  return {
    /** What was saved for the plan; empty objects when nothing was. */
    get(planId: string): SavedExportSettings {
      const row = read.get(planId);
      // Text that is not a JSON object (another program's edit) reads as nothing saved: the defaults.
      return { houseStyle: jsonColumn(row?.house_style, {}, isObject), cover: jsonColumn(row?.cover, {}, isObject) };
    },
    save(planId: string, houseStyle: unknown, cover: unknown): void {
      upsert.run({ planId, houseStyle: JSON.stringify(houseStyle), cover: JSON.stringify(cover), at: now() });
    },
  };
}

export type ExportSettingsRepository = ReturnType<typeof createExportSettingsRepository>;
