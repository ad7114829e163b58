package io.oms.routing.app;

import io.oms.infra.sql.PgChannels;
import io.oms.inventory.app.Stock;
import io.oms.inventory.domain.LevelKey;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.ConsumeEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * LISTENs for levels that ask for a fill (announced when the transaction that held their stock commits: a
 * release by a cancellation or a move, a count, a receipt on another replica), so waiting backorders get the
 * stock within milliseconds. The level rows stay the truth: the sweeper fills what a lost notification missed.
 */
@ApplicationScoped
public class FillNotifications {
    static final String FILL = "oms.backorders.fill";
    private static final Logger LOG = Logger.getLogger(FillNotifications.class);

    private final Vertx vertx;
    private final BackorderFiller filler;
    private final PgChannels channels;
    private final RoutingSettings settings;

    public FillNotifications(Vertx vertx, BackorderFiller filler, PgChannels channels, RoutingSettings settings) {
        this.vertx = vertx;
        this.filler = filler;
        this.channels = channels;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        if (settings.listen()) {
            channels.listen(Stock.FILL_CHANNEL, payload -> vertx.eventBus().send(FILL, payload));
        }
    }

    @ConsumeEvent(FILL)
    Uni<Void> fill(String payload) {
        int slash = payload.indexOf('/');
        LevelKey level = new LevelKey(UUID.fromString(payload.substring(0, slash)), payload.substring(slash + 1));
        return filler.fill(level).replaceWithVoid().onFailure().recoverWithUni(error -> {
            LOG.warnf("Fill of %s failed: %s", payload, error.getMessage());
            return Uni.createFrom().voidItem();
        });
    }
}
