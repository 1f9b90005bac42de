// #15 The plan's Health and Wellbeing Boards, their own list: each board, the
// places it covers (several, or none), when the draft was sent, its opinion (on
// the draft or the final plan, and whether the draft takes proper account of
// its joint local health and wellbeing strategy), and when the opinion was
// shared with NHS England. Outstanding boards are named so nobody is forgotten.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { HwbBoard, OpinionStage, ProperAccountAnswer } from '../../shared/domain';
import { BOARD_STATE_LABELS, boardState, opinionGiven, opinionsGivenSentence } from '../../shared/hwb-state';
import { call, messageOf } from '../app/api';
import { ErrorNotice } from '../app/Notice';
import { DateField } from '../common/DateField';
import { dateOrNull, longDate } from '../common/dates';
import { FormMessage, type FormMessageValue } from '../common/FormMessage';

const ANSWERS: Array<{ value: ProperAccountAnswer; label: string }> = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not_stated', label: 'Not stated' },
];

const STAGES: Array<{ value: OpinionStage; label: string }> = [
  { value: 'draft', label: 'The draft plan' },
  { value: 'final', label: 'The final plan' },
];

type Message = FormMessageValue;

export function HwbOpinions({ planId }: { planId: string }) {
  const id = useId();
  const [boards, setBoards] = useState<HwbBoard[] | null>(null);
  const [places, setPlaces] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    () =>
      Promise.all([call('listHwbOpinions', { planId }), call('getPlan', { planId })]).then(
        ([list, plan]) => {
          setBoards(list);
          setPlaces(plan.places);
        },
        (e: unknown) => setError(messageOf(e)),
      ),
    [planId],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const replace = (saved: HwbBoard) => setBoards((list) => list?.map((b) => (b.id === saved.id ? saved : b)) ?? null);
  const list = boards ?? [];
  const outstanding = list.filter((b) => !opinionGiven(b));
  const covered = new Set(list.flatMap((b) => b.places.map((p) => p.toLowerCase())));
  const uncovered = places.filter((p) => !covered.has(p.toLowerCase()));

  return (
    <section className="opinions" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Health and Wellbeing Boards</h2>
      <p className="muted">
        Each Health and Wellbeing Board gives its opinion on whether the draft takes proper account of its joint local health and wellbeing strategy. The final plan must
        include every board's statement. A board may cover several places.
      </p>
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      {boards && list.length === 0 && <p className="notice notice-info">This plan has no Health and Wellbeing Boards yet. Add each board below.</p>}
      {list.length > 0 && (
        <p className="opinions-summary" role="status">
          {`${opinionsGivenSentence(list.length - outstanding.length, list.length)}.`}
          {outstanding.length > 0 && ` Outstanding: ${outstanding.map((b) => b.board).join(', ')}.`}
        </p>
      )}
      {boards && uncovered.length > 0 && <p className="muted">{`No board covers ${uncovered.join(', ')}.`}</p>}
      <div className="opinion-list">
        {list.map((board) => (
          <BoardCard
            key={board.id}
            planId={planId}
            board={board}
            places={places}
            onSaved={replace}
            onRemoved={() => setBoards((all) => all?.filter((b) => b.id !== board.id) ?? null)}
          />
        ))}
      </div>
      {boards && <AddBoard planId={planId} places={places} onAdded={(added) => setBoards((all) => [...(all ?? []), added])} />}
    </section>
  );
}

function PlaceChoices({ places, chosen, onChange }: { places: string[]; chosen: string[]; onChange: (next: string[]) => void }) {
  if (places.length === 0) return <p className="muted">The plan has no places yet; add them in the plan's details.</p>;
  return (
    <fieldset className="field checkbox-field">
      <legend>Places the board covers</legend>
      {places.map((place) => (
        <label key={place}>
          <input type="checkbox" checked={chosen.includes(place)} onChange={(e) => onChange(e.target.checked ? [...chosen, place] : chosen.filter((p) => p !== place))} />{' '}
          {place}
        </label>
      ))}
    </fieldset>
  );
}

function AddBoard({ planId, places, onAdded }: { planId: string; places: string[]; onAdded: (b: HwbBoard) => void }) {
  const id = useId();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [message, setMessage] = useState<Message>(null);
  const add = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const added = await call('saveHwbBoard', { planId, name, places: chosen, draftSentOn: null, sharedWithNhseOn: null, finalSentOn: null });
      onAdded(added);
      setName('');
      setChosen([]);
      setMessage({ error: false, text: `${added.board} added.` });
    } catch (e) {
      setMessage({ error: true, text: messageOf(e) });
    }
  };
  return (
    <form className="opinion" onSubmit={add} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Add a board</h3>
      <div className="field">
        <label htmlFor={`${id}-name`}>Board name</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <PlaceChoices places={places} chosen={chosen} onChange={setChosen} />
      <div className="rename-actions">
        <button type="submit" className="button-secondary button-small">
          Add board
        </button>
        <FormMessage message={message} />
      </div>
    </form>
  );
}

