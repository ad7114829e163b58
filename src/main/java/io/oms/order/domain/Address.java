package io.oms.order.domain;

/** A shipping address; coordinates are optional and used for distance-based routing. */
public record Address(
        String name,
        String line1,
        String line2,
        String city,
        String region,
        String postalCode,
        String country,
        Double latitude,
        Double longitude) {}
