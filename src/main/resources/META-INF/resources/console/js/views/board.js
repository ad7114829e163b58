// The location board: a location's open fulfillment orders as columns, each step one press, shipping with
// carrier and tracking. Warehouse staff see only their own location (the service refuses any other); admins
// choose the location. Warehouse tokens cannot subscribe to live events, so the board reloads itself.

import { gql } from '../api.js';
import { field, h, labelled, loading, mount } from '../dom.js';
import { ago, date, words } from '../format.js';
import { NEXT_STEP } from '../model.js';
import { may } from '../session.js';
import { badge, confirmAction, errorBox, fill, notice } from '../ui.js';

/** @typedef {import('../types.js').FulfillmentOrder} FulfillmentOrder */
/** @typedef {import('../types.js').FulfillmentOrderStatus} FulfillmentOrderStatus */

const COLUMNS = /** @type {const} */ (['OPEN', 'PICKING', 'PICKED', 'PACKED', 'SHIPPED']);
const COLUMN_SIZE = 30;
const REFRESH_MS = 30000;

const FIELDS = 'totalCount pageInfo { hasNextPage endCursor } edges { node { id status carrier trackingNumber estimatedDeliveryAt createdAt updatedAt lines { sku quantity } shipTo { orderNumber address { name city postalCode country } } } }';

const BOARD = `query ConsoleBoard($location: ID, $first: Int!) {
  ${COLUMNS.map(s => `${s}: fulfillmentOrders(filter: {locationId: $location, status: ${s}}, first: $first) { ${FIELDS} }`).join('\n  ')}
}`;

const COLUMN = `query ConsoleBoardColumn($location: ID, $status: FulfillmentOrderStatus!, $first: Int!, $after: String) {
  fulfillmentOrders(filter: {locationId: $location, status: $status}, first: $first, after: $after) { ${FIELDS} }
}`;

/** @type {import('../types.js').View} */
export function renderBoard(root, ctx) {
  const requested = ctx.params.get('location');
  const locationId = requested ?? ctx.ownLocation?.id ?? ctx.locations[0]?.id ?? null;
  const shown = ctx.locations.find(l => l.id === locationId);
  const board = h('div', { class: 'board' }, loading('Loading the board'));
  const picker = may.chooseLocation()
    ? h('form', { class: 'toolbar' }, labelled('Location', h('select', {
      name: 'location',
      onchange: (/** @type {Event} */ e) => ctx.go(`#/board?location=${/** @type {HTMLSelectElement} */ (e.target).value}`),
    }, ctx.locations.map(l => h('option', { value: l.id, selected: l.id === locationId }, `${l.code} · ${l.name}`)))))
    : null;
  mount(root, h('h1', null, 'Location board', shown ? ` · ${shown.code}` : ''), picker,
    h('p', { class: 'muted' }, shown?.name ?? ''), board);

  const reload = () => fill(board, () => gql(BOARD, { location: locationId, first: COLUMN_SIZE }), data =>
    COLUMNS.map(status => column(status, data[status], locationId, reload)));
  reload();
  const timer = window.setInterval(() => { if (!document.querySelector('dialog[open]')) reload(); }, REFRESH_MS);
  return () => window.clearInterval(timer);
}

/**
 * @param {FulfillmentOrderStatus} status
 * @param {import('../types.js').Connection<FulfillmentOrder>} connection
 * @param {string | null} locationId
 * @param {() => void} reload
 */
function column(status, connection, locationId, reload) {
  const cards = h('div', { class: 'column-cards' }, connection.edges.length === 0 ? h('p', { class: 'muted empty' }, 'Nothing here')
    : connection.edges.map(e => shipmentCard(e.node, reload)));
  const more = h('div');
  /** @param {import('../types.js').PageInfo} pageInfo */
  const drawMore = pageInfo => mount(more, pageInfo.hasNextPage ? h('button', {
    type: 'button',
    onclick: async () => {
      try {
        const next = (await gql(COLUMN, { location: locationId, status, first: COLUMN_SIZE, after: pageInfo.endCursor })).fulfillmentOrders;
        cards.append(...next.edges.map((/** @type {any} */ e) => shipmentCard(e.node, reload)));
        drawMore(next.pageInfo);
      } catch (error) {
        mount(more, errorBox(error));
      }
    },
  }, 'More') : null);
  drawMore(connection.pageInfo);
  return h('section', { class: 'column', 'data-column': status },
    h('h2', null, status === 'SHIPPED' ? 'Shipped (latest)' : words(status), h('span', { class: 'count' }, String(connection.totalCount))),
    cards, more);
}

/**
 * @param {FulfillmentOrder} fo
 * @param {() => void} reload
 */
function shipmentCard(fo, reload) {
  const step = NEXT_STEP[fo.status];
  const problem = h('div');
  const number = fo.shipTo?.orderNumber ?? '?';
  const button = step ? h('button', { type: 'button', class: fo.status === 'SHIPPED' ? '' : 'primary' }, step.label) : null;
  button?.addEventListener('click', async () => {
    if (!step) return;
    if (step.mutation === 'shipFulfillmentOrder') {
      await ship(fo, reload);
      return;
    }
    button.disabled = true;
    try {
      await gql(`mutation ConsoleStep($id: ID!) { ${step.mutation}(fulfillmentOrderId: $id) { id status } }`, { id: fo.id });
      notice(`#${number}: ${step.label.toLowerCase()} done.`);
      reload();
    } catch (error) {
      mount(problem, errorBox(error));
      button.disabled = false;
    }
  });
  return h('article', { class: 'shipment', 'data-order-number': number, 'data-status': fo.status },
    h('h3', null, `#${number}`, ' ', badge(fo.status)),
    h('p', { class: 'muted' }, [fo.shipTo?.address.name, fo.shipTo?.address.city, fo.shipTo?.address.country].filter(Boolean).join(', ')),
    h('ul', null, (fo.lines ?? []).map(l => h('li', null, `${l.quantity} × ${l.sku}`))),
    fo.trackingNumber ? h('p', null, `${fo.carrier} ${fo.trackingNumber}`) : null,
    h('p', { class: 'muted' }, `Created ${ago(fo.createdAt)}`, fo.estimatedDeliveryAt ? ` · due ${date(fo.estimatedDeliveryAt)}` : ''),
    button, problem);
}

/**
 * @param {FulfillmentOrder} fo
 * @param {() => void} reload
 */
function ship(fo, reload) {
  return confirmAction({
    title: `Ship #${fo.shipTo?.orderNumber}`,
    body: [
      h('p', null, 'Takes the units out of stock and sends the customer the shipment notice.'),
      labelled('Carrier', h('input', { name: 'carrier', required: true, autocomplete: 'off' })),
      labelled('Tracking number', h('input', { name: 'tracking', required: true, autocomplete: 'off' })),
    ],
    confirm: 'Ship',
    run: async form => {
      await gql('mutation ConsoleShip($id: ID!, $carrier: String!, $tracking: String!) { shipFulfillmentOrder(fulfillmentOrderId: $id, carrier: $carrier, trackingNumber: $tracking) { id status } }',
        { id: fo.id, carrier: field(form, 'carrier'), tracking: field(form, 'tracking') });
      notice(`#${fo.shipTo?.orderNumber} shipped.`);
      reload();
    },
  });
}
