package io.oms.order.domain;

/**
 * Where an order line's units stand: allocated to a shipment that has not left, waiting on a backorder,
 * cancelled, or shipped; the rest is not routed yet. This value is the only place where these quantities change,
 * and every change keeps the rule that they never add up to more than what was ordered (the database checks it
 * too). Breaking it is a bug, never a user error, so it fails with an {@link IllegalStateException}.
 */
public record LineQuantities(int ordered, int allocated, int backordered, int cancelled, int shipped) {

    public LineQuantities {
        if (ordered < 1
                || allocated < 0
                || backordered < 0
                || cancelled < 0
                || shipped < 0
                || (long) allocated + backordered + cancelled + shipped > ordered) {
            throw new IllegalStateException("line quantities out of bounds: ordered " + ordered + ", allocated "
                    + allocated + ", backordered " + backordered + ", cancelled " + cancelled + ", shipped " + shipped);
        }
    }

    /** A new line: nothing routed yet. */
    public static LineQuantities ordered(int quantity) {
        return new LineQuantities(quantity, 0, 0, 0, 0);
    }

    /** Units no routing pass has placed yet, neither allocated nor backordered. */
    public int unrouted() {
        return ordered - allocated - backordered - cancelled - shipped;
    }

    /** Units a routing pass may place: not allocated, shipped or cancelled (backordered units included). */
    public int toRoute() {
        return ordered - allocated - cancelled - shipped;
    }

    /** Units the customer still wants: everything not cancelled. */
    public int active() {
        return ordered - cancelled;
    }

    /** A routing pass allocated {@code allocatedNow} more units; {@code stillWaiting} units are backordered. */
    public LineQuantities routed(int allocatedNow, int stillWaiting) {
        if (allocatedNow < 0 || stillWaiting < 0) {
            throw new IllegalStateException(
                    "a routing pass cannot allocate " + allocatedNow + " or leave " + stillWaiting + " waiting");
        }
        return new LineQuantities(ordered, allocated + allocatedNow, stillWaiting, cancelled, shipped);
    }

    /** Units cancelled: taken from what was not routed, from backorders and from shipments not yet picked. */
    public LineQuantities cancel(int fromUnrouted, int fromBackordered, int fromAllocated) {
        if (fromUnrouted < 0 || fromUnrouted > unrouted() || fromBackordered < 0 || fromAllocated < 0) {
            throw new IllegalStateException(
                    "cannot cancel " + fromUnrouted + "/" + fromBackordered + "/" + fromAllocated + " of " + this);
        }
        return new LineQuantities(
                ordered,
                allocated - fromAllocated,
                backordered - fromBackordered,
                cancelled + fromUnrouted + fromBackordered + fromAllocated,
                shipped);
    }

    /**
     * Allocated units were taken back from their shipment (damaged or lost stock at its location): they are not
     * routed any more, and the next routing pass places them again or backorders them.
     */
    public LineQuantities takeBack(int units) {
        if (units < 0) {
            throw new IllegalStateException("cannot take back " + units + " units");
        }
        return new LineQuantities(ordered, allocated - units, backordered, cancelled, shipped);
    }

    /** Allocated units left the building. */
    public LineQuantities ship(int units) {
        if (units < 0) {
            throw new IllegalStateException("cannot ship " + units + " units");
        }
        return new LineQuantities(ordered, allocated - units, backordered, cancelled, shipped + units);
    }
}
