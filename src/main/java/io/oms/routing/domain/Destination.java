package io.oms.routing.domain;

/** Where an order ships: its country, and coordinates when the address had them. */
public record Destination(String country, Double latitude, Double longitude) {

    public boolean hasCoordinates() {
        return latitude != null && longitude != null;
    }
}
