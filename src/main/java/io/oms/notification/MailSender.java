package io.oms.notification;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.mail.MailClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Mails a notice to its recipient over SMTP as text and HTML (multipart/alternative), rendered by
 * {@link NoticeMails}. Each mail has its own connection (no pool to outlive an attempt) and a hard deadline.
 */
@ApplicationScoped
public class MailSender {
    private static final Logger LOG = Logger.getLogger(MailSender.class);

    private final NotificationConfig config;
    private final MailClient mail;
    private final NoticeMails mails;

    public MailSender(Vertx vertx, NotificationConfig config) {
        this.config = config;
        this.mails = new NoticeMails(config.mailOrderLink());
        this.mail = configured(config) ? MailClient.create(vertx, mailConfig(config)) : null;
    }

    static boolean configured(NotificationConfig config) {
        return config.mailHost().filter(host -> !host.isBlank()).isPresent();
    }

    private static MailConfig mailConfig(NotificationConfig config) {
        int timeout = (int) Math.max(1, config.mailTimeout().toSeconds());
        MailConfig mailConfig = new MailConfig()
                .setHostname(config.mailHost().orElseThrow())
                .setPort(config.mailPort())
                .setStarttls(config.mailStartTls() ? StartTLSOptions.REQUIRED : StartTLSOptions.OPTIONAL)
                .setKeepAlive(false)
                .setConnectTimeout((int) config.mailTimeout().toMillis())
                .setIdleTimeout(timeout)
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        config.mailUsername().ifPresent(mailConfig::setUsername);
        config.mailPassword().ifPresent(mailConfig::setPassword);
        return mailConfig;
    }

    public MailContent render(Delivery.Claimed notice) {
        return mails.render(notice.kind(), notice.orderId(), new JsonObject(notice.payload()));
    }

    /** The dev profile's mock mailer: the mail as a person would read it, in the log. */
    public void log(Delivery.Claimed notice) {
        MailContent content = render(notice);
        LOG.infof("Mail to %s (notice %s): %s%n%s", notice.recipient(), notice.id(), content.subject(), content.text());
    }

    public Uni<Void> send(Delivery.Claimed notice) {
        MailContent content = render(notice);
        return mail.sendMail(new MailMessage()
                        .setFrom(config.mailFrom())
                        .setTo(notice.recipient())
                        .setSubject(content.subject())
                        .setText(content.text())
                        .setHtml(content.html()))
                .ifNoItem()
                .after(config.mailTimeout())
                .failWith(() ->
                        new TimeoutException("the mail server did not take the mail within " + config.mailTimeout()))
                .replaceWithVoid();
    }
}
