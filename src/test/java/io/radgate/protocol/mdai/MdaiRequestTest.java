package io.radgate.protocol.mdai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.imaging.ImagingLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MdaiRequestTest {
    private static Map<String, Object> file(Object content, Object type) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("content", content);
        f.put("content_type", type);
        return f;
    }

    private static Map<String, Object> body(Object files, Object args) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", files);
        m.put("annotations", List.of());
        m.put("args", args);
        return m;
    }

    private static String refused(Object body) {
        RadgateException e = assertThrows(RadgateException.class, () -> MdaiRequest.parse(body));
        assertEquals(ErrorKind.BAD_INPUT, e.kind());
        return e.getMessage();
    }

    @Test
    void devClientBodyParses() {
        MdaiRequest r = MdaiRequest.parse(body(List.of(file(new byte[] {1}, "application/dicom")), Map.of()));
        assertEquals(1, r.files().size());
        assertNull(r.argsJson());
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("threshold", 0.4);
        args.put("name", "x");
        assertEquals("{\"threshold\":0.4,\"name\":\"x\"}",
                MdaiRequest.parse(body(List.of(file(new byte[] {1}, "image/png")), args)).argsJson());
    }

    @Test
    void everyMalformedFieldIsNamed() {
        assertTrue(refused(List.of()).contains("must be a map"));
        assertTrue(refused(Map.of()).contains("'files' is missing"));
        assertTrue(refused(body("x", null)).contains("'files' must be a list"));
        assertTrue(refused(body(List.of(), null)).contains("'files' is empty"));
        assertTrue(refused(body(List.of(1L), null)).contains("files[0] must be a map"));
        assertTrue(refused(body(List.of(file("text", "application/dicom")), null)).contains("bin"));
        assertTrue(refused(body(List.of(file(new byte[1], 3L)), null)).contains("content_type"));
        assertTrue(refused(body(List.of(file(new byte[1], "image/png")), "x")).contains("'args' must be a map"));
        assertTrue(refused(body(List.of(file(new byte[1], "image/png")), Map.of("k", new byte[1]))).contains("args.k"));
        Map<String, Object> lc = body(List.of(file(new byte[1], "image/png")), null);
        lc.put("label_classes", List.of(Map.of("class_index", Boolean.TRUE)));
        assertTrue(refused(lc).contains("class_index must be an int"));
    }

    @Test
    void filesThatAreNotDicomPngOrJpegAreRefusedByIndex() {
        ImagingLimits limits = ImagingLimits.defaults();
        RadgateException mp4 = assertThrows(RadgateException.class, () -> MdaiImages.decode(List.of(
                new MdaiRequest.MdaiFile(0, "video/mp4", new byte[8], Map.of())), limits));
        assertEquals(ErrorKind.UNSUPPORTED_MEDIA, mp4.kind());
        RadgateException gif = assertThrows(RadgateException.class, () -> MdaiImages.decode(List.of(
                new MdaiRequest.MdaiFile(3, "image/jpeg", "GIF89a".getBytes(), Map.of())), limits));
        assertTrue(gif.getMessage().startsWith("files[3]: "), gif.getMessage());
        RadgateException dicom = assertThrows(RadgateException.class, () -> MdaiImages.decode(List.of(
                new MdaiRequest.MdaiFile(0, "application/dicom", "hello".getBytes(), Map.of())), limits));
        assertEquals(ErrorKind.BAD_INPUT, dicom.kind());
    }

    @Test
    void labelClassesWithoutAMatchKeepTheModelIndex() {
        LabelClasses two = LabelClasses.parse(List.of(Map.of("class_index", 4L, "label", Map.of("name", "a")),
                Map.of("class_index", 9L, "label", Map.of("name", "b"))));
        assertEquals(9, two.classIndex(0, "B"));
        assertEquals(2, two.classIndex(2, "c"));
        assertEquals(0, two.classIndex(0, null));
        assertEquals(3, LabelClasses.NONE.classIndex(3, "x"));
    }
}
