// JSDoc types of the parts of the GraphQL schema the console reads (GET /graphql/schema.graphql is the source).
// Only types: this module exports nothing at run time.

/**
 * @typedef {'PENDING' | 'PAYMENT_PROCESSING' | 'PAID' | 'AWAITING_FULFILLMENT' | 'PARTIALLY_FULFILLED'
 *   | 'FULFILLED' | 'DELIVERED' | 'CANCELLED' | 'REFUNDED'} OrderStatus
 * @typedef {'OPEN' | 'PICKING' | 'PICKED' | 'PACKED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED'} FulfillmentOrderStatus
 * @typedef {'UNROUTED' | 'NOT_PROGRESSING' | 'BACKORDER_OVERDUE'} StuckReason
 * @typedef {'OPEN' | 'ALLOCATED' | 'CANCELLED'} BackorderStatus
 * @typedef {'WAIT' | 'CANCEL'} BackorderDecision
 * @typedef {'WAREHOUSE' | 'THIRD_PARTY_LOGISTICS' | 'STORE' | 'DROPSHIP_SUPPLIER'} LocationType
 */

/** Money as the API sends it: a JSON number or string holding a decimal. @typedef {number | string} Decimal */

/**
 * @typedef {object} PageInfo
 * @property {boolean} hasNextPage
 * @property {string | null} endCursor
 * @property {boolean} [hasPreviousPage]
 * @property {string | null} [startCursor]
 */

/**
 * @template T
 * @typedef {object} Connection
 * @property {{ cursor: string, node: T }[]} edges
 * @property {PageInfo} pageInfo
 * @property {number} [totalCount]
 */

/**
 * @typedef {object} Location
 * @property {string} id
 * @property {string} code
 * @property {string} name
 * @property {LocationType} type
 * @property {number} [priority]
 * @property {boolean} active
 * @property {string[]} [countries]
 */

/**
 * @typedef {object} Address
 * @property {string | null} name
 * @property {string | null} line1
 * @property {string | null} [line2]
 * @property {string | null} city
 * @property {string | null} [region]
 * @property {string | null} postalCode
 * @property {string | null} country
 */

/**
 * @typedef {object} OrderLine
 * @property {string} id
 * @property {number} lineNumber
 * @property {string} sku
 * @property {number} quantity
 * @property {Decimal} unitPrice
 * @property {number} quantityAllocated
 * @property {number} quantityBackordered
 * @property {number} quantityCancelled
 * @property {number} quantityShipped
 */

/**
 * @typedef {object} OrderEvent
 * @property {string} id
 * @property {string} orderId
 * @property {string} type
 * @property {string | null} fromStatus
 * @property {string | null} toStatus
 * @property {string} actor
 * @property {string | null} note
 * @property {string} [details]   JSON object as text
 * @property {string} occurredAt
 */

/**
 * @typedef {object} FulfillmentOrderLine
 * @property {string} sku
 * @property {number} quantity
 */

/**
 * @typedef {object} FulfillmentOrder
 * @property {string} id
 * @property {FulfillmentOrderStatus} status
 * @property {Location | null} location
 * @property {string | null} carrier
 * @property {string | null} trackingNumber
 * @property {string | null} estimatedDeliveryAt
 * @property {string} createdAt
 * @property {string} updatedAt
 * @property {number} [routingPass]
 * @property {FulfillmentOrderLine[] | null} lines
 * @property {{ orderNumber: string, address: Address } | null} [shipTo]
 */

/**
 * @typedef {object} Backorder
 * @property {string} id
 * @property {string} sku
 * @property {number} quantity
 * @property {BackorderStatus} status
 * @property {BackorderDecision} decision
 * @property {string | null} expectedAt
 * @property {string} createdAt
 * @property {string | null} [allocatedAt]
 * @property {{ id: string, number: string } | null} [order]
 */

/**
 * @typedef {object} Refund
 * @property {string} id
 * @property {Decimal} amount
 * @property {string} reason
 * @property {string} actor
 * @property {string} createdAt
 * @property {{ quantity: number, amount: Decimal, orderLine: { sku: string, lineNumber: number } | null }[]} lines
 */

