package io.radgate.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SSRF guard, without network: names resolve through a table the test writes. */
class WebhookAddressPolicyTest {
    private static final Map<String, List<String>> DNS = Map.of(
            "hooks.example.com", List.of("93.184.215.14"),
            "internal.example.com", List.of("10.0.0.5"),
            "mixed.example.com", List.of("93.184.215.14", "192.168.1.20"),
            "metadata.example.com", List.of("169.254.169.254"),
            "v6.example.com", List.of("2606:4700::6810:84e5"),
            "mapped.example.com", List.of("::ffff:a9fe:a9fe"),
            "localhost", List.of("127.0.0.1", "::1"),
            "loop.example.com", List.of("127.0.0.1"));
    private final List<String> asked = new ArrayList<>();

    private WebhookAddressPolicy policy(String... allow) {
        return new WebhookAddressPolicy(List.of(allow), host -> {
            asked.add(host);
            List<String> answer = DNS.get(host.endsWith(".") ? host.substring(0, host.length() - 1) : host);
            if (answer == null) {
                throw new UnknownHostException(host);
            }
            List<InetAddress> out = new ArrayList<>();
            for (String a : answer) {
                out.add(InetAddress.getByName(a));  // literals only: no DNS
            }
            return out;
        });
    }

    private RadgateException refused(WebhookAddressPolicy p, String url) {
        RadgateException e = assertThrows(RadgateException.class, () -> p.check(url), url);
        assertEquals(ErrorKind.BAD_INPUT, e.kind(), url);
        return e;
    }

