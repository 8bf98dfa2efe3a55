package io.radgate.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IP address or a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}, {@code 127.0.0.1}).
 * Parsing never asks DNS: only literals are accepted. An IPv6 form that carries an IPv4 address
 * (see {@link AddressClass#embeddedIpv4}) matches the IPv4 blocks that contain it.
 */
public final class AddressBlock {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final byte[] network;
    private final int prefixLength;

    private AddressBlock(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** {@code address} or {@code address/prefix}; IllegalArgumentException if it is neither. */
    public static AddressBlock parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        InetAddress address = literal(slash < 0 ? s : s.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
        }
        byte[] bytes = address.getAddress();
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + max);
            }
        }
        return new AddressBlock(bytes, prefix);
    }

    /**
     * The address {@code text} spells, without brackets, or null when it is not an IP literal.
     * Only dotted-quad IPv4 and plain IPv6 (no zone) reach {@link InetAddress#getByName}, which
     * then never resolves.
     */
    public static InetAddress literal(String text) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (IPV4.matcher(s).matches()) {
            for (String octet : s.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null;
                }
            }
        } else if (!IPV6.matcher(s).matches() || !validIpv6(s)) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** java.net.URI checks IPv6 literal syntax strictly, and without it getByName could ask DNS. */
    private static boolean validIpv6(String s) {
        try {
            return new URI("http://[" + s + "]/").getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    public boolean contains(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != network.length) {
            InetAddress embedded = AddressClass.embeddedIpv4(address);
            if (!(embedded instanceof Inet4Address) || network.length != 4) {
                return false;
            }
            b = embedded.getAddress();
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (b[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (b[full] & mask) == (network[full] & mask);
    }
}
