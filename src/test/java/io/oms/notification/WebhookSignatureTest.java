package io.oms.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The Standard Webhooks signature: the specification's own test vector, rotation, and refused secrets. */
class WebhookSignatureTest {
    // The reference vector of the Standard Webhooks libraries' test suites.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";

    @Test
    void signsTheSpecificationsTestVector() {
        assertEquals(
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSignature.of(SECRET).sign(ID, TIMESTAMP, BODY));
    }

    @Test
    void everyCurrentSecretSignsSoEitherVerifiesDuringARotation() {
        String next = "whsec_dA0r91D77rF464GPBktwaduA+0LJPtUdIrlz6yWVwbM=";
        String header = WebhookSignature.of(SECRET + " " + next).sign(ID, TIMESTAMP, BODY);
        assertEquals(2, header.split(" ").length);
        assertNull(SpecWebhookVerifier.problem(SECRET, ID, String.valueOf(TIMESTAMP), header, BODY, TIMESTAMP));
        assertNull(SpecWebhookVerifier.problem(next, ID, String.valueOf(TIMESTAMP), header, BODY, TIMESTAMP));
        assertEquals(header, WebhookSignature.of(SECRET + ", " + next).sign(ID, TIMESTAMP, BODY), "commas too");
    }

    @Test
    void refusesSecretsThatAreNotInTheSpecificationsFormatOrTooShort() {
        assertThrows(IllegalArgumentException.class, () -> WebhookSignature.of("change-me"));
        assertThrows(IllegalArgumentException.class, () -> WebhookSignature.of("whsec_not*base64"));
        assertThrows(IllegalArgumentException.class, () -> WebhookSignature.of("whsec_c2hvcnQ=")); // 5 bytes
        assertThrows(IllegalArgumentException.class, () -> WebhookSignature.of("  "));
    }
}
