package io.oms.console;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sends {@code /console} to {@code /console/}, where the console's page is: Quarkus 3.33 serves a static
 * directory's index page without the trailing slash in dev mode only (quarkusio/quarkus#35076), so the packaged
 * service answered the address the README gives with 404. The page must be loaded from the directory anyway, as its
 * modules and style sheet are addressed relative to it.
 */
@ApplicationScoped
public class ConsoleAddress {
    private static final String CONSOLE = "/console";

    void install(@Observes Router router) {
        // Vert.x matches a path with or without its trailing slash: only the bare address is redirected, or
        // /console/ would redirect to itself.
        router.get(CONSOLE).handler(ctx -> {
            if (ctx.request().path().equals(CONSOLE)) {
                String query = ctx.request().query();
                ctx.redirect(CONSOLE + "/" + (query == null ? "" : "?" + query));
            } else {
                ctx.next();
            }
        });
    }
}
