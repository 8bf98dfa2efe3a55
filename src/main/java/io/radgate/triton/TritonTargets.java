package io.radgate.triton;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns radgate's {@code triton.targets} setting into a grpc-java target string. A plain list
 * of {@code host:port} becomes {@code static:///h1:p1,h2:p2} (IPv6 brackets percent-encoded), which
 * {@link StaticNameResolverProvider} resolves; anything with a scheme ({@code dns:///...}) is passed
 * through for grpc-java's own resolvers.
 */
public final class TritonTargets {
    private TritonTargets() {
    }

    public static String toGrpcTarget(String targets) {
        String t = targets.trim();
        if (t.contains("://") || t.startsWith("dns:")) {
            return t;
        }
        parseAddresses(t); // validate now, so a typo fails at start-up
        // '[' and ']' are not allowed in a URI path: percent-encode IPv6 brackets (the resolver
        // reads the decoded path), or grpc-java finds no resolver for the target.
        return StaticNameResolverProvider.SCHEME + ":///"
                + t.replace(" ", "").replace("[", "%5B").replace("]", "%5D");
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
