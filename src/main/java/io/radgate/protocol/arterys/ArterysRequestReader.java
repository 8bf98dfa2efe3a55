package io.radgate.protocol.arterys;

import io.radgate.config.Setting;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Reads an Arterys inference request: a {@code multipart/related} body, parsed as a stream with
 * Apache James mime4j. Part 0 is the request JSON; the others are DICOM files or attachments, in
 * upload order. While reading, every part's raw content (the JSON part and attachments
 * included, as the original gateway does) is fed to one SHA-256: the request's input hash.
 *
 * <p>Part headers are kept only to recognise DICOM ({@code application/dicom}); like the
 * original, radgate does not depend on part names. Nested multiparts are not descended into.
 */
final class ArterysRequestReader {
    /** One part of the request, its content as sent (no transfer decoding). */
    record Part(String contentType, byte[] content) {
        /** A DICOM file: declared {@code application/dicom}, or carrying the DICM preamble. */
        boolean isDicom() {
            return contentType.startsWith("application/dicom") || hasDicmPreamble(content);
        }
    }

    /** The request: the JSON text of part 0, the other parts in order, and the input hash. */
    record Request(String json, List<Part> files, String inputHash) {
    }

    private ArterysRequestReader() {
    }

    /** Whether a Content-Type header names multipart/related, as the original checks (prefix). */
    static boolean isMultipartRelated(String contentType) {
        return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/related");
    }

    /**
     * Parses the body. Bad framing, no boundary, no parts or a part larger than
     * {@code maxPartBytes} are client errors (400 / 413), never a 500.
     */
    static Request read(String contentType, InputStream body, long maxPartBytes) {
        return read(contentType, body, maxPartBytes, Integer.MAX_VALUE);
    }

    /** As {@link #read(String, InputStream, long)}, refusing more than {@code maxParts} parts after part 0 (413). */
    static Request read(String contentType, InputStream body, long maxPartBytes, int maxParts) {
        if (!isMultipartRelated(contentType)) {
            throw RadgateException.badInput("invalid content-type " + contentType);
        }
        if (!contentType.toLowerCase(Locale.ROOT).contains("boundary=")) {
            throw RadgateException.badInput("multipart/related content-type without a boundary");
        }
        MimeConfig config = new MimeConfig.Builder()
                .setMaxLineLen(-1)
                .setMaxHeaderCount(64)
                .setMaxHeaderLen(16 * 1024)
                .setMaxContentLen(-1)
                .setStrictParsing(true)
                .build();
        MimeTokenStream stream = new MimeTokenStream(config);
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        MessageDigest sha = Hashes.sha256();
        List<Part> parts = new ArrayList<>();
        String partType = "";
        boolean sawClose = false;
        try {
            stream.parseHeadless(body, contentType);
            for (EntityState s = stream.next(); s != EntityState.T_END_OF_STREAM; s = stream.next()) {
                switch (s) {
                    case T_START_BODYPART -> {
                        partType = "";
                        if (parts.size() > maxParts) {
                            throw new RadgateException(ErrorKind.TOO_LARGE, "the request has more than " + maxParts
                                    + " parts after the JSON part (" + Setting.ARTERYS_MAX_PARTS.key() + ")");
                        }
                    }
                    case T_FIELD -> {
                        Field f = stream.getField();
                        if (f.getName().equalsIgnoreCase("Content-Type") && f.getBody() != null) {
                            partType = f.getBody().trim().toLowerCase(Locale.ROOT);
                        }
                    }
                    case T_BODY -> {
                        byte[] content = readBounded(stream.getInputStream(), maxPartBytes, parts.size());
                        sha.update(content);
                        parts.add(new Part(partType, content));
                    }
                    case T_END_MULTIPART -> sawClose = true;
                    default -> {
                    }
                }
            }
        } catch (MimeException | IOException e) {
            throw RadgateException.badInput("malformed multipart/related body: " + e.getMessage());
        }
        if (parts.isEmpty()) {
            throw RadgateException.badInput("multipart/related body has no parts (is the boundary right?)");
        }
        if (!sawClose) {
            throw RadgateException.badInput("multipart/related body is truncated (no closing boundary)");
        }
        String json = new String(parts.get(0).content(), StandardCharsets.UTF_8);
        return new Request(json, List.copyOf(parts.subList(1, parts.size())), Hashes.hex(sha.digest()));
    }

    private static byte[] readBounded(InputStream in, long max, int index) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > max) {
                throw new RadgateException(ErrorKind.TOO_LARGE, "part " + index + " is over the limit of " + max
                        + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static boolean hasDicmPreamble(byte[] b) {
        return b.length >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
    }
}
