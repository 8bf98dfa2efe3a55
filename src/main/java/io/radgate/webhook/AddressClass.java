package io.radgate.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * What kind of network an IP address belongs to, as far as sending a webhook there is
 * concerned. Everything but {@link #PUBLIC} is refused unless allow-listed: a client-chosen
 * URL must not make radgate reach its own host, its cluster, or a cloud metadata service.
 *
 * <p>IPv6 forms that carry an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible
 * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:AABB:CCDD::}) take the
 * class of the IPv4 address they carry: the packet ends up there.
 */
public enum AddressClass {
    PUBLIC("a public address"),
    CLOUD_METADATA("a cloud metadata address"),
    LOOPBACK("a loopback address"),
    LINK_LOCAL("a link-local address"),
    PRIVATE("a private address"),
    CGNAT("a carrier-grade NAT (shared) address"),
    MULTICAST("a multicast address"),
    UNSPECIFIED("an unspecified address"),
    BROADCAST("the broadcast address"),
    RESERVED("a reserved or documentation address");

    /** Instance metadata services of the big clouds; checked before their wider ranges. */
    private static final List<AddressBlock> METADATA = List.of(
            AddressBlock.parse("169.254.169.254"),  // AWS, GCP, Azure, OpenStack, Oracle
            AddressBlock.parse("169.254.170.2"),    // AWS ECS task metadata
            AddressBlock.parse("100.100.100.200"),  // Alibaba Cloud
            AddressBlock.parse("192.0.0.192"),      // Oracle Cloud (classic)
            AddressBlock.parse("fd00:ec2::254"));   // AWS over IPv6

    private static final List<Range> V4 = List.of(
            new Range("255.255.255.255/32", BROADCAST),
            new Range("0.0.0.0/8", UNSPECIFIED),
            new Range("127.0.0.0/8", LOOPBACK),
            new Range("169.254.0.0/16", LINK_LOCAL),
            new Range("10.0.0.0/8", PRIVATE),
            new Range("172.16.0.0/12", PRIVATE),
            new Range("192.168.0.0/16", PRIVATE),
            new Range("100.64.0.0/10", CGNAT),
            new Range("224.0.0.0/4", MULTICAST),
            new Range("240.0.0.0/4", RESERVED),
            new Range("192.0.0.0/24", RESERVED),
            new Range("192.0.2.0/24", RESERVED),
            new Range("198.18.0.0/15", RESERVED),
            new Range("198.51.100.0/24", RESERVED),
            new Range("203.0.113.0/24", RESERVED));

    private static final List<Range> V6 = List.of(
            new Range("::/128", UNSPECIFIED),
            new Range("::1/128", LOOPBACK),
            new Range("fe80::/10", LINK_LOCAL),
            new Range("fec0::/10", PRIVATE),
            new Range("fc00::/7", PRIVATE),
            new Range("ff00::/8", MULTICAST),
            new Range("64:ff9b:1::/48", PRIVATE),
            new Range("100::/64", RESERVED),
            new Range("2001:db8::/32", RESERVED));

    private final String description;

    AddressClass(String description) {
        this.description = description;
    }

    /** For messages: "a private address". */
    public String description() {
        return description;
    }

    public boolean refused() {
        return this != PUBLIC;
    }

    /** The class of {@code address}; IPv6 forms that carry an IPv4 address take its class. */
    public static AddressClass of(InetAddress address) {
        InetAddress a = embeddedIpv4(address);
        for (AddressBlock m : METADATA) {
            if (m.contains(a)) {
                return CLOUD_METADATA;
            }
        }
        for (Range r : a instanceof Inet4Address ? V4 : V6) {
            if (r.block.contains(a)) {
                return r.kind;
            }
        }
        return PUBLIC;
    }

    /**
     * The IPv4 address an IPv6 address stands for (mapped, compatible, NAT64, 6to4), or the
     * address itself. {@code ::} and {@code ::1} stay IPv6.
     */
    public static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return v4(b, 12);                                   // ::ffff:a.b.c.d
        }
        if (zero(b, 0, 12) && !(zero(b, 12, 15) && (b[15] & 0xff) <= 1)) {
            return v4(b, 12);                                   // ::a.b.c.d (deprecated)
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b && zero(b, 4, 12)) {
            return v4(b, 12);                                   // 64:ff9b::a.b.c.d (NAT64)
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return v4(b, 2);                                    // 2002:AABB:CCDD:: (6to4)
        }
        return address;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress v4(byte[] b, int at) {
        try {
            return InetAddress.getByAddress(new byte[] {b[at], b[at + 1], b[at + 2], b[at + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);  // four bytes are always an address
        }
    }

    private record Range(AddressBlock block, AddressClass kind) {
        Range(String cidr, AddressClass kind) {
            this(AddressBlock.parse(cidr), kind);
        }
    }
}
