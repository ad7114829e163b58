package io.oms.order.domain;

import java.util.List;

/** An order with its lines in the order they were placed, as a command that locked it holds them. */
public record OrderWithLines(Order order, List<OrderLine> lines) {}
