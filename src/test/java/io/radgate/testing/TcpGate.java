package io.radgate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder on a free loopback port that a test can shut and open, and that records when
 * each connection attempt arrived. Between radgate and Triton it shows when radgate tries to
 * reconnect, and lets a test decide the moment Triton becomes reachable again. While shut, or
 * when the upstream refuses, an attempt is accepted and reset at once, as a refused connect is.
 */
public final class TcpGate implements AutoCloseable {
    private final int upstreamPort;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    /** System.nanoTime() of every connection attempt, in order. */
    public final List<Long> attempts = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;
    /** Bytes forwarded from the upstream to clients, all connections together. */
    public final AtomicLong bytesFromUpstream = new AtomicLong();

    public TcpGate(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "tcp-gate-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String target() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** New connections are refused, and every forwarded connection is cut. */
    public void shut() {
        open = false;
        sockets.forEach(TcpGate::reset);
        sockets.clear();
    }

    public void open() {
        open = true;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            attempts.add(System.nanoTime());
            if (!open) {
                reset(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 2000);
            } catch (IOException refused) {
                reset(client);
                closeQuietly(upstream);
                continue;
            }
            sockets.add(client);
            sockets.add(upstream);
            pump(client, upstream, null);
            pump(upstream, client, bytesFromUpstream);
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (counter != null) {
                        counter.addAndGet(n);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ended) {
                // either side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "tcp-gate-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0); // RST, like a refused or broken connection
        } catch (IOException ignored) {
            // closing anyway
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        shut();
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
