package io.oms.routing.domain;

/**
 * The tunable parts of routing; values come from configuration ({@code oms.routing.*}).
 *
 * @param exactSearchLimit     up to this many candidates with relevant stock, the plan is provably optimal;
 *                             beyond it a greedy cover narrows the search (see {@link RoutingEngine})
 * @param preferOwnStock       objective 3: own stock before dropship suppliers
 * @param distanceToleranceKm  total distances within this band count as equal, so priority decides
 * @param handlingDaysOwn      days before an own location hands a parcel to the carrier
 * @param handlingDaysDropship the same for a dropship supplier
 * @param kmPerTransitDay      distance a parcel covers per day in transit
 * @param defaultTransitDays   transit days assumed when a distance is unknown
 */
public record RoutingPolicy(
        int exactSearchLimit,
        boolean preferOwnStock,
        double distanceToleranceKm,
        int handlingDaysOwn,
        int handlingDaysDropship,
        double kmPerTransitDay,
        int defaultTransitDays) {

    public static final RoutingPolicy DEFAULT = new RoutingPolicy(16, true, 50.0, 1, 3, 800.0, 3);

    public RoutingPolicy {
        if (exactSearchLimit < 1 || exactSearchLimit > 20) {
            throw new IllegalArgumentException("exactSearchLimit must be 1..20 (2^n subsets are searched)");
        }
        if (distanceToleranceKm <= 0 || kmPerTransitDay <= 0) {
            throw new IllegalArgumentException("distances must be positive");
        }
    }
}
