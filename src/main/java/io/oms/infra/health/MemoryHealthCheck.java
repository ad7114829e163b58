package io.oms.infra.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN, for liveness and readiness, once the process ran out of memory ({@link OutOfMemoryWatch}): it takes no
 * more traffic and Kubernetes restarts it. It never comes back UP by itself.
 */
@Liveness
@Readiness
@ApplicationScoped
public class MemoryHealthCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        Instant seen = OutOfMemoryWatch.firstSeen();
        if (seen == null) {
            return HealthCheckResponse.up("memory");
        }
        return HealthCheckResponse.named("memory")
                .down()
                .withData("outOfMemoryErrorAt", seen.toString())
                .build();
    }
}
