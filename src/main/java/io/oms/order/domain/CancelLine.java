package io.oms.order.domain;

import java.util.UUID;

/** A request to cancel {@code quantity} of one order line. */
public record CancelLine(UUID orderLineId, int quantity) {}
