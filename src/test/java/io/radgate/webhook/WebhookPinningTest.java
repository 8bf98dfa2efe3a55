package io.radgate.webhook;

import static io.radgate.webhook.WebhookSenderTest.BODY;
import static io.radgate.webhook.WebhookSenderTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.testing.PythonEnv;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyStoreOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection goes to the address that was checked (no DNS-rebinding gap), while the Host
 * header and TLS keep the URL's name. A name whose answer changes from an allowed address
 * (127.0.0.1) to a refused one (127.0.0.2, loopback but not allow-listed; a receiver listens
 * there too, on the same port, to prove nothing reaches it).
 */
class WebhookPinningTest {
    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** hooks.test: 127.0.0.1 on the first question, 127.0.0.2 on every later one. */
    private static final class Rebinding implements HostResolver {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            if (!host.equals("hooks.test")) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByName(asked.getAndIncrement() == 0 ? "127.0.0.1" : "127.0.0.2"));
        }
    }

    private WebhookSender sender(WebhookAddressPolicy policy) {
        return new WebhookSender(vertx, policy, new StandardWebhookSigner(null),
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Test
    void theSenderConnectsToTheAddressItCheckedNotToALaterAnswer() throws Exception {
        try (Receiver allowed = new Receiver();
                Receiver refused = new Receiver("127.0.0.2", allowed.port())) {
            Rebinding dns = new Rebinding();
            try (WebhookSender sender = sender(new WebhookAddressPolicy(List.of("127.0.0.1"), dns))) {
                String url = "http://hooks.test:" + allowed.port() + "/cb";
                Delivery d = await(sender.send(url, "id-pin", BODY));
                assertEquals(Delivery.Outcome.DELIVERED, d.outcome(), d.detail());
                assertEquals(1, dns.asked.get(), "only the policy asked DNS; the client connected to its answer");
                assertEquals(1, allowed.seen.size());
                assertEquals("hooks.test:" + allowed.port(), allowed.seen.get(0).headers().get("host"));
                assertEquals(0, refused.seen.size());

                // the next attempt asks again, gets the refused address, and does not connect at all
                Delivery again = await(sender.send(url, "id-pin", BODY));
                assertEquals(Delivery.Outcome.REFUSED, again.outcome());
                assertEquals("webhook host 'hooks.test' resolves to 127.0.0.2, a loopback address; refused unless "
                        + "allow-listed in invocations.webhook.allow", again.detail());
                assertEquals(1, allowed.seen.size());
                assertEquals(0, refused.seen.size());
            }
        }
    }

    @Test
    void aUrlCheckedWhenTheJobWasAcceptedIsCheckedAgainWhenSent() throws Exception {
        try (Receiver allowed = new Receiver();
                Receiver refused = new Receiver("127.0.0.2", allowed.port())) {
            Rebinding dns = new Rebinding();
            WebhookAddressPolicy policy = new WebhookAddressPolicy(List.of("127.0.0.1"), dns);
            String url = "http://hooks.test:" + allowed.port() + "/cb";
            assertEquals("127.0.0.1", policy.check(url).address().getHostAddress());  // the request's 400 check
            try (WebhookSender sender = sender(policy)) {
                assertEquals(Delivery.Outcome.REFUSED, await(sender.send(url, "id-late", BODY)).outcome());
            }
            assertEquals(0, allowed.seen.size());
            assertEquals(0, refused.seen.size());
        }
    }

    @Test
    void anAllowListedIpv6LiteralIsReachedWithABracketedHostHeader() throws Exception {
        try (Receiver v6 = new Receiver("::1", 0);
                WebhookSender sender = sender(new WebhookAddressPolicy(List.of("::1/128")))) {
            Delivery d = await(sender.send("http://[::1]:" + v6.port() + "/cb", "id-v6", BODY));
            assertEquals(Delivery.Outcome.DELIVERED, d.outcome(), d.detail());
            assertEquals("[::1]:" + v6.port(), v6.seen.get(0).headers().get("host"));
        }
    }

    @Test
    void httpsKeepsTheNameForSniAndTheCertificateWhileConnectingToTheCheckedAddress(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("hooks.p12");
        Path cert = dir.resolve("hooks.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        PythonEnv.run(List.of(keytool, "-genkeypair", "-alias", "hooks", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=hooks.test", "-ext", "SAN=dns:hooks.test", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit"), dir, 60);
        PythonEnv.run(List.of(keytool, "-exportcert", "-rfc", "-alias", "hooks", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-file", cert.toString()), dir, 60);

        List<String> sni = new CopyOnWriteArrayList<>();
        List<String> hosts = new CopyOnWriteArrayList<>();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true).setHost("127.0.0.1")
                        .setKeyCertOptions(new KeyStoreOptions().setType("PKCS12").setPath(keystore.toString())
                                .setPassword("changeit")))
                .requestHandler(req -> {
                    sni.add(String.valueOf(req.connection().indicatedServerName()));
                    hosts.add(req.headers().get("host"));
                    req.response().setStatusCode(204).end();
                });
        int port = server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();

        HostResolver dns = host -> List.of(InetAddress.getByName("127.0.0.1"));
        try (WebhookSender sender = new WebhookSender(vertx, new WebhookAddressPolicy(List.of("127.0.0.1"), dns),
                // generous: the JVM's first TLS handshake loads a lot, and a loaded CI machine is slow
                new StandardWebhookSigner(null), Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(20),
                new PemTrustOptions().addCertPath(cert.toString()))) {
            Delivery d = await(sender.send("https://hooks.test:" + port + "/cb", "id-tls", BODY));
            assertEquals(Delivery.Outcome.DELIVERED, d.outcome(), d.detail());
            assertEquals(List.of("hooks.test"), sni);
            assertEquals(List.of("hooks.test:" + port), hosts);

            // the certificate is checked against the URL's name: 127.0.0.1 is not in it
            Delivery wrongName = await(sender.send("https://127.0.0.1:" + port + "/cb", "id-tls2", BODY));
            assertEquals(Delivery.Outcome.RETRY, wrongName.outcome());
            assertEquals(1, hosts.size());
            assertTrue(wrongName.detail().contains("127.0.0.1"), wrongName.detail());
        } finally {
            server.close();
        }
    }
}
