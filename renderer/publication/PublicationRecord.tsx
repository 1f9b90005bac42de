// #15 The plan's publication record: when and where it was published, and when
// it was sent to the Integrated Care Partnership and NHS England. Each Health
// and Wellbeing Board's date is kept with the board (HWB tab), listed here.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { HwbBoard, PublicationRecord as Publication } from '../../shared/domain';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';
import { DateField } from '../common/DateField';
import { dateOrNull, longDate } from '../common/dates';
import { FormMessage, type FormMessageValue } from '../common/FormMessage';

export function PublicationRecord({ planId }: { planId: string }) {
  const id = useId();
  const [record, setRecord] = useState<Publication | null>(null);
  const [boards, setBoards] = useState<HwbBoard[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    () =>
      Promise.all([call('getPublication', { planId }), call('listHwbOpinions', { planId })]).then(
        ([r, b]) => {
          setRecord(r);
          setBoards(b);
        },
        (e: unknown) => setError(messageOf(e)),
      ),
    [planId],
  );
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="opinions" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Publication</h2>
      <p className="muted">Record when the final plan was published and sent to the Integrated Care Partnership, each Health and Wellbeing Board and NHS England.</p>
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      {record && <PublicationForm record={record} onSaved={setRecord} />}
      {record && (
        <section className="opinion" aria-labelledby={`${id}-boards`}>
          <h3 id={`${id}-boards`}>Sent to the Health and Wellbeing Boards</h3>
          {boards.length === 0 ? (
            <p className="muted">The plan has no Health and Wellbeing Boards recorded.</p>
          ) : (
            <ul>
              {boards.map((b) => (
                <li key={b.id}>{`${b.board}: ${b.finalSentOn ? `sent ${longDate(b.finalSentOn)}` : 'not yet recorded as sent'}`}</li>
              ))}
            </ul>
          )}
          <p className="muted">Record each board's date on the HWB tab, under the board's details.</p>
        </section>
      )}
    </section>
  );
}

function PublicationForm({ record, onSaved }: { record: Publication; onSaved: (r: Publication) => void }) {
  const id = useId();
  const [publishedOn, setPublishedOn] = useState(record.publishedOn ?? '');
  const [webAddress, setWebAddress] = useState(record.webAddress);
  const [icp, setIcp] = useState(record.sentToIcpOn ?? '');
  const [nhse, setNhse] = useState(record.sentToNhseOn ?? '');
  const [message, setMessage] = useState<FormMessageValue>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const saved = await call('savePublication', {
        planId: record.planId,
        publishedOn: dateOrNull(publishedOn),
        webAddress: webAddress.trim(),
        sentToIcpOn: dateOrNull(icp),
        sentToNhseOn: dateOrNull(nhse),
      });
      onSaved(saved);
      setMessage({ error: false, text: 'Publication record saved.' });
    } catch (e) {
      setMessage({ error: true, text: messageOf(e) });
    }
  };

  return (
    <form className="opinion" onSubmit={save} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Published plan</h3>
      <div className="field">
        <label htmlFor={`${id}-published`}>Date published</label>
        <DateField id={`${id}-published`} value={publishedOn || null} onChange={(iso) => setPublishedOn(iso ?? '')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-url`}>Web address</label>
        <input id={`${id}-url`} type="url" inputMode="url" placeholder="https://" value={webAddress} onChange={(e) => setWebAddress(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-icp`}>Date sent to the Integrated Care Partnership</label>
        <DateField id={`${id}-icp`} value={icp || null} onChange={(iso) => setIcp(iso ?? '')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-nhse`}>Date sent to NHS England</label>
        <DateField id={`${id}-nhse`} value={nhse || null} onChange={(iso) => setNhse(iso ?? '')} />
      </div>
      <div className="rename-actions">
        <button type="submit" className="button-primary button-small">
          Save publication record
        </button>
        <FormMessage message={message} />
      </div>
    </form>
  );
}
