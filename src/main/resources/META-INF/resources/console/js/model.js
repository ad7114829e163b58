// The console's own rules, kept apart from the DOM so that they read (and test) as plain functions.

import { currencyDigits } from './format.js';

/** @typedef {import('./types.js').OrderLine} OrderLine */
/** @typedef {import('./types.js').OrderDetail} OrderDetail */
/** @typedef {import('./types.js').OrderEvent} OrderEvent */
/** @typedef {import('./types.js').Backorder} Backorder */
/** @typedef {import('./types.js').FulfillmentOrderStatus} FulfillmentOrderStatus */
/** @typedef {import('./types.js').StuckReason} StuckReason */

export const ORDER_STATUSES = /** @type {const} */ (['PENDING', 'PAYMENT_PROCESSING', 'PAID', 'AWAITING_FULFILLMENT',
  'PARTIALLY_FULFILLED', 'FULFILLED', 'DELIVERED', 'CANCELLED', 'REFUNDED']);

export const STUCK_REASONS = /** @type {const} */ (['UNROUTED', 'NOT_PROGRESSING', 'BACKORDER_OVERDUE']);

/** Orders not paid yet are cancelled without a refund (README, Refunds). */
const UNPAID = ['PENDING', 'PAYMENT_PROCESSING'];

/** Routing runs for paid orders until everything is shipped. */
const ROUTABLE = ['PAID', 'AWAITING_FULFILLMENT', 'PARTIALLY_FULFILLED'];

/**
 * The most of a line that could still be cancelled. The service alone knows how much of it is being picked,
 * so it may allow less; it then answers INSUFFICIENT_QUANTITY.
 * @param {OrderLine} line
 */
export function cancellable(line) {
  return line.quantity - line.quantityCancelled - line.quantityShipped;
}

/**
 * Quantity not in any shipment yet: backordered, or not routed at all.
 * @param {OrderLine} line
 */
export function unallocated(line) {
  return line.quantity - line.quantityAllocated - line.quantityCancelled - line.quantityShipped;
}

/** @param {Pick<OrderDetail, 'status' | 'lines'>} order */
export function canRouteNow(order) {
  return ROUTABLE.includes(order.status) && (order.lines ?? []).some(l => unallocated(l) > 0);
}

/** @param {Pick<OrderDetail, 'status' | 'lines'>} order */
export function canCancel(order) {
  return !['CANCELLED', 'REFUNDED', 'FULFILLED', 'DELIVERED'].includes(order.status)
    && (order.lines ?? []).some(l => cancellable(l) > 0);
}

/**
 * What cancelling these quantities would refund: unit price x quantity per line, in the order's currency;
 * nothing for an order not paid yet. Computed in minor units so that cents add up exactly.
 * @param {Pick<OrderDetail, 'status' | 'currency' | 'lines'>} order
 * @param {Map<string, number>} quantities   order line id -> quantity to cancel
 * @returns {string}   a decimal with the currency's digits
 */
export function refundPreview(order, quantities) {
  const digits = currencyDigits(order.currency);
  if (UNPAID.includes(order.status)) return (0).toFixed(digits);
  const scale = 10 ** digits;
  let minor = 0;
  for (const line of order.lines ?? []) {
    const q = quantities.get(line.id) ?? 0;
    if (q > 0) minor += Math.round(Number(line.unitPrice) * scale) * q;
  }
  return (minor / scale).toFixed(digits);
}

/**
 * @typedef {object} RoutingDecision
 * @property {string} occurredAt
 * @property {string} actor
 * @property {string | null} summary
 * @property {number | null} pass
 * @property {number | null} attempts
 * @property {{ location: string, lines: { sku: string, quantity: number }[], estimatedDeliveryAt?: string }[]} shipments
 * @property {{ sku: string, quantity: number }[]} backordered
 * @property {string[]} reasons
 * @property {boolean} failed   a ROUTING_FAILED event
 */

/**
 * The routing decisions of an order, newest first, from its ORDER_ROUTED and ROUTING_FAILED audit events
 * (the plan and its reasons are in the event's details).
 * @param {OrderEvent[]} events
 * @returns {RoutingDecision[]}
 */
export function routingDecisions(events) {
  return events.filter(e => e.type === 'ORDER_ROUTED' || e.type === 'ROUTING_FAILED').map(e => {
    /** @type {any} */
    let d = {};
    try {
      d = JSON.parse(e.details ?? '{}') ?? {};
    } catch {
      d = {};
    }
    return {
      occurredAt: e.occurredAt,
      actor: e.actor,
      summary: e.note,
      pass: typeof d.routingPass === 'number' ? d.routingPass : null,
      attempts: typeof d.attempts === 'number' ? d.attempts : null,
      shipments: Array.isArray(d.shipments) ? d.shipments : [],
      backordered: Array.isArray(d.backordered) ? d.backordered : [],
      reasons: Array.isArray(d.reasons) ? d.reasons.map(String)
        : (typeof d.error === 'string' ? [d.error] : []),
      failed: e.type === 'ROUTING_FAILED',
    };
  }).reverse();
}