/**
 * An order as the list shows it.
 * @typedef {object} OrderSummary
 * @property {string} id
 * @property {string} number
 * @property {OrderStatus} status
 * @property {string} customerId
 * @property {string | null} email
 * @property {string} currency
 * @property {Decimal} total
 * @property {string} placedAt
 * @property {StuckReason | null} stuckReason
 * @property {string | null} stuckSince
 */

/**
 * An order with everything the detail page shows.
 * @typedef {OrderSummary & {
 *   splitPolicy: string, paymentReference: string | null, version: number, updatedAt: string,
 *   subtotal: Decimal, refundedTotal: Decimal, shippingAddress: Address,
 *   lines: OrderLine[] | null, fulfillmentOrders: FulfillmentOrder[] | null, backorders: Backorder[] | null,
 *   refunds: Refund[] | null, events: OrderEvent[] | null
 * }} OrderDetail
 */

/**
 * @typedef {object} IncomingStock
 * @property {number} quantity
 * @property {string} expectedAt
 */

/**
 * @typedef {object} InventoryLevel
 * @property {Location} location
 * @property {string} sku
 * @property {number} onHand
 * @property {number} reserved
 * @property {number} safetyStock
 * @property {number} held        kept for backorders waiting for it
 * @property {number} available
 * @property {IncomingStock[] | null} incoming
 */



/**
 * @typedef {object} ActivityCount       one bucket of orderActivity (the console asks for hours)
 * @property {string} start              where the bucket starts (UTC)
 * @property {number} placed             orders placed
 * @property {number} routed             orders routed for the first time
 */

/**
 * @typedef {object} RoutingQueue
 * @property {number} depth                 jobs waiting (due now or retrying later)
 * @property {number} due                   of them, due now
 * @property {number} retrying              of them, after a failed attempt
 * @property {string | null} oldestDueSince when the job due longest became due
 * @property {number} failed                jobs given up: their orders are stuck UNROUTED
 */

/**
 * @typedef {object} BackorderSku
 * @property {string} sku
 * @property {number} openCount
 * @property {number} unitsWaiting
 * @property {string} oldestCreatedAt       its oldest open backorder: the first that stock fills
 * @property {string | null} nextExpectedAt the earliest date any of them expects stock
 */

/**
 * @typedef {object} BackorderSummary
 * @property {number} openCount
 * @property {number} unitsWaiting
 * @property {number} skuCount
 * @property {Connection<BackorderSku>} bySku the SKU waiting longest first
 */

/**
 * @typedef {'PENDING' | 'SENT' | 'SKIPPED' | 'DEAD'} NotificationStatus
 * @typedef {'WEBHOOK' | 'MAIL'} NotificationChannel
 * @typedef {'BACKORDER_CREATED' | 'BACKORDER_ALLOCATED' | 'SHIPMENT_SHIPPED' | 'LINES_CANCELLED' | 'ORDER_STUCK'} NotificationKind
 */

/**
 * One channel of a notice, delivered and retried on its own.
 * @typedef {object} NotificationDelivery
 * @property {NotificationChannel} channel
 * @property {NotificationStatus} status
 * @property {number} attempts
 * @property {string | null} nextAttemptAt   while PENDING
 * @property {string | null} lastError
 * @property {string | null} skipReason      when SKIPPED
 * @property {string | null} [doneAt]
 * @property {string | null} [redeliveredAt]
 * @property {string | null} [redeliveredBy]
 */

/**
 * A notice of the outbox (admin): its status is the summary of its channels' (DEAD when a channel gave up).
 * @typedef {object} Notification
 * @property {string} id
 * @property {NotificationKind} kind
 * @property {NotificationStatus} status
 * @property {string | null} orderId
 * @property {string | null} recipient
 * @property {string} createdAt
 * @property {string | null} sentAt
 * @property {string} [payload]   JSON object as text
 * @property {NotificationDelivery[]} deliveries
 */


/**
 * What every view gets from the shell.
 * @typedef {object} ViewContext
 * @property {string[]} path            the hash route after the view's name: #/orders/<id> -> ['<id>']
 * @property {URLSearchParams} params   the hash route's query
 * @property {Location[]} locations      every location (for names and pickers)
 * @property {Location | null} ownLocation   a warehouse user's location
 * @property {(hash: string) => void} go    navigates to another hash route
 */

/** A view draws into its element and returns what to stop when the user leaves it. @typedef {(root: HTMLElement, ctx: ViewContext) => (void | (() => void))} View */
export {};