    @ParameterizedTest(name = "{0} refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:8080/hook | webhook host '127.0.0.1' is a loopback address",
            "http://[::1]/hook | webhook host '::1' is a loopback address",
            "http://169.254.169.254/latest/meta-data | webhook host '169.254.169.254' is a cloud metadata address",
            "http://[fd00:ec2::254]/ | webhook host 'fd00:ec2::254' is a cloud metadata address",
            "http://100.100.100.200/ | webhook host '100.100.100.200' is a cloud metadata address",
            "http://169.254.1.1/ | webhook host '169.254.1.1' is a link-local address",
            "http://[fe80::1]/ | webhook host 'fe80::1' is a link-local address",
            "http://10.1.2.3/ | webhook host '10.1.2.3' is a private address",
            "http://172.16.0.1/ | webhook host '172.16.0.1' is a private address",
            "http://172.31.255.255/ | webhook host '172.31.255.255' is a private address",
            "http://192.168.1.1/ | webhook host '192.168.1.1' is a private address",
            "http://[fc00::1]/ | webhook host 'fc00::1' is a private address",
            "http://[fd12:3456::1]/ | webhook host 'fd12:3456::1' is a private address",
            "http://100.64.0.1/ | webhook host '100.64.0.1' is a carrier-grade NAT (shared) address",
            "http://0.0.0.0:8080/ | webhook host '0.0.0.0' is an unspecified address",
            "http://[::]/ | webhook host '::' is an unspecified address",
            "http://224.0.0.1/ | webhook host '224.0.0.1' is a multicast address",
            "http://[ff02::1]/ | webhook host 'ff02::1' is a multicast address",
            "http://255.255.255.255/ | webhook host '255.255.255.255' is the broadcast address",
            "http://[::ffff:127.0.0.1]/ | webhook host '::ffff:127.0.0.1' is a loopback address",
            "http://[::ffff:169.254.169.254]/ | webhook host '::ffff:169.254.169.254' is a cloud metadata address",
            "http://[::127.0.0.1]/ | webhook host '::127.0.0.1' is a loopback address",
            "http://[64:ff9b::10.0.0.1]/ | webhook host '64:ff9b::10.0.0.1' is a private address",
            "http://[2002:a9fe:a9fe::1]/ | webhook host '2002:a9fe:a9fe::1' is a cloud metadata address",
            "https://localhost/hook | webhook host 'localhost' resolves to 127.0.0.1, a loopback address",
            "http://LocalHost:80/ | webhook host 'localhost' resolves to 127.0.0.1, a loopback address",
            "http://internal.example.com/ | webhook host 'internal.example.com' resolves to 10.0.0.5, a private address",
            "http://metadata.example.com/ | webhook host 'metadata.example.com' resolves to 169.254.169.254, a cloud metadata address",
            "http://mapped.example.com/ | webhook host 'mapped.example.com' resolves to 169.254.169.254, a cloud metadata address",
            "http://mixed.example.com/ | webhook host 'mixed.example.com' resolves to 192.168.1.20, a private address",
            "ftp://hooks.example.com/x | webhook URL scheme 'ftp' is not allowed: only http and https are",
            "file:///etc/passwd | webhook URL scheme 'file' is not allowed: only http and https are",
            "gopher://hooks.example.com/ | webhook URL scheme 'gopher' is not allowed: only http and https are",
            "//hooks.example.com/x | webhook URL has no scheme: only http and https are allowed",
            "http://user:pw@hooks.example.com/ | webhook URL must not carry user information (user@ or user:password@)",
            "http://user@hooks.example.com/ | webhook URL must not carry user information (user@ or user:password@)",
            "http://hooks.example.com@127.0.0.1/ | webhook URL must not carry user information (user@ or user:password@)",
            "http:///nohost | webhook URL has no valid host",
            "http://nowhere.example.com/ | webhook host 'nowhere.example.com' does not resolve",
            "'' | webhook URL is empty",
    })
    void refusesWithAMessageNamingTheHostAndTheReason(String url, String message) {
        RadgateException e = refused(policy(), url);
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void refusalsNameTheSettingThatAllowsThem() {
        assertTrue(refused(policy(), "http://10.1.2.3/").getMessage().endsWith(
                "refused unless allow-listed in invocations.webhook.allow"));
    }

    @Test
    void aNameThatDoesNotResolveIsItsOwnKindOfRefusal() {
        assertInstanceOf(WebhookAddressPolicy.HostNotFound.class, refused(policy(), "http://nowhere.example.com/"));
        assertFalse(refused(policy(), "http://10.0.0.1/") instanceof WebhookAddressPolicy.HostNotFound);
    }

    @Test
    void malformedAndOverlongUrlsAreBadInput() {
        assertTrue(refused(policy(), "http://exa mple.com/").getMessage().startsWith("webhook URL is not a valid URL"));
        String longUrl = "https://hooks.example.com/" + "a".repeat(WebhookAddressPolicy.MAX_URL_LENGTH);
        assertEquals("webhook URL is longer than 2048 characters", refused(policy(), longUrl).getMessage());
    }

    @Test
    void obfuscatedLoopbackFormsAreRefusedByTheRealResolverToo() {
        WebhookAddressPolicy real = new WebhookAddressPolicy(List.of());
        // refused whatever the JVM makes of them: an address it resolves to is checked, a name
        // it cannot resolve does not resolve
        for (String url : List.of("http://127.1/", "http://2130706433/", "http://0x7f000001/", "http://017700000001/",
                "http://localhost/", "http://[0:0:0:0:0:ffff:7f00:1]/")) {
            refused(real, url);
        }
    }

    @Test
    void ipLiteralsAreNeverLookedUp() {
        refused(policy(), "http://10.1.2.3/");
        refused(policy(), "http://[::ffff:127.0.0.1]/");
        assertEquals(List.of(), asked);
    }

    @Test
    void publicTargetsPassWithTheirAddressPortAndRequestLine() {
        WebhookTarget t = policy().check("https://Hooks.Example.com/cb/x?token=a%20b#frag");
        assertEquals("hooks.example.com", t.host());
        assertEquals("93.184.215.14", t.address().getHostAddress());
        assertEquals(443, t.port());
        assertTrue(t.tls());
        assertEquals("hooks.example.com", t.hostHeader());
        assertEquals("/cb/x?token=a%20b", t.requestUri());

        WebhookTarget v6 = policy().check("http://v6.example.com:8443");
        assertEquals(8443, v6.port());
        assertEquals("v6.example.com:8443", v6.hostHeader());
        assertEquals("/", v6.requestUri());

        WebhookTarget literal = policy().check("http://[2606:4700::6810:84e5]:81/h");
        assertEquals("2606:4700::6810:84e5", literal.host());
        assertEquals("[2606:4700::6810:84e5]:81", literal.hostHeader());
    }

    @Test
    void allowListedAddressesAndBlocksPass() {
        WebhookAddressPolicy p = policy("127.0.0.1", "10.0.0.0/8", "fd00::/8");
        assertEquals("127.0.0.1", p.check("http://127.0.0.1:9999/hook").address().getHostAddress());
        assertEquals("127.0.0.1", p.check("http://loop.example.com:9999/hook").address().getHostAddress());
        assertEquals("10.0.0.5", p.check("http://internal.example.com/").address().getHostAddress());
        assertEquals("10.200.3.4", p.check("http://10.200.3.4/").address().getHostAddress());
        p.check("http://[fd12::1]/");
        p.check("http://[::ffff:127.0.0.1]/");  // the mapped form of an allowed address
        // localhost also resolves to ::1, which is not allowed: any refused address refuses the name
        assertTrue(refused(p, "http://localhost/").getMessage().contains("resolves to 0:0:0:0:0:0:0:1, a loopback address"));
        refused(p, "http://127.0.0.2/");
        refused(p, "http://169.254.169.254/");
        refused(p, "http://172.16.0.1/");
    }

    @Test
    void allowListedHostNamesPassWhateverTheyResolveTo() {
        WebhookAddressPolicy p = policy("LocalHost.", "internal.example.com");
        assertEquals("127.0.0.1", p.check("http://localhost:8080/").address().getHostAddress());
        assertEquals("10.0.0.5", p.check("http://internal.example.com./").address().getHostAddress());
        refused(p, "http://loop.example.com/");  // the name is what is allowed, not its address
    }

    @Test
    void badAllowListEntriesAreRefusedNamingTheEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> policy("10.0.0.0/33"));
        assertEquals("invocations.webhook.allow: '10.0.0.0/33' has a prefix length outside 0..32", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> policy("exa mple.com"));
        assertEquals("invocations.webhook.allow: 'exa mple.com' is not a host name, IP address or CIDR block", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> policy("foo.com/8"));
        assertTrue(e.getMessage().contains("'foo.com/8' is not an IP address or CIDR block"), e.getMessage());
        assertTrue(AddressBlock.literal("999.1.1.1") == null);
        assertTrue(AddressBlock.literal("1:2:3") == null);
    }

    @Test
    void addressClassesOfNeighbours() {
        assertEquals(AddressClass.PUBLIC, AddressClass.of(ip("172.32.0.1")));
        assertEquals(AddressClass.PUBLIC, AddressClass.of(ip("100.128.0.1")));
        assertEquals(AddressClass.PUBLIC, AddressClass.of(ip("11.0.0.1")));
        assertEquals(AddressClass.PUBLIC, AddressClass.of(ip("2606:4700::1")));
        assertEquals(AddressClass.PUBLIC, AddressClass.of(ip("::ffff:8.8.8.8")));
        assertEquals(AddressClass.PRIVATE, AddressClass.of(ip("172.16.0.0")));
        assertEquals(AddressClass.CGNAT, AddressClass.of(ip("100.127.255.255")));
        assertEquals(AddressClass.RESERVED, AddressClass.of(ip("240.0.0.1")));
    }

    private static InetAddress ip(String literal) {
        return AddressBlock.literal(literal);
    }
}
