package io.radgate.server;

import io.radgate.config.ConfigException;
import io.radgate.http.ProtocolAdapter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups protocol adapters into listeners by port (adapters on one port share a listener:
 * single-port mode) and refuses a grouping where two adapters claim the same method and path.
 */
final class Listeners {
    private Listeners() {
    }

    static List<List<ProtocolAdapter>> group(List<ProtocolAdapter> adapters) {
        Map<Integer, List<ProtocolAdapter>> byPort = new LinkedHashMap<>();
        List<List<ProtocolAdapter>> groups = new ArrayList<>();
        for (ProtocolAdapter a : adapters) {
            if (a.port() == 0) {
                groups.add(List.of(a)); // a free port of its own
            } else {
                byPort.computeIfAbsent(a.port(), p -> new ArrayList<>()).add(a);
            }
        }
        for (Map.Entry<Integer, List<ProtocolAdapter>> e : byPort.entrySet()) {
            checkCollisions(e.getKey(), e.getValue());
            groups.add(e.getValue());
        }
        return groups;
    }

    private static void checkCollisions(int port, List<ProtocolAdapter> adapters) {
        Map<ProtocolAdapter.RouteKey, String> owner = new HashMap<>();
        for (ProtocolAdapter a : adapters) {
            for (ProtocolAdapter.RouteKey r : a.routes()) {
                String other = owner.putIfAbsent(r, a.name());
                if (other != null && !other.equals(a.name())) {
                    throw new ConfigException("port " + port + " is shared by " + other + " and " + a.name()
                            + ", which both serve " + r + "; give one of them its own port");
                }
            }
        }
    }
}
