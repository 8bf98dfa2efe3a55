package io.radgate.protocol.arterys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Only a 3D mask too large for one array is 413; any other ArithmeticException is a defect (503). */
class ArterysOverflowTest {

    @Test
    void aMaskThatFitsOneArrayHasItsSize() {
        assertEquals(512 * 512 * 300, ArterysInference.volumeBytes("1.2.3", 512, 512, 300));
        assertEquals(ArterysInference.MAX_VOLUME_BYTES,
                ArterysInference.volumeBytes("1.2.3", ArterysInference.MAX_VOLUME_BYTES, 1, 1));
    }

    @Test
    void aMaskLargerThanOneArrayIsTooLargeAndNamesTheSeries() {
        // 16384 x 16384 x 8 = 2^31 voxels: one more than an int can count (the old code's overflow)
        RadgateException e = assertThrows(RadgateException.class,
                () -> ArterysInference.volumeBytes("1.2.840.99", 16384, 16384, 8));
        assertEquals(ErrorKind.TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains("1.2.840.99") && e.getMessage().contains("16384x16384x8"), e.getMessage());
        // w * h alone overflowing int was silently wrong before (w * h was not checked)
        assertThrows(RadgateException.class, () -> ArterysInference.volumeBytes("s", 65536, 65536, 1));
    }

    @Test
    void anyOtherArithmeticExceptionIsNotMadeA413() {
        ArithmeticException divide = new ArithmeticException("/ by zero");
        Throwable t = ArterysAdapter.unwrap(new CompletionException(new ExecutionException(divide)));
        assertSame(divide, t, "a defect stays what it is; the failure handler answers it 503");
    }

    @Test
    void aTypedTooLargeComesOutOfTheFutureUnchanged() {
        RadgateException tooLarge = new RadgateException(ErrorKind.TOO_LARGE, "series s: too large");
        assertSame(tooLarge, ArterysAdapter.unwrap(new CompletionException(tooLarge)));
    }
}
