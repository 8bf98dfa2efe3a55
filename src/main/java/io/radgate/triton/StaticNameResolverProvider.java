package io.radgate.triton;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.Status;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves {@code static:///h1:p1,h2:p2} into one address group per host, so grpc-java's
 * {@code round_robin} policy spreads calls over all of them. grpc-java has no built-in target
 * for a fixed list of addresses; this is that missing piece (registered through
 * META-INF/services). Each host name is looked up again on every refresh.
 */
public final class StaticNameResolverProvider extends NameResolverProvider {
    public static final String SCHEME = "static";

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
        return new Resolver(list, targets);
    }

    private static final class Resolver extends NameResolver {
        private final String authority;
        private final List<InetSocketAddress> targets;
        private Listener2 listener;

        Resolver(String list, List<InetSocketAddress> targets) {
            this.authority = list.split(",")[0].trim();
            this.targets = targets;
        }

        @Override
        public String getServiceAuthority() {
            return authority;
        }

        @Override
        public void start(Listener2 listener) {
            this.listener = listener;
            resolve();
        }

        @Override
        public void refresh() {
            resolve();
        }

        private void resolve() {
            List<EquivalentAddressGroup> groups = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (InetSocketAddress t : targets) {
                try {
                    for (InetAddress a : InetAddress.getAllByName(t.getHostString())) {
                        SocketAddress sa = new InetSocketAddress(a, t.getPort());
                        groups.add(new EquivalentAddressGroup(sa));
                    }
                } catch (UnknownHostException e) {
                    failed.add(t.getHostString());
                }
            }
            if (groups.isEmpty()) {
                listener.onError(Status.UNAVAILABLE.withDescription("cannot resolve Triton hosts " + failed));
                return;
            }
            listener.onResult(ResolutionResult.newBuilder().setAddresses(groups).build());
        }

        @Override
        public void shutdown() {
            // nothing held
        }
    }
}
