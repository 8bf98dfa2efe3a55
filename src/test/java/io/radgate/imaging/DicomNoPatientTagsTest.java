package io.radgate.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import io.radgate.error.RadgateException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No patient tag reaches a log line, stdout/stderr, a toString or an error message: a file with
 * PatientName=PHANTOM^SECRET (and secret ID, birth date, accession number, referring physician,
 * institution) is read with every logger at TRACE and the console captured.
 */
class DicomNoPatientTagsTest {
    private static final List<String> FORBIDDEN_FIELDS = List.of("patient", "accession", "referring", "institution",
            "birth", "sex");

    @Test
    void secretsNeverReachLogsConsoleToStringOrErrors() {
        JsonNode special = DicomGoldenData.manifest().get("specials").get("secret");
        List<String> secrets = new ArrayList<>();
        special.get("secrets").forEach(n -> secrets.add(n.asText()));
        List<byte[]> files = new ArrayList<>(List.of(DicomGoldenData.bytes(special.get("file").asText()),
                DicomGoldenData.bytes(special.get("duplicate").asText())));
        if (!special.get("jpegls").isNull()) {
            files.add(DicomGoldenData.bytes(special.get("jpegls").asText()));
        }

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger radgate = (Logger) LoggerFactory.getLogger("io.radgate");
        Level rootBefore = root.getLevel();
        Level radgateBefore = radgate.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.TRACE);
        radgate.setLevel(Level.TRACE);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        StringBuilder seen = new StringBuilder();
        try {
            System.setOut(capture);
            System.setErr(capture);
            DicomReader reader = new DicomReader(ImagingLimits.defaults());
            List<Instance> instances = new ArrayList<>();
            for (byte[] f : files) {
                Instance in = reader.read(f);
                instances.add(in);
                seen.append(in).append('\n').append(reader.readHeader(f)).append('\n');
                seen.append(in.plane()).append(in.time()).append(in.uids()).append(in.format()).append('\n');
                for (int cut : new int[] {f.length / 2, f.length - 10, 400}) {
                    RadgateException e = assertThrows(RadgateException.class,
                            () -> reader.read(Arrays.copyOf(f, cut)));
                    seen.append(e.getMessage()).append('\n');
                }
            }
            Series series = SliceOrder.order(instances);
            seen.append(series).append(series.slices()).append(SliceOrder.group(instances));
        } finally {
            System.setOut(out);
            System.setErr(err);
            root.detachAppender(appender);
            root.setLevel(rootBefore);
            radgate.setLevel(radgateBefore);
        }
        String printed = console.toString(StandardCharsets.UTF_8);
        assertEquals("", printed, "reading DICOM printed to the console");
        for (ILoggingEvent e : appender.list) {
            seen.append(e.getFormattedMessage()).append(e.getMDCPropertyMap()).append(Arrays.toString(e.getArgumentArray()))
                    .append(e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()).append('\n');
        }
        String all = seen.toString().toUpperCase(Locale.ROOT);
        for (String secret : secrets) {
            assertFalse(all.contains(secret.toUpperCase(Locale.ROOT)), "'" + secret + "' leaked into:\n" + seen);
        }
        assertTrue(all.contains("INSTANCE["), "the check saw nothing");
    }

    @Test
    void pixelMedAloneWouldPrintToStderrWhichIsWhyEveryCallIsMuted() throws Exception {
        byte[] duplicate = DicomGoldenData.bytes(DicomGoldenData.manifest().get("specials").get("secret")
                .get("duplicate").asText());
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
            new AttributeList().read(new DicomInputStream(new ByteArrayInputStream(duplicate)));
            String unmuted = console.toString(StandardCharsets.UTF_8);
            assertTrue(unmuted.contains("duplicate"), "PixelMed no longer prints here: " + unmuted);
            console.reset();
            new DicomReader(ImagingLimits.defaults()).read(duplicate);
            assertEquals("", console.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void theInstanceTypesCannotHoldPatientTags() {
        for (Class<?> type : List.of(Instance.class, InstanceUids.class, InstancePixelFormat.class, InstanceTime.class,
                Series.class, SeriesSlice.class, SeriesTimepoint.class, Study.class)) {
            for (RecordComponent c : type.getRecordComponents()) {
                String name = c.getName().toLowerCase(Locale.ROOT);
                assertTrue(FORBIDDEN_FIELDS.stream().noneMatch(name::contains), type.getSimpleName() + "." + name);
            }
        }
        for (var f : InstancePlane.class.getDeclaredFields()) {
            String name = f.getName().toLowerCase(Locale.ROOT);
            assertTrue(FORBIDDEN_FIELDS.stream().noneMatch(name::contains), "InstancePlane." + name);
        }
    }
}
