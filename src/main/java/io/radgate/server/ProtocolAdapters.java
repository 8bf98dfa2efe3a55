package io.radgate.server;

import io.radgate.core.CoreServices;
import io.radgate.http.ProtocolAdapter;
import java.util.ArrayList;
import java.util.List;

/** The protocol adapters radgate runs, each enabled or not by its own {@code <protocol>.enabled}. */
final class ProtocolAdapters {
    private ProtocolAdapters() {
    }

    static List<ProtocolAdapter> create(CoreServices services) {
        List<ProtocolAdapter> all = new ArrayList<>();
        // one line per protocol, e.g.: MdaiAdapter.create(services).ifPresent(all::add);
        io.radgate.protocol.arterys.ArterysAdapter.create(services).ifPresent(all::add);
        return all;
    }
}
