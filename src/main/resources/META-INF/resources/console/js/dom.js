// DOM building without a framework. Text always goes in as text nodes, never as HTML, so nothing the API
// returns (an address, a note, an error message) can inject markup.

/** @typedef {string | number | Node | null | undefined | false} Child */
/** @typedef {Child | ChildList} Children */
/** @typedef {Array<Children>} ChildList */
/**
 * Attributes: `class`, `on<event>` handlers, booleans (present when true), `value`/`checked` as properties.
 * @typedef {Record<string, unknown>} Attrs
 */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs | null} [attrs]
 * @param {...Children} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), /** @type {EventListener} */ (value));
    } else if (key === 'class') {
      el.className = String(value);
    } else if (key === 'value' || key === 'checked') {
      /** @type {any} */ (el)[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/**
 * @param {Element} el
 * @param {Children[]} children
 */
function append(el, children) {
  for (const child of children) {
    if (Array.isArray(child)) append(el, child);
    else if (child !== null && child !== undefined && child !== false) el.append(typeof child === 'object' ? child : String(child));
  }
}

/**
 * Replaces what an element shows.
 * @param {Element} el
 * @param {...Children} children
 */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/**
 * A text shown while something loads.
 * @param {string} [what]
 */
export function loading(what = 'Loading') {
  return h('p', { class: 'muted', role: 'status' }, `${what}…`);
}

/**
 * Reads a form field by name.
 * @param {HTMLFormElement} form
 * @param {string} name
 */
export function field(form, name) {
  const el = form.elements.namedItem(name);
  if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
    return el.value.trim();
  }
  throw new Error(`no field ${name}`);
}

/**
 * A labelled form control.
 * @param {string} label
 * @param {HTMLElement} control
 */
export function labelled(label, control) {
  return h('label', { class: 'field' }, h('span', null, label), control);
}
