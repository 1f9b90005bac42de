// Export: the plan document or a board paper, as Word, accessible web page or
// PDF, in the plan's house style. The cover sheet and house style are
// remembered per plan. Progress shows while a large plan is built (the main
// process pushes each step as an event); afterwards the file can be opened or
// shown in its folder, with anything the export could not do as asked and the
// accessibility check's findings. Before saving, the first pages can be
// previewed as the HTML writer draws them; a board paper whose required cover
// fields are empty is saved only once the person confirms.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { SECTION_STATUSES, SECTION_STATUS_LABELS, startingExportStatus, type ExportStatus, type SectionStatus, type SectionSummary } from '../../shared/domain';
import {
  COMMITMENTS_LAYOUTS,
  fillCoverPlaceholders,
  MAX_LOGO_BYTES,
  type CommitmentsLayout,
  type BoardPaperTemplate,
  type CoverField,
  type ExportPreview,
  type HouseStyle,
  type HouseStyleOverrides,
} from '../../shared/export';
import { call, messageOf } from '../app/api';
import { useJfpEvent } from '../app/events';
import { ErrorNotice } from '../app/Notice';
import { DateField } from '../common/DateField';

type Format = 'docx' | 'html' | 'pdf';
type Kind = 'plan' | 'board_paper';
type Scope = 'all' | 'status' | 'chosen';
type Logo = NonNullable<HouseStyle['logo']>;

/** What the form asks: what to export, in which format, which sections, with which options. */
interface Choices {
  kind: Kind;
  format: Format;
  scope: Scope;
  statuses: SectionStatus[];
  chosen: string[];
  includeComments: boolean;
  includeGuidance: boolean;
  numberHeadings: boolean;
  /** #15 the "How this plan delivers the integrated care strategy" table */
  includeStrategyTable: boolean;
  /** #14 the delivery commitments: a wide table, one after another, or whichever takes fewer pages. */
  commitmentsLayout: CommitmentsLayout;
}

/** #14 the choices of layout for the delivery commitments, as the person reads them. */
const COMMITMENTS_LAYOUT_LABELS: Record<CommitmentsLayout, string> = {
  auto: 'Whichever takes fewer pages',
  table: 'One wide table on landscape pages',
  stacked: 'One commitment after another, on portrait pages',
};

const INITIAL_CHOICES: Choices = {
  kind: 'plan',
  format: 'docx',
  scope: 'all',
  statuses: ['approved'],
  chosen: [],
  includeComments: false,
  includeGuidance: false,
  numberHeadings: true,
  includeStrategyTable: false, // #15
  commitmentsLayout: 'auto',
};

/** The plan's remembered settings: the house style is held once, as the plan's overrides of the defaults. */
interface Settings {
  defaults: HouseStyle;
  coverTemplate: BoardPaperTemplate;
  /** The form's values: what was saved, and each empty field's default with the plan's values filled in. */
  cover: Record<string, string>;
  /** Each field's default for this plan ("Board of NHS North Fell ICB"), never with a placeholder. */
  coverDefaults: Record<string, string>;
  houseStyle: HouseStyleOverrides;
}

/** What is saved and exported: a value equal to its default is left empty, so it keeps following the plan (draft or final). */
function enteredCover(settings: Settings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings.cover)) out[key] = value.trim() === (settings.coverDefaults[key] ?? '') ? '' : value;
  return out;
}

/** Labels of required cover fields left empty that have no default. */
function missingCoverFields(settings: Settings): string[] {
  return settings.coverTemplate.fields.filter((f) => f.required && !(settings.cover[f.key] ?? '').trim() && !settings.coverDefaults[f.key]).map((f) => f.label);
}

/** The export this panel started: cancelled in the save dialog, or a job, the format it was started in, and its latest status. */
type Job = { cancelled: true } | { cancelled: false; format: Format; status: ExportStatus };

const FORMATS: Array<{ value: Format; label: string }> = [
  { value: 'docx', label: 'Word document (.docx)' },
  { value: 'html', label: 'Accessible web page (.html)' },
  { value: 'pdf', label: 'PDF (.pdf)' },
];

const toggled = <T,>(list: T[], value: T, on: boolean) => (on ? [...list, value] : list.filter((x) => x !== value));

