package io.radgate.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a host name into addresses. Tests give their own, to make a name resolve to anything. */
@FunctionalInterface
public interface HostResolver {
    /** Every address of {@code host} (never empty); blocking. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver ({@link InetAddress#getAllByName}). */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
