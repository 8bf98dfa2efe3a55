package io.radgate.imaging;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferShort;
import java.awt.image.DataBufferUShort;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes the compressed frames of JPEG (baseline, 8-bit extended, lossless .57 and .70) and
 * JPEG 2000 (.90, .91) files with the ImageIO readers PixelMed would pick (TwelveMonkeys JPEG,
 * jai-imageio JPEG 2000), called the way PixelMed calls them, so the samples are the same bits.
 *
 * <p>Why not PixelMed's own decode: it calls {@code ImageIO.scanForPlugins()} for every file,
 * which re-reads the service files of every jar on the class path (0.4–1.6 ms a call measured
 * with radgate's 75–103 jars; it grows with the class path) and re-registers plugins in
 * ImageIO's global registry from every decoding thread at once; it also parses the dataset a
 * second time and feeds the codec through its own fragment stream (for JPEG 2000 that measured
 * ~6 ms more per 512² frame than the same reader on the frame's bytes in memory).
 * Here the two providers are looked up once; each file gets a fresh reader (readers are not
 * thread-safe), disposed when its frames are read. The input stream is in memory
 * ({@link MemoryCacheImageInputStream}), never ImageIO's temporary-file cache.
 *
 * <p>The decoded layout is reported as PixelMed's {@code correctDecompressedImagePixelModule()}
 * would: colour-by-pixel (PlanarConfiguration 0), and RGB where the lossy JPEG and JPEG 2000
 * codecs convert YBR_FULL, YBR_FULL_422, YBR_PARTIAL_422/420, YBR_RCT or YBR_ICT to RGB.
 */
final class DicomImageIoFrames {
    static final String TWELVEMONKEYS_JPEG = "com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi";
    static final String JAI_JPEG_2000 = "com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi";

    private DicomImageIoFrames() {
    }

    /** The layout of the decoded frames: colour-by-pixel, RGB where the codec converts from YBR. */
    static DicomPixelFrames.Layout decodedLayout(DicomPixelFrames.Layout l, DicomTransferSyntax syntax) {
        if (l.samples() == 1) {
            return l;
        }
        boolean toRgb = syntax != DicomTransferSyntax.JPEG_LOSSLESS && syntax != DicomTransferSyntax.JPEG_LOSSLESS_SV1;
        String photometric = toRgb && switch (l.photometric()) {
            case "YBR_FULL", "YBR_FULL_422", "YBR_PARTIAL_422", "YBR_PARTIAL_420", "YBR_RCT", "YBR_ICT" -> true;
            default -> false;
        } ? "RGB" : l.photometric();
        return new DicomPixelFrames.Layout(l.rows(), l.columns(), l.samples(), l.bitsAllocated(), l.bitsStored(),
                l.pixelRepresentation(), photometric, 0, l.frames());
    }

    /**
     * Decodes every frame into stored values ({@link DicomPixelFrames#decodedFrame}).
     *
     * @throws IOException      when the codec fails on the data (corrupt or truncated)
     * @throws RadgateException UNSUPPORTED_MEDIA when the codec is not installed; BAD_INPUT when a
     *                          frame does not decode to the header's geometry
     */
    static List<Raster> decode(List<DicomEncapsulated.Frame> frames, DicomTransferSyntax syntax,
                               DicomPixelFrames.Layout decoded) throws IOException {
        ImageReader reader = provider(syntax).createReaderInstance();
        try {
            List<Raster> out = new ArrayList<>(frames.size());
            for (int f = 0; f < frames.size(); f++) {
                WritableRaster r = read(reader, frames.get(f));
                if (r.getWidth() != decoded.columns() || r.getHeight() != decoded.rows()
                        || r.getNumBands() != decoded.samples()) {
                    throw RadgateException.badInput("frame " + (f + 1) + " decodes to " + r.getWidth() + "x"
                            + r.getHeight() + "x" + r.getNumBands() + ", but the header describes " + decoded.columns()
                            + "x" + decoded.rows() + "x" + decoded.samples() + " (columns x rows x samples)");
                }
                out.add(DicomPixelFrames.decodedFrame(samples(r), decoded, f + 1));
            }
            return out;
        } finally {
            reader.dispose();
        }
    }

    private static WritableRaster read(ImageReader reader, DicomEncapsulated.Frame frame) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(
                new ByteArrayInputStream(frame.data(), frame.offset(), frame.length()))) {
            // (not cleared afterwards: jai-imageio's setInput(null) throws; the next frame replaces it)
            reader.setInput(in, true, true);
            return reader.read(0).getRaster();
        }
    }

    /**
     * The samples colour-by-pixel, as byte[] or short[]: the raster's own array when it is laid
     * out that way already (the usual case), else {@code getDataElements} over the whole
     * raster, as PixelMed reads them.
     */
    private static Object samples(WritableRaster r) {
        int w = r.getWidth();
        int h = r.getHeight();
        int bands = r.getNumBands();
        DataBuffer buffer = r.getDataBuffer();
        if (r.getParent() == null && r.getSampleModelTranslateX() == 0 && r.getSampleModelTranslateY() == 0
                && r.getSampleModel() instanceof ComponentSampleModel sm && sm.getPixelStride() == bands
                && sm.getScanlineStride() == w * bands && inBandOrder(sm) && buffer.getNumBanks() == 1
                && buffer.getOffset() == 0 && buffer.getSize() == w * h * bands) {
            if (buffer instanceof DataBufferByte b) {
                return b.getData();
            }
            if (buffer instanceof DataBufferUShort u) {
                return u.getData();
            }
            if (buffer instanceof DataBufferShort s) {
                return s.getData();
            }
        }
        return r.getDataElements(0, 0, w, h, null);
    }

    private static boolean inBandOrder(ComponentSampleModel sm) {
        int[] offsets = sm.getBandOffsets();
        int[] banks = sm.getBankIndices();
        for (int b = 0; b < offsets.length; b++) {
            if (offsets[b] != b || banks[b] != 0) {
                return false;
            }
        }
        return true;
    }

    private static ImageReaderSpi provider(DicomTransferSyntax syntax) {
        boolean j2k = syntax == DicomTransferSyntax.JPEG_2000 || syntax == DicomTransferSyntax.JPEG_2000_LOSSLESS;
        ImageReaderSpi spi = j2k ? Providers.JPEG_2000 : Providers.JPEG;
        if (spi == null) {
            throw new RadgateException(ErrorKind.UNSUPPORTED_MEDIA, "transfer syntax "
                    + DicomTransferSyntax.describe(syntax.uid()) + " needs the " + (j2k ? "jai-imageio JPEG 2000"
                    : "TwelveMonkeys JPEG") + " ImageIO plugin, which is not installed");
        }
        return spi;
    }

    /** The two providers, looked up once. */
    private static final class Providers {
        static final ImageReaderSpi JPEG = find(TWELVEMONKEYS_JPEG);
        static final ImageReaderSpi JPEG_2000 = find(JAI_JPEG_2000);

        /**
         * The registered provider of that class. ImageIO registers the class path's plugins when
         * its registry is first used; one only this class's loader sees is registered here, once.
         */
        private static ImageReaderSpi find(String className) {
            IIORegistry registry = IIORegistry.getDefaultInstance();
            ImageReaderSpi spi = registered(registry, className);
            if (spi == null) {
                for (ImageReaderSpi candidate : ServiceLoader.load(ImageReaderSpi.class,
                        DicomImageIoFrames.class.getClassLoader())) {
                    if (candidate.getClass().getName().equals(className)) {
                        registry.registerServiceProvider(candidate, ImageReaderSpi.class);
                        spi = registered(registry, className);
                        break;
                    }
                }
            }
            return spi;
        }

        private static ImageReaderSpi registered(IIORegistry registry, String className) {
            for (Iterator<ImageReaderSpi> it = registry.getServiceProviders(ImageReaderSpi.class, false);
                 it.hasNext(); ) {
                ImageReaderSpi spi = it.next();
                if (spi.getClass().getName().equals(className)) {
                    return spi;
                }
            }
            return null;
        }
    }
}
