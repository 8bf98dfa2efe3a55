package io.radgate.protocol.kserve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatusMessageFitTest {

    @Test
    void aMessageThatFitsIsForwardedUnchanged() {
        String m = "unexpected inference input 'NOPE' for model 'threshold_seg'";
        assertSame(m, StatusMessageFit.fit(m, 8192));
        String long10k = "x".repeat(10_000);
        assertSame(long10k, StatusMessageFit.fit(long10k, 1 << 20));
    }

    @Test
    void noAdvertisedLimitForwardsTheWholeMessage() {
        String m = "y".repeat(100_000);
        assertSame(m, StatusMessageFit.fit(m, 0));
        assertEquals(null, StatusMessageFit.fit(null, 8192));
    }

    @Test
    void aLongMessageIsShortenedToFitTheClientsLimitAndSaysSo() {
        String m = "unexpected inference input '" + "X".repeat(20_000) + "' for model 'threshold_seg'";
        String fitted = StatusMessageFit.fit(m, 8192);
        assertTrue(fitted.startsWith("unexpected inference input 'XXXX"), fitted);
        assertTrue(StatusMessageFit.encodedLength(fitted) <= 8192 - StatusMessageFit.OTHER_ENTRIES, fitted);
        int left = m.length() - fitted.indexOf(" ... [");
        assertTrue(fitted.endsWith("bytes of metadata]") && fitted.contains(left + " more characters left out"), fitted);
    }

    @Test
    void percentEncodedAndMultiByteCharactersCountAsTheyAreSent() {
        assertEquals(1, StatusMessageFit.encodedLength("a"));
        assertEquals(3, StatusMessageFit.encodedLength("%"));
        assertEquals(3, StatusMessageFit.encodedLength("\n"));
        assertEquals(6, StatusMessageFit.encodedLength("é"));
        assertEquals(12, StatusMessageFit.encodedLength("😀"));
        String m = "😀".repeat(5_000);
        String fitted = StatusMessageFit.fit(m, 8192);
        assertTrue(StatusMessageFit.encodedLength(fitted) <= 8192 - StatusMessageFit.OTHER_ENTRIES);
        // never cut between the two halves of a surrogate pair
        assertTrue(fitted.indexOf(" ... [") % 2 == 0, fitted);
    }
}
