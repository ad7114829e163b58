package io.oms.routing.domain;

/** Great-circle distance (haversine); precise enough to compare shipping origins. */
public final class Distance {
    private static final double EARTH_RADIUS_KM = 6371.0088;

    private Distance() {}

    public static double km(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1))
                        * Math.cos(Math.toRadians(lat2))
                        * Math.sin(dLon / 2)
                        * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Distance from a candidate to the destination, or null when either has no coordinates. */
    public static Double between(Candidate candidate, Destination destination) {
        if (!candidate.hasCoordinates() || !destination.hasCoordinates()) {
            return null;
        }
        return km(candidate.latitude(), candidate.longitude(), destination.latitude(), destination.longitude());
    }
}
