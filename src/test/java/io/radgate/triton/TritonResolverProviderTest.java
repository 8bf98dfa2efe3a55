package io.radgate.triton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverRegistry;
import io.grpc.ProxyDetector;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TritonResolverProviderTest {
    /** A host name no resolver can answer: '..' is an empty label, rejected before any DNS query. */
    private static final String UNRESOLVABLE = "no-such-host..invalid";

    private final TritonResolverProvider provider = new TritonResolverProvider();

    private static NameResolver.Args args() {
        ProxyDetector noProxy = target -> null;
        return NameResolver.Args.newBuilder()
                .setDefaultPort(8001)
                .setProxyDetector(noProxy)
                .setSynchronizationContext(new SynchronizationContext((t, e) -> { }))
                .setServiceConfigParser(new NameResolver.ServiceConfigParser() {
                    @Override
                    public NameResolver.ConfigOrError parseServiceConfig(Map<String, ?> rawServiceConfig) {
                        return NameResolver.ConfigOrError.fromConfig(rawServiceConfig);
                    }
                })
                .build();
    }

    /** Records what the resolver reports. */
    private static final class Recorder extends NameResolver.Listener2 {
        final List<NameResolver.ResolutionResult> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Status> errors = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onResult(NameResolver.ResolutionResult result) {
            results.add(result);
        }

        @Override
        public void onError(Status error) {
            errors.add(error);
        }

        List<InetSocketAddress> addresses(int result) {
            List<InetSocketAddress> out = new ArrayList<>();
            for (EquivalentAddressGroup g : results.get(result).getAddressesOrError().getValue()) {
                assertEquals(1, g.getAddresses().size(), "one address per group, so round_robin sees each");
                for (SocketAddress a : g.getAddresses()) {
                    out.add((InetSocketAddress) a);
                }
            }
            return out;
        }
    }

    private Recorder start(String target) throws Exception {
        NameResolver r = provider.newNameResolver(new URI(target), args());
        assertNotNull(r, target);
        Recorder rec = new Recorder();
        r.start(rec);
        r.shutdown();
        return rec;
    }

    @Test
    void reportsAnAddressGroupForEveryListedHost() throws Exception {
        Recorder rec = start("triton:///127.0.0.1:1,localhost:2");
        assertEquals(List.of(), rec.errors);
        assertEquals(1, rec.results.size());
        List<InetSocketAddress> addrs = rec.addresses(0);
        assertTrue(addrs.contains(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1)), addrs.toString());
        Set<Integer> ports = new TreeSet<>();
        for (InetSocketAddress a : addrs) {
            assertTrue(!a.isUnresolved() && a.getAddress().isLoopbackAddress(), a.toString());
            ports.add(a.getPort());
        }
        assertEquals(Set.of(1, 2), ports);
        // 127.0.0.1:1 once, localhost:2 once per address localhost has (IPv4 and maybe IPv6)
        assertEquals(1 + InetAddress.getAllByName("localhost").length, addrs.size());
    }

    @Test
    void ipv6TargetFromTritonTargetsResolvesToTheLoopbackAddress() throws Exception {
        Recorder rec = start(TritonTargets.toGrpcTarget("[::1]:8001"));
        assertEquals(List.of(), rec.errors);
        List<InetSocketAddress> addrs = rec.addresses(0);
        assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("::1"), 8001)), addrs);
    }

    @Test
    void serviceAuthorityIsTheFirstListedTarget() throws Exception {
        NameResolver r = provider.newNameResolver(new URI("triton:///127.0.0.1:1,localhost:2"), args());
        assertEquals("127.0.0.1:1", r.getServiceAuthority());
    }

    @Test
    void onlyUnresolvableHostsGiveUnavailableNamingTheHost() throws Exception {
        Recorder rec = start("triton:///" + UNRESOLVABLE + ":8001");
        assertEquals(List.of(), rec.results);
        assertEquals(1, rec.errors.size());
        assertEquals(Status.Code.UNAVAILABLE, rec.errors.get(0).getCode());
        assertTrue(rec.errors.get(0).getDescription().contains(UNRESOLVABLE), rec.errors.get(0).getDescription());
    }

    @Test
    void anUnresolvableHostBesideResolvableOnesIsLeftOut() throws Exception {
        Recorder rec = start("triton:///" + UNRESOLVABLE + ":8001,127.0.0.1:8002");
        assertEquals(List.of(), rec.errors);
        assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8002)), rec.addresses(0));
    }

    @Test
    void refreshResolvesAgain() throws Exception {
        NameResolver r = provider.newNameResolver(new URI("triton:///127.0.0.1:7"), args());
        Recorder rec = new Recorder();
        r.start(rec);
        r.refresh(); // looks up on the resolver's thread, then reports
        for (int i = 0; i < 100 && rec.results.size() < 2; i++) {
            Thread.sleep(20);
        }
        r.shutdown();
        assertEquals(2, rec.results.size());
        assertEquals(rec.addresses(0), rec.addresses(1));
    }

    @Test
    void otherSchemesAreNotClaimed() throws Exception {
        assertNull(provider.newNameResolver(new URI("dns:///localhost:8001"), args()));
        assertNull(provider.newNameResolver(new URI("unix:///tmp/triton.sock"), args()));
    }

    @Test
    void malformedListIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider.newNameResolver(new URI("triton:///localhost"), args()));
        assertTrue(e.getMessage().contains("localhost"), e.getMessage());
    }

    @Test
    void providerIsRegisteredWithGrpcForTheTritonScheme() {
        assertEquals("triton", provider.getDefaultScheme());
        assertTrue(NameResolverRegistry.getDefaultRegistry().getProviderForScheme("triton")
                instanceof TritonResolverProvider);
    }
}
