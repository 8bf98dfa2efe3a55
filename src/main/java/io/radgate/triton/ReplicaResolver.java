package io.radgate.triton;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Triton replicas behind radgate's channel. Every {@code resolve} interval (and when the
 * channel asks) each target's host is looked up again, so replicas that appear behind a name
 * are used and ones that vanished are dropped; every {@code health} interval each address is
 * probed ({@link ReplicaProbe}). The channel's round_robin sees only the replicas that passed
 * their last probe; when none did, it sees all of them (calls then fail fast as UNAVAILABLE and
 * the channel keeps connecting, as with one Triton).
 *
 * <p>With two replicas or more, the service config also retries a ModelInfer that Triton
 * answered NOT_FOUND once, on the next replica: Triton answers that for a model it is unloading,
 * which it does first thing on SIGTERM, so the request reached no model. A request that failed
 * in any other way is not retried here, as Triton may have executed it; grpc-java itself
 * retries, transparently, calls that never left radgate or that Triton refused unread (GOAWAY).
 *
 * <p>grpc-java calls start, refresh and shutdown in its synchronization context, and the
 * listener must be called there: lookups and probes run on a thread of this resolver and post
 * their results back.
 */
final class ReplicaResolver extends NameResolver {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaResolver.class);

    /** Looks a host up; the JVM's resolver in production, a table in tests. */
    interface HostLookup {
        InetAddress[] all(String host) throws UnknownHostException;
    }

    static final HostLookup JVM_LOOKUP = InetAddress::getAllByName;

    private final String authority;
    private final List<InetSocketAddress> targets;
    private final Duration healthInterval;
    private final Duration resolveInterval;
    private final NameResolver.Args args;
    private final HostLookup lookup;
    private final ReplicaProbe.Factory probes;
    private final SynchronizationContext sync;
    private final Map<InetSocketAddress, Replica> replicas = new LinkedHashMap<>();
    private ScheduledExecutorService worker;
    private Listener2 listener;
    private List<InetSocketAddress> published = List.of();

    private static final class Replica {
        final ReplicaProbe probe;
        boolean healthy = true; // until a probe says otherwise: start-up is not delayed by probing
        boolean probing;
        /** A suspicion arrived while a probe was out: its answer may predate it, so probe again. */
        boolean again;

        Replica(ReplicaProbe probe) {
            this.probe = probe;
        }
    }

    ReplicaResolver(String authority, List<InetSocketAddress> targets, Duration healthInterval,
                    Duration resolveInterval, NameResolver.Args args, HostLookup lookup, ReplicaProbe.Factory probes) {
        this.authority = authority;
        this.targets = targets;
        this.healthInterval = healthInterval;
        this.resolveInterval = resolveInterval;
        this.args = args;
        this.lookup = lookup;
        this.probes = probes;
        this.sync = args.getSynchronizationContext();
    }

    @Override
    public String getServiceAuthority() {
        return authority;
    }

    @Override
    public void start(Listener2 listener) {
        this.listener = listener;
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "radgate-triton-replicas");
            t.setDaemon(true);
            return t;
        });
        // the first answer now, on the caller's thread: the channel's first call waits for it
        apply(lookUp());
        ReplicaSuspicions suspicions = args.getArg(ReplicaSuspicions.ARG);
        if (suspicions != null) {
            suspicions.listen(address -> sync.execute(() -> probe(address, true)));
        }
        if (!resolveInterval.isZero()) {
            long ms = resolveInterval.toMillis();
            worker.scheduleWithFixedDelay(() -> {
                Resolved r = lookUp();
                sync.execute(() -> apply(r));
            }, ms, ms, TimeUnit.MILLISECONDS);
        }
        if (!healthInterval.isZero()) {
            long ms = healthInterval.toMillis();
            worker.scheduleWithFixedDelay(() -> sync.execute(this::probeAll), ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void refresh() {
        if (worker != null && !worker.isShutdown()) {
            worker.execute(() -> {
                Resolved r = lookUp();
                sync.execute(() -> apply(r));
            });
        }
    }

    @Override
    public void shutdown() {
        if (worker != null) {
            worker.shutdownNow();
        }
        replicas.values().forEach(r -> r.probe.close());
        replicas.clear();
        listener = null;
    }

    private record Resolved(Set<InetSocketAddress> addresses, List<String> failed) {
    }

    private Resolved lookUp() {
        Set<InetSocketAddress> found = new LinkedHashSet<>();
        List<String> failed = new ArrayList<>();
        for (InetSocketAddress t : targets) {
            try {
                for (InetAddress a : lookup.all(t.getHostString())) {
                    found.add(new InetSocketAddress(a, t.getPort()));
                }
            } catch (UnknownHostException e) {
                failed.add(t.getHostString());
            }
        }
        return new Resolved(found, failed);
    }

    /** In the synchronization context: the looked-up addresses become the replica set. */
    private void apply(Resolved r) {
        if (listener == null) {
            return;
        }
        if (r.addresses().isEmpty()) {
            listener.onError(Status.UNAVAILABLE.withDescription("cannot resolve Triton hosts " + r.failed()));
            return;
        }
        replicas.entrySet().removeIf(e -> {
            if (!r.addresses().contains(e.getKey())) {
                LOG.info("Triton replica {} no longer resolved; dropped", e.getKey());
                e.getValue().probe.close();
                return true;
            }
            return false;
        });
        for (InetSocketAddress a : r.addresses()) {
            replicas.computeIfAbsent(a, k -> new Replica(probes.open(k)));
        }
        publish(true);
    }

    /** In the synchronization context: one probe per replica, unless its last is still out. */
    private void probeAll() {
        if (listener == null || replicas.size() < 2) {
            return; // one replica: nothing to choose between; the channel's own state says enough
        }
        for (InetSocketAddress a : new ArrayList<>(replicas.keySet())) {
            probe(a, false);
        }
    }

    /**
     * In the synchronization context: probes one replica, periodically or on {@code suspicion}
     * (a call it answered looked like it is stopping: then a probe already out is not enough).
     */
    private void probe(java.net.SocketAddress address, boolean suspicion) {
        Replica replica = address instanceof InetSocketAddress i ? replicas.get(i) : null;
        if (listener == null || replica == null || replicas.size() < 2) {
            return;
        }
        if (replica.probing) {
            replica.again |= suspicion;
            return;
        }
        InetSocketAddress key = (InetSocketAddress) address;
        replica.probing = true;
        replica.probe.check().whenComplete((live, failure) -> sync.execute(() -> {
            replica.probing = false;
            if (replica.again) { // this answer may predate the suspicion: ask again, use that one
                replica.again = false;
                probe(key, true);
                return;
            }
            boolean ok = failure == null && Boolean.TRUE.equals(live);
            if (ok && suspicion && replica.healthy && !worker.isShutdown()) {
                // measured: Triton may still answer live for up to ~0.5 ms after its first
                // NOT_FOUND of a shutdown; look once more, shortly after
                worker.schedule(() -> sync.execute(() -> probe(key, false)), 50, TimeUnit.MILLISECONDS);
            }
            if (replicas.get(key) != replica || ok == replica.healthy) {
                return;
            }
            replica.healthy = ok;
            if (ok) {
                LOG.info("Triton replica {} is live again; back in rotation", key);
            } else {
                LOG.warn("Triton replica {} failed its health probe; out of rotation until it passes", key);
            }
            publish(false);
        }));
    }

    private void publish(boolean always) {
        if (listener == null) {
            return;
        }
        List<InetSocketAddress> healthy = new ArrayList<>();
        replicas.forEach((a, r) -> {
            if (r.healthy) {
                healthy.add(a);
            }
        });
        List<InetSocketAddress> use = healthy.isEmpty() ? new ArrayList<>(replicas.keySet()) : healthy;
        if (!always && use.equals(published)) {
            return;
        }
        published = use;
        List<EquivalentAddressGroup> groups = new ArrayList<>();
        for (InetSocketAddress a : use) {
            groups.add(new EquivalentAddressGroup(a));
        }
        ResolutionResult.Builder result = ResolutionResult.newBuilder().setAddresses(groups);
        if (args.getServiceConfigParser() != null) {
            // by the replicas known, not those in rotation: a call made as one leaves the rotation
            // may still be picked for it, and must keep its retry
            result.setServiceConfig(args.getServiceConfigParser().parseServiceConfig(
                    TritonServiceConfig.forReplicas(replicas.size())));
        }
        listener.onResult(result.build());
    }
}
