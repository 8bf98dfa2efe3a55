package io.radgate.imaging;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG, JPEG, TIFF and BMP files through ImageIO (the JDK's PNG and BMP readers,
 * TwelveMonkeys' JPEG and TIFF readers) into an {@link ImageFile}.
 *
 * <p>Decompression-bomb guard: the format is sniffed from the magic bytes, then width,
 * height and bands are read from the header ({@link ImageReader#getWidth} and friends read
 * only the header) and checked against {@code imaging.max-dimension} and
 * {@code imaging.max-pixels} (width × height × channels) BEFORE any pixel memory exists;
 * exceeding either is TOO_LARGE. Input is kept in memory ({@link MemoryCacheImageInputStream}):
 * ImageIO's default stream for an InputStream would cache it in a temporary file.
 *
 * <p>BLOCKING: decodes on the calling thread. Run it on a worker thread, never on a Vert.x
 * event loop.
 */
public final class ImageFileReader {
    private final ImagingLimits limits;

    public ImageFileReader(ImagingLimits limits) {
        this.limits = limits;
    }

    /** Reads at most {@code imaging.max-file-bytes} from {@code in} (TOO_LARGE beyond) and decodes them. */
    public ImageFile read(InputStream in) throws IOException {
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxFileBytes() + 1));
        return read(data);
    }

    /**
     * Decodes {@code data}.
     *
     * @throws RadgateException UNSUPPORTED_MEDIA (not PNG/JPEG/TIFF/BMP, naming what it looks
     *                          like, or an unsupported sample type), TOO_LARGE (bytes,
     *                          dimensions or pixels over the limits), BAD_INPUT (corrupt)
     */
    public ImageFile read(byte[] data) {
        ImageFileFormat format = checkSizeAndSniff(data);
        return decode(format, data, reader -> {
            BufferedImage image = reader.read(0, reader.getDefaultReadParam());
            Raster raster = ImageFileRasters.toRaster(image);
            return new ImageFile(format, raster, ImageFileHeaders.orientation(format, data),
                    image.getColorModel().isAlphaPremultiplied() && raster.channels() > 2);
        });
    }

    ImageFileFormat checkSizeAndSniff(byte[] data) {
        if (data.length > limits.maxFileBytes()) {
            throw new RadgateException(ErrorKind.TOO_LARGE, "the image is larger than " + limits.maxFileBytes()
                    + " bytes (" + ImagingLimits.MAX_FILE_BYTES + ")");
        }
        return ImageFileFormat.require(data);
    }

    /** What to do with a reader whose input is set and whose header passed the limits. */
    interface Decoding<T> {
        T decode(ImageReader reader) throws IOException;
    }

    /** Opens the right reader on {@code data}, checks the header against the limits, then runs {@code decoding}. */
    <T> T decode(ImageFileFormat format, byte[] data, Decoding<T> decoding) {
        ImageReader reader = readerFor(format);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            checkHeader(format, reader);
            return decoding.decode(reader);
        } catch (RadgateException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // decoders signal damaged data with IIOException but also with assorted runtime exceptions
            throw RadgateException.badInput("corrupt or truncated " + format + " image (" + e.getMessage() + ")");
        } finally {
            reader.dispose();
        }
    }

    private void checkHeader(ImageFileFormat format, ImageReader reader) throws IOException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0) {
            throw RadgateException.badInput(format + " header gives an empty image (" + width + "x" + height + ")");
        }
        if (width > limits.maxDimension() || height > limits.maxDimension()) {
            throw new RadgateException(ErrorKind.TOO_LARGE, format + " image is " + width + "x" + height
                    + "; the largest side allowed is " + limits.maxDimension() + " (" + ImagingLimits.MAX_DIMENSION + ")");
        }
        int channels = channelsOf(reader);
        long bytes = (long) width * height * channels * bytesPerSample(reader);
        if (bytes > limits.maxDecodedBytes()) {
            throw new RadgateException(ErrorKind.TOO_LARGE, format + " image is " + width + "x" + height + " with "
                    + channels + " channel(s): " + bytes + " bytes decoded, more than " + limits.maxDecodedBytes()
                    + " (" + ImagingLimits.MAX_DECODED_BYTES + ")");
        }
        DecodeAllowance.claim(bytes, "a " + format + " image of " + width + "x" + height);
    }

    /** Bytes of one decoded sample (2 for 16-bit images), 1 when the header does not say. */
    private static int bytesPerSample(ImageReader reader) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null || type.getColorModel() instanceof IndexColorModel) {
            return 1;
        }
        int bits = java.awt.image.DataBuffer.getDataTypeSize(type.getSampleModel().getTransferType());
        return Math.max(1, Math.min(4, bits / 8));
    }

    /** Channels the decoded raster will have; palettes count as their expansion, unknown as 4. */
    private static int channelsOf(ImageReader reader) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            type = types.hasNext() ? types.next() : null;
        }
        if (type == null) {
            return 4;
        }
        if (type.getColorModel() instanceof IndexColorModel icm) {
            return ImageFileRasters.paletteChannels(icm);
        }
        return Math.max(1, Math.min(4, type.getNumBands()));
    }

    /**
     * TwelveMonkeys for JPEG (CMYK, lossless) and TIFF (jai-imageio's TIFF reader, on the
     * classpath for JPEG 2000, would otherwise win); the first registered reader otherwise.
     */
    private static ImageReader readerFor(ImageFileFormat format) {
        ImageReader first = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format.imageIoName()); it.hasNext(); ) {
            ImageReader candidate = it.next();
            boolean preferred = (format == ImageFileFormat.JPEG || format == ImageFileFormat.TIFF)
                    && candidate.getClass().getName().startsWith("com.twelvemonkeys.");
            if (preferred) {
                if (first != null) {
                    first.dispose();
                }
                return candidate;
            }
            if (first == null) {
                first = candidate;
            } else {
                candidate.dispose();
            }
        }
        if (first == null) {
            throw new RadgateException(ErrorKind.UNSUPPORTED_MEDIA, "no " + format + " decoder is installed");
        }
        return first;
    }
}
