// One order: lines and totals, refunds, one card per shipment, backorders, the routing decision with its
// reasons, the customer notices with their channels, the whole audit trail, and the admin's actions (redeliver
// a dead notice among them). Events of this order arrive live and reload it.

import { gql } from '../api.js';
import { field, h, labelled, loading, mount } from '../dom.js';
import { address, age, ago, date, dateTime, money, words } from '../format.js';
import { subscribe } from '../live.js';
import { canCancel, cancellable, canRouteNow, deadChannels, deliveryNote, refundPreview, routingDecisions, unallocated } from '../model.js';
import { may } from '../session.js';
import { badge, card, confirmAction, errorBox, fill, notice } from '../ui.js';

/** @typedef {import('../types.js').OrderDetail} OrderDetail */
/** @typedef {import('../types.js').FulfillmentOrder} FulfillmentOrder */
/** @typedef {import('../types.js').Location} Location */

const RELOAD_AFTER_EVENT_MS = 500;

const ORDER = `query ConsoleOrder($id: ID!) {
  order(id: $id) {
    id number status splitPolicy customerId email currency paymentReference version
    subtotal total refundedTotal placedAt updatedAt stuckReason stuckSince
    shippingAddress { name line1 line2 city region postalCode country }
    lines { id lineNumber sku quantity unitPrice quantityAllocated quantityBackordered quantityCancelled quantityShipped }
    fulfillmentOrders { id status carrier trackingNumber estimatedDeliveryAt createdAt updatedAt routingPass
      location { id code name } lines { sku quantity } }
    backorders { id sku quantity status decision expectedAt createdAt allocatedAt }
    refunds { id amount reason actor createdAt lines { quantity amount orderLine { sku lineNumber } } }
    events { id orderId type fromStatus toStatus actor note details occurredAt }
  }
}`;

/** Notices of one order, newest first (the API's order); an order has a handful, so one page shows them all. */
const NOTICES_SHOWN = 50;
const ORDER_NOTICES = `query ConsoleOrderNotices($orderId: ID!, $first: Int!) {
  notifications(filter: {orderId: $orderId}, first: $first) {
    totalCount
    edges { node { id kind status recipient createdAt sentAt
      deliveries { channel status attempts nextAttemptAt lastError skipReason redeliveredAt redeliveredBy } } }
  }
}`;

const REDELIVER = `mutation ConsoleRedeliver($id: ID!, $channel: NotificationChannel) {
  redeliverNotification(id: $id, channel: $channel) { id status }
}`;

const ORDER_EVENTS = 'subscription ConsoleOrderEvents($orderId: ID) { orderEvents(orderId: $orderId) { id type } }';

