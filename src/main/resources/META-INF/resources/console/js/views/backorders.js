// Backorders grouped by SKU, the SKU waiting longest first, with the stock on its way and the two actions
// that end the wait: receive stock, or record stock that is coming (which gives the backorders their dates).

import { gql } from '../api.js';
import { field, h, labelled, loading, mount } from '../dom.js';
import { age, date, dateTime, words } from '../format.js';
import { groupBySku } from '../model.js';
import { confirmAction, fill, needsApi, notice } from '../ui.js';

/** @typedef {import('../types.js').Backorder} Backorder */
/** @typedef {import('../types.js').Location} Location */
/** @typedef {import('../types.js').InventoryLevel} InventoryLevel */
/** @typedef {import('../model.js').BackorderGroup} BackorderGroup */

const FETCH_SIZE = 200;
const MAX_PAGES = 5;
const GROUPS_PER_PAGE = 15;

const OPEN_BACKORDERS = `query ConsoleBackorders($sku: String, $first: Int!, $after: String) {
  backorders(filter: {sku: $sku, status: OPEN}, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id sku quantity status decision expectedAt createdAt order { id number } } }
  }
}`;

/**
 * Open backorders, newest first from the API, up to MAX_PAGES pages.
 * @param {string | null} sku
 * @returns {Promise<{ list: Backorder[], total: number }>}
 */
async function loadOpen(sku) {
  /** @type {Backorder[]} */
  const list = [];
  /** @type {string | null} */
  let after = null;
  let total = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    /** @type {any} */
    const data = (await gql(OPEN_BACKORDERS, { sku, first: FETCH_SIZE, after })).backorders;
    total = data.totalCount;
    list.push(...data.edges.map((/** @type {any} */ e) => e.node));
    if (!data.pageInfo.hasNextPage) break;
    after = data.pageInfo.endCursor;
  }
  return { list, total };
}

/**
 * Stock of several SKUs at every location, in one request.
 * @param {string[]} skus
 * @returns {Promise<Map<string, InventoryLevel[]>>}
 */
async function levelsOf(skus) {
  if (skus.length === 0) return new Map();
  const query = `query ConsoleBackorderStock(${skus.map((_, i) => `$s${i}: String!`).join(', ')}) {
    ${skus.map((_, i) => `s${i}: inventoryLevels(sku: $s${i}) { sku onHand reserved safetyStock available location { id code name } incoming { quantity expectedAt } }`).join('\n')}
  }`;
  const data = await gql(query, Object.fromEntries(skus.map((s, i) => [`s${i}`, s])));
  return new Map(skus.map((s, i) => [s, data[`s${i}`]]));
}

/** @type {import('../types.js').View} */
export function renderBackorders(root, ctx) {
  const sku = ctx.params.get('sku');
  const body = h('div', null, loading());
  const search = h('form', {
    class: 'toolbar', role: 'search',
    onsubmit: (/** @type {SubmitEvent} */ e) => {
      e.preventDefault();
      const wanted = field(search, 'sku');
      ctx.go(wanted ? `#/backorders?sku=${encodeURIComponent(wanted)}` : '#/backorders');
    },
  }, labelled('SKU', h('input', { name: 'sku', value: sku ?? '' })), h('button', { type: 'submit' }, 'Show'));
  mount(root, h('h1', null, 'Backorders'), search, body);

  const reload = () => fill(body, () => loadOpen(sku), ({ list, total }) => {
    const groups = groupBySku(list);
    const pageBox = h('div');
    /** @param {number} index */
    const showPage = index => {
      const slice = groups.slice(index * GROUPS_PER_PAGE, (index + 1) * GROUPS_PER_PAGE);
      fill(pageBox, () => levelsOf(slice.map(g => g.sku)), levels => [
        slice.map(g => group(g, levels.get(g.sku) ?? [], ctx.locations, reload)),
        groups.length > GROUPS_PER_PAGE ? h('div', { class: 'pager' },
          h('button', { type: 'button', disabled: index === 0, onclick: () => showPage(index - 1) }, '← Previous'),
          h('span', { class: 'muted' }, `SKUs ${index * GROUPS_PER_PAGE + 1}–${Math.min(groups.length, (index + 1) * GROUPS_PER_PAGE)} of ${groups.length}`),
          h('button', { type: 'button', disabled: (index + 1) * GROUPS_PER_PAGE >= groups.length, onclick: () => showPage(index + 1) }, 'Next →')) : null,
      ]);
    };
    showPage(0);
    return [
      h('p', { class: 'muted' }, `${total} open backorder${total === 1 ? '' : 's'}, ${list.reduce((s, b) => s + b.quantity, 0)} units, ${groups.length} SKU${groups.length === 1 ? '' : 's'}`),
      list.length < total ? [h('p', { class: 'muted' }, `Grouped from the newest ${list.length}.`),
        needsApi('Grouping every open backorder by SKU', 'backorderSummary')] : null,
      groups.length === 0 ? h('p', null, 'Nothing waits for stock.') : pageBox,
    ];
  });
  reload();
}

