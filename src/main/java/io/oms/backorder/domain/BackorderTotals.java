package io.oms.backorder.domain;

/** What waits for stock now: the open backorders, the units they wait for, and how many SKUs they wait for. */
public record BackorderTotals(int openCount, int unitsWaiting, int skuCount) {}
