package io.oms.order.domain;

/** Where a line's quantity stands; the four parts never add up to more than the ordered quantity. */
public record LineProgress(int quantity, int allocated, int backordered, int cancelled, int shipped) {

    public int active() {
        return quantity - cancelled;
    }
}
