package io.radgate.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteMaskTest {

    @Test
    void xFastestThenYThenSlice() {
        byte[] d = new byte[3 * 2 * 2];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) i;
        }
        ByteMask m = new ByteMask(3, 2, 2, d);
        assertEquals(1, m.get(1, 0, 0));
        assertEquals(3, m.get(0, 1, 0));
        assertEquals(6, m.get(0, 0, 1));
        assertEquals(11, m.get(2, 1, 1));
        assertEquals(6, m.sliceOffset(1));
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(3, 0, 0));
    }

    @Test
    void sizeIsCheckedAndEqualityIsByContent() {
        assertThrows(IllegalArgumentException.class, () -> new ByteMask(3, 2, 1, new byte[5]));
        assertThrows(IllegalArgumentException.class, () -> new ByteMask(0, 2, 1, new byte[0]));
        assertEquals(ByteMask.zeros(3, 2, 1), new ByteMask(3, 2, 1, new byte[6]));
        assertEquals(ByteMask.zeros(3, 2, 1).hashCode(), new ByteMask(3, 2, 1, new byte[6]).hashCode());
        assertNotEquals(ByteMask.zeros(3, 2, 1), ByteMask.zeros(2, 3, 1));
    }
}