/**
 * @typedef {object} BackorderGroup
 * @property {string} sku
 * @property {number} units
 * @property {number} openCount        all its open backorders (backorders may list only the oldest of them)
 * @property {Backorder[]} backorders   oldest first
 * @property {string} oldestAt
 * @property {string | null} nextExpectedAt
 */

/**
 * Open backorders by SKU, the SKU waiting longest first.
 * @param {Backorder[]} backorders
 * @returns {BackorderGroup[]}
 */
export function groupBySku(backorders) {
  /** @type {Map<string, Backorder[]>} */
  const bySku = new Map();
  for (const b of backorders) {
    bySku.set(b.sku, [...(bySku.get(b.sku) ?? []), b]);
  }
  return [...bySku.entries()].map(([sku, list]) => {
    const sorted = [...list].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const expected = sorted.map(b => b.expectedAt).filter(/** @returns {x is string} */ x => !!x).sort();
    return {
      sku,
      units: sorted.reduce((sum, b) => sum + b.quantity, 0),
      openCount: sorted.length,
      backorders: sorted,
      oldestAt: sorted[0].createdAt,
      nextExpectedAt: expected[0] ?? null,
    };
  }).sort((a, b) => a.oldestAt.localeCompare(b.oldestAt));
}

/**
 * The range to ask orderActivity for the chart's `hours` whole UTC hours, the last one the hour now: `to` is the start
 * of the next hour (the service answers every hour the range touches, so `to` must not fall inside a further one).
 * @param {Date} now
 * @param {number} hours
 * @returns {{ from: string, to: string }}
 */
export function activityRange(now, hours) {
  const next = Math.floor(now.getTime() / 3600_000) * 3600_000 + 3600_000;
  return { from: new Date(next - hours * 3600_000).toISOString(), to: new Date(next).toISOString() };
}

/**
 * @typedef {object} Step
 * @property {string} mutation
 * @property {string} label
 */

/** The one step that moves a fulfillment order on, by its status. @type {Partial<Record<FulfillmentOrderStatus, Step>>} */
export const NEXT_STEP = {
  OPEN: { mutation: 'startPicking', label: 'Start picking' },
  PICKING: { mutation: 'markPicked', label: 'Mark picked' },
  PICKED: { mutation: 'markPacked', label: 'Mark packed' },
  PACKED: { mutation: 'shipFulfillmentOrder', label: 'Ship…' },
  SHIPPED: { mutation: 'markDelivered', label: 'Mark delivered' },
};

/** What usually un-sticks an order, by reason. @type {Record<StuckReason, string>} */
export const REMEDY = {
  UNROUTED: 'Route it now; if routing keeps failing, its last ROUTING_FAILED event says why.',
  NOT_PROGRESSING: 'A shipment has not moved: ask its location, or move it while it is still open.',
  BACKORDER_OVERDUE: 'Stock is late: receive the stock, or record when it will arrive.',
};

/**
 * The `n` oldest of some notices, oldest first (the API lists them newest first). Times compare as instants,
 * whatever their offset.
 * @template {{ createdAt: string }} T
 * @param {T[]} notices
 * @param {number} n
 * @returns {T[]}
 */
export function oldestNotices(notices, n) {
  return [...notices].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)).slice(0, n);
}

/**
 * The order number a notice's payload names ("orderNumber"), or null: the notice itself carries only the id.
 * @param {{ payload?: string | null }} notice
 * @returns {string | null}
 */
export function noticeOrderNumber(notice) {
  try {
    const number = JSON.parse(notice.payload ?? '{}')?.orderNumber;
    return number === undefined || number === null ? null : String(number);
  } catch {
    return null;
  }
}

/**
 * What one channel of a notice says beside its status: the last error, why it was skipped, or when it is
 * tried next.
 * @param {import('./types.js').NotificationDelivery} d
 * @param {(iso: string | null | undefined) => string} when   formats nextAttemptAt
 */
export function deliveryNote(d, when) {
  if (d.status === 'SKIPPED') return d.skipReason ? `skipped: ${d.skipReason}` : 'skipped';
  if (d.status === 'PENDING' && d.nextAttemptAt) return `next try ${when(d.nextAttemptAt)}${d.lastError ? `; last error: ${d.lastError}` : ''}`;
  return d.lastError ? `last error: ${d.lastError}` : '';
}

/** The channels of a notice that gave up, the ones a redelivery puts back in the queue. @param {import('./types.js').Notification} n */
export function deadChannels(n) {
  return n.deliveries.filter(d => d.status === 'DEAD').map(d => d.channel);
}
