import { useEffect, useState } from 'preact/hooks';
import type AccountDiagram from './AccountDiagram';

/**
 * The "My account" page's island: the diagram's code, loaded after the page shows. The lab terminal loads the same
 * module when its diagram panel opens; both load it this way, so that its stylesheet is one file both can fetch
 * (a component that is an island on one page and a dynamic import on another gets its CSS folded into the page).
 */
export default function AccountDiagramPage() {
  const [Diagram, setDiagram] = useState<typeof AccountDiagram | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  useEffect(() => {
    import('./AccountDiagram').then(
      (module) => setDiagram(() => module.default),
      (error: unknown) =>
        setProblem(`The diagram could not load: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, []);
  if (problem) return <p role="alert">{problem}</p>;
  return Diagram ? <Diagram place="page" /> : <p>Loading the diagram…</p>;
}