/** @type {import('../types.js').View} */
export function renderOrder(root, ctx) {
  const id = ctx.path[0];
  const body = h('div', null, loading('Loading the order'));
  const liveState = h('span', { class: 'live-state', 'data-state': 'connecting' }, 'connecting');
  mount(root, h('p', null, h('a', { href: '#/orders' }, '← Orders')), body);

  const reload = async () => {
    try {
      const order = (await gql(ORDER, { id })).order;
      if (!order) {
        mount(body, h('p', { class: 'error', role: 'alert' }, `No order has the id ${id}.`));
        return;
      }
      mount(body, draw(order, ctx.locations, reload, liveState));
    } catch (error) {
      mount(body, errorBox(error));
    }
  };
  reload();

  /** @type {number | undefined} */
  let timer;
  let wasLive = false;
  const unsubscribe = may.watchLive() ? subscribe(ORDER_EVENTS, { orderId: id }, {
    onData: () => {
      clearTimeout(timer);
      timer = window.setTimeout(reload, RELOAD_AFTER_EVENT_MS);
    },
    onError: error => { liveState.textContent = `off: ${error.message}`; },
    onStatus: status => {
      liveState.textContent = status;
      liveState.dataset.state = status;
      if (status === 'live' && wasLive) reload();
      wasLive = wasLive || status === 'live';
    },
  }) : () => {};
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

/**
 * @param {OrderDetail} o
 * @param {Location[]} locations
 * @param {() => Promise<void>} reload
 * @param {HTMLElement} liveState
 */
function draw(o, locations, reload, liveState) {
  const lines = o.lines ?? [];
  const events = o.events ?? [];
  return [
    h('header', { class: 'order-head' },
      h('h1', null, `Order #${o.number} `, badge(o.status),
        o.stuckReason ? h('span', { class: 'badge stuck' }, `Stuck: ${words(o.stuckReason)} for ${age(o.stuckSince)}`) : null),
      h('p', { class: 'muted' }, `Placed ${dateTime(o.placedAt)} · updated ${dateTime(o.updatedAt)} · version ${o.version} · live: `, liveState),
      actions(o, reload)),
    h('div', { class: 'grid' },
      card('Customer',
        h('dl', null,
          h('dt', null, 'Customer id'), h('dd', null, o.customerId),
          h('dt', null, 'Email'), h('dd', null, o.email ?? '—'),
          h('dt', null, 'Ship to'), h('dd', null, address(o.shippingAddress)),
          h('dt', null, 'Split policy'), h('dd', null, words(o.splitPolicy)),
          h('dt', null, 'Payment'), h('dd', null, o.paymentReference ?? 'not paid'))),
      card('Totals',
        h('dl', { class: 'totals' },
          h('dt', null, 'Subtotal'), h('dd', { 'data-testid': 'subtotal' }, money(o.subtotal, o.currency)),
          h('dt', null, 'Total'), h('dd', { 'data-testid': 'total' }, money(o.total, o.currency)),
          h('dt', null, 'Refunded'), h('dd', { 'data-testid': 'refunded' }, money(o.refundedTotal, o.currency))))),
    h('section', { class: 'card' }, h('h2', null, 'Lines'),
      h('div', { class: 'table-wrap' }, h('table', { class: 'lines' },
        h('thead', null, h('tr', null, ['#', 'SKU', 'Qty', 'Unit price', 'Allocated', 'Backordered', 'Cancelled', 'Shipped', 'Line total']
          .map((t, i) => h('th', i >= 2 ? { class: 'num' } : null, t)))),
        h('tbody', null, lines.map(l => h('tr', { 'data-sku': l.sku },
          h('td', null, String(l.lineNumber)), h('td', null, l.sku), h('td', { class: 'num' }, String(l.quantity)),
          h('td', { class: 'num' }, money(l.unitPrice, o.currency)),
          h('td', { class: 'num' }, String(l.quantityAllocated)), h('td', { class: 'num' }, String(l.quantityBackordered)),
          h('td', { class: 'num', 'data-testid': 'cancelled' }, String(l.quantityCancelled)), h('td', { class: 'num' }, String(l.quantityShipped)),
          h('td', { class: 'num' }, money(Number(l.unitPrice) * (l.quantity - l.quantityCancelled), o.currency)))))))),
    refunds(o),
    h('section', { class: 'card' }, h('h2', null, 'Shipments'),
      (o.fulfillmentOrders ?? []).length === 0 ? h('p', { class: 'muted' }, 'No shipments yet.')
        : h('div', { class: 'cards' }, (o.fulfillmentOrders ?? []).map(fo => shipment(fo, locations, reload)))),
    backorders(o),
    routing(events),
    notices(o, reload),
    h('section', { class: 'card' }, h('h2', null, 'Audit trail'),
      h('ol', { class: 'timeline' }, events.map(e => h('li', { 'data-type': e.type },
        h('time', { datetime: e.occurredAt }, dateTime(e.occurredAt)),
        h('strong', null, words(e.type)),
        e.fromStatus || e.toStatus ? h('span', null, ` ${words(e.fromStatus) || '—'} → ${words(e.toStatus) || '—'}`) : null,
        h('span', { class: 'muted' }, ` by ${e.actor}`),
        e.note ? h('div', null, e.note) : null,
        e.details && e.details !== '{}' ? h('details', null, h('summary', null, 'Details'), h('pre', null, pretty(e.details))) : null)))),
  ];
}

/** @param {string} json */
function pretty(json) {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

/**
 * @param {OrderDetail} o
 * @param {() => Promise<void>} reload
 */
function actions(o, reload) {
  if (!may.cancel()) return null;
  const lines = o.lines ?? [];
  const buttons = [];
  if (may.routeOrder() && canRouteNow(o)) {
    const open = lines.reduce((sum, l) => sum + unallocated(l), 0);
    buttons.push(h('button', {
      type: 'button',
      onclick: () => confirmAction({
        title: `Route order #${o.number} now`,
        body: h('p', null, `${open} unit(s) are in no shipment yet (backordered or not routed). Routing now reserves what is available and creates shipments for it.`),
        confirm: 'Route now',
        run: async () => {
          await gql('mutation ConsoleRoute($id: ID!) { routeOrder(orderId: $id) { id status } }', { id: o.id });
          await reload();
        },
      }),
    }, 'Route now'));
  }
  if (canCancel(o)) {
    buttons.push(h('button', { type: 'button', onclick: () => cancelLines(o, reload) }, 'Cancel lines…'));
    buttons.push(h('button', {
      type: 'button', class: 'danger',
      onclick: () => {
        const all = new Map(lines.map(l => [l.id, cancellable(l)]));
        return confirmAction({
          title: `Cancel order #${o.number}`,
          body: [
            h('p', null, 'Cancels everything not shipped yet and releases its stock. Refused once something has shipped.'),
            h('p', null, 'Refund (preview): ', h('strong', null, money(refundPreview(o, all), o.currency))),
            labelled('Reason', h('input', { name: 'reason', required: true })),
          ],
          confirm: 'Cancel the order',
          danger: true,
          run: async form => {
            await gql('mutation ConsoleCancelOrder($id: ID!, $reason: String!) { cancelOrder(orderId: $id, reason: $reason) { id status } }',
              { id: o.id, reason: field(form, 'reason') });
            await reload();
          },
        });
      },
    }, 'Cancel order…'));
  }
  return buttons.length ? h('div', { class: 'actions' }, buttons) : null;
}

/**
 * @param {OrderDetail} o
 * @param {() => Promise<void>} reload
 */
function cancelLines(o, reload) {
  const lines = (o.lines ?? []).filter(l => cancellable(l) > 0);
  const preview = h('strong', { 'data-testid': 'refund-preview' });
  /** @param {HTMLFormElement} form */
  const quantities = form => new Map(lines.map(l => [l.id, Number(field(form, `q-${l.id}`) || 0)]));
  return confirmAction({
    title: `Cancel lines of order #${o.number}`,
    body: [
      h('p', { class: 'muted' }, 'Backordered quantity is cancelled first, then quantity in shipments not yet picked.'),
      h('table', null, h('thead', null, h('tr', null, h('th', null, 'SKU'), h('th', null, 'Unit price'), h('th', null, 'Cancel'))),
        h('tbody', null, lines.map(l => h('tr', null,
          h('td', null, l.sku), h('td', { class: 'num' }, money(l.unitPrice, o.currency)),
          h('td', null, h('input', { name: `q-${l.id}`, type: 'number', min: 0, max: cancellable(l), value: 0, 'aria-label': `Quantity of ${l.sku} to cancel` })))))),
      labelled('Reason', h('input', { name: 'reason', required: true })),
      h('p', null, 'Refund (preview): ', preview),
    ],
    confirm: 'Cancel these quantities',
    danger: true,
    onInput: form => { preview.textContent = money(refundPreview(o, quantities(form)), o.currency); },
    run: async form => {
      const wanted = [...quantities(form)].filter(([, q]) => q > 0).map(([orderLineId, quantity]) => ({ orderLineId, quantity }));
      if (wanted.length === 0) throw new Error('Enter a quantity to cancel on at least one line.');
      await gql(`mutation ConsoleCancelLines($id: ID!, $lines: [CancelLineInput!]!, $reason: String!) {
        cancelOrderLines(orderId: $id, lines: $lines, reason: $reason) { id total refundedTotal }
      }`, { id: o.id, lines: wanted, reason: field(form, 'reason') });
      await reload();
    },
  });
}

/** @param {OrderDetail} o */
function refunds(o) {
  const list = o.refunds ?? [];
  if (list.length === 0) return null;
  return h('section', { class: 'card' }, h('h2', null, 'Refunds'),
    h('ul', { class: 'refunds' }, list.map(r => h('li', { 'data-testid': 'refund' },
      h('strong', null, money(r.amount, o.currency)), ` on ${dateTime(r.createdAt)} by ${r.actor}: ${r.reason}`,
      h('ul', null, r.lines.map(l => h('li', null,
        `${l.quantity} × ${l.orderLine?.sku ?? 'line'} = ${money(l.amount, o.currency)}`)))))));
}

/**
 * @param {FulfillmentOrder} fo
 * @param {Location[]} locations
 * @param {() => Promise<void>} reload
 */
function shipment(fo, locations, reload) {
  const canMove = may.moveShipment() && fo.status === 'OPEN';
  return h('article', { class: 'shipment', 'data-location': fo.location?.code ?? '' },
    h('h3', null, fo.location ? `${fo.location.code} · ${fo.location.name}` : 'Location unknown', ' ', badge(fo.status)),
    h('dl', null,
      h('dt', null, 'Tracking'), h('dd', null, fo.trackingNumber ? `${fo.carrier ?? ''} ${fo.trackingNumber}` : '—'),
      h('dt', null, 'Expected delivery'), h('dd', null, date(fo.estimatedDeliveryAt) || '—'),
      h('dt', null, 'Routing pass'), h('dd', null, String(fo.routingPass ?? ''))),
    h('ul', null, (fo.lines ?? []).map(l => h('li', null, `${l.quantity} × ${l.sku}`))),
    canMove ? h('button', {
      type: 'button',
      onclick: () => confirmAction({
        title: `Move the shipment from ${fo.location?.code}`,
        body: [
          h('p', null, 'The new location must be able to take all of it; it is reserved there before this location\'s reservation is released.'),
          labelled('To location', h('select', { name: 'to', required: true },
            locations.filter(l => l.active && l.id !== fo.location?.id).map(l => h('option', { value: l.id }, `${l.code} · ${l.name}`)))),
        ],
        confirm: 'Move',
        run: async form => {
          await gql('mutation ConsoleMove($id: ID!, $to: ID!) { moveFulfillmentOrder(fulfillmentOrderId: $id, toLocationId: $to) { id } }',
            { id: fo.id, to: field(form, 'to') });
          await reload();
        },
      }),
    }, 'Move…') : null);
}

/**
 * The notices of the order (admins only: the API's notifications are), each with its channels. A DEAD one can
 * be redelivered: its dead channels go back in the queue.
 * @param {OrderDetail} o
 * @param {() => Promise<void>} reload
 */
function notices(o, reload) {
  if (!may.seeNotices()) return null;
  const list = h('div', null, loading('Loading the notices'));
  fill(list, () => gql(ORDER_NOTICES, { orderId: o.id, first: NOTICES_SHOWN }), data => {
    /** @type {import('../types.js').Notification[]} */
    const nodes = data.notifications.edges.map((/** @type {any} */ e) => e.node);
    if (nodes.length === 0) return h('p', { class: 'muted' }, 'No notices for this order.');
    return [
      h('div', { class: 'table-wrap' }, h('table', { class: 'notices' },
        h('thead', null, h('tr', null, ['Notice', 'Status', 'Channels', ''].map(t => h('th', null, t)))),
        h('tbody', null, nodes.map(n => h('tr', { 'data-notice': n.id, 'data-status': n.status },
          h('td', null, h('strong', null, words(n.kind)), h('div', { class: 'muted' }, dateTime(n.createdAt)),
            n.recipient ? h('div', { class: 'muted' }, `to ${n.recipient}`) : null),
          h('td', null, badge(n.status)),
          h('td', null, h('ul', { class: 'channels' }, n.deliveries.map(d => h('li', { 'data-channel': d.channel },
            h('strong', null, words(d.channel)), ' ', badge(d.status), ` · ${d.attempts} attempt(s)`,
            deliveryNote(d, ago) ? h('div', { class: d.status === 'DEAD' ? 'error-text' : 'muted' }, deliveryNote(d, ago)) : null,
            d.redeliveredAt ? h('div', { class: 'muted' }, `redelivered ${dateTime(d.redeliveredAt)} by ${d.redeliveredBy ?? '?'}`) : null)))),
          h('td', null, n.status === 'DEAD' && may.redeliver() ? redeliverButton(o, n, reload) : null)))))),
      (data.notifications.totalCount ?? 0) > nodes.length
        ? h('p', { class: 'muted' }, `The newest ${nodes.length} of ${data.notifications.totalCount} notices.`) : null,
    ];
  });
  return h('section', { class: 'card' }, h('h2', null, 'Notices'), list);
}

/**
 * @param {OrderDetail} o
 * @param {import('../types.js').Notification} n
 * @param {() => Promise<void>} reload
 */
function redeliverButton(o, n, reload) {
  const dead = deadChannels(n);
  return h('button', {
    type: 'button',
    onclick: () => confirmAction({
      title: `Redeliver the ${words(n.kind).toLowerCase()} notice of order #${o.number}`,
      body: [
        h('p', null, `Puts its dead channel(s) (${dead.map(words).join(', ')}) back in the queue: they are tried again at once, `
          + 'with a new retry window, and the webhook receiver sees the same webhook-id again.'),
        dead.length > 1 ? labelled('Channel', h('select', { name: 'channel' },
          h('option', { value: '' }, 'Every dead channel'), dead.map(c => h('option', { value: c }, words(c))))) : null,
      ],
      confirm: 'Redeliver',
      run: async form => {
        const channel = dead.length > 1 ? field(form, 'channel') || null : null;
        const result = (await gql(REDELIVER, { id: n.id, channel })).redeliverNotification;
        notice(`The notice is back in the queue (${words(result.status).toLowerCase()}).`);
        await reload();
      },
    }),
  }, 'Redeliver…');
}

/** @param {OrderDetail} o */
function backorders(o) {
  const list = o.backorders ?? [];
  if (list.length === 0) return null;
  return h('section', { class: 'card' }, h('h2', null, 'Backorders'),
    h('div', { class: 'table-wrap' }, h('table', null,
      h('thead', null, h('tr', null, ['SKU', 'Qty', 'Status', 'Expected', 'Customer\'s answer', 'Since'].map(t => h('th', null, t)))),
      h('tbody', null, list.map(b => h('tr', null,
        h('td', null, may.seeBackorders() ? h('a', { href: `#/backorders?sku=${encodeURIComponent(b.sku)}` }, b.sku) : b.sku),
        h('td', { class: 'num' }, String(b.quantity)), h('td', null, badge(b.status)),
        h('td', null, date(b.expectedAt) || 'unknown'), h('td', null, words(b.decision)), h('td', null, dateTime(b.createdAt))))))));
}

/** @param {import('../types.js').OrderEvent[]} events */
function routing(events) {
  const decisions = routingDecisions(events);
  return h('section', { class: 'card' }, h('h2', null, 'Routing decision'),
    decisions.length === 0 ? h('p', { class: 'muted' }, 'Not routed yet.')
      : decisions.map((d, i) => {
        const content = [
          h('p', null, d.failed ? h('strong', { class: 'error' }, 'Routing failed') : h('strong', null, d.summary ?? 'Routed'),
            ` · ${dateTime(d.occurredAt)} by ${d.actor}`, d.pass ? ` · pass ${d.pass}` : '', d.attempts ? ` · ${d.attempts} attempt(s)` : ''),
          d.shipments.length ? h('ul', null, d.shipments.map(s => h('li', null,
            `${s.location}: ${s.lines.map(l => `${l.quantity} × ${l.sku}`).join(', ')}`))) : null,
          d.backordered.length ? h('p', null, 'Backordered: ', d.backordered.map(b => `${b.quantity} × ${b.sku}`).join(', ')) : null,
          d.reasons.length ? h('ol', { class: 'reasons' }, d.reasons.map(r => h('li', null, r))) : null,
        ];
        return i === 0 ? h('div', { class: 'decision' }, content)
          : h('details', null, h('summary', null, `Earlier: ${dateTime(d.occurredAt)}`), content);
      }));
}
