/**
 * The wizard's form fields, rendered alike: a label, the control, a hint and the field's error,
 * wired for assistive technology (`aria-describedby`, `aria-invalid`, `aria-required`) and for the
 * error summary (each control's `id` is its path, so a summary link lands on it). Every value is
 * text rendered as text; a read-only field says why it cannot change.
 */
import {msg} from '@lit/localize';
import {html, nothing, type TemplateResult} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import {live} from 'lit/directives/live.js';
import {joinPath} from '../../src/shared/forms/path.js';
import {getAt, same, type FieldPath} from './wizard-values.js';

/** What a step's fields need of the wizard. */
export interface FieldHost {
  readonly values: unknown;
  /** The error shown for a field (its path as a string), if any. */
  error(path: string): string | undefined;
  /**
   * The user changed a field. `text`: what the control holds when the stored value is parsed from
   * it (a number, a list), shown as typed for as long as it reads as the stored value.
   */
  input(path: FieldPath, value: unknown, text?: string): void;
  /** What the user last typed in a parsed field (shown as typed while it still reads as the stored value). */
  typed(path: string): string | undefined;
  /** The user left a field: it is checked now. */
  leave(path: FieldPath): void;
  /** Why a field cannot change (edit mode), or `null`. */
  locked(path: FieldPath): string | null;
}

export interface FieldOptions {
  label: string;
  hint?: string;
  required?: boolean;
  type?: 'text' | 'email' | 'url' | 'tel' | 'date' | 'number' | 'time';
  autocomplete?: string;
  inputmode?: 'text' | 'email' | 'url' | 'tel' | 'numeric' | 'decimal';
  placeholder?: string;
  /** Wider control for long values. */
  wide?: boolean;
  /** Converts the control's text to the stored value (default: the text as typed). */
  parse?: (text: string) => unknown;
  /** The stored value as the control's text (default: `String(value ?? '')`). */
  format?: (value: unknown) => string;
  /**
   * Replaces the plain write of a field whose value is its text or choice (no `parse`): for a
   * change that changes other fields with it (a new country clears the state chosen for the old).
   */
  write?: (value: unknown) => void;
  /** An error of the field's parts shown as the field's own (a list's entries: `emails[2]`), when it has none itself. */
  error?: string;
}

/** `['contacts', 0, 'email']` → `contacts[0].email`: the path as issues and element ids name it. */
export function pathKey(path: FieldPath): string {
  return path.reduce<string>((base, k) => joinPath(base, k), '');
}

