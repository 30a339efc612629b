import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { LabFileLink } from '../lessons/lab-file-urls';
import type { MountedTerminal } from '../terminal/terminal-view';
import { typeInTerminalEvent } from '../terminal/type-in-terminal-event';
import './Terminal.css';

/** Props of the lab terminal widget. */
export interface TerminalProps {
  /** The lesson's files, added to the learner's home when the terminal opens unless already there. */
  files: LabFileLink[];
}

/** The terminal's code (xterm, the shell, the sandbox), fetched once: on scrolling into view or on opening. */
let viewModule: Promise<typeof import('../terminal/terminal-view')> | undefined;
const loadView = () => {
  viewModule ??= import('../terminal/terminal-view');
  return viewModule;
};

/**
 * The lab terminal: an "Open the lab terminal" button and, once opened, a terminal docked at the bottom of the
 * window. Its code loads when the button scrolls into view or is pressed, so lessons without it ship none of it.
 */
export default function Terminal({ files }: TerminalProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState('');
  const section = useRef<HTMLElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const mounted = useRef<Promise<MountedTerminal> | undefined>(undefined);

  const start = () => {
    setOpen(true);
    mounted.current ??= loadView().then((view) => view.mountTerminal(host.current!, files));
    mounted.current.then(
      (terminal) => {
        setStatus('');
        terminal.focus();
      },
      (error: unknown) => setStatus(`The terminal could not start: ${error instanceof Error ? error.message : error}`),
    );
    return mounted.current;
  };

  useEffect(() => {
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) void loadView().catch(() => {});
    });
    if (section.current) observer.observe(section.current);
    const onType = (event: Event) => {
      const text = (event as CustomEvent<string>).detail;
      void start().then((terminal) => terminal.type(text));
    };
    document.addEventListener(typeInTerminalEvent, onType);
    return () => {
      observer.disconnect();
      document.removeEventListener(typeInTerminalEvent, onType);
    };
  }, []);

  useEffect(() => {
    document.documentElement.classList.toggle('lab-terminal-open', open);
  }, [open]);

  return (
    <section ref={section} class="lab-terminal" aria-labelledby={`${id}-heading`}>
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
        onClick={() => (open ? setOpen(false) : void start())}
      >
        {open ? 'Hide the lab terminal' : 'Open the lab terminal'}
      </button>
      {status && <p role="alert">{status}</p>}
      <section id={`${id}-dock`} class="lab-terminal-dock" aria-label="Lab terminal" hidden={!open}>
        <div class="lab-terminal-bar">
          <span>Lab terminal</span>
          <button type="button" onClick={() => setOpen(false)}>
            Hide
          </button>
        </div>
        <div ref={host} class="lab-terminal-screen" />
      </section>
    </section>
  );
}
