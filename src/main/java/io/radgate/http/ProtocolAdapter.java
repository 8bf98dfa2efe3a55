package io.radgate.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * One protocol's HTTP face. radgate groups enabled adapters by port: each port is one
 * listener, and adapters sharing a port (single-port mode) must not claim the same method and
 * path — radgate refuses to start, naming both, when they do.
 */
public interface ProtocolAdapter {

    /** A method and path the adapter serves (path as mounted, e.g. {@code /inference}). */
    record RouteKey(HttpMethod method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Short name, used as the {@code protocol} log field and in messages. */
    String name();

    /** The port of its listener; 0 means a free port of its own (tests). */
    int port();

    /** Every method and path it serves, for the collision check. */
    List<RouteKey> routes();

    /** Adds its routes (and its error-body shape) to the listener's router. */
    void mount(Router router);

    /**
     * Puts on a request for one of its routes what its own routes put first: the protocol name
     * and the shape of its error body. radgate calls it when it answers such a request before
     * the routes run (a full listener's 503), so the client still gets its protocol's body.
     * The default (none) leaves the plain JSON {@code {"error": ...}}.
     */
    default void describe(io.vertx.ext.web.RoutingContext ctx) {
    }

    /**
     * Starts what the adapter runs besides its routes (background work, stores), on a worker
     * thread, before its listener opens; a failure stops radgate's start.
     */
    default void start(io.vertx.core.Vertx vertx) {
    }

    /** Stops what {@link #start} started, after the listeners have shut down. */
    default void close() {
    }
}
