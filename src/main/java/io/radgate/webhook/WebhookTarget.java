package io.radgate.webhook;

import java.net.InetAddress;
import java.net.URI;

/**
 * A webhook URL that passed {@link WebhookAddressPolicy#check}, with the one address that was
 * checked. The sender connects to {@code address} and nowhere else; {@code host} still goes
 * into the Host header and TLS (SNI, certificate check).
 *
 * @param url        the URL as given
 * @param host       the URL's host, lower case, IPv6 without brackets
 * @param port       the port to connect to (80/443 when the URL names none)
 * @param tls        https
 * @param address    the checked address to connect to
 * @param hostHeader the Host header: host (bracketed for IPv6) and the port when not default
 * @param requestUri path and query, as sent on the request line
 */
public record WebhookTarget(URI url, String host, int port, boolean tls, InetAddress address,
        String hostHeader, String requestUri) {
}
