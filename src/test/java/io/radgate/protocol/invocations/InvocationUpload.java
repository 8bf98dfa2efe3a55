package io.radgate.protocol.invocations;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A client of POST /invocations as the seed's clients send it: one multipart form field {@code image}. */
final class InvocationUpload {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private InvocationUpload() {
    }

    static HttpResponse<String> send(String url, String filename, byte[] image, String partType,
                                     Map<String, String> headers) throws IOException, InterruptedException {
        String boundary = "radgate-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + partType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(image);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a PNG and returns the request_uuid of the "sent" answer; fails on any other answer. */
    static String sent(String url, byte[] png, String webhookUrl) throws IOException, InterruptedException {
        HttpResponse<String> r = send(url, "scan.png", png, "image/png", Map.of("Webhook-Url", webhookUrl));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        JsonObject answer = new JsonObject(r.body());
        if (!"sent".equals(answer.getString("status"))) {
            throw new IllegalStateException("not sent: " + r.body());
        }
        return answer.getString("request_uuid");
    }
}
