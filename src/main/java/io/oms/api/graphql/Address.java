package io.oms.api.graphql;

import org.eclipse.microprofile.graphql.Type;

@Type("Address")
public record Address(
        String name,
        String line1,
        String line2,
        String city,
        String region,
        String postalCode,
        String country,
        Double latitude,
        Double longitude) {

    static Address from(io.oms.order.domain.Address a) {
        return new Address(
                a.name(),
                a.line1(),
                a.line2(),
                a.city(),
                a.region(),
                a.postalCode(),
                a.country(),
                a.latitude(),
                a.longitude());
    }
}