export function ExportPanel({ planId, sections }: { planId: string; sections: SectionSummary[] }) {
  const id = useId();
  const [choices, setChoices] = useState<Choices>(INITIAL_CHOICES);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  /** Empty required cover fields the person is asked about before saving. */
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const { kind, format, scope, statuses, chosen, includeComments, includeGuidance, numberHeadings, includeStrategyTable, commitmentsLayout } = choices;
  const choose = (change: Partial<Choices>) => setChoices((current) => ({ ...current, ...change }));

  useEffect(() => {
    Promise.all([call('getExportSettings', { planId }), call('getPlan', { planId })])
      .then(([{ defaults, coverTemplate, cover, houseStyle }, plan]) => {
        const coverDefaults: Record<string, string> = {};
        for (const field of coverTemplate.fields) if (field.defaultValue) coverDefaults[field.key] = fillCoverPlaceholders(field.defaultValue, plan).trim();
        // Empty fields show their default, filled in for this plan, ready to edit.
        const filled = { ...coverDefaults };
        for (const [key, value] of Object.entries(cover)) if (value.trim()) filled[key] = value;
        setSettings({ defaults, coverTemplate, cover: filled, coverDefaults, houseStyle });
      })
      .catch((e) => setError(messageOf(e)));
  }, [planId]);

  // The main process reports each step of the job, and its end.
  useJfpEvent('exportProgress', (status) => {
    setJob((current) => (current && !current.cancelled && current.status.jobId === status.jobId ? { ...current, status } : current));
  });

  const style = settings ? { ...settings.defaults, ...settings.houseStyle, page: { ...settings.defaults.page, ...settings.houseStyle.page } } : null;
  const setStyle = (change: HouseStyleOverrides) => setSettings((s) => (s ? { ...s, houseStyle: { ...s.houseStyle, ...change } } : s));
  const setCover = (key: string, value: string) => setSettings((s) => (s ? { ...s, cover: { ...s.cover, [key]: value } } : s));

  const sectionsOption = () =>
    scope === 'status' ? { statuses, withSubsections: true } : scope === 'chosen' ? { sectionIds: chosen, withSubsections: true } : { withSubsections: true };

  const save = async () => {
    setError(null);
    setJob(null);
    setConfirming(null);
    try {
      await call('saveExportSettings', { planId, ...(settings ? { cover: enteredCover(settings), houseStyle: settings.houseStyle } : {}) });
      const { jobId } = await call('startExport', {
        planId,
        format,
        options: {
          kind,
          sections: sectionsOption(),
          includeComments: includeComments && format === 'docx',
          includeGuidance,
          numberHeadings,
          includeStrategyTable,
          commitmentsLayout,
        },
      });
      if (!jobId) return setJob({ cancelled: true });
      const starting = startingExportStatus(jobId);
      setJob({ cancelled: false, format, status: starting });
      // Steps reported before this answer arrived are not lost: ask once where the job stands.
      const now = await call('exportStatus', { jobId });
      setJob((current) => (current && !current.cancelled && current.status === starting ? { ...current, status: now } : current));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  /** Saves, unless a board paper's required cover fields are empty: then the person is asked first. */
  const requestSave = () => {
    const missing = kind === 'board_paper' && settings ? missingCoverFields(settings) : [];
    if (missing.length) return setConfirming(missing);
    void save();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    requestSave();
  };

  const showPreview = async () => {
    setError(null);
    setPreviewing(true);
    try {
      const cover = kind === 'board_paper' && settings ? { cover: enteredCover(settings) } : {};
      setPreview(await call('previewExport', { planId, options: { kind, sections: sectionsOption(), includeGuidance, numberHeadings, commitmentsLayout, ...cover } }));
    } catch (e) {
      setPreview(null);
      setError(messageOf(e));
    } finally {
      setPreviewing(false);
    }
  };

  const status = job && !job.cancelled ? job.status : null;
  // The finished file's format, not the form's: the form may already be set for the next export.
  const exported = job && !job.cancelled ? job.format : null;
  const reveal = (how: 'open' | 'folder') => status && call('revealExport', { jobId: status.jobId, how }).catch((e) => setError(messageOf(e)));
  const running = status?.state === 'running';

  return (
    <section className="export" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Export</h2>
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      <form onSubmit={submit} className="export-form">
        <fieldset>
          <legend>What to export</legend>
          <label>
            <input type="radio" name={`${id}-kind`} checked={kind === 'plan'} onChange={() => choose({ kind: 'plan' })} /> The plan document
          </label>
          <label>
            <input type="radio" name={`${id}-kind`} checked={kind === 'board_paper'} onChange={() => choose({ kind: 'board_paper' })} /> A board paper (cover sheet, then
            the chosen sections)
          </label>
        </fieldset>
        <fieldset>
          <legend>Format</legend>
          {FORMATS.map((f) => (
            <label key={f.value}>
              <input type="radio" name={`${id}-format`} checked={format === f.value} onChange={() => choose({ format: f.value })} /> {f.label}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Sections</legend>
          <label>
            <input type="radio" name={`${id}-scope`} checked={scope === 'all'} onChange={() => choose({ scope: 'all' })} /> All sections
          </label>
          <label>
            <input type="radio" name={`${id}-scope`} checked={scope === 'status'} onChange={() => choose({ scope: 'status' })} /> Sections with status
          </label>
          {scope === 'status' && (
            <div className="indent">
              {SECTION_STATUSES.map((s) => (
                <label key={s}>
                  <input type="checkbox" checked={statuses.includes(s)} onChange={(e) => choose({ statuses: toggled(statuses, s, e.target.checked) })} />{' '}
                  {SECTION_STATUS_LABELS[s]}
                </label>
              ))}
            </div>
          )}
          <label>
            <input type="radio" name={`${id}-scope`} checked={scope === 'chosen'} onChange={() => choose({ scope: 'chosen' })} /> Chosen sections
          </label>
          {scope === 'chosen' && (
            <div className="indent section-choices">
              {sections.map((s) => (
                <label key={s.id} className={`depth-${s.depth}`}>
                  <input type="checkbox" checked={chosen.includes(s.id)} onChange={(e) => choose({ chosen: toggled(chosen, s.id, e.target.checked) })} /> {s.title}
                </label>
              ))}
            </div>
          )}
        </fieldset>
        <fieldset>
          <legend>Options</legend>
          <label>
            <input type="checkbox" checked={numberHeadings} onChange={(e) => choose({ numberHeadings: e.target.checked })} /> Number the headings (1, 1.1, 1.1.1)
          </label>
          <label>
            <input type="checkbox" checked={includeGuidance} onChange={(e) => choose({ includeGuidance: e.target.checked })} /> Include the template's guidance notes
          </label>
          {/* #15 the integrated care strategy table */}
          <label>
            <input type="checkbox" checked={includeStrategyTable} onChange={(e) => choose({ includeStrategyTable: e.target.checked })} /> Include “How this plan delivers
            the integrated care strategy” (a table)
          </label>
          <label>
            <input type="checkbox" checked={includeComments} disabled={format !== 'docx'} onChange={(e) => choose({ includeComments: e.target.checked })} /> Include
            comments as Word comments (review copies; Word only)
          </label>
          <label htmlFor={`${id}-commitments-layout`}>Delivery commitments</label>
          <select id={`${id}-commitments-layout`} value={commitmentsLayout} onChange={(e) => choose({ commitmentsLayout: e.target.value as CommitmentsLayout })}>
            {COMMITMENTS_LAYOUTS.map((layout) => (
              <option key={layout} value={layout}>
                {COMMITMENTS_LAYOUT_LABELS[layout]}
              </option>
            ))}
          </select>
        </fieldset>
        {kind === 'board_paper' && settings && (
          <fieldset>
            <legend>{settings.coverTemplate.heading}: cover sheet</legend>
            {settings.coverTemplate.fields.map((field) => (
              <CoverInput
                key={field.key}
                field={field}
                value={settings.cover[field.key] ?? ''}
                defaultValue={settings.coverDefaults[field.key]}
                onChange={(v) => setCover(field.key, v)}
              />
            ))}
          </fieldset>
        )}
        {style && (
          <details className="filters-box">
            <summary>House style</summary>
            <div className="field">
              <label htmlFor={`${id}-org`}>Organisation name</label>
              <input id={`${id}-org`} value={style.organisationName} onChange={(e) => setStyle({ organisationName: e.target.value })} />
            </div>
            <LogoInput logo={style.logo} onChange={(logo) => setStyle({ logo })} onError={setError} />
            <div className="field-row">
              <div className="field">
                <label htmlFor={`${id}-font`}>Font</label>
                <select id={`${id}-font`} value={style.font} onChange={(e) => setStyle({ font: e.target.value as HouseStyle['font'] })}>
                  <option>Arial</option>
                  <option>Frutiger</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-size`}>Body text size (pt)</label>
                <input id={`${id}-size`} type="number" min={12} max={16} value={style.bodySizePt} onChange={(e) => setStyle({ bodySizePt: Number(e.target.value) })} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-colour`}>Heading colour</label>
                <input
                  id={`${id}-colour`}
                  type="color"
                  value={`#${style.headingColour}`}
                  onChange={(e) => setStyle({ headingColour: e.target.value.replace('#', '').toUpperCase() })}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-margin`}>Margins (cm)</label>
                <input
                  id={`${id}-margin`}
                  type="number"
                  min={1}
                  max={5}
                  step={0.1}
                  value={style.page.marginCm}
                  onChange={(e) => setStyle({ page: { ...settings?.houseStyle.page, marginCm: Number(e.target.value) } })}
                />
              </div>
            </div>
          </details>
        )}
        <div className="rename-actions">
          <button type="submit" className="button-primary" disabled={running}>
            {running ? 'Exporting…' : 'Export'}
          </button>
          <button type="button" className="button-secondary" disabled={previewing} onClick={() => void showPreview()}>
            {previewing ? 'Preparing the preview…' : 'Preview'}
          </button>
        </div>
      </form>
      {confirming && (
        <div className="export-confirm" role="alertdialog" aria-labelledby={`${id}-confirm`} aria-describedby={`${id}-confirm-list`}>
          <h3 id={`${id}-confirm`}>The cover sheet is not complete</h3>
          <p>These required fields are empty and will print “Not provided”:</p>
          <ul id={`${id}-confirm-list`}>
            {confirming.map((label) => (
              <li key={label}>{label}</li>
            ))}
          </ul>
          <div className="rename-actions">
            <button type="button" className="button-primary" onClick={() => void save()}>
              Export anyway
            </button>
            <button type="button" className="button-secondary" onClick={() => setConfirming(null)}>
              Go back and fill them in
            </button>
          </div>
        </div>
      )}
      {preview && (
        <section className="export-preview-box" aria-labelledby={`${id}-preview`}>
          <h3 id={`${id}-preview`}>Preview</h3>
          {preview.missingCoverFields.length > 0 && <p className="field-error">Required cover sheet fields are empty: {preview.missingCoverFields.join(', ')}.</p>}
          {preview.warnings.length > 0 && (
            <details>
              <summary>
                {preview.warnings.length} {preview.warnings.length === 1 ? 'warning' : 'warnings'}
              </summary>
              <ul>
                {preview.warnings.map((w, i) => (
                  <li key={i}>{w.sectionTitle ? `${w.sectionTitle}: ${w.message}` : w.message}</li>
                ))}
              </ul>
            </details>
          )}
          <PreviewFrame preview={preview} title={kind === 'board_paper' ? 'Preview of the board paper' : 'Preview of the plan document'} />
          <div className="rename-actions">
            <button type="button" className="button-primary" disabled={running} onClick={requestSave}>
              Save…
            </button>
            <button type="button" className="button-secondary" onClick={() => setPreview(null)}>
              Close the preview
            </button>
          </div>
        </section>
      )}
      <div role="status" aria-live="polite" className="export-status">
        {job?.cancelled && <p>Export cancelled; nothing was saved.</p>}
        {status?.state === 'running' && <p>{status.message}</p>}
        {status?.state === 'failed' && <p className="field-error">{status.message}</p>}
      </div>
      {status?.state === 'done' && (
        <div className="export-result">
          <p>
            <strong>{status.message}</strong> {status.elapsedMs !== null && <span className="muted">({(status.elapsedMs / 1000).toFixed(1)} s)</span>}
          </p>
          <div className="rename-actions">
            <button type="button" className="button-secondary" onClick={() => void reveal('open')}>
              Open file
            </button>
            <button type="button" className="button-secondary" onClick={() => void reveal('folder')}>
              Show in folder
            </button>
          </div>
          {exported === 'docx' &&
            (status.accessibilityProblems.length === 0 ? (
              <p>Accessibility check passed: headings, title, language, table headers, alt text and text size.</p>
            ) : (
              <>
                <h3>Accessibility check</h3>
                <ul>
                  {status.accessibilityProblems.map((p, i) => (
                    <li key={i}>
                      {p.message} ({p.location})
                    </li>
                  ))}
                </ul>
              </>
            ))}
          {status.warnings.length > 0 && (
            <>
              <h3>Exported with warnings</h3>
              <ul>
                {status.warnings.map((w, i) => (
                  <li key={i}>{w.sectionTitle ? `${w.sectionTitle}: ${w.message}` : w.message}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

/**
 * The export's first pages in a frame that runs no script (sandboxed, with no
 * allow-scripts). The app's Content-Security-Policy, which a srcdoc frame
 * inherits, refuses inline <style>: the page's stylesheet is applied as a
 * constructed stylesheet once the frame has loaded.
 */
function PreviewFrame({ preview, title }: { preview: ExportPreview; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const styled = () => {
    const view = frame.current?.contentWindow as (Window & typeof globalThis) | null | undefined;
    if (!view) return;
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(preview.css);
    view.document.adoptedStyleSheets = [sheet];
  };
  return <iframe ref={frame} className="export-preview" title={title} sandbox="allow-same-origin" srcDoc={preview.html} onLoad={styled} />;
}

function CoverInput({ field, value, defaultValue, onChange }: { field: CoverField; value: string; defaultValue: string | undefined; onChange: (value: string) => void }) {
  const id = useId();
  const hint =
    field.hint ?? (field.kind === 'list' ? 'One item per line.' : defaultValue && value.trim() !== defaultValue ? `Left empty: “${defaultValue}”.` : undefined);
  return (
    <div className="field">
      <label htmlFor={id}>
        {field.label}
        {field.required ? '' : ' (optional)'}
      </label>
      {field.kind === 'choice' ? (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose…</option>
          {field.options?.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      ) : field.kind === 'paragraphs' || field.kind === 'list' ? (
        <textarea id={id} rows={3} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={hint ? `${id}-hint` : undefined} />
      ) : field.kind === 'date' ? (
        <DateField id={id} value={value || null} onChange={(iso) => onChange(iso ?? '')} describedBy={hint ? `${id}-hint` : undefined} />
      ) : (
        <input id={id} type="text" value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={hint ? `${id}-hint` : undefined} />
      )}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** The organisation's logo for the title page: a PNG with the alt text that describes it. */
function LogoInput({ logo, onChange, onError }: { logo: Logo | null; onChange: (logo: Logo | null) => void; onError: (message: string) => void }) {
  const id = useId();
  const choose = async (file: File | undefined) => {
    if (!file) return;
    if (file.type !== 'image/png') return onError('The logo must be a PNG image.');
    if (file.size > MAX_LOGO_BYTES) return onError('The logo must be a PNG of 2 MB or less.');
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    onChange({ pngBase64: btoa(binary), altText: logo?.altText ?? '', widthCm: logo?.widthCm ?? 4 });
  };
  return (
    <div className="field logo-field">
      <label htmlFor={`${id}-file`}>Logo (PNG, shown on the title page)</label>
      <input id={`${id}-file`} type="file" accept="image/png" onChange={(e) => void choose(e.target.files?.[0])} />
      {logo && (
        <>
          <img src={`data:image/png;base64,${logo.pngBase64}`} alt={logo.altText || 'The chosen logo'} className="logo-preview" />
          <label htmlFor={`${id}-alt`}>Logo description for screen readers (alt text)</label>
          <input
            id={`${id}-alt`}
            value={logo.altText}
            onChange={(e) => onChange({ ...logo, altText: e.target.value })}
            placeholder="For example: NHS Wessex Vale Integrated Care Board logo"
          />
          <button type="button" className="button-quiet button-small" onClick={() => onChange(null)}>
            Remove logo
          </button>
        </>
      )}
    </div>
  );
}
