import { type CloseAnswer, closeAnswerKeys } from './editor-buffer';

/** The question's buttons, in nano's order: Yes, No, Cancel. */
const answers: readonly { answer: CloseAnswer; label: string }[] = [
  { answer: 'save', label: 'Yes' },
  { answer: 'discard', label: 'No' },
  { answer: 'cancel', label: 'Cancel' },
];

let questions = 0;

/**
 * Asks "Save changes to FILE?" in a modal dialog inside `host` and resolves with the answer: its buttons, or Y, N
 * and Escape (or C) as in nano. Focus starts on Yes; the dialog is gone when the promise resolves.
 */
export function askToSave(host: HTMLElement, question: string): Promise<CloseAnswer> {
  const id = `lab-editor-question-${++questions}`;
  const dialog = document.createElement('dialog');
  dialog.className = 'lab-editor-question';
  dialog.setAttribute('aria-labelledby', `${id}-text`);
  dialog.setAttribute('aria-describedby', `${id}-keys`);
  const text = Object.assign(document.createElement('p'), { id: `${id}-text`, textContent: question });
  const keys = Object.assign(document.createElement('p'), {
    id: `${id}-keys`,
    textContent: 'Y saves, N discards the changes, Escape goes back to editing.',
  });
  const row = document.createElement('div');
  row.className = 'lab-editor-question-answers';
  dialog.append(text, keys, row);
  return new Promise((resolve) => {
    const answer = (chosen: CloseAnswer) => {
      dialog.close();
      dialog.remove();
      resolve(chosen);
    };
    for (const { answer: chosen, label } of answers) {
      const button = Object.assign(document.createElement('button'), { type: 'button', textContent: label });
      button.addEventListener('click', () => answer(chosen));
      row.append(button);
    }
    dialog.addEventListener('keydown', (event) => {
      const chosen = Object.hasOwn(closeAnswerKeys, event.key) ? closeAnswerKeys[event.key] : undefined;
      if (!chosen || event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault();
      answer(chosen);
    });
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      answer('cancel');
    });
    host.append(dialog);
    dialog.showModal();
  });
}