function BoardCard({
  planId,
  board,
  places,
  onSaved,
  onRemoved,
}: {
  planId: string;
  board: HwbBoard;
  places: string[];
  onSaved: (b: HwbBoard) => void;
  onRemoved: () => void;
}) {
  const id = useId();
  const state = boardState(board);
  return (
    <section className="opinion" aria-labelledby={`${id}-board`}>
      <h3 id={`${id}-board`}>
        {board.board}{' '}
        <span className={`opinion-state ${opinionGiven(board) ? 'received' : 'outstanding'}`}>
          {opinionGiven(board) && board.receivedOn ? `${BOARD_STATE_LABELS[state]}, received ${longDate(board.receivedOn)}` : BOARD_STATE_LABELS[state]}
        </span>
      </h3>
      <BoardDetails planId={planId} board={board} places={places} onSaved={onSaved} onRemoved={onRemoved} />
      <OpinionForm planId={planId} board={board} onSaved={onSaved} />
    </section>
  );
}

function BoardDetails({
  planId,
  board,
  places,
  onSaved,
  onRemoved,
}: {
  planId: string;
  board: HwbBoard;
  places: string[];
  onSaved: (b: HwbBoard) => void;
  onRemoved: () => void;
}) {
  const id = useId();
  const [name, setName] = useState(board.board);
  const [chosen, setChosen] = useState(board.places);
  const [draftSent, setDraftSent] = useState(board.draftSentOn ?? '');
  const [shared, setShared] = useState(board.sharedWithNhseOn ?? '');
  const [finalSent, setFinalSent] = useState(board.finalSentOn ?? '');
  const [message, setMessage] = useState<Message>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const saved = await call('saveHwbBoard', {
        planId,
        boardId: board.id,
        name,
        places: chosen,
        draftSentOn: dateOrNull(draftSent),
        sharedWithNhseOn: dateOrNull(shared),
        finalSentOn: dateOrNull(finalSent),
      });
      onSaved(saved);
      setMessage({ error: false, text: 'Board details saved.' });
    } catch (e) {
      setMessage({ error: true, text: messageOf(e) });
    }
  };
  const remove = async () => {
    try {
      await call('deleteHwbBoard', { boardId: board.id });
      onRemoved();
    } catch (e) {
      setMessage({ error: true, text: messageOf(e) });
    }
  };

  return (
    <form onSubmit={save} aria-label={`Details of ${board.board}`} className="board-details">
      <details open={!board.draftSentOn}>
        <summary>Board details and dates</summary>
        <div className="field">
          <label htmlFor={`${id}-name`}>Board name</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <PlaceChoices places={places} chosen={chosen} onChange={setChosen} />
        <div className="field">
          <label htmlFor={`${id}-draft-sent`}>Date the draft was sent</label>
          <DateField id={`${id}-draft-sent`} value={draftSent || null} onChange={(iso) => setDraftSent(iso ?? '')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-shared`}>Date the opinion was shared with NHS England</label>
          <DateField id={`${id}-shared`} value={shared || null} onChange={(iso) => setShared(iso ?? '')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-final-sent`}>Date the final plan was sent</label>
          <DateField id={`${id}-final-sent`} value={finalSent || null} onChange={(iso) => setFinalSent(iso ?? '')} />
        </div>
        <div className="rename-actions">
          <button type="submit" className="button-secondary button-small">
            Save board details
          </button>
          <button type="button" className="button-quiet button-small" onClick={() => void remove()}>
            Remove board
          </button>
          <FormMessage message={message} />
        </div>
      </details>
    </form>
  );
}

function OpinionForm({ planId, board, onSaved }: { planId: string; board: HwbBoard; onSaved: (b: HwbBoard) => void }) {
  const id = useId();
  const [receivedOn, setReceivedOn] = useState(board.receivedOn ?? '');
  const [text, setText] = useState(board.opinion);
  const [answer, setAnswer] = useState<ProperAccountAnswer>(board.takesProperAccount);
  const [stage, setStage] = useState<OpinionStage>(board.opinionOn ?? 'draft');
  const [message, setMessage] = useState<Message>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const saved = await call('saveHwbOpinion', {
        planId,
        board: board.board,
        receivedOn: dateOrNull(receivedOn),
        opinion: text,
        takesProperAccount: answer,
        opinionOn: stage,
      });
      onSaved(saved);
      setMessage({ error: false, text: 'Opinion saved.' });
    } catch (e) {
      setMessage({ error: true, text: messageOf(e) });
    }
  };
  const clear = async () => {
    try {
      const cleared = await call('clearHwbOpinion', { boardId: board.id });
      onSaved(cleared);
      setText('');
      setReceivedOn('');
      setAnswer('not_stated');
      setMessage({ error: false, text: 'Opinion removed.' });
    } catch (e) {
      setMessage({ error: true, text: messageOf(e) });
    }
  };

  return (
    <form onSubmit={save} aria-label={`Opinion of ${board.board}`} className="opinion-form">
      <div className="field">
        <label htmlFor={`${id}-received`}>Date received</label>
        <DateField id={`${id}-received`} value={receivedOn || null} onChange={(iso) => setReceivedOn(iso ?? '')} />
      </div>
      <fieldset className="field">
        <legend>Which plan is the opinion on?</legend>
        <div className="radios">
          {STAGES.map((s) => (
            <label key={s.value}>
              <input type="radio" name={`${id}-stage`} value={s.value} checked={stage === s.value} onChange={() => setStage(s.value)} /> {s.label}
            </label>
          ))}
        </div>
      </fieldset>
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
        {opinionGiven(board) && (
          <button type="button" className="button-quiet button-small" onClick={() => void clear()}>
            Remove opinion
          </button>
        )}
        <FormMessage message={message} />
      </div>
    </form>
  );
}
