package io.radgate.triton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The replica set: health-filtered, looked up again on a timer; with names and probes from tables. */
class ReplicaResolverTest {
    private final Map<String, List<String>> dns = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> live = new ConcurrentHashMap<>();
    private final Set<Integer> closed = ConcurrentHashMap.newKeySet();
    private final List<NameResolver.ResolutionResult> results = new CopyOnWriteArrayList<>();
    private final List<Status> errors = new CopyOnWriteArrayList<>();
    private ReplicaResolver resolver;
    private final ReplicaSuspicions suspicions = new ReplicaSuspicions();

    private final ReplicaResolver.HostLookup lookup = host -> {
        List<String> ips = dns.get(host);
        if (ips == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[ips.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = InetAddress.getByName(ips.get(i));
        }
        return out;
    };

    /** A probe per address whose answer is {@code live} at its port (an address's port names it here). */
    private final ReplicaProbe.Factory probes = address -> new ReplicaProbe() {
        @Override
        public CompletableFuture<Boolean> check() {
            return CompletableFuture.completedFuture(live.getOrDefault(address.getPort(), true));
        }

        @Override
        public void close() {
            closed.add(address.getPort());
        }
    };

    private void start(String targets, Duration health, Duration resolve) {
        NameResolver.Args args = NameResolver.Args.newBuilder()
                .setDefaultPort(8001)
                .setProxyDetector(t -> null)
                .setArg(ReplicaSuspicions.ARG, suspicions)
                .setSynchronizationContext(new SynchronizationContext((t, e) -> {
                    throw new AssertionError(e);
                }))
                .setServiceConfigParser(new NameResolver.ServiceConfigParser() {
                    @Override
                    public NameResolver.ConfigOrError parseServiceConfig(Map<String, ?> raw) {
                        return NameResolver.ConfigOrError.fromConfig(raw);
                    }
                })
                .build();
        resolver = new ReplicaResolver("a", TritonTargets.parseAddresses(targets), health, resolve, args, lookup,
                probes);
        resolver.start(new NameResolver.Listener2() {
            @Override
            public void onResult(NameResolver.ResolutionResult result) {
                results.add(result);
            }

            @Override
            public void onError(Status error) {
                errors.add(error);
            }
        });
    }

    @AfterEach
    void stop() {
        if (resolver != null) {
            resolver.shutdown();
        }
    }

    private List<Integer> ports() {
        List<Integer> out = new ArrayList<>();
        for (EquivalentAddressGroup g : results.get(results.size() - 1).getAddressesOrError().getValue()) {
            out.add(((InetSocketAddress) g.getAddresses().get(0)).getPort());
        }
        return out;
    }

    private Map<?, ?> serviceConfig() {
        return (Map<?, ?>) results.get(results.size() - 1).getServiceConfig().getConfig();
    }

    private static void waitFor(BooleanSupplier c, String what) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(5);
        while (!c.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aReplicaThatFailsItsProbeIsLeftOutUntilItPassesAgain() throws Exception {
        dns.put("a", List.of("127.0.0.1"));
        dns.put("b", List.of("127.0.0.2"));
        start("a:1,b:2", Duration.ofMillis(20), Duration.ZERO);
        assertEquals(List.of(1, 2), ports(), "both, before any probe");
        live.put(2, false);
        waitFor(() -> ports().equals(List.of(1)), "b out");
        live.put(2, true);
        waitFor(() -> ports().equals(List.of(1, 2)), "b back");
        assertEquals(List.of(), errors);
    }

    @Test
    void aReplicaThatAnsweredNotFoundIsProbedAtOnce() throws Exception {
        dns.put("a", List.of("127.0.0.1"));
        dns.put("b", List.of("127.0.0.2"));
        start("a:1,b:2", Duration.ZERO, Duration.ZERO); // no periodic probes: only the suspicion probes
        live.put(2, false);
        suspicions.suspect(new InetSocketAddress("127.0.0.2", 2));
        waitFor(() -> ports().equals(List.of(1)), "b out after its NOT_FOUND");
        suspicions.suspect(new InetSocketAddress("127.0.0.9", 9)); // not a replica: ignored
        assertEquals(List.of(1), ports());
    }

    @Test
    void whenEveryReplicaFailsAllAreKeptSoCallsFailFastAndTheChannelKeepsTrying() throws Exception {
        dns.put("a", List.of("127.0.0.1"));
        dns.put("b", List.of("127.0.0.2"));
        start("a:1,b:2", Duration.ofMillis(20), Duration.ZERO);
        live.put(1, false);
        waitFor(() -> ports().equals(List.of(2)), "a out");
        live.put(2, false);
        waitFor(() -> ports().equals(List.of(1, 2)), "both kept");
    }

    @Test
    void namesAreLookedUpAgainSoNewReplicasGetTrafficAndGoneOnesAreDropped() throws Exception {
        dns.put("svc", List.of("127.0.0.1"));
        start("svc:7", Duration.ZERO, Duration.ofMillis(20));
        assertEquals(1, ports().size());
        dns.put("svc", List.of("127.0.0.1", "127.0.0.2", "127.0.0.3"));
        waitFor(() -> ports().size() == 3, "two new pods");
        dns.put("svc", List.of("127.0.0.3"));
        waitFor(() -> ports().size() == 1, "two pods gone");
        InetSocketAddress only = (InetSocketAddress) results.get(results.size() - 1).getAddressesOrError().getValue()
                .get(0).getAddresses().get(0);
        assertEquals("127.0.0.3", only.getAddress().getHostAddress());
        assertTrue(closed.contains(7), "the probes of dropped replicas are closed");
    }

    @Test
    void notFoundIsRetriedWithTwoReplicasKnown() throws Exception {
        dns.put("a", List.of("127.0.0.1"));
        dns.put("b", List.of("127.0.0.2"));
        start("a:1,b:2", Duration.ofMillis(20), Duration.ZERO);
        Map<?, ?> method = (Map<?, ?>) ((List<?>) serviceConfig().get("methodConfig")).get(0);
        assertEquals(List.of(Map.of("service", "inference.GRPCInferenceService", "method", "ModelInfer")),
                method.get("name"));
        assertEquals(List.of("NOT_FOUND"), ((Map<?, ?>) method.get("retryPolicy")).get("retryableStatusCodes"));
        live.put(2, false);
        waitFor(() -> ports().equals(List.of(1)), "b out");
        assertTrue(serviceConfig().containsKey("methodConfig"),
                "a call picked for b as it leaves the rotation keeps its retry");
    }

    @Test
    void oneReplicaHasNothingToRetryOn() {
        dns.put("a", List.of("127.0.0.1"));
        start("a:1", Duration.ofMillis(20), Duration.ZERO);
        assertEquals(Set.of("loadBalancingConfig"), serviceConfig().keySet());
    }

    @Test
    void anUnresolvableNameIsAnErrorNamingIt() {
        start("nowhere:1", Duration.ZERO, Duration.ZERO);
        assertEquals(List.of(), results);
        assertTrue(errors.get(0).getDescription().contains("nowhere"), errors.toString());
    }
}
