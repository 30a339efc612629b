import type { Ref } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import {
  type LearnerIdentity,
  type LearnerIdentityProblem,
  learnerIdentityProblems,
} from '../progress/learner-identity';

/** One labelled field with its hint, and its problem wired to `aria-invalid` and `aria-describedby`. */
function IdentityField(props: {
  id: string;
  label: string;
  hint: string;
  autocomplete: string;
  value: string;
  problem?: string;
  inputRef: Ref<HTMLInputElement>;
  onInput: (value: string) => void;
}) {
  const { id, problem } = props;
  return (
    <div class="identity-field">
      <label for={id}>{props.label}</label>
      <p id={`${id}-hint`} class="identity-hint">
        {props.hint}
      </p>
      <input
        id={id}
        ref={props.inputRef}
        type="text"
        autocomplete={props.autocomplete}
        spellcheck={false}
        aria-required="true"
        aria-invalid={problem ? 'true' : 'false'}
        aria-describedby={problem ? `${id}-hint ${id}-problem` : `${id}-hint`}
        value={props.value}
        onInput={(event) => props.onInput((event.target as HTMLInputElement).value)}
      />
      {problem && (
        <p id={`${id}-problem`} class="identity-problem">
          <span aria-hidden="true">✗ </span>
          {problem}
        </p>
      )}
    </div>
  );
}

/** Props of the form that asks who the learner is. */
export interface LearnerIdentityFormProps {
  /** The values to start from: what the record holds, or empty strings. */
  initial: LearnerIdentity;
  /** The submit button's words, e.g. `Save and download`. */
  submitLabel: string;
  /** Called with an identity that has no problems; `recordLearnerIdentity` keeps it. */
  onSave: (identity: LearnerIdentity) => void;
  /** Called when the learner closes the form without saving. */
  onCancel: () => void;
}

/**
 * Asks for the learner's name and the id their instructor knows them by. The first field has focus when the form
 * opens; a submit with problems shows each under its field and moves focus to the first, so a screen reader reads
 * the field with its problem.
 */
export function LearnerIdentityForm({ initial, submitLabel, onSave, onCancel }: LearnerIdentityFormProps) {
  const id = useId();
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<LearnerIdentityProblem[]>([]);
  const fields = { name: useRef<HTMLInputElement>(null), rosterId: useRef<HTMLInputElement>(null) };
  useEffect(() => fields.name.current?.focus(), []);
  const problemOf = (field: keyof LearnerIdentity) => problems.find((problem) => problem.field === field)?.message;

  const submit = (event: Event) => {
    event.preventDefault();
    const found = learnerIdentityProblems(values);
    setProblems(found);
    if (found[0]) fields[found[0].field].current?.focus();
    else onSave(values);
  };

  return (
    <form class="identity-form" noValidate onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Before your first download</h3>
      <p>
        Your instructor matches progress files to learners by the id you give here. Both are kept in this browser and
        written into your progress file.
      </p>
      <IdentityField
        id={`${id}-name`}
        label="Your name"
        hint="As your instructor should see it."
        autocomplete="name"
        value={values.name}
        problem={problemOf('name')}
        inputRef={fields.name}
        onInput={(name) => setValues({ ...values, name })}
      />
      <IdentityField
        id={`${id}-roster-id`}
        label="The id your instructor knows you by"
        hint="Your e-mail address or your student number."
        autocomplete="email"
        value={values.rosterId}
        problem={problemOf('rosterId')}
        inputRef={fields.rosterId}
        onInput={(rosterId) => setValues({ ...values, rosterId })}
      />
      <div class="identity-actions">
        <button type="submit" class="progress-button">
          {submitLabel}
        </button>
        <button type="button" class="progress-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
