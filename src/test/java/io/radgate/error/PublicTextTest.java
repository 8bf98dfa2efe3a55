package io.radgate.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Response text loses Java throwable names and stack frames, and nothing else. */
class PublicTextTest {

    @Test
    void qualifiedThrowableNamesAreRemovedWithTheirColon() {
        assertEquals("Triton ServerReady failed: Connection refused: /127.0.0.1:1",
                PublicText.of("Triton ServerReady failed: io.grpc.netty.shaded.io.netty.channel."
                        + "AbstractChannel$AnnotatedConnectException: Connection refused: /127.0.0.1:1"));
        assertEquals("not a valid ZIP archive (invalid code lengths set)",
                PublicText.of("not a valid ZIP archive (java.util.zip.DataFormatException: invalid code lengths set)"));
        assertEquals("could not read: Java heap space", PublicText.of("could not read: java.lang.OutOfMemoryError: Java heap space"));
    }

    @Test
    void stackFramesAreRemoved() {
        assertEquals("bad at the start",
                PublicText.of("bad at the start\n\tat io.radgate.imaging.DicomReader.read(DicomReader.java:12)"
                        + "\n\tat java.base/java.lang.Thread.run(Unknown Source)"));
    }

    @Test
    void ordinaryMessagesAreUntouched() {
        for (String s : new String[] {"input 'IMAGE': expected 4 values, got 3",
                "model threshold_seg is not ready", "Request for unknown model: 'x' is not found",
                "the file scan.DCM is not DICOM", "Triton is unreachable", "error: TritonModelException raised"}) {
            assertEquals(s, PublicText.of(s));
        }
        assertNull(PublicText.of(null));
        assertEquals("failed", PublicText.of("java.io.EOFException"), "never an empty message");
    }
}
