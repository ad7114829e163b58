// Backorders grouped by SKU, the SKU waiting longest first (backorderSummary: the service counts every open backorder),
// with the stock on its way and the two actions that end the wait: receive stock, or record stock that is coming
// (which gives the backorders their dates). One SKU (?sku=) lists its own backorders, oldest first.

import { gql } from '../api.js';
import { field, h, labelled, loading, mount } from '../dom.js';
import { age, date, dateTime, words } from '../format.js';
import { groupBySku } from '../model.js';
import { confirmAction, fill, notice } from '../ui.js';

/** @typedef {import('../types.js').Backorder} Backorder */
/** @typedef {import('../types.js').Location} Location */
/** @typedef {import('../types.js').InventoryLevel} InventoryLevel */
/** @typedef {import('../model.js').BackorderGroup} BackorderGroup */

const FETCH_SIZE = 200;
const MAX_PAGES = 5;
const SKUS_PER_PAGE = 15;
/** The oldest open backorders shown under each SKU of the list; the SKU's own page lists up to 1,000. */
const SHOWN_PER_SKU = 10;

// What waits for each SKU, counted by the service over every open backorder, the SKU waiting longest first.
const SUMMARY = `query ConsoleBackorderSummary($first: Int, $after: String, $last: Int, $before: String) {
  backorderSummary {
    openCount unitsWaiting skuCount
    bySku(first: $first, after: $after, last: $last, before: $before) {
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { node { sku openCount unitsWaiting oldestCreatedAt nextExpectedAt } }
    }
  }
}`;

const BACKORDER_FIELDS = 'id sku quantity status decision expectedAt createdAt order { id number }';
const LEVEL_FIELDS = 'sku onHand reserved safetyStock available location { id code name } incoming { quantity expectedAt }';

const OPEN_BACKORDERS = `query ConsoleBackorders($sku: String, $first: Int!, $after: String) {
  backorders(filter: {sku: $sku, status: OPEN}, sort: CREATED_AT_ASC, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${BACKORDER_FIELDS} } }
  }
}`;

/**
 * One SKU's open backorders, oldest first (the order stock fills them in), up to MAX_PAGES pages.
 * @param {string} sku
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
 * Stock of several SKUs at every location and, with `shown`, the oldest `shown` open backorders of each, in one
 * request.
 * @param {string[]} skus
 * @param {number} shown
 * @returns {Promise<Map<string, { levels: InventoryLevel[], oldest: Backorder[] }>>}
 */
async function detailsOf(skus, shown) {
  if (skus.length === 0) return new Map();
  const query = `query ConsoleBackorderStock(${skus.map((_, i) => `$s${i}: String!`).join(', ')}) {
    ${skus.map((_, i) => `l${i}: inventoryLevels(sku: $s${i}) { ${LEVEL_FIELDS} }${shown > 0
      ? `\n    b${i}: backorders(filter: {sku: $s${i}, status: OPEN}, sort: CREATED_AT_ASC, first: ${shown}) { edges { node { ${BACKORDER_FIELDS} } } }` : ''}`).join('\n    ')}
  }`;
  const data = await gql(query, Object.fromEntries(skus.map((s, i) => [`s${i}`, s])));
  return new Map(skus.map((s, i) => [s, {
    levels: data[`l${i}`],
    oldest: shown > 0 ? data[`b${i}`].edges.map((/** @type {any} */ e) => e.node) : [],
  }]));
}

/**
 * @param {number} count
 * @param {string} one
 */
const plural = (count, one) => `${count} ${one}${count === 1 ? '' : 's'}`;

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
  if (sku) showSku(body, sku, ctx.locations);
  else showSkus(body, { first: SKUS_PER_PAGE }, ctx.locations);
}

/**
 * Every SKU that backorders wait for, a page of SKUs at a time, the SKU waiting longest first; each with the oldest
 * of its backorders and the stock on its way.
 * @param {HTMLElement} body
 * @param {{ first?: number, after?: string | null, last?: number, before?: string | null }} page
 * @param {Location[]} locations
 */
