import type { ParamField } from '../../checkers/params';

/** Where Verify looks: the sandbox in this browser, or the learner's own account through the course server. */
export type VerifyMode = 'offline' | 'live';

/** What the learner has chosen in the panel's form. */
export interface VerifyChoices {
  mode: VerifyMode;
  region: string;
  params: Record<string, string>;
}

/** Props of the form above the Verify button. */
export interface VerifyFieldsProps {
  /** Prefix for element ids, unique per panel. */
  id: string;
  /** The checker's parameters, from its schema. */
  fields: readonly ParamField[];
  choices: VerifyChoices;
  onChange: (choices: VerifyChoices) => void;
  /** False until the panel is hydrated: the form is inert, so nothing typed before is lost. */
  ready: boolean;
}

/** One parameter as a labelled input (a textarea for pasted JSON), with its hint as the description. */
function ParamInput({
  id,
  field,
  value,
  onInput,
}: {
  id: string;
  field: ParamField;
  value: string;
  onInput: (value: string) => void;
}) {
  const inputId = `${id}-${field.name}`;
  const common = {
    id: inputId,
    value,
    spellcheck: false,
    'aria-describedby': `${inputId}-hint`,
  };
  return (
    <div class={`verify-field${field.multiline ? ' verify-wide' : ''}`}>
      <label for={inputId}>{field.label}</label>
      {field.multiline ? (
        <textarea {...common} rows={4} onInput={(e) => onInput(e.currentTarget.value)} />
      ) : (
        <input
          {...common}
          type="text"
          placeholder={field.placeholder ?? field.defaultValue}
          onInput={(e) => onInput(e.currentTarget.value.trim())}
        />
      )}
      <small id={`${inputId}-hint`}>{field.hint}</small>
    </div>
  );
}

/**
 * The panel's form: which account to check, the region, and the checker's parameters. Parameters most learners must
 * give are shown; the course's own names (which most keep) fold under "Used other names?".
 */
export function VerifyFields({ id, fields, choices, onChange, ready }: VerifyFieldsProps) {
  const set = (change: Partial<VerifyChoices>) => onChange({ ...choices, ...change });
  const input = (field: ParamField) => (
    <ParamInput
      key={field.name}
      id={id}
      field={field}
      value={choices.params[field.name] ?? ''}
      onInput={(value) => set({ params: { ...choices.params, [field.name]: value } })}
    />
  );
  const names = fields.filter((field) => !field.primary);
  return (
    <fieldset class="verify-form" disabled={!ready}>
      <legend class="visually-hidden">What Verify checks</legend>
      <fieldset class="verify-mode">
        <legend>Check</legend>
        {(
          [
            ['offline', <>the sandbox account (offline)</>],
            [
              'live',
              <>
                my AWS account (live, with <code>npm start</code>)
              </>,
            ],
          ] as const
        ).map(([mode, text]) => (
          <label key={mode} class="verify-mode-choice">
            <input
              type="radio"
              name={`${id}-mode`}
              value={mode}
              checked={choices.mode === mode}
              onChange={() => set({ mode })}
            />
            <span>{text}</span>
          </label>
        ))}
      </fieldset>
      <div class="verify-fields">
        <div class="verify-field verify-region">
          <label for={`${id}-region`}>Region</label>
          <input
            id={`${id}-region`}
            type="text"
            value={choices.region}
            onInput={(e) => set({ region: e.currentTarget.value.trim() })}
            spellcheck={false}
            size={14}
          />
        </div>
        {fields.filter((field) => field.primary).map(input)}
      </div>
      {names.length > 0 && (
        <details class="verify-names">
          <summary>Used other names than the lesson's?</summary>
          <div class="verify-fields">{names.map(input)}</div>
        </details>
      )}
    </fieldset>
  );
}
