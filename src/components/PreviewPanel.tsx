import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { PreviewOptions, PreviewResult } from '../terminal/preview-page';
import type { PreviewCookies } from '../terminal/preview-request';
import type { MountedTerminal } from '../terminal/terminal-view';
import './PreviewPanel.css';

/** Props of the web preview panel. */
export interface PreviewPanelProps {
  /** The mounted terminal, whose lab loads pages; undefined until the terminal has opened. */
  terminal: MountedTerminal | undefined;
  /** A URL to show at once (from `xdg-open`), with a count so the same URL asked twice loads twice. */
  requested: { url: string; count: number } | undefined;
}

/** A URL as the status line says it: without its query, which for a presigned URL is a long signature. */
const shortUrl = (url: string) => {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
};

/** What the frame or the problem line shows. */
type Shown = { kind: 'page'; url: string; srcdoc: string } | Exclude<PreviewResult, { kind: 'page' }>;

/**
 * The web preview panel: an address (the newest running instance's web server to start with), a Load button, and
 * the page in a sandboxed frame (no scripts), fetched through the lab terminal's network. An instance address that
 * does not answer shows why, in the words `ssh` uses. A status line tells a screen reader what happened.
 */
export default function PreviewPanel({ terminal, requested }: PreviewPanelProps) {
  const id = useId();
  const [address, setAddress] = useState('');
  const [status, setStatus] = useState('');
  const [shown, setShown] = useState<Shown | undefined>(undefined);
  // The cookies the shown apps set, sent back as a browser does (the gallery's messages travel in one).
  const cookies = useRef<PreviewCookies>(new Map());

  const load = async (url: string, init?: RequestInit) => {
    if (!terminal || !url.trim()) return;
    setStatus(`Loading ${shortUrl(url)}…`);
    const options: PreviewOptions = { cookies: cookies.current, ...(init ? { init } : {}) };
    const [{ result, network }, { framedPage }] = await Promise.all([
      terminal.lab.preview(url.trim(), options),
      import('../terminal/preview-frame'),
    ]);
    if (result.kind === 'page') {
      setAddress(result.url);
      setShown({ kind: 'page', url: result.url, srcdoc: await framedPage(result, network) });
      setStatus(`Loaded ${shortUrl(result.url)} (HTTP ${result.status}).`);
    } else {
      setShown(result);
      setStatus(`${shortUrl(result.url)} did not load.`);
    }
  };

  useEffect(() => {
    if (!terminal || address) return;
    void terminal.lab.previewAddress().then((url) => url && setAddress((typed) => typed || url));
  }, [terminal]);

  useEffect(() => {
    if (!requested || !terminal) return;
    setAddress(requested.url);
    void load(requested.url);
  }, [requested, terminal]);

  return (
    <section class="lab-preview" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Web preview</h3>
      <form
        class="lab-preview-form"
        onSubmit={(event) => {
          event.preventDefault();
          void load(address);
        }}
      >
        <label for={`${id}-address`}>Address</label>
        <input
          id={`${id}-address`}
          type="text"
          inputMode="url"
          spellcheck={false}
          placeholder="http://PUBLIC_IP/"
          value={address}
          onInput={(event) => setAddress((event.target as HTMLInputElement).value)}
        />
        <button type="submit" disabled={!terminal}>
          Load
        </button>
      </form>
      <p class="lab-preview-status" role="status" aria-live="polite">
        {status}
      </p>
      {shown?.kind === 'page' && (
        // Same origin but no scripts: the panel reads the frame's forms and sends them itself (the page runs no code).
        <iframe
          class="lab-preview-frame"
          sandbox="allow-same-origin allow-forms"
          srcdoc={shown.srcdoc}
          title={`Preview of ${shortUrl(shown.url)}`}
          onLoad={(event) => {
            const frame = (event.target as HTMLIFrameElement).contentDocument;
            frame?.addEventListener('submit', (submitted) => {
              submitted.preventDefault();
              void import('../terminal/preview-request').then(({ formRequest }) => {
                const { url, init } = formRequest(submitted.target as HTMLFormElement, submitted.submitter);
                return load(url, init);
              });
            });
          }}
        />
      )}
      {shown?.kind === 'unreachable' && (
        <p class="lab-preview-problem">
          <strong>{shown.url} does not answer.</strong> {shown.explanation}
        </p>
      )}
      {shown?.kind === 'failed' && <p class="lab-preview-problem">{shown.message}</p>}
    </section>
  );
}
