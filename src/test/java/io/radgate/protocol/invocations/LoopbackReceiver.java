package io.radgate.protocol.invocations;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real webhook receiver on 127.0.0.1: records each POST; answers 503 to the first {@code failFirst}. */
final class LoopbackReceiver implements AutoCloseable {
    record Hit(String path, Map<String, String> headers, String body) {
    }

    final List<Hit> hits = new CopyOnWriteArrayList<>();
    final AtomicInteger failFirst = new AtomicInteger();
    private final HttpServer server;

    LoopbackReceiver() {
        this(0);
    }

    /** A receiver on a given port (0: any free one), so a test can start it where a webhook URL already points. */
    LoopbackReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            if (failFirst.getAndDecrement() > 0) {
                status = 503;
            } else {
                Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                ex.getRequestHeaders().forEach((k, v) -> h.put(k, v.get(0)));
                hits.add(new Hit(ex.getRequestURI().getPath(), h, body));
                status = 200;
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    /** A free loopback port: where a receiver that is down will later listen. */
    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many distinct request_uuids reached {@code path}, and how many posts were repeats. */
    record Tally(long distinct, long duplicates) {
    }

    Tally tally(String path) {
        Map<String, Long> perId = hits.stream().filter(h -> h.path().equals(path)).collect(
                java.util.stream.Collectors.groupingBy(h -> h.headers().get("webhook-id"),
                        java.util.stream.Collectors.counting()));
        return new Tally(perId.size(), perId.values().stream().mapToLong(c -> c - 1).sum());
    }

    java.util.Set<String> ids(String path) {
        return hits.stream().filter(h -> h.path().equals(path)).map(h -> h.headers().get("webhook-id"))
                .collect(java.util.stream.Collectors.toSet());
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
