package io.oms.order.domain;

import java.math.BigDecimal;
import java.util.UUID;

public record OrderLineSnapshot(
        UUID id,
        UUID orderId,
        int lineNo,
        String sku,
        int quantity,
        BigDecimal unitPrice,
        int quantityAllocated,
        int quantityBackordered,
        int quantityCancelled,
        int quantityShipped) {}
