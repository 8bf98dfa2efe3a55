package io.radgate.triton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TritonTargetsTest {

    @Test
    void hostPortListBecomesStaticTargetWithoutSpaces() {
        assertEquals("triton:///10.0.0.1:8001,triton-b:8002?health-ms=1000&resolve-ms=10000",
                TritonTargets.toGrpcTarget(" 10.0.0.1:8001, triton-b:8002 "));
    }

    @Test
    void singleHostPortBecomesStaticTarget() {
        assertEquals("triton:///localhost:8001?health-ms=1000&resolve-ms=10000", TritonTargets.toGrpcTarget("localhost:8001"));
    }

    @Test
    void dnsTargetsAreNamesThisResolverLooksUpAgainEveryInterval() {
        String dns = "dns:///triton-headless.ml.svc.cluster.local:8001";
        assertEquals("triton:///triton-headless.ml.svc.cluster.local:8001?health-ms=500&resolve-ms=2000",
                TritonTargets.toGrpcTarget("  " + dns + " ", java.time.Duration.ofMillis(500),
                        java.time.Duration.ofSeconds(2)));
        assertEquals("triton:///a:1,b:2?health-ms=1000&resolve-ms=10000", TritonTargets.toGrpcTarget("dns:///a:1, b:2"));
    }

    @Test
    void anotherSchemePassesThroughAloneOnly() {
        assertEquals("unix:///run/triton.sock", TritonTargets.toGrpcTarget("unix:///run/triton.sock"));
        assertThrows(IllegalArgumentException.class, () -> TritonTargets.toGrpcTarget("unix:///x,a:1"));
    }

    @Test
    void ipv6LiteralInBracketsIsParsedToHostAndPort() {
        List<InetSocketAddress> a = TritonTargets.parseAddresses("[::1]:8001");
        assertEquals(1, a.size());
        assertEquals("::1", a.get(0).getHostString());
        assertEquals(8001, a.get(0).getPort());
    }

    @Test
    void ipv6TargetIsAValidUriWhosePathNamesTheBracketedAddress() throws URISyntaxException {
        assertEquals("triton:///%5B::1%5D:8001?health-ms=1000&resolve-ms=10000", TritonTargets.toGrpcTarget("[::1]:8001"));
        String target = TritonTargets.toGrpcTarget("[::1]:8001,127.0.0.1:8002");
        URI uri = new URI(target);
        assertEquals(TritonResolverProvider.SCHEME, uri.getScheme());
        assertEquals("/[::1]:8001,127.0.0.1:8002", uri.getPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:8001", "localhost:8001,127.0.0.1:8002", "[::1]:8001",
            "127.0.0.1:8001,[::1]:8002", "dns:///localhost:8001"})
    void everyTargetFormIsAcceptedByGrpcChannelBuilder(String targets) {
        // build() looks the target up in grpc-java's name resolver registry (no connection is made):
        // it throws IllegalArgumentException when no provider accepts the target string.
        ManagedChannel ch = Grpc.newChannelBuilder(TritonTargets.toGrpcTarget(targets),
                InsecureChannelCredentials.create()).build();
        ch.shutdownNow();
    }

    @Test
    void addressesAreLeftUnresolvedAtParseTime() {
        List<InetSocketAddress> a = TritonTargets.parseAddresses("triton-a:8001,triton-b:8002");
        assertEquals(2, a.size());
        assertTrue(a.get(0).isUnresolved());
        assertEquals("triton-a", a.get(0).getHostString());
        assertEquals(8001, a.get(0).getPort());
        assertEquals("triton-b", a.get(1).getHostString());
        assertEquals(8002, a.get(1).getPort());
    }

    @Test
    void emptyEntriesBetweenCommasAreSkipped() {
        assertEquals(2, TritonTargets.parseAddresses("a:1,, ,b:2,").size());
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
            "triton | 'triton' is not host:port",
            "triton: | 'triton:' is not host:port",
            ":8001 | ':8001' is not host:port",
            "a:1,triton | 'triton' is not host:port",
            "triton:0 | 'triton:0' has a port out of range",
            "triton:65536 | 'triton:65536' has a port out of range",
            "triton:x | 'triton:x' has a port that is not a number",
            "[::1]:http | '[::1]:http' has a port that is not a number"})
    void malformedTargetIsRejectedNamingTheEntry(String targets, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TritonTargets.toGrpcTarget(targets));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", ",", " , ,"})
    void emptyTargetListIsRejected(String targets) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TritonTargets.toGrpcTarget(targets));
        assertEquals("no Triton target given", e.getMessage());
    }
}
