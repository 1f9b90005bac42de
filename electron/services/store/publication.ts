// #15 The plan's publication record: when and where it was published, and when
// it was sent to the Integrated Care Partnership and NHS England (each Health
// and Wellbeing Board's date is on its board, hwb-boards.ts).
import type { PublicationRecord } from '../../../shared/domain';
import type { Db } from './database';
import { now } from './ids';

interface PublicationRow {
  plan_id: string;
  published_on: string | null;
  web_address: string;
  sent_to_icp_on: string | null;
  sent_to_nhse_on: string | null;
  updated_at: string;
}

export type PublicationFields = Omit<PublicationRecord, 'planId' | 'updatedAt'>;

export function createPublicationRepository(db: Db) {
  const byPlan = db.prepare<[string], PublicationRow>('SELECT * FROM plan_publication WHERE plan_id = ?');
  const upsert = db.prepare(`
    INSERT INTO plan_publication (plan_id, published_on, web_address, sent_to_icp_on, sent_to_nhse_on, updated_at)
    VALUES (@planId, @publishedOn, @webAddress, @sentToIcpOn, @sentToNhseOn, @at)
    ON CONFLICT (plan_id) DO UPDATE SET published_on = excluded.published_on, web_address = excluded.web_address,
      sent_to_icp_on = excluded.sent_to_icp_on, sent_to_nhse_on = excluded.sent_to_nhse_on, updated_at = excluded.updated_at`);

  function get(planId: string): PublicationRecord {
    const r = byPlan.get(planId);
    return {
      planId,
      publishedOn: r?.published_on ?? null,
      webAddress: r?.web_address ?? '',
      sentToIcpOn: r?.sent_to_icp_on ?? null,
      sentToNhseOn: r?.sent_to_nhse_on ?? null,
      updatedAt: r?.updated_at ?? null,
    };
  }

  return {
    get,
    save(planId: string, fields: PublicationFields): PublicationRecord {
      upsert.run({ planId, ...fields, at: now() });
      return get(planId);
    },
  };
}
