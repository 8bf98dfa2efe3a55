package io.radgate.protocol.medimageparse;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Azure ML key auth: {@code Authorization: Bearer <key>} must carry one of the configured keys
 * (compared in constant time). No keys configured means every request is refused, unless auth
 * is switched off (DECISIONS.md).
 */
record BearerKeys(boolean required, List<String> keys) {

    void check(String authorization) {
        if (!required) {
            return;
        }
        if (keys.isEmpty()) {
            throw new RadgateException(ErrorKind.UNAUTHENTICATED, "no endpoint keys are configured");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new RadgateException(ErrorKind.UNAUTHENTICATED, "missing 'Authorization: Bearer <key>' header");
        }
        byte[] offered = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (String k : keys) {
            ok |= MessageDigest.isEqual(offered, k.getBytes(StandardCharsets.UTF_8));
        }
        if (!ok) {
            throw new RadgateException(ErrorKind.UNAUTHENTICATED, "invalid endpoint key");
        }
    }
}
