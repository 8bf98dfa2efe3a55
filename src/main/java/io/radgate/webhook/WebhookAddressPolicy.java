package io.radgate.webhook;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether radgate may POST to a client's webhook URL (server-side request forgery
 * guard). http and https only, a host, no user information; the host is resolved and every
 * address must be public ({@link AddressClass}) unless the host name or the address is on the
 * allow-list. If ANY resolved address is refused, the URL is refused: a name that mixes public
 * and internal addresses is either misconfigured or an attack, and picking the public one would
 * hide that from the client.
 *
 * <p>{@link #check} blocks (DNS): call it on a worker thread, never on an event loop.
 */
public final class WebhookAddressPolicy {
    /** The setting that fills the allow-list; named in refusals so operators know the way out. */
    public static final String ALLOW_SETTING = "invocations.webhook.allow";
    public static final int MAX_URL_LENGTH = 2048;

    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9_-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*");

    private final Set<String> allowedHosts = new HashSet<>();
    private final List<AddressBlock> allowedBlocks = new ArrayList<>();
    private final HostResolver resolver;

    /**
     * @param allow    host names (exact, case-insensitive), IP addresses and CIDR blocks, IPv4
     *                 or IPv6; blank entries are ignored
     * @param resolver how host names become addresses
     * @throws IllegalArgumentException naming an entry that is none of these
     */
    public WebhookAddressPolicy(Collection<String> allow, HostResolver resolver) {
        this.resolver = resolver;
        for (String raw : allow) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("/") || AddressBlock.literal(entry) != null) {
                try {
                    allowedBlocks.add(AddressBlock.parse(entry));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(ALLOW_SETTING + ": " + e.getMessage(), e);
                }
            } else if (HOST_NAME.matcher(withoutTrailingDot(entry)).matches()) {
                allowedHosts.add(withoutTrailingDot(entry));
            } else {
                throw new IllegalArgumentException(ALLOW_SETTING + ": '" + raw
                        + "' is not a host name, IP address or CIDR block");
            }
        }
    }

    /** A policy with the JVM's resolver. */
    public WebhookAddressPolicy(Collection<String> allow) {
        this(allow, HostResolver.system());
    }

    /**
     * The URL's target with the address to connect to, or a BAD_INPUT RadgateException that
     * names the host and the reason ({@link HostNotFound} when the name does not resolve).
     */
    public WebhookTarget check(String url) {
        URI uri = parse(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refuse(scheme.isEmpty() ? "webhook URL has no scheme: only http and https are allowed"
                    : "webhook URL scheme '" + scheme + "' is not allowed: only http and https are");
        }
        String authority = uri.getRawAuthority();
        if (authority != null && authority.contains("@")) {
            throw refuse("webhook URL must not carry user information (user@ or user:password@)");
        }
        if (uri.getHost() == null) {
            throw refuse("webhook URL has no valid host");
        }
        String bracketed = uri.getHost().toLowerCase(Locale.ROOT);
        String host = bracketed.startsWith("[") ? bracketed.substring(1, bracketed.length() - 1) : bracketed;
        if (host.contains("%")) {
            throw refuse("webhook host '" + host + "' has an IPv6 zone, which is not allowed");
        }
        boolean tls = scheme.equals("https");
        int defaultPort = tls ? 443 : 80;
        int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        if (port < 1 || port > 65535) {
            throw refuse("webhook URL port " + port + " is outside 1..65535");
        }
        InetAddress address = checkedAddress(host);
        String hostHeader = port == defaultPort ? bracketed : bracketed + ":" + port;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String requestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new WebhookTarget(uri, host, port, tls, address, hostHeader, requestUri);
    }

    private InetAddress checkedAddress(String host) {
        InetAddress literal = AddressBlock.literal(host);
        List<InetAddress> addresses;
        if (literal != null) {
            addresses = List.of(literal);
        } else {
            try {
                addresses = resolver.resolve(host);
            } catch (UnknownHostException e) {
                addresses = List.of();
            }
            if (addresses == null || addresses.isEmpty()) {
                throw new HostNotFound("webhook host '" + host + "' does not resolve");
            }
        }
        boolean hostAllowed = allowedHosts.contains(withoutTrailingDot(host));
        for (InetAddress a : addresses) {
            AddressClass kind = AddressClass.of(a);
            if (!hostAllowed && kind.refused() && allowedBlocks.stream().noneMatch(b -> b.contains(a))) {
                String what = literal != null ? "is " : "resolves to " + a.getHostAddress() + ", ";
                throw refuse("webhook host '" + host + "' " + what + kind.description()
                        + "; refused unless allow-listed in " + ALLOW_SETTING);
            }
        }
        return addresses.get(0);
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw refuse("webhook URL is empty");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw refuse("webhook URL is longer than " + MAX_URL_LENGTH + " characters");
        }
        try {
            return new URI(url.trim());
        } catch (URISyntaxException e) {
            throw refuse("webhook URL is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
    }

    private static String withoutTrailingDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static RadgateException refuse(String message) {
        return new RadgateException(ErrorKind.BAD_INPUT, message);
    }

    /** The webhook's host name does not resolve (now): at send time a reason to retry. */
    public static final class HostNotFound extends RadgateException {
        private static final long serialVersionUID = 1L;

        HostNotFound(String message) {
            super(ErrorKind.BAD_INPUT, message);
        }
    }
}