/** The element id of the control of a field named as issues name it (`contacts[0].email`): what an error summary links to. */
export function controlId(key: string): string {
  return `f-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** The element id of a field's control. */
export function fieldId(path: FieldPath): string {
  return controlId(pathKey(path));
}

function described(id: string, hint: string | undefined, error: string | undefined, locked: string | null): string | undefined {
  const ids = [hint ? `${id}-hint` : '', locked ? `${id}-locked` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function frame(host: FieldHost, path: FieldPath, options: Pick<FieldOptions, 'label' | 'hint' | 'required' | 'wide' | 'error'>, control: (id: string, describedBy: string | undefined, invalid: boolean, locked: string | null) => TemplateResult): TemplateResult {
  const id = fieldId(path);
  const key = pathKey(path);
  const error = host.error(key) ?? options.error;
  const locked = host.locked(path);
  return html`<div class="field ${options.wide ? 'wide' : ''}" part="field" data-path=${key} ?data-invalid=${Boolean(error)}>
    <label for=${id} part="label">${options.label}${options.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing}</label>
    ${options.hint ? html`<p class="hint" id="${id}-hint" part="hint">${options.hint}</p>` : nothing}
    ${locked ? html`<p class="locked" id="${id}-locked" part="locked">${locked}</p>` : nothing}
    ${error ? html`<p class="error" id="${id}-error" part="field-error"><span class="sr-only">${msg('Error:')} </span>${error}</p>` : nothing}
    ${control(id, described(id, options.hint, error, locked), Boolean(error), locked)}
  </div>`;
}

/**
 * The control's text: what the user typed, as long as it still reads as the stored value (a parsed
 * field keeps its spelling, spaces and case), else the stored value formatted.
 */
function shownText(host: FieldHost, path: FieldPath, options: FieldOptions, value: unknown): string {
  const typed = host.typed(pathKey(path));
  if (typed !== undefined && options.parse && same(options.parse(typed), value)) return typed;
  if (options.format) return options.format(value);
  return value === null || value === undefined ? '' : String(value);
}

export function textField(host: FieldHost, path: FieldPath, options: FieldOptions): TemplateResult {
  const value = getAt(host.values, path);
  const text = shownText(host, path, options, value);
  return frame(host, path, options, (id, describedBy, invalid, locked) => html`<input
      id=${id}
      part="input"
      type=${options.type ?? 'text'}
      .value=${live(text)}
      ?readonly=${Boolean(locked)}
      aria-required=${options.required ? 'true' : 'false'}
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy)}
      autocomplete=${options.autocomplete ?? 'off'}
      inputmode=${ifDefined(options.inputmode)}
      placeholder=${ifDefined(options.placeholder)}
      spellcheck="false"
      dir="auto"
      @input=${(e: Event) => {
        const typed = (e.target as HTMLInputElement).value;
        if (options.parse) host.input(path, options.parse(typed), typed);
        else if (options.write) options.write(typed);
        else host.input(path, typed);
      }}
      @blur=${() => host.leave(path)}
    />`);
}

export function textareaField(host: FieldHost, path: FieldPath, options: FieldOptions): TemplateResult {
  const value = getAt(host.values, path);
  const text = shownText(host, path, options, value);
  return frame(host, path, {...options, wide: true}, (id, describedBy, invalid, locked) => html`<textarea
      id=${id}
      part="input textarea"
      rows="3"
      .value=${live(text)}
      ?readonly=${Boolean(locked)}
      aria-required=${options.required ? 'true' : 'false'}
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy)}
      dir="auto"
      @input=${(e: Event) => {
        const typed = (e.target as HTMLTextAreaElement).value;
        if (options.parse) host.input(path, options.parse(typed), typed);
        else if (options.write) options.write(typed);
        else host.input(path, typed);
      }}
      @blur=${() => host.leave(path)}
    ></textarea>`);
}

export interface Choice {
  value: string;
  label: string;
}

/**
 * A native select; `empty` adds a first choice meaning none, stored as `emptyValue` (`null`, or
 * `''` for a field that holds text).
 */
export function selectField(host: FieldHost, path: FieldPath, options: FieldOptions & {choices: readonly Choice[]; empty?: string; emptyValue?: '' | null}): TemplateResult {
  const value = getAt(host.values, path);
  const current = value === null || value === undefined ? '' : String(value);
  return frame(host, path, options, (id, describedBy, invalid, locked) => html`<select
      id=${id}
      part="input select"
      ?disabled=${Boolean(locked)}
      aria-required=${options.required ? 'true' : 'false'}
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy)}
      @change=${(e: Event) => {
        const v = (e.target as HTMLSelectElement).value;
        const value = v === '' && options.empty !== undefined ? (options.emptyValue ?? null) : options.parse ? options.parse(v) : v;
        if (options.write) options.write(value);
        else host.input(path, value);
        host.leave(path);
      }}
    >
      ${options.empty !== undefined ? html`<option value="" ?selected=${current === ''}>${options.empty}</option>` : nothing}
      ${options.choices.map((c) => html`<option value=${c.value} ?selected=${c.value === current}>${c.label}</option>`)}
      ${current && !options.choices.some((c) => c.value === current) ? html`<option value=${current} selected>${current}</option>` : nothing}
    </select>`);
}

/** A checkbox; `onToggle` replaces the plain write (e.g. features with dependencies). */
export function checkField(host: FieldHost, path: FieldPath, options: {label: string; hint?: string; onToggle?: (checked: boolean) => void}): TemplateResult {
  const id = fieldId(path);
  const key = pathKey(path);
  const error = host.error(key);
  const locked = host.locked(path);
  const hintId = options.hint ? `${id}-hint` : '';
  return html`<div class="field check" part="field" data-path=${key} ?data-invalid=${Boolean(error)}>
    <input
      id=${id}
      part="checkbox"
      type="checkbox"
      .checked=${live(getAt(host.values, path) === true)}
      ?disabled=${Boolean(locked)}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${ifDefined([hintId, error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined)}
      @change=${(e: Event) => {
        const checked = (e.target as HTMLInputElement).checked;
        if (options.onToggle) options.onToggle(checked);
        else host.input(path, checked);
        host.leave(path);
      }}
    />
    <label for=${id} part="label">${options.label}</label>
    ${options.hint ? html`<p class="hint" id=${hintId} part="hint">${options.hint}</p>` : nothing}
    ${error ? html`<p class="error" id="${id}-error" part="field-error"><span class="sr-only">${msg('Error:')} </span>${error}</p>` : nothing}
  </div>`;
}

/** A group of radio buttons in a fieldset with a legend. */
export function radioField(host: FieldHost, path: FieldPath, options: {legend: string; hint?: string; choices: readonly Choice[]; onPick?: (value: string) => void; selected?: string | null}): TemplateResult {
  const id = fieldId(path);
  const key = pathKey(path);
  const error = host.error(key);
  const locked = host.locked(path);
  const current = options.selected !== undefined ? options.selected : getAt(host.values, path);
  return html`<fieldset class="field radios" part="fieldset" data-path=${key} ?data-invalid=${Boolean(error)} aria-describedby=${ifDefined([options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined)}>
    <legend part="legend">${options.legend}</legend>
    ${options.hint ? html`<p class="hint" id="${id}-hint" part="hint">${options.hint}</p>` : nothing}
    ${error ? html`<p class="error" id="${id}-error" part="field-error"><span class="sr-only">${msg('Error:')} </span>${error}</p>` : nothing}
    ${options.choices.map(
      (c, i) => html`<label class="radio" part="radio">
        <input
          id=${i === 0 ? id : `${id}-${i}`}
          type="radio"
          name=${id}
          value=${c.value}
          .checked=${live(current === c.value)}
          ?disabled=${Boolean(locked)}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${ifDefined(error ? `${id}-error` : undefined)}
          @change=${() => {
            if (options.onPick) options.onPick(c.value);
            else host.input(path, c.value);
            host.leave(path);
          }}
        />
        ${c.label}
      </label>`,
    )}
  </fieldset>`;
}
