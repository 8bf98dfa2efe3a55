package io.radgate.server;

import io.radgate.core.CoreServices;
import io.radgate.http.ProtocolAdapter;
import io.radgate.protocol.arterys.ArterysAdapter;
import io.radgate.protocol.ctclip.CtClipAdapter;
import io.radgate.protocol.invocations.InvocationsAdapter;
import io.radgate.protocol.mdai.MdaiAdapter;
import io.radgate.protocol.medimageparse.MedImageParseAdapter;
import java.util.ArrayList;
import java.util.List;

/** The protocol adapters radgate runs, each enabled or not by its own {@code <protocol>.enabled}. */
final class ProtocolAdapters {
    private ProtocolAdapters() {
    }

    static List<ProtocolAdapter> create(CoreServices services) {
        List<ProtocolAdapter> all = new ArrayList<>();
        ArterysAdapter.create(services).ifPresent(all::add);
        MdaiAdapter.create(services).ifPresent(all::add);
        MedImageParseAdapter.create(services).ifPresent(all::add);
        CtClipAdapter.create(services).ifPresent(all::add);
        InvocationsAdapter.create(services).ifPresent(all::add);
        return all;
    }
}
