package io.oms.inventory.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Why a level changed, for its ledger row: the reason, who did it, the order it was for (if any) and when. */
public record Movement(String reason, String actor, UUID orderId, OffsetDateTime at) {}
