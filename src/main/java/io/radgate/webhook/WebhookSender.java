package io.radgate.webhook;

import io.radgate.error.PublicText;
import io.radgate.error.RadgateException;
import io.radgate.observability.LogContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs one webhook attempt. The URL is checked again here ({@link WebhookAddressPolicy}: the
 * check when the job was accepted gave the client its 400; this one is the guard), and the
 * connection goes to the address that check returned, never to a fresh DNS answer, while the
 * Host header and TLS (SNI, certificate) keep the URL's host: a name that changes its answer
 * between check and connect cannot redirect the request. Redirects are not followed (a 3xx is a
 * failed attempt). The receiver's answer is read up to {@value #MAX_DRAINED_BYTES} bytes (the
 * first {@value #ANSWER_START_BYTES} kept for the record), then the connection is dropped.
 *
 * <p>{@link #send} may be called from any thread; its future completes on an event loop, so a
 * worker may block on it, an event loop must not.
 */
public final class WebhookSender implements AutoCloseable {
    static final int ANSWER_START_BYTES = 1024;
    static final long MAX_DRAINED_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final Vertx vertx;
    private final WebhookAddressPolicy policy;
    private final StandardWebhookSigner signer;
    private final long connectMillis;
    private final long readMillis;
    private final long overallMillis;
    private final HttpClientAgent client;

    /**
     * @param connectTimeout how long a TCP (and TLS) connect may take
     * @param readTimeout    the longest silence while waiting for or reading the answer
     * @param overallTimeout the longest one attempt may take from start to the end of the answer
     * @param trust          trust for https receivers beyond the JVM's default trust store; null
     *                       for the default
     */
    public WebhookSender(Vertx vertx, WebhookAddressPolicy policy, StandardWebhookSigner signer,
            Duration connectTimeout, Duration readTimeout, Duration overallTimeout, TrustOptions trust) {
        this.vertx = vertx;
        this.policy = policy;
        this.signer = signer;
        this.connectMillis = connectTimeout.toMillis();
        this.readMillis = readTimeout.toMillis();
        this.overallMillis = overallTimeout.toMillis();
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectMillis))
                .setVerifyHost(true)
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setDecompressionSupported(false)
                .setMaxRedirects(0);
        if (trust != null) {
            options.setTrustOptions(trust);
        }
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(16));
    }

    public WebhookSender(Vertx vertx, WebhookAddressPolicy policy, StandardWebhookSigner signer,
            Duration connectTimeout, Duration readTimeout, Duration overallTimeout) {
        this(vertx, policy, signer, connectTimeout, readTimeout, overallTimeout, null);
    }

    /**
     * One attempt: POST {@code jsonBody} to {@code url} with the Standard Webhooks headers
     * ({@code webhookId} stays the same across attempts; the timestamp and signature are new).
     * Never completes exceptionally.
     */
    public CompletableFuture<Delivery> send(String url, String webhookId, byte[] jsonBody) {
        if (webhookId.indexOf('.') >= 0) {
            throw new IllegalArgumentException("a webhook id must not contain '.'");
        }
        CompletableFuture<Delivery> result = new CompletableFuture<>();
        Context loop = eventLoopContext();
        long started = System.nanoTime();
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        long timer = vertx.setTimer(Math.max(1, overallMillis), t -> {
            if (result.complete(Delivery.retry("no complete answer within " + overallMillis + " ms"))) {
                HttpClientRequest r = request.get();
                if (r != null) {
                    r.reset();
                }
            }
        });
        result.whenComplete((d, e) -> vertx.cancelTimer(timer));
        result.thenAccept(d -> log(webhookId, url, d, started));
        if (Context.isOnEventLoopThread()) {
            // the check asks DNS, which blocks
            vertx.executeBlocking(() -> checkAndPost(loop, url, webhookId, jsonBody, request, result), false)
                    .onFailure(e -> result.complete(Delivery.retry("address check failed: " + failure(e))));
        } else {
            // On the caller's (worker) thread: queueing it on Vert.x's worker pool could deadlock a
            // job runner whose workers all block on these futures. The resolver's own timeouts
            // bound it there, not overallTimeout.
            checkAndPost(loop, url, webhookId, jsonBody, request, result);
        }
        return result;
    }

    /**
     * Where the request is made and its answer read. It must be an event-loop context: made from
     * any other thread, Vert.x hands the response to our callback as a queued task, and a short
     * answer can end before that task sets the body handlers (IllegalStateException, then no end
     * event: the attempt hung until the overall timeout, 1 in ~90 deliveries under load).
     */
    private Context eventLoopContext() {
        Context current = Vertx.currentContext();
        if (current != null && current.isEventLoopContext()) {
            return current;
        }
        // a thread of no context (a job runner) gets a new event-loop context; a worker context
        // is not one of the callers, and keeps its own
        return current == null ? vertx.getOrCreateContext() : current;
    }

    private Void checkAndPost(Context loop, String url, String webhookId, byte[] body, AtomicReference<HttpClientRequest> request,
            CompletableFuture<Delivery> result) {
        WebhookTarget target;
        try {
            target = policy.check(url);
        } catch (WebhookAddressPolicy.HostNotFound e) {
            result.complete(Delivery.retry(e.getMessage()));  // DNS may answer again later
            return null;
        } catch (RadgateException e) {
            result.complete(Delivery.refused(e.getMessage()));
            return null;
        } catch (RuntimeException e) {
            result.complete(Delivery.retry("address check failed: " + PublicText.of(String.valueOf(e.getMessage()))));
            return null;
        }
        if (!result.isDone()) {
            loop.runOnContext(v -> post(target, webhookId, body, request, result));
        }
        return null;
    }

    private void post(WebhookTarget target, String webhookId, byte[] body, AtomicReference<HttpClientRequest> request,
            CompletableFuture<Delivery> result) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(target.address(), target.port())))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.tls())
                .setURI(target.requestUri())
                .setFollowRedirects(false)
                .setConnectTimeout(connectMillis)
                .setIdleTimeout(readMillis)
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "radgate-webhook");
        signer.headers(webhookId, System.currentTimeMillis() / 1000, body).forEach(options::putHeader);
        client.request(options)
                .compose(r -> {
                    request.set(r);
                    if (result.isDone()) {  // the overall timeout passed while waiting for a connection
                        r.reset();
                        return Future.failedFuture("overall timeout");
                    }
                    // Vert.x would write an IPv6 host without brackets ("::1:8080")
                    r.authority(HostAndPort.parseAuthority(target.hostHeader(), -1));
                    return r.send(Buffer.buffer(body));
                })
                .onSuccess(response -> {
                    try {
                        readAnswer(response, request.get(), target, result);
                    } catch (IllegalStateException ended) {
                        // the answer ended before its handlers were set (see eventLoopContext): the
                        // status is known, the body was not read; never wait for an end that came
                        result.complete(answer(response.statusCode(), "body not read", new ByteArrayOutputStream()));
                    }
                })
                .onFailure(e -> result.complete(Delivery.retry(failure(e, target))));
    }

    private void readAnswer(HttpClientResponse response, HttpClientRequest request, WebhookTarget target,
            CompletableFuture<Delivery> result) {
        int status = response.statusCode();
        ByteArrayOutputStream start = new ByteArrayOutputStream();
        long[] received = {0};
        response.handler(chunk -> {
            received[0] += chunk.length();
            int room = ANSWER_START_BYTES - start.size();
            if (room > 0) {
                byte[] bytes = chunk.getBytes(0, Math.min(room, chunk.length()));
                start.write(bytes, 0, bytes.length);
            }
            if (received[0] > MAX_DRAINED_BYTES) {
                result.complete(answer(status, received[0] + "+ bytes, not read further", start));
                request.reset();
            }
        });
        response.exceptionHandler(e -> result.complete(answer(status, "answer cut: " + failure(e, target), start)));
        response.endHandler(v -> result.complete(answer(status, received[0] + " bytes", start)));
    }

    private static Delivery answer(int status, String size, ByteArrayOutputStream start) {
        String note = status >= 300 && status < 400 ? ", redirect not followed" : "";
        String text = new String(start.toByteArray(), StandardCharsets.UTF_8).replaceAll("[\\p{Cntrl}&&[^\t]]", " ");
        return Delivery.of(status, "HTTP " + status + note + " (" + size + ")", text);
    }

    private String failure(Throwable e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("timeout period")) {
            return "timed out: no answer for " + readMillis + " ms (read timeout)";
        }
        if (e instanceof TimeoutException || e.getClass().getSimpleName().contains("ConnectTimeout")
                || message.contains("connection timed out")) {
            return "timed out: no connection within " + connectMillis + " ms (connect timeout)";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null) {
            message = message + ": " + root.getMessage();  // "Failed to create SSL connection: No subject alternative..."
        }
        return PublicText.of(message);
    }

    /** Vert.x names the request line in some messages; paths and queries may carry tokens. */
    private String failure(Throwable e, WebhookTarget target) {
        return failure(e).replace(target.requestUri(), "(path)");
    }

    private static void log(String webhookId, String url, Delivery d, long startedNanos) {
        LogContext context = new LogContext()
                .put("request_uuid", webhookId)
                .put(LogContext.HTTP_STATUS, d.httpStatus() == 0 ? null : d.httpStatus())
                .put(LogContext.LATENCY_MS, (System.nanoTime() - startedNanos) / 1_000_000);
        String host = hostOf(url);
        context.log(() -> {
            if (d.outcome() == Delivery.Outcome.DELIVERED) {
                LOG.info("webhook delivered to {}: {}", host, d.detail());
            } else {
                LOG.warn("webhook to {} not delivered ({}): {}", host, d.outcome(), d.detail());
                LOG.debug("webhook receiver's answer began: {}", d.answerStart());
            }
        });
    }

    /** Only the host goes into logs: paths and queries of webhook URLs often carry tokens. */
    private static String hostOf(String url) {
        try {
            String host = java.net.URI.create(url.trim()).getHost();
            return host == null ? "(no host)" : host;
        } catch (RuntimeException e) {
            return "(unparsable URL)";
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