function showSkus(body, page, locations) {
  const reload = () => showSkus(body, page, locations);
  fill(body, async () => {
    /** @type {import('../types.js').BackorderSummary} */
    const summary = (await gql(SUMMARY, page)).backorderSummary;
    const skus = summary.bySku.edges.map(e => e.node);
    return { summary, skus, details: await detailsOf(skus.map(s => s.sku), SHOWN_PER_SKU) };
  }, ({ summary, skus, details }) => {
    const info = summary.bySku.pageInfo;
    return [
      h('p', { class: 'muted', 'data-testid': 'backorder-totals' },
        `${plural(summary.openCount, 'open backorder')}, ${summary.unitsWaiting} units, ${plural(summary.skuCount, 'SKU')}; the SKU waiting longest first`),
      skus.length === 0 ? h('p', null, 'Nothing waits for stock.') : [
        skus.map(s => {
          const d = details.get(s.sku) ?? { levels: [], oldest: [] };
          return group({ sku: s.sku, units: s.unitsWaiting, openCount: s.openCount, backorders: d.oldest,
            oldestAt: s.oldestCreatedAt, nextExpectedAt: s.nextExpectedAt }, d.levels, locations, reload);
        }),
        h('div', { class: 'pager' },
          h('button', { type: 'button', disabled: !info.hasPreviousPage,
            onclick: () => showSkus(body, { last: SKUS_PER_PAGE, before: info.startCursor }, locations) }, '← Previous'),
          h('button', { type: 'button', disabled: !info.hasNextPage,
            onclick: () => showSkus(body, { first: SKUS_PER_PAGE, after: info.endCursor }, locations) }, 'Next →')),
      ],
    ];
  });
}

/**
 * One SKU: its open backorders, oldest first, up to MAX_PAGES pages of them.
 * @param {HTMLElement} body
 * @param {string} sku
 * @param {Location[]} locations
 */
function showSku(body, sku, locations) {
  const reload = () => showSku(body, sku, locations);
  fill(body, async () => {
    const { list, total } = await loadOpen(sku);
    return { list, total, details: await detailsOf(list.length > 0 ? [sku] : [], 0) };
  }, ({ list, total, details }) => {
    const g = groupBySku(list)[0];
    if (!g) return h('p', null, 'Nothing waits for stock.');
    g.openCount = total;
    return [
      list.length < total ? h('p', { class: 'muted' }, `The oldest ${list.length} of ${total} open backorders; units counted over those.`) : null,
      group(g, details.get(sku)?.levels ?? [], locations, reload),
    ];
  });
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
  const more = g.openCount - g.backorders.length;
  return h('article', { class: 'card group', 'data-sku': g.sku },
    h('h2', null, g.sku, h('span', { class: 'muted' }, ` · ${g.units} units waiting in ${g.openCount} backorder(s), oldest ${age(g.oldestAt)}`)),
    h('p', null, 'Next expected: ', g.nextExpectedAt ? date(g.nextExpectedAt) : 'unknown'),
    h('div', { class: 'grid' },
      h('div', null, h('h3', null, 'Waiting'), h('table', null,
        h('thead', null, h('tr', null, ['Order', 'Qty', 'Since', 'Expected', 'Answer'].map(t => h('th', null, t)))),
        h('tbody', null, g.backorders.map(b => h('tr', null,
          h('td', null, b.order ? h('a', { href: `#/orders/${b.order.id}` }, `#${b.order.number}`) : ''),
          h('td', { class: 'num' }, String(b.quantity)), h('td', { title: dateTime(b.createdAt) }, age(b.createdAt)),
          h('td', null, date(b.expectedAt) || '—'), h('td', null, words(b.decision)))))),
        more > 0 ? h('p', { class: 'muted' }, `The oldest ${g.backorders.length}; `,
          h('a', { href: `#/backorders?sku=${encodeURIComponent(g.sku)}` }, `all ${g.openCount}`)) : null),
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
