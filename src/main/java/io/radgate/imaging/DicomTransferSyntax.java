package io.radgate.imaging;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The transfer syntaxes radgate knows by name, and how each one's pixel data is decoded.
 * Unknown UIDs and the ones marked {@link Route#UNSUPPORTED} are answered with 415 naming the
 * UID and (where known) its name.
 */
public enum DicomTransferSyntax {
    IMPLICIT_LE("1.2.840.10008.1.2", "Implicit VR Little Endian", Route.PIXELMED),
    EXPLICIT_LE("1.2.840.10008.1.2.1", "Explicit VR Little Endian", Route.PIXELMED),
    DEFLATED_LE("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", Route.PIXELMED),
    EXPLICIT_BE("1.2.840.10008.1.2.2", "Explicit VR Big Endian", Route.PIXELMED),
    JPEG_BASELINE("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", Route.IMAGEIO),
    /** 8-bit samples decode in Java; 12-bit ones need dcmtk (the Java codecs give no frames for them). */
    JPEG_EXTENDED("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", Route.IMAGEIO_8_BIT_ELSE_DCMTK),
    JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", Route.IMAGEIO),
    JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 SV1)",
            Route.IMAGEIO),
    JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", Route.DCMTK),
    JPEG_LS_NEAR_LOSSLESS("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)", Route.DCMTK),
    JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", Route.IMAGEIO),
    JPEG_2000("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", Route.IMAGEIO),
    RLE("1.2.840.10008.1.2.5", "RLE Lossless", Route.PIXELMED),
    // Known by name only, so that a 415 can say what the client sent.
    JPEG_PROGRESSIVE("1.2.840.10008.1.2.4.55", "JPEG Full Progression, Non-Hierarchical (Process 10 & 12) (retired)",
            Route.UNSUPPORTED),
    JPEG_2000_MC_LOSSLESS("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component (Lossless Only)", Route.UNSUPPORTED),
    JPEG_2000_MC("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component", Route.UNSUPPORTED),
    JPIP("1.2.840.10008.1.2.4.94", "JPIP Referenced", Route.UNSUPPORTED),
    JPIP_DEFLATE("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", Route.UNSUPPORTED),
    MPEG2_MPML("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", Route.UNSUPPORTED),
    MPEG2_MPHL("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level", Route.UNSUPPORTED),
    MPEG4_HP41("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1", Route.UNSUPPORTED),
    MPEG4_HP41_BD("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", Route.UNSUPPORTED),
    MPEG4_HP42_2D("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video", Route.UNSUPPORTED),
    MPEG4_HP42_3D("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video", Route.UNSUPPORTED),
    MPEG4_HP42_ST("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2", Route.UNSUPPORTED),
    HEVC_MP51("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1", Route.UNSUPPORTED),
    HEVC_M10P51("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1", Route.UNSUPPORTED),
    JPEG_XL_LOSSLESS("1.2.840.10008.1.2.4.110", "JPEG XL Lossless", Route.UNSUPPORTED),
    JPEG_XL_RECOMPRESSION("1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression", Route.UNSUPPORTED),
    JPEG_XL("1.2.840.10008.1.2.4.112", "JPEG XL", Route.UNSUPPORTED),
    HTJ2K_LOSSLESS("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)",
            Route.UNSUPPORTED),
    HTJ2K_RPCL_LOSSLESS("1.2.840.10008.1.2.4.202",
            "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)", Route.UNSUPPORTED),
    HTJ2K("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression", Route.UNSUPPORTED),
    SMPTE_2110_20("1.2.840.10008.1.2.7.1", "SMPTE ST 2110-20 Uncompressed Progressive Active Video", Route.UNSUPPORTED),
    DEFLATED_IMAGE_FRAME("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression", Route.UNSUPPORTED);

    /** Where a syntax's pixel data is decoded. */
    public enum Route {
        /** In the JVM, by PixelMed (native, deflated and RLE pixel data). */
        PIXELMED,
        /**
         * In the JVM: the encapsulated frames split by radgate ({@link DicomEncapsulated}) and
         * decoded by the ImageIO readers PixelMed would use, TwelveMonkeys JPEG and jai-imageio
         * JPEG 2000 ({@link DicomImageIoFrames}), without PixelMed's per-file plugin scan.
         */
        IMAGEIO,
        /** {@link #IMAGEIO} for 8-bit samples, the dcmtk child process for more bits. */
        IMAGEIO_8_BIT_ELSE_DCMTK,
        /** dcmtk in a child process ({@link NativeDicomDecoder}), never in the JVM. */
        DCMTK,
        /** Not decoded: 415. */
        UNSUPPORTED
    }

    private static final Map<String, DicomTransferSyntax> BY_UID = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(DicomTransferSyntax::uid, Function.identity()));

    private final String uid;
    private final String title;
    private final Route route;

    DicomTransferSyntax(String uid, String title, Route route) {
        this.uid = uid;
        this.title = title;
        this.route = route;
    }

    public String uid() {
        return uid;
    }

    /** The standard's name for this syntax. */
    public String title() {
        return title;
    }

    public Route route() {
        return route;
    }

    /** Whether pixel data is stored uncompressed (native) in this syntax. */
    public boolean isNative() {
        return this == IMPLICIT_LE || this == EXPLICIT_LE || this == DEFLATED_LE || this == EXPLICIT_BE;
    }

    /** The syntax with this UID, or null when radgate does not know it. */
    public static DicomTransferSyntax byUid(String uid) {
        return uid == null ? null : BY_UID.get(uid.trim());
    }

    /** "UID (name)" for messages; "UID (unknown transfer syntax)" when radgate does not know it. */
    public static String describe(String uid) {
        DicomTransferSyntax ts = byUid(uid);
        return uid + " (" + (ts == null ? "unknown transfer syntax" : ts.title) + ")";
    }
}
