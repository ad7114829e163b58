package io.oms.support;

import io.smallrye.jwt.build.Jwt;
import java.util.Set;

/** Bearer tokens signed with the dev/test key pair, as a real identity provider would issue them. */
public final class Tokens {
    public static final String ISSUER = "https://oms.dev/issuer";

    private Tokens() {}

    public static String customer(String subject) {
        return token(subject, "customer", null);
    }

    public static String admin() {
        return token("admin-1", "admin", null);
    }

    public static String payments() {
        return token("payments-1", "payments", null);
    }

    public static String warehouse(String locationCode) {
        return token("wh-" + locationCode, "warehouse", locationCode);
    }

    public static String token(String subject, String role, String locationCode) {
        var builder = Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(role));
        if (locationCode != null) {
            builder.claim("location", locationCode);
        }
        return builder.sign();
    }
}
