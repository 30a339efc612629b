import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DiagramFailure } from '../diagram/browser-source';
import { attemptsOfDrawing } from '../diagram/attempts-of-drawing';
import type { DiagramModel } from '../diagram/model';
import type { OutlineItem } from '../diagram/outline';
import type { AccountSnapshot } from '../diagram/snapshot';
import { sandboxChangedEvent } from '../emulator/sandbox-changed-event';
import { offerBlob } from '../lib/offer-download';
import { useStoredProgress } from './use-stored-progress';
import './AccountDiagram.css';

/** The User Timing measure of one redraw: from the change (or the press of Redraw) to the new drawing on screen. */
export const redrawMeasure = 'account diagram: redraw';

type Drawing = typeof import('../diagram/page-drawing');

let drawingModule: Promise<Drawing> | undefined;
const loadDrawing = () => {
  drawingModule ??= import('../diagram/page-drawing');
  return drawingModule;
};

/** Narrower than this, the diagram is drawn in one column (zones and the account's buckets under each other). */
const stackedBelow = 640;
const zoomSteps = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

export interface AccountDiagramProps {
  /** The "My account" page, or the panel beside the lab terminal (smaller controls, same diagram). */
  place: 'page' | 'dock';
}

/** A nested list with the diagram's words, for screen readers and anyone who prefers text. */
function Outline({ item }: { item: OutlineItem }) {
  return (
    <li>
      {item.marked ? <span class="account-diagram-marked">{item.text}</span> : item.text}
      {item.children.length > 0 && (
        <ul>
          {item.children.map((child, i) => (
            <Outline key={i} item={child} />
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The account diagram: what the account holds (the sandbox offline, the learner's own account live through the
 * course server) drawn as nested boxes, with the failed checks of each exercise's latest Verify marked on what they
 * name, and the same in words as a nested list. Offline it redraws whenever this page changes the sandbox (a command
 * in the lab terminal); it can be zoomed, scrolled, and downloaded as SVG or PNG.
 */
export default function AccountDiagram({ place }: AccountDiagramProps) {
  const id = useId();
  const [mode, setMode] = useState<'offline' | 'live'>('offline');
  const [region, setRegion] = useState('us-west-2');
  const [snapshot, setSnapshot] = useState<AccountSnapshot | undefined>(undefined);
  const [failure, setFailure] = useState<DiagramFailure | undefined>(undefined);
  const [note, setNote] = useState<string | undefined>(undefined);
  const [reading, setReading] = useState(false);
  const [drawing, setDrawing] = useState<Drawing | undefined>(undefined);
  const [zoom, setZoom] = useState<number | 'fit'>(1);
  const [stacked, setStacked] = useState(false);
  const [saveProblem, setSaveProblem] = useState<string | undefined>(undefined);
  const stored = useStoredProgress();
  const view = useRef<HTMLDivElement>(null);
  const readCount = useRef(0);
  const redrawStarted = useRef<number | undefined>(undefined);

  /** Reads the account again; only the newest read is drawn, however the reads finish. */
  const read = async () => {
    const count = ++readCount.current;
    redrawStarted.current ??= performance.now();
    setReading(true);
    try {
      const module = await loadDrawing();
      setDrawing(() => module);
      const result =
        mode === 'offline' ? await module.readSandboxAccount(region) : await module.readLiveAccount(region);
      if (count !== readCount.current) return;
      if ('failure' in result) {
        setFailure(result.failure);
        setSnapshot(undefined);
      } else {
        setFailure(undefined);
        setSnapshot(result.snapshot);
        setNote('note' in result ? (result.note as string | undefined) : undefined);
      }
    } catch (error) {
      if (count === readCount.current)
        setFailure({ message: `The account could not be read: ${error instanceof Error ? error.message : error}` });
    } finally {
      if (count === readCount.current) setReading(false);
    }
  };

  useEffect(() => {
    void read();
  }, [mode, region]);

  // Offline, every change this page makes to the sandbox (a command line in the lab terminal) redraws the diagram.
  // Reads of the sandbox take turns (readSandboxAccount) and only the newest is drawn, so a change during a read is
  // drawn by the read it starts.
  useEffect(() => {
    if (mode !== 'offline') return;
    const onChange = () => void read();
    window.addEventListener(sandboxChangedEvent, onChange);
    return () => window.removeEventListener(sandboxChangedEvent, onChange);
  }, [mode, region]);

  // Live, the account changes outside this page: a new Verify attempt reads it again, so that its marks land on what
  // the account holds now.
  const attemptCount = stored.state === 'ready' ? stored.progress.attempts.length : undefined;
  const seenAttempts = useRef<number | undefined>(undefined);
  useEffect(() => {
    const before = seenAttempts.current;
    seenAttempts.current = attemptCount;
    if (mode === 'live' && before !== undefined && attemptCount !== undefined && attemptCount > before) void read();
  }, [attemptCount]);

  useEffect(() => {
    const host = view.current;
    if (!host || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setStacked((entry?.contentRect.width ?? 1000) < stackedBelow));
    observer.observe(host);
    return () => observer.disconnect();
  }, []);

  const attempts = useMemo(
    () => (stored.state === 'ready' ? attemptsOfDrawing(stored.progress.attempts, mode, [region]) : []),
    [stored, mode, region],
  );
  const drawn = useMemo(
    () =>
      drawing && snapshot ? drawing.pageDiagram(snapshot, attempts, { stacked, idPrefix: `${id}-svg` }) : undefined,
    [drawing, snapshot, attempts, stacked],
  );
  const outline = useMemo(() => (drawing && drawn ? drawing.diagramOutline(drawn.model) : undefined), [drawn]);

  useLayoutEffect(() => {
    if (!drawn || redrawStarted.current === undefined || reading) return;
    performance.measure(redrawMeasure, { start: redrawStarted.current });
    redrawStarted.current = undefined;
  }, [drawn, reading]);

  const download = async (kind: 'svg' | 'png', model: DiagramModel) => {
    if (!drawing) return;
    setSaveProblem(undefined);
    try {
      const blob = kind === 'svg' ? drawing.svgFile(model, stacked) : await drawing.pngFile(model, stacked);
      const whose = mode === 'offline' ? 'sandbox' : (model.account ?? 'account');
      offerBlob(`aws-diagram-${whose}-${region}-${model.takenAt.slice(0, 10)}.${kind}`, blob);
    } catch (error) {
      setSaveProblem(`The ${kind.toUpperCase()} could not be made: ${error instanceof Error ? error.message : error}`);
    }
  };

  const zoomIndex = zoom === 'fit' ? -1 : zoomSteps.indexOf(zoom as (typeof zoomSteps)[number]);
  const setZoomStep = (step: number) => setZoom(zoomSteps[Math.max(0, Math.min(zoomSteps.length - 1, step))]!);
  const status = reading
    ? `Reading ${mode === 'offline' ? 'the sandbox' : 'your AWS account'}…`
    : drawn && drawing
      ? [
          // Beside the terminal, the counts; on the page, whose account and where too.
          place === 'dock'
            ? `${drawing.diagramCounts(drawn.model)}.`
            : `${drawing.diagramHeading(drawn.model)}, ${region}: ${drawing.diagramCounts(drawn.model)}.`,
          drawn.model.exercises.length ? `Verify: ${drawing.exerciseSummary(drawn.model)}.` : '',
          drawn.model.marks.length ? 'Failed checks are marked on the resources they name.' : '',
        ]
          .filter(Boolean)
          .join(' ')
      : '';

  return (
    <section class={`account-diagram account-diagram-${place}`} aria-labelledby={`${id}-heading`}>
      <div class="account-diagram-controls">
        <h2 id={`${id}-heading`} class={place === 'dock' ? 'visually-hidden' : undefined}>
          Your account, drawn
        </h2>
        <fieldset class="account-diagram-mode">
          <legend>Draw</legend>
          {(
            [
              ['offline', 'the sandbox'],
              ['live', 'my AWS account (npm start)'],
            ] as const
          ).map(([value, words]) => (
            <label key={value}>
              <input
                type="radio"
                name={`${id}-mode`}
                value={value}
                checked={mode === value}
                onChange={() => setMode(value)}
              />{' '}
              {words}
            </label>
          ))}
        </fieldset>
        <label class="account-diagram-region">
          Region{' '}
          <input
            type="text"
            value={region}
            size={14}
            spellcheck={false}
            onChange={(e) => setRegion(e.currentTarget.value.trim() || 'us-west-2')}
          />
        </label>
        <button type="button" onClick={() => void read()} disabled={reading}>
          Redraw
        </button>
      </div>
      <p id={`${id}-status`} role="status" aria-live="polite" class="account-diagram-status">
        {status}
      </p>
      {failure && (
        <div role="alert" class="account-diagram-failure">
          <p>{failure.message}</p>
          {failure.hint && <p>{failure.hint}</p>}
        </div>
      )}
      {note && <p class="account-diagram-note">{note}</p>}
      {drawn && (
        <fieldset class="account-diagram-tools">
          <legend class="visually-hidden">Diagram view</legend>
          <button type="button" onClick={() => setZoomStep(zoomIndex === -1 ? 1 : zoomIndex - 1)} aria-label="Zoom out">
            −
          </button>
          <button type="button" onClick={() => setZoom('fit')} aria-pressed={zoom === 'fit'}>
            Fit
          </button>
          <button type="button" onClick={() => setZoomStep(zoomIndex === -1 ? 2 : zoomIndex + 1)} aria-label="Zoom in">
            +
          </button>
          <span class="account-diagram-zoom">{zoom === 'fit' ? 'fit to width' : `${Math.round(zoom * 100)}%`}</span>
          <button type="button" onClick={() => void download('svg', drawn.model)}>
            Download SVG
          </button>
          <button type="button" onClick={() => void download('png', drawn.model)}>
            Download PNG
          </button>
        </fieldset>
      )}
      {saveProblem && <p role="alert">{saveProblem}</p>}
      {/* The drawing scrolls: focusable, so that keyboard users scroll it with the arrow keys. */}
      <section ref={view} class="account-diagram-view" tabIndex={drawn ? 0 : -1} aria-label="Account diagram (scrolls)">
        {drawn && (
          <div
            class={`account-diagram-drawing${zoom === 'fit' ? ' account-diagram-fit' : ''}`}
            style={zoom === 'fit' ? undefined : { width: `${Math.round(drawn.width * zoom)}px` }}
            // The SVG is this course's own drawing: every name and message in it is escaped by drawDiagram.
            dangerouslySetInnerHTML={{ __html: drawn.svg }}
          />
        )}
      </section>
      {outline && (
        <details class="account-diagram-words">
          <summary>The diagram in words</summary>
          <ul>
            <Outline item={outline} />
          </ul>
        </details>
      )}
    </section>
  );
}
