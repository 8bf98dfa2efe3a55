package io.radgate.triton;

import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Resolves {@code triton:///h1:p1,h2:p2?health-ms=H&resolve-ms=R} into one address group per
 * address of each host, so grpc-java's {@code round_robin} policy spreads calls over all of them,
 * leaving out replicas that fail their health probe ({@link ReplicaResolver}). grpc-java has no
 * built-in target for a fixed list of addresses, and its {@code dns:///} resolver looks a name up
 * again only after a connection fails, so new Triton pods behind a headless service went unused;
 * this resolver is that missing piece (registered through META-INF/services).
 */
public final class TritonResolverProvider extends NameResolverProvider {
    public static final String SCHEME = "triton";
    static final Duration DEFAULT_HEALTH = Duration.ofSeconds(1);
    static final Duration DEFAULT_RESOLVE = Duration.ofSeconds(10);

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return 5;
    }

    @Override
    public String getDefaultScheme() {
        return SCHEME;
    }

    @Override
    public NameResolver newNameResolver(URI uri, NameResolver.Args args) {
        if (!SCHEME.equals(uri.getScheme())) {
            return null;
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String list = path.startsWith("/") ? path.substring(1) : path;
        List<InetSocketAddress> targets = TritonTargets.parseAddresses(list);
        Duration health = DEFAULT_HEALTH;
        Duration resolve = DEFAULT_RESOLVE;
        if (uri.getQuery() != null) {
            for (String kv : uri.getQuery().split("&")) {
                String[] p = kv.split("=", 2);
                if (p.length == 2 && p[0].equals("health-ms")) {
                    health = Duration.ofMillis(Long.parseLong(p[1]));
                } else if (p.length == 2 && p[0].equals("resolve-ms")) {
                    resolve = Duration.ofMillis(Long.parseLong(p[1]));
                }
            }
        }
        return new ReplicaResolver(list.split(",")[0].trim(), targets, health, resolve, args,
                ReplicaResolver.JVM_LOOKUP, LiveProbe.factory(health));
    }
}
