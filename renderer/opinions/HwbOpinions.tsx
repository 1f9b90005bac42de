// Health and Wellbeing Board opinions: for each board of the plan, when its
// opinion arrived, what it says, and whether it finds the draft takes proper
// account of its joint local health and wellbeing strategy. Outstanding boards
// are listed first so nobody is forgotten before publication.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { HwbOpinion, ProperAccountAnswer } from '../../shared/domain';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';
import { DateField } from '../common/DateField';

const ANSWERS: Array<{ value: ProperAccountAnswer; label: string }> = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not_stated', label: 'Not stated' },
];

export function HwbOpinions({ planId }: { planId: string }) {
  const id = useId();
  const [opinions, setOpinions] = useState<HwbOpinion[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => call('listHwbOpinions', { planId }).then(setOpinions, (e: unknown) => setError(messageOf(e))), [planId]);
  useEffect(() => {
    void load();
  }, [load]);

  const outstanding = (opinions ?? []).filter((o) => o.receivedOn === null);
  return (
    <section className="opinions" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Health and Wellbeing Board opinions</h2>
      <p className="muted">
        Each Health and Wellbeing Board gives its opinion on whether the draft takes proper account of its joint local health and wellbeing strategy. The final plan must
        include every board's statement.
      </p>
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      {opinions && opinions.length === 0 && (
        <p className="notice notice-info">This plan has no places or Health and Wellbeing Boards yet. Add them to the plan's details.</p>
      )}
      {opinions && opinions.length > 0 && (
        <p className="opinions-summary" role="status">
          {outstanding.length === 0
            ? `All ${opinions.length} boards have given their opinion.`
            : `${opinions.length - outstanding.length} of ${opinions.length} boards have given their opinion. Outstanding: ${outstanding.map((o) => o.board).join(', ')}.`}
        </p>
      )}
      <div className="opinion-list">
        {(opinions ?? []).map((opinion) => (
          <OpinionForm
            key={opinion.board}
            planId={planId}
            opinion={opinion}
            onSaved={(saved) => setOpinions((list) => list?.map((o) => (o.board === saved.board ? saved : o)) ?? null)}
          />
        ))}
      </div>
    </section>
  );
}

function OpinionForm({ planId, opinion, onSaved }: { planId: string; opinion: HwbOpinion; onSaved: (o: HwbOpinion) => void }) {
  const id = useId();
  const [receivedOn, setReceivedOn] = useState(opinion.receivedOn ?? '');
  const [text, setText] = useState(opinion.opinion);
  const [answer, setAnswer] = useState<ProperAccountAnswer>(opinion.takesProperAccount);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const saved = await call('saveHwbOpinion', { planId, board: opinion.board, receivedOn: receivedOn || null, opinion: text, takesProperAccount: answer });
      onSaved(saved);
      setMessage({ error: false, text: 'Saved.' });
    } catch (e) {
      setMessage({ error: true, text: messageOf(e) });
    }
  };

  return (
    <form className="opinion" onSubmit={save} aria-labelledby={`${id}-board`}>
      <h3 id={`${id}-board`}>
        {opinion.board}{' '}
        <span className={`opinion-state ${opinion.receivedOn ? 'received' : 'outstanding'}`}>
          {opinion.receivedOn
            ? `Received ${new Date(opinion.receivedOn).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}`
            : 'Outstanding'}
        </span>
      </h3>
      <div className="field">
        <label htmlFor={`${id}-date`}>Date received</label>
        <DateField id={`${id}-date`} value={receivedOn || null} onChange={(iso) => setReceivedOn(iso ?? '')} />
      </div>
      <fieldset className="field">
        <legend>Does the board say the draft takes proper account of its joint local health and wellbeing strategy?</legend>
        <div className="radios">
          {ANSWERS.map((a) => (
            <label key={a.value}>
              <input type="radio" name={`${id}-answer`} value={a.value} checked={answer === a.value} onChange={() => setAnswer(a.value)} /> {a.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-text`}>The board's opinion</label>
        <textarea id={`${id}-text`} rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="rename-actions">
        <button type="submit" className="button-primary button-small">
          Save opinion
        </button>
        {message && (
          <span className={message.error ? 'field-error' : 'muted'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}
