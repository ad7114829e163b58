package io.oms.notification;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Refuses to start with a configuration that would lose notices without anyone noticing: no channel at all (every
 * notice would be SKIPPED) unless notifications are switched off on purpose, a webhook without a valid signing
 * secret, or a lease too short for an attempt to end within it.
 */
@Startup
@ApplicationScoped
public class NotificationSetup {
    private static final Logger LOG = Logger.getLogger(NotificationSetup.class);

    public NotificationSetup(NotificationConfig config) {
        check(config);
        if (!config.enabled()) {
            LOG.warn("Notifications are switched off (OMS_NOTIFICATIONS_ENABLED=false): every notice is SKIPPED");
        }
    }

    static void check(NotificationConfig config) {
        boolean webhook = WebhookSender.configured(config);
        boolean mail = MailSender.configured(config) || config.mailLogOnly();
        if (config.enabled() && !webhook && !mail) {
            throw new IllegalStateException("No notification channel is configured: set OMS_WEBHOOK_URL (with"
                    + " OMS_WEBHOOK_SECRET) or OMS_SMTP_HOST, or switch notifications off on purpose with"
                    + " OMS_NOTIFICATIONS_ENABLED=false");
        }
        if (webhook) {
            try {
                WebhookSignature.of(config.webhookSecret().orElse(""));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "OMS_WEBHOOK_SECRET is required with OMS_WEBHOOK_URL and must be valid: " + e.getMessage());
            }
        }
        var longest = config.webhookTimeout().compareTo(config.mailTimeout()) > 0
                ? config.webhookTimeout()
                : config.mailTimeout();
        if (config.lease().compareTo(longest.multipliedBy(2).plus(Dispatcher.LEASE_MARGIN)) < 0) {
            throw new IllegalStateException("oms.notifications.lease (" + config.lease()
                    + ") must be at least twice the longer of webhook-timeout and mail-timeout (" + longest
                    + ") plus " + Dispatcher.LEASE_MARGIN.toSeconds() + " s");
        }
    }
}
