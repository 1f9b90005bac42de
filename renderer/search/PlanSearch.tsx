// One search box for the whole plan: section titles and text, commitments and
// comments. Matches are shown with highlighted snippets; choosing one opens it.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../shared/domain';
import { call, messageOf } from '../app/api';

const KIND_LABELS: Record<SearchHit['kind'], string> = { section: 'Section', commitment: 'Commitment', comment: 'Comment' };

export function PlanSearch({ planId, onChoose }: { planId: string; onChoose: (hit: SearchHit, query: string) => void }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const text = query.trim();
    if (!text) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      call('search', { planId, query: text, limit: 30 })
        .then((found) => {
          if (mine === seq.current) {
            setHits(found);
            setError(null);
          }
        })
        .catch((e) => mine === seq.current && setError(messageOf(e)));
    }, 150);
    return () => clearTimeout(timer);
  }, [query, planId]);

  const choose = (hit: SearchHit) => {
    setOpen(false);
    onChoose(hit, query.trim());
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') setOpen(false);
    if (event.key === 'Enter' && hits?.[0]) {
      event.preventDefault();
      choose(hits[0]);
    }
  };

  return (
    <div className="plan-search" role="search" onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && setOpen(false)}>
      <label className="visually-hidden" htmlFor={`${id}-q`}>
        Search this plan
      </label>
      <input
        id={`${id}-q`}
        type="search"
        placeholder="Search this plan"
        value={query}
        autoComplete="off"
        onChange={(e) => {
          setQuery(e.target.value);
          // An emptied box forgets the last results (and any answer still on its way).
          if (!e.target.value.trim()) {
            seq.current++;
            setHits(null);
          }
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
        aria-describedby={`${id}-status`}
      />
      <p id={`${id}-status`} className="visually-hidden" role="status">
        {hits && query.trim() ? `${hits.length} ${hits.length === 1 ? 'match' : 'matches'}` : ''}
      </p>
      {open && query.trim() && (hits || error) && (
        <div className="search-results" aria-label="Search results" role="region">
          {error && <p className="field-error">{error}</p>}
          {hits && hits.length === 0 && <p className="muted search-none">No matches for “{query.trim()}”.</p>}
          {hits && hits.length > 0 && (
            <ul>
              {hits.map((hit) => (
                <li key={`${hit.kind}-${hit.id}-${hit.field}`}>
                  <button type="button" className="search-hit" onClick={() => choose(hit)}>
                    <span className="search-hit-head">
                      <span className="search-kind">{KIND_LABELS[hit.kind]}</span>
                      <span className="search-section">{hit.sectionTitle || 'Not linked to a section'}</span>
                    </span>
                    <span className="search-snippet">
                      {hit.snippet.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