/**
 * @param {BackorderGroup} g
 * @param {InventoryLevel[]} levels
 * @param {Location[]} locations
 * @param {() => void} reload
 */
function group(g, levels, locations, reload) {
  const incoming = levels.flatMap(l => (l.incoming ?? []).map(i => ({ ...i, location: l.location })))
    .sort((a, b) => a.expectedAt.localeCompare(b.expectedAt));
  return h('article', { class: 'card group', 'data-sku': g.sku },
    h('h2', null, g.sku, h('span', { class: 'muted' }, ` · ${g.units} units waiting in ${g.backorders.length} backorder(s), oldest ${age(g.oldestAt)}`)),
    h('p', null, 'Next expected: ', g.nextExpectedAt ? date(g.nextExpectedAt) : 'unknown'),
    h('div', { class: 'grid' },
      h('div', null, h('h3', null, 'Waiting'), h('table', null,
        h('thead', null, h('tr', null, ['Order', 'Qty', 'Since', 'Expected', 'Answer'].map(t => h('th', null, t)))),
        h('tbody', null, g.backorders.map(b => h('tr', null,
          h('td', null, b.order ? h('a', { href: `#/orders/${b.order.id}` }, `#${b.order.number}`) : ''),
          h('td', { class: 'num' }, String(b.quantity)), h('td', { title: dateTime(b.createdAt) }, age(b.createdAt)),
          h('td', null, date(b.expectedAt) || '—'), h('td', null, words(b.decision))))))),
      h('div', null, h('h3', null, 'Incoming'), incoming.length === 0 ? h('p', { class: 'muted' }, 'Nothing recorded.')
        : h('ul', null, incoming.map(i => h('li', null, `${i.quantity} to ${i.location.code} on ${date(i.expectedAt)}`))))),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', onclick: () => receive(g.sku, locations, reload) }, 'Receive stock…'),
      h('button', { type: 'button', onclick: () => expect(g.sku, locations, reload) }, 'Add incoming…')));
}

/** @param {Location[]} locations */
function locationSelect(locations) {
  return labelled('Location', h('select', { name: 'location', required: true },
    locations.filter(l => l.active).map(l => h('option', { value: l.id }, `${l.code} · ${l.name}`))));
}

/**
 * @param {string} sku
 * @param {Location[]} locations
 * @param {() => void} reload
 */
export function receive(sku, locations, reload) {
  return confirmAction({
    title: `Receive ${sku}`,
    body: [h('p', null, 'On hand rises; then the oldest open backorders this location can ship are filled.'),
      locationSelect(locations), labelled('Quantity', h('input', { name: 'quantity', type: 'number', min: 1, required: true }))],
    confirm: 'Receive',
    run: async form => {
      const result = (await gql(`mutation ConsoleReceive($location: ID!, $sku: String!, $quantity: Int!) {
        receiveStock(locationId: $location, sku: $sku, quantity: $quantity) { backordersAllocated { id } }
      }`, { location: field(form, 'location'), sku, quantity: Number(field(form, 'quantity')) })).receiveStock;
      notice(`Received ${sku}: ${result.backordersAllocated.length} backorder(s) filled.`);
      reload();
    },
  });
}

/**
 * @param {string} sku
 * @param {Location[]} locations
 * @param {() => void} reload
 */
export function expect(sku, locations, reload) {
  return confirmAction({
    title: `Stock of ${sku} on its way`,
    body: [h('p', null, 'Open backorders take their expected dates from the stock on its way, first in, first out.'),
      locationSelect(locations), labelled('Quantity', h('input', { name: 'quantity', type: 'number', min: 1, required: true })),
      labelled('Expected on', h('input', { name: 'expectedAt', type: 'date', required: true }))],
    confirm: 'Record',
    run: async form => {
      await gql(`mutation ConsoleIncoming($location: ID!, $sku: String!, $quantity: Int!, $at: DateTime!) {
        addIncomingStock(locationId: $location, sku: $sku, quantity: $quantity, expectedAt: $at) { sku }
      }`, { location: field(form, 'location'), sku, quantity: Number(field(form, 'quantity')), at: new Date(`${field(form, 'expectedAt')}T12:00:00`).toISOString() });
      reload();
    },
  });
}
