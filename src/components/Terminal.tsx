import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { LabFileLink } from '../lessons/lab-file-urls';
import type { MountedTerminal } from '../terminal/terminal-view';
import { typeInTerminalEvent } from '../terminal/type-in-terminal-event';
import type AccountDiagram from './AccountDiagram';
import type PreviewPanel from './PreviewPanel';
import './Terminal.css';

/** Props of the lab terminal widget. */
export interface TerminalProps {
  /** The lesson's files, added to the learner's home when the terminal opens unless already there. */
  files: LabFileLink[];
}

/**
 * The terminal's code (xterm, the shell, the sandbox and the SDK: about 1 MB compressed), fetched once, when the
 * learner opens the terminal or is about to (the pointer on the button, or focus on it), never with the page: the
 * section sits near the top of every exercise, so loading it on sight would cost every visit that megabyte.
 */
let viewModule: Promise<typeof import('../terminal/terminal-view')> | undefined;
const loadView = () => {
  viewModule ??= import('../terminal/terminal-view');
  return viewModule;
};

/**
 * The lab terminal: an "Open the lab terminal" button and, once opened, a terminal docked at the bottom of the
 * window. Its code loads when the learner opens it (or points at the button), so lessons without it ship none of it.
 */
const warmUp = () => void loadView().catch(() => {});

export default function Terminal({ files }: TerminalProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState('');
  const [previewing, setPreviewing] = useState(false);
  const [requested, setRequested] = useState<{ url: string; count: number } | undefined>(undefined);
  const [terminal, setTerminal] = useState<MountedTerminal | undefined>(undefined);
  // The panel's code loads when it first opens, so the island stays as small as it was without it.
  const [Panel, setPanel] = useState<typeof PreviewPanel | undefined>(undefined);
  // The account diagram beside the terminal, redrawn as commands change the sandbox; its code loads when first shown.
  const [diagramShown, setDiagramShown] = useState(false);
  const [Diagram, setDiagram] = useState<typeof AccountDiagram | undefined>(undefined);
  const host = useRef<HTMLDivElement>(null);
  const mounted = useRef<Promise<MountedTerminal> | undefined>(undefined);

  // `xdg-open URL` in the terminal opens the preview panel on that URL.
  const show = (url: string) => {
    setPreviewing(true);
    setRequested((before) => ({ url, count: (before?.count ?? 0) + 1 }));
  };

  const start = () => {
    setOpen(true);
    mounted.current ??= loadView().then((view) => view.mountTerminal(host.current!, files, show));
    mounted.current.then(
      (opened) => {
        setStatus('');
        setTerminal(opened);
        opened.focus();
      },
      (error: unknown) => setStatus(`The terminal could not start: ${error instanceof Error ? error.message : error}`),
    );
    return mounted.current;
  };

  useEffect(() => {
    const onType = (event: Event) => {
      const text = (event as CustomEvent<string>).detail;
      void start().then((terminal) => terminal.type(text));
    };
    document.addEventListener(typeInTerminalEvent, onType);
    return () => document.removeEventListener(typeInTerminalEvent, onType);
  }, []);

  useEffect(() => {
    document.documentElement.classList.toggle('lab-terminal-open', open);
  }, [open]);

  useEffect(() => {
    if (previewing && !Panel) void import('./PreviewPanel').then((module) => setPanel(() => module.default));
  }, [previewing]);

  useEffect(() => {
    if (diagramShown && !Diagram) void import('./AccountDiagram').then((module) => setDiagram(() => module.default));
  }, [diagramShown]);

  return (
    <section class="lab-terminal" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Practise in the lab terminal</h2>
      <p>
        A bash shell with <code>aws</code> and <code>curl</code> on the sandbox account this browser keeps, the one
        Verify checks. Its files and history stay across lessons and reloads.
      </p>
      <button
        type="button"
        class="lab-terminal-toggle"
        aria-expanded={open}
        aria-controls={`${id}-dock`}
        onPointerEnter={warmUp}
        onFocus={warmUp}
        onClick={() => (open ? setOpen(false) : void start())}
      >
        {open ? 'Hide the lab terminal' : 'Open the lab terminal'}
      </button>
      {status && <p role="alert">{status}</p>}
      <section id={`${id}-dock`} class="lab-terminal-dock" aria-label="Lab terminal" hidden={!open}>
        <div class="lab-terminal-bar">
          <span>Lab terminal</span>
          <span class="lab-terminal-keys">
            <kbd>Esc</kbd> then <kbd>Tab</kbd> leaves the terminal
          </span>
          <button
            type="button"
            aria-expanded={previewing}
            aria-controls={`${id}-preview`}
            onClick={() => setPreviewing(!previewing)}
          >
            Web preview
          </button>
          <button
            type="button"
            aria-expanded={diagramShown}
            aria-controls={`${id}-diagram`}
            onClick={() => setDiagramShown(!diagramShown)}
          >
            Account diagram
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            Hide
          </button>
        </div>
        <div class="lab-terminal-body">
          <div ref={host} class="lab-terminal-screen" />
          <div id={`${id}-preview`} class="lab-terminal-preview" hidden={!previewing}>
            {previewing && Panel && <Panel terminal={terminal} requested={requested} />}
          </div>
          <div id={`${id}-diagram`} class="lab-terminal-diagram" hidden={!diagramShown}>
            {diagramShown && Diagram && <Diagram place="dock" />}
          </div>
        </div>
      </section>
    </section>
  );
}
