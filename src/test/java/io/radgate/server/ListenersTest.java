package io.radgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.config.ConfigException;
import io.radgate.http.ProtocolAdapter;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Protocols on one port share a listener unless their paths collide. */
class ListenersTest {
    private record Fake(String name, int port, List<RouteKey> routes) implements ProtocolAdapter {
        @Override
        public void mount(Router router) {
        }
    }

    private static ProtocolAdapter.RouteKey get(String path) {
        return new ProtocolAdapter.RouteKey(HttpMethod.GET, path);
    }

    @Test
    void adaptersOnOnePortShareAListenerWhenPathsDiffer() {
        List<List<ProtocolAdapter>> groups = Listeners.group(List.of(
                new Fake("a", 9000, List.of(get("/ping"))), new Fake("b", 9000, List.of(get("/score"))),
                new Fake("c", 9001, List.of(get("/ping")))));
        assertEquals(2, groups.size());
        assertEquals(List.of("a", "b"), groups.get(0).stream().map(ProtocolAdapter::name).toList());
    }

    @Test
    void collidingPathsOnOnePortRefuseToStartNamingBoth() {
        ConfigException e = assertThrows(ConfigException.class, () -> Listeners.group(List.of(
                new Fake("arterys", 8000, List.of(get("/ping"))), new Fake("invocations", 8000, List.of(get("/ping"))))));
        assertTrue(e.getMessage().contains("arterys") && e.getMessage().contains("invocations")
                && e.getMessage().contains("GET /ping") && e.getMessage().contains("8000"), e.getMessage());
    }

    @Test
    void portZeroAlwaysGetsAListenerOfItsOwn() {
        assertEquals(2, Listeners.group(List.of(new Fake("a", 0, List.of(get("/ping"))),
                new Fake("b", 0, List.of(get("/ping"))))).size());
    }
}
