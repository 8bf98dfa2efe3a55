package io.radgate.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real webhook receiver on loopback (the JDK's HTTP server) that records what reached it. */
final class Receiver implements AutoCloseable {
    /** One request as the receiver saw it; header names in lower case. */
    record Seen(String path, Map<String, String> headers, byte[] body) {
    }

    /** What to answer: the handler writes the whole response. */
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Answer answer = status(200);

    /** On {@code address}, port {@code port} (0 for a free one). */
    Receiver(String address, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 64);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readNBytes(1 << 20);
                }
                seen.add(new Seen(exchange.getRequestURI().toString(), headers, body));
                answer.answer(exchange);
            }
        });
        server.start();
    }

    Receiver() throws IOException {
        this("127.0.0.1", 0);
    }

    int port() {
        return server.getAddress().getPort();
    }

    Receiver answering(Answer a) {
        this.answer = a;
        return this;
    }

    static Answer status(int code) {
        return ex -> {
            byte[] text = ("answer " + code).getBytes();
            if (code == 204) {
                ex.sendResponseHeaders(code, -1);
            } else {
                ex.sendResponseHeaders(code, text.length);
                ex.getResponseBody().write(text);
            }
        };
    }

    static Answer redirectTo(String location) {
        return ex -> {
            ex.getResponseHeaders().add("Location", location);
            ex.sendResponseHeaders(302, -1);
        };
    }

    /** Never answers (until the receiver closes). */
    static Answer silence() {
        return ex -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
