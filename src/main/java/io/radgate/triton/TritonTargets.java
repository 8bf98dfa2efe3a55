package io.radgate.triton;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns radgate's {@code triton.targets} setting into a grpc-java target string. A list of
 * {@code host:port} and {@code dns:///name:port} entries becomes
 * {@code triton:///h1:p1,name:p2?health-ms=H&resolve-ms=R} (IPv6 brackets percent-encoded), which
 * {@link TritonResolverProvider} resolves, probes and re-resolves; any other scheme (one target)
 * is passed through for grpc-java's own resolvers.
 */
public final class TritonTargets {
    private static final String DNS = "dns:///";

    private TritonTargets() {
    }

    public static String toGrpcTarget(String targets) {
        return toGrpcTarget(targets, TritonResolverProvider.DEFAULT_HEALTH, TritonResolverProvider.DEFAULT_RESOLVE);
    }

    /** With the replicas' health-probe and name-lookup intervals (zero: never). */
    public static String toGrpcTarget(String targets, java.time.Duration health, java.time.Duration resolve) {
        String t = targets.trim();
        List<String> entries = new ArrayList<>();
        for (String part : t.split(",")) {
            String p = part.trim();
            if (p.startsWith(DNS)) {
                p = p.substring(DNS.length()); // looked up again every resolve interval anyway
            } else if (p.contains(":/")) {
                if (t.contains(",")) {
                    throw new IllegalArgumentException("Triton target '" + p + "': only host:port and " + DNS
                            + "name:port may be listed together");
                }
                return t; // another resolver's target (unix:, xds:...), as is
            }
            if (!p.isEmpty()) {
                entries.add(p);
            }
        }
        String list = String.join(",", entries);
        parseAddresses(list); // validate now, so a typo fails at start-up
        // '[' and ']' are not allowed in a URI path: percent-encode IPv6 brackets (the resolver
        // reads the decoded path), or grpc-java finds no resolver for the target.
        return TritonResolverProvider.SCHEME + ":///" + list.replace("[", "%5B").replace("]", "%5D")
                + "?health-ms=" + health.toMillis() + "&resolve-ms=" + resolve.toMillis();
    }

    /** Parses {@code host:port[,host:port...]}; IPv6 literals go in brackets. */
    public static List<InetSocketAddress> parseAddresses(String csv) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.lastIndexOf(':');
            if (colon <= 0 || colon == p.length() - 1) {
                throw new IllegalArgumentException("Triton target '" + p + "' is not host:port");
            }
            String host = p.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(p.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Triton target '" + p + "' has a port that is not a number");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("Triton target '" + p + "' has a port out of range");
            }
            out.add(InetSocketAddress.createUnresolved(host, port));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no Triton target given");
        }
        return out;
    }
}
