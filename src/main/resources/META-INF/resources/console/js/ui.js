// Pieces every view uses: the confirmation dialog, errors in words, paging, badges.

import { describe } from './api.js';
import { h, mount } from './dom.js';
import { words } from './format.js';

/**
 * Shows an error in words where it happened.
 * @param {unknown} error
 */
export function errorBox(error) {
  return h('p', { class: 'error', role: 'alert' }, describe(error));
}

/**
 * Runs a load and draws its result, or its error in words, into an element.
 * @template T
 * @param {HTMLElement} el
 * @param {() => Promise<T>} load
 * @param {(value: T) => import('./dom.js').Children} draw
 */
export async function fill(el, load, draw) {
  el.setAttribute('aria-busy', 'true');
  try {
    const value = await load();
    mount(el, draw(value));
  } catch (error) {
    mount(el, errorBox(error));
  } finally {
    el.removeAttribute('aria-busy');
  }
}

/**
 * @typedef {object} ConfirmOptions
 * @property {string} title
 * @property {import('./dom.js').Children} body       what will happen (and the form's fields, if any)
 * @property {string} confirm                         the button's label
 * @property {boolean} [danger]
 * @property {(form: HTMLFormElement) => Promise<void>} run   throws to show its error in the dialog
 * @property {(form: HTMLFormElement) => void} [onInput]     recomputes previews as fields change
 */

/**
 * Asks before an action and runs it. The API's error is shown in words inside the dialog, next to the
 * fields that caused it, and the dialog stays open to correct them.
 * @param {ConfirmOptions} options
 * @returns {Promise<boolean>} whether the action ran and succeeded
 */
export function confirmAction(options) {
  const dialog = /** @type {HTMLDialogElement} */ (document.getElementById('dialog'));
  const problem = h('div', { class: 'dialog-error' });
  const submit = h('button', { type: 'submit', class: options.danger ? 'danger' : 'primary' }, options.confirm);
  const form = h('form', { method: 'dialog' },
    h('h2', null, options.title),
    options.body,
    problem,
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Back'),
      submit));
  mount(dialog, form);
  return new Promise(resolve => {
    let done = false;
    if (options.onInput) {
      const recompute = () => options.onInput?.(form);
      form.addEventListener('input', recompute);
      recompute();
    }
    form.addEventListener('submit', async event => {
      event.preventDefault();
      submit.disabled = true;
      mount(problem);
      try {
        await options.run(form);
        done = true;
        dialog.close();
      } catch (error) {
        mount(problem, errorBox(error));
      } finally {
        submit.disabled = false;
      }
    });
    dialog.addEventListener('close', () => resolve(done), { once: true });
    dialog.showModal();
  });
}

/**
 * Forward paging over a connection, with Previous from the cursors already seen.
 * @param {{ hasNextPage: boolean, endCursor: string | null }} pageInfo
 * @param {(string | null)[]} cursors   the `after` of each page shown so far; the last is the current page's
 * @param {(after: string | null) => void} show
 */
export function pager(pageInfo, cursors, show) {
  return h('div', { class: 'pager' },
    h('button', {
      type: 'button', disabled: cursors.length < 2,
      onclick: () => { cursors.pop(); show(cursors[cursors.length - 1] ?? null); },
    }, '← Previous'),
    h('span', { class: 'muted' }, `Page ${cursors.length}`),
    h('button', {
      type: 'button', disabled: !pageInfo.hasNextPage,
      onclick: () => { cursors.push(pageInfo.endCursor); show(pageInfo.endCursor); },
    }, 'Next →'));
}

/** @param {string} status */
export function badge(status) {
  return h('span', { class: `badge s-${status.toLowerCase()}` }, words(status));
}


/** @param {string} title @param {...import('./dom.js').Children} children */
export function card(title, ...children) {
  return h('section', { class: 'card' }, h('h2', null, title), ...children);
}

/** @type {number | undefined} */
let noticeTimer;

/**
 * A short message about what just happened, shown for a few seconds.
 * @param {string} text
 */
export function notice(text) {
  const el = /** @type {HTMLElement} */ (document.getElementById('notice'));
  el.textContent = text;
  el.classList.add('shown');
  clearTimeout(noticeTimer);
  noticeTimer = window.setTimeout(() => el.classList.remove('shown'), 6000);
}
