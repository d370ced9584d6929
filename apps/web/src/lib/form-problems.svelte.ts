import type { Attachment } from 'svelte/attachments';
import { ApiRequestError, describeError } from './api.ts';

/**
 * What the server found wrong with a form: the whole refusal, to show beside the form's
 * button, and each field's own problem, shown under that field. Attach `beside` to the form:
 * a control whose `name` is the field the server named is marked invalid and described by
 * the sentence under it, so a secretary sees at once which box to correct.
 */
export class FormProblems {
  /** The refusal in full, or ''. */
  summary = $state('');
  #fields = $state<Readonly<Record<string, string>>>({});
  readonly #words: () => { readonly offline: string; readonly unexpected: string };

  constructor(words: () => { readonly offline: string; readonly unexpected: string }) {
    this.#words = words;
  }

  /**
   * Shows a refusal. `fieldOf` names the field a refusal without issues is about, by its
   * code (a username already taken is the username's problem), so it shows there too.
   */
  show(caught: unknown, fieldOf: Readonly<Record<string, string>> = {}): void {
    this.summary = describeError(caught, this.#words());
    const issues = caught instanceof ApiRequestError ? (caught.issues ?? []) : [];
    this.#fields = Object.fromEntries(issues.map((issue) => [issue.path, issue.message]));
    const field = caught instanceof ApiRequestError ? fieldOf[caught.code] : undefined;
    if (issues.length === 0 && field && caught instanceof ApiRequestError)
      this.#fields = { [field]: caught.message };
  }

  clear(): void {
    this.summary = '';
    this.#fields = {};
  }

  readonly beside: Attachment<HTMLFormElement> = (form) => {
    const added: HTMLElement[] = [];
    const marked: HTMLElement[] = [];
    for (const [path, message] of Object.entries(this.#fields)) {
      // A nested field (rules.voteLabels.inFavour) is named by its full path or its last part.
      const control = controlNamed(form, path) ?? controlNamed(form, path.split('.').at(-1) ?? '');
      if (!control) continue;
      const note = document.createElement('span');
      note.className = 'field-problem';
      note.id = `${form.id || 'form'}-${path}-problem`.replaceAll('.', '-');
      note.textContent = message;
      control.after(note);
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', note.id);
      added.push(note);
      marked.push(control);
    }
    return () => {
      for (const note of added) note.remove();
      for (const control of marked) {
        control.removeAttribute('aria-invalid');
        control.removeAttribute('aria-describedby');
      }
    };
  };
}

function controlNamed(form: HTMLFormElement, name: string): HTMLElement | null {
  if (!name) return null;
  const found = form.elements.namedItem(name);
  return found instanceof HTMLElement ? found : null;
}
