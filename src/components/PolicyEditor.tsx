import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { parsePolicy } from '../iam-policy/parse';
import { allowedByService, lintPolicy } from '../iam-policy/lint';
import { evaluate } from '../iam-policy/evaluate';
import './PolicyEditor.css';

/** Props of the policy editor. */
export interface PolicyEditorProps {
  /** The policy JSON shown first. */
  initial?: string;
}

const severityLabel = { error: 'Error', warning: 'Warning', info: 'Note' } as const;
const severityIcon = { error: '✗', warning: '⚠', info: 'ℹ' } as const;
const decisionWords = {
  allow: 'Allowed',
  'explicit-deny': 'Denied by an explicit Deny',
  'implicit-deny': 'Denied: no statement allows it (implicit deny)',
} as const;

/** A row more than the text has, so that the last line stays in view above a horizontal scrollbar. */
const spareRows = 1;

/** Re-checks a value a moment after the learner stops typing, so the findings do not flicker on every key. */
function useDebounced<T>(value: T, milliseconds: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), milliseconds);
    return () => clearTimeout(timer);
  }, [value, milliseconds]);
  return settled;
}

/** An IAM policy editor: IAM's validation, least-privilege findings, a summary, and a request tester. */
export default function PolicyEditor({
  initial = '{\n  "Version": "2012-10-17",\n  "Statement": []\n}',
}: PolicyEditorProps) {
  const id = useId();
  const [text, setText] = useState(initial);
  const [checkedText, setCheckedText] = useState(initial);
  const typed = useDebounced(text, 400);
  useEffect(() => setCheckedText(typed), [typed]);
  const result = useMemo(() => parsePolicy(checkedText, 'managed'), [checkedText]);
  const policy = 'policy' in result ? result.policy : null;
  const findings = policy ? lintPolicy(policy) : [];
  const [action, setAction] = useState('s3:GetObject');
  const [resource, setResource] = useState('arn:aws:s3:::photos-example/cat.jpg');
  const decision = policy && action && resource ? evaluate([policy], { action, resource }) : null;
  // The textarea is as tall as its text; the gutter numbers its lines, as the errors cite them, and follows its scroll.
  const lineCount = text.split('\n').length;
  const gutter = useRef<HTMLPreElement>(null);
  const followScroll = (event: Event) => {
    if (gutter.current) gutter.current.scrollTop = (event.target as HTMLTextAreaElement).scrollTop;
  };

  return (
    <div class="policy-editor">
      <label for={`${id}-text`} class="policy-label">
        Policy document (JSON)
      </label>
      <div class="policy-text-frame">
        <pre class="policy-gutter" aria-hidden="true" ref={gutter}>
          {Array.from({ length: lineCount }, (_, index) => index + 1).join('\n')}
        </pre>
        <textarea
          id={`${id}-text`}
          class="policy-text"
          rows={lineCount + spareRows}
          wrap="off"
          spellcheck={false}
          autocapitalize="off"
          value={text}
          aria-describedby={`${id}-status`}
          onInput={(event) => setText((event.target as HTMLTextAreaElement).value)}
          onScroll={followScroll}
        />
      </div>
      <button type="button" class="policy-check" onClick={() => setCheckedText(text)}>
        Check policy
      </button>
      <div id={`${id}-status`} class="policy-results" aria-live="polite">
        {'errors' in result ? (
          <>
            <p class="policy-verdict policy-invalid">
              <span aria-hidden="true">✗ </span>IAM would refuse this policy ({result.errors.length}{' '}
              {result.errors.length === 1 ? 'problem' : 'problems'}).
            </p>
            <ul class="policy-findings">
              {result.errors.map((error) => (
                <li class="finding finding-error">
                  <strong>
                    <span aria-hidden="true">✗ </span>
                    {error.code}: {error.message}
                  </strong>
                  {error.path && <code class="finding-path">{error.path}</code>}
                  <p>{error.explanation}</p>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <>
            <p class="policy-verdict policy-valid">
              <span aria-hidden="true">✓ </span>Valid policy.{' '}
              {findings.length === 0
                ? 'No least-privilege findings.'
                : `${findings.length} least-privilege ${findings.length === 1 ? 'finding' : 'findings'}:`}
            </p>
            <ul class="policy-findings">
              {findings.map((finding) => (
                <li class={`finding finding-${finding.severity}`}>
                  <strong>
                    <span aria-hidden="true">{severityIcon[finding.severity]} </span>
                    {severityLabel[finding.severity]}: {finding.title}
                  </strong>
                  {finding.path && <code class="finding-path">{finding.path}</code>}
                  <p>{finding.explanation}</p>
                </li>
              ))}
            </ul>
            <h3 class="policy-subheading">What it allows</h3>
            <ul class="policy-summary">
              {Object.entries(allowedByService(policy!)).map(([service, actions]) => (
                <li>
                  <strong>{service}</strong>: {actions.join(', ')}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <fieldset class="policy-try">
        <legend>Try a request</legend>
        <label for={`${id}-action`}>Action</label>
        <input
          id={`${id}-action`}
          value={action}
          spellcheck={false}
          onInput={(event) => setAction((event.target as HTMLInputElement).value)}
        />
        <label for={`${id}-resource`}>Resource ARN</label>
        <input
          id={`${id}-resource`}
          value={resource}
          spellcheck={false}
          onInput={(event) => setResource((event.target as HTMLInputElement).value)}
        />
        <p class="policy-decision" aria-live="polite">
          {decision
            ? `${decisionWords[decision.decision]}${decision.matchedStatement ? `, by Statement[${decision.matchedStatement.statement}]${decision.matchedStatement.sid ? ` (${decision.matchedStatement.sid})` : ''}` : ''}.`
            : 'Fix the policy to try a request.'}
        </p>
      </fieldset>
    </div>
  );
}
