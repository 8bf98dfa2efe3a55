package io.radgate.imaging;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.InflaterInputStream;

/**
 * Reads one DICOM file into an {@link Instance}: the tags through PixelMed; pixel data in the
 * JVM by PixelMed for native, deflated and RLE data, by the TwelveMonkeys JPEG and jai-imageio
 * JPEG 2000 ImageIO readers ({@link DicomImageIoFrames}, on frames cut by
 * {@link DicomEncapsulated}) for JPEG baseline, 8-bit extended and lossless and JPEG 2000; by
 * dcmtk in a child process ({@link NativeDicomDecoder}) for JPEG-LS and 12-bit JPEG.
 *
 * <p>Every input is bounded by {@link ImagingLimits}: file bytes, then rows/columns, frames
 * and pixels, all checked from the header BEFORE pixel memory is allocated ({@code TOO_LARGE},
 * 413). What goes wrong is typed: not DICOM, truncated, pixel data shorter than the header
 * promises, no frames decoded → {@code BAD_INPUT} (400); unsupported transfer syntax or pixel
 * format → {@code UNSUPPORTED_MEDIA} (415) naming it; a native decode that times out →
 * {@code UNPROCESSABLE} (422). Messages never carry tag values other than UIDs and geometry.
 *
 * <p>BLOCKING (CPU-heavy decoding, and a child process for some syntaxes): call from worker
 * threads, never from an event-loop thread. Instances of this class are thread-safe.
 */
public final class DicomReader {
    private final ImagingLimits limits;
    private final NativeDicomDecoder nativeDecoder;

    public DicomReader(ImagingLimits limits) {
        this(limits, new NativeDicomDecoder(limits.nativeDecoderTimeout()));
    }

    public DicomReader(ImagingLimits limits, NativeDicomDecoder nativeDecoder) {
        this.limits = limits;
        this.nativeDecoder = nativeDecoder;
    }

    /** Reads a whole file from {@code in}, refusing more than {@code maxFileBytes} (TOO_LARGE). Does not close {@code in}. */
    public Instance read(InputStream in) {
        return read(readBounded(in, limits.maxFileBytes()));
    }

    /** Decodes a whole DICOM file held in memory. */
    public Instance read(byte[] file) {
        return read(file, Mode.PIXELS);
    }

    /** Reads only the tags (no pixel decoding; frames empty): enough to group and order a series first. */
    public Instance readHeader(byte[] file) {
        return read(file, Mode.HEADER);
    }

    /**
     * Reads only the tags, like {@link #readHeader}, and also checks without decoding that the
     * pixel data is all there: a native Pixel Data element holds every frame, an encapsulated one
     * has its items up to the delimiter (a deflated dataset has no such offsets: it is inflated
     * and read through). A file without image pixel data is BAD_INPUT too. For
     * deciding which files count as slices before any is decoded (CT-CLIP's series selection).
     */
    public Instance readHeaderOfIntactImage(byte[] file) {
        return read(file, Mode.INTACT_HEADER);
    }

    private static final String NO_INTACT_PIXEL_DATA = "DICOM file has no image pixel data (it may be truncated)";

    /** How much of a file {@link #read(byte[], Mode)} reads. */
    private enum Mode {
        /** Tags only. */
        HEADER,
        /** Tags, and proof without decoding that every frame's pixel data is there. */
        INTACT_HEADER,
        /** Tags and decoded frames. */
        PIXELS
    }

    private Instance read(byte[] file, Mode mode) {
        boolean withPixels = mode == Mode.PIXELS;
        if (file.length > limits.maxFileBytes()) {
            throw tooLarge("file is " + file.length + " bytes, over the limit of " + limits.maxFileBytes());
        }
        boolean preamble = DicomFileCheck.hasPreamble(file);
        if (!preamble && !DicomFileCheck.looksLikeBareDataset(file)) {
            throw RadgateException.badInput("not a DICOM file (no DICM preamble, and not a bare DICOM dataset)");
        }
        // lengths and nesting depth checked before PixelMed trusts them (what a header read parses)
        DicomStructure.check(file, true, limits.maxFileBytes());
        Header header = readHeaderList(file, preamble);
        DicomPixelFrames.Layout layout = DicomPixelFrames.layout(header.list);
        String tsUid = header.transferSyntaxUid;
        DicomTransferSyntax syntax = DicomTransferSyntax.byUid(tsUid);
        if (syntax == null || syntax.route() == DicomTransferSyntax.Route.UNSUPPORTED) {
            throw new RadgateException(ErrorKind.UNSUPPORTED_MEDIA,
                    "transfer syntax " + DicomTransferSyntax.describe(tsUid) + " is not supported");
        }
        if (preamble && DicomValues.singleString(header.list, TagFromName.TransferSyntaxUID) == null) {
            throw RadgateException.badInput("not a DICOM file (DICM preamble, but no File Meta Information with a "
                    + "Transfer Syntax UID)");
        }
        if (layout == null) {
            if (mode == Mode.INTACT_HEADER) {
                throw RadgateException.badInput(NO_INTACT_PIXEL_DATA);
            }
            if (withPixels) {
                throw RadgateException.badInput("DICOM file has no image pixel data (no Rows, Columns or Pixel Data;"
                        + " it may be truncated)");
            }
            return DicomInstances.from(header.list, tsUid, null, List.of());
        }
        if (header.pixelDataOffset < 0 && withPixels) {
            throw RadgateException.badInput("DICOM file is truncated: it ends before its Pixel Data");
        }
        checkLimits(layout);
        if (mode == Mode.INTACT_HEADER) {
            if (header.pixelDataOffset < 0) {
                throw RadgateException.badInput(NO_INTACT_PIXEL_DATA);
            }
            checkPixelDataIntact(file, header, syntax, layout);
        }
        if (mode != Mode.PIXELS) {
            return DicomInstances.from(header.list, tsUid, layout.format(), List.of());
        }
        if (syntax.isNative()) {
            checkNativePixelLength(file, header, syntax, layout); // names a short Pixel Data first
        }
        DicomStructure.check(file, false, limits.maxFileBytes()); // and what follows Pixel Data
        DecodeAllowance.claim(decodedBytes(layout), "a DICOM image of " + layout.columns() + "x" + layout.rows()
                + "x" + layout.frames() + " frames");
        boolean dcmtk = syntax.route() == DicomTransferSyntax.Route.DCMTK
                || syntax.route() == DicomTransferSyntax.Route.IMAGEIO_8_BIT_ELSE_DCMTK && layout.bitsStored() > 8;
        if (dcmtk) {
            // The decoded file: this one's header and attributes, plus every frame uncompressed.
            long maxOut = file.length + layout.frames() * layout.frameBytes() + (1 << 20);
            byte[] decoded = nativeDecoder.decode(file, syntax, maxOut);
            Instance inner = readNative(decoded);
            // Report the syntax the client sent, not the intermediate file's.
            return DicomInstances.withTransferSyntax(inner, tsUid);
        }
        if (syntax.route() != DicomTransferSyntax.Route.PIXELMED) {
            return decodeWithImageIo(file, header, syntax, layout);
        }
        return decodeWithPixelMed(file, tsUid, layout);
    }

    private void checkPixelDataIntact(byte[] file, Header header, DicomTransferSyntax syntax,
                                      DicomPixelFrames.Layout layout) {
        if (syntax == DicomTransferSyntax.DEFLATED_LE) {
            // Where Pixel Data sits inside the deflated stream is not known from the header, and
            // the inflated size alone counts header bytes as pixels (a deflated file without Pixel
            // Data passed): inflate (bounded first) and read it through. Deflated files are rare.
            checkNativePixelLength(file, header, syntax, layout);
            decodeWithPixelMed(file, header.transferSyntaxUid, layout);
        } else if (syntax.isNative()) {
            checkNativePixelLength(file, header, syntax, layout);
        } else {
            DicomEncapsulated.frames(file, (int) header.pixelDataOffset, layout.frames(), header.transferSyntaxUid);
        }
    }

    /**
     * JPEG and JPEG 2000: the frames are cut from the file's bytes and decoded by the ImageIO
     * readers PixelMed would use, without its per-file plugin scan; the tags are the header's.
     */
    private Instance decodeWithImageIo(byte[] file, Header header, DicomTransferSyntax syntax,
                                       DicomPixelFrames.Layout layout) {
        String tsUid = header.transferSyntaxUid;
        List<DicomEncapsulated.Frame> compressed = DicomEncapsulated.frames(file, (int) header.pixelDataOffset,
                layout.frames(), tsUid);
        DicomPixelFrames.Layout decoded = DicomImageIoFrames.decodedLayout(layout, syntax);
        List<Raster> frames;
        try {
            frames = DicomQuiet.call(() -> DicomImageIoFrames.decode(compressed, syntax, decoded));
        } catch (OutOfMemoryError e) {
            throw new RadgateException(ErrorKind.UNAVAILABLE, "not enough memory to decode this DICOM file now");
        } catch (VirtualMachineError | LinkageError e) {
            throw e;
        } catch (Exception | Error e) {
            // jj2000 (inside jai-imageio) throws plain Errors on some corrupt codestreams
            throw decodeFailure(e, tsUid);
        }
        return DicomInstances.from(header.list, tsUid, decoded.format(), frames);
    }

    /** The file dcmtk wrote: explicit VR little endian, decoded in Java. */
    private Instance readNative(byte[] file) {
        Header header = readHeaderList(file, DicomFileCheck.hasPreamble(file));
        DicomPixelFrames.Layout layout = DicomPixelFrames.layout(header.list);
        DicomTransferSyntax syntax = DicomTransferSyntax.byUid(header.transferSyntaxUid);
        if (layout == null || syntax == null || !syntax.isNative()) {
            throw RadgateException.badInput("native decoder produced no readable pixel data");
        }
        checkLimits(layout);
        checkNativePixelLength(file, header, syntax, layout);
        return decodeWithPixelMed(file, header.transferSyntaxUid, layout);
    }

    private Instance decodeWithPixelMed(byte[] file, String tsUid, DicomPixelFrames.Layout layout) {
        AttributeList list = new AttributeList();
        try {
            DicomQuiet.call(() -> {
                list.read(new DicomInputStream(new ByteArrayInputStream(file)));
                list.correctDecompressedImagePixelModule();
                return null;
            });
        } catch (OutOfMemoryError e) {
            throw new RadgateException(ErrorKind.UNAVAILABLE, "not enough memory to decode this DICOM file now");
        } catch (StackOverflowError e) {
            throw tooDeep();
        } catch (Exception e) {
            throw decodeFailure(e, tsUid);
        }
        DicomPixelFrames.Layout decoded = DicomPixelFrames.layout(list);
        if (decoded == null) {
            throw RadgateException.badInput("no pixel data decoded from transfer syntax "
                    + DicomTransferSyntax.describe(tsUid) + ": expected " + layout.frames() + " frame(s) of "
                    + layout.columns() + "x" + layout.rows() + "; the pixel data is missing, truncated or undecodable");
        }
        List<Raster> frames = DicomPixelFrames.frames(list, decoded, tsUid);
        return DicomInstances.from(list, tsUid, decoded.format(), frames);
    }

    /**
     * Native syntaxes: the Pixel Data length field must fit in the file and hold every frame;
     * checked on the raw bytes so that PixelMed never allocates for a lying length.
     */
    private void checkNativePixelLength(byte[] file, Header header, DicomTransferSyntax syntax,
                                        DicomPixelFrames.Layout layout) {
        long maxInflated = limits.maxFileBytes();
        long expected = layout.frames() * layout.frameBytes();
        long length;
        long available;
        if (syntax == DicomTransferSyntax.DEFLATED_LE) {
            // Offsets inside the deflated stream are not known here: bound the inflated size
            // (a deflate bomb is TOO_LARGE) and require room for every frame.
            long inflated = inflatedDatasetSize(file, header.datasetStart, maxInflated + 1);
            if (inflated > maxInflated) {
                throw tooLarge("deflated dataset inflates to more than " + maxInflated + " bytes");
            }
            available = inflated;
            length = inflated;
        } else {
            boolean bigEndian = syntax == DicomTransferSyntax.EXPLICIT_BE;
            boolean explicit = syntax != DicomTransferSyntax.IMPLICIT_LE;
            int at = (int) header.pixelDataOffset;
            length = DicomFileCheck.pixelDataLength(file, at, explicit, bigEndian);
            if (length < 0) {
                throw RadgateException.badInput("DICOM file is truncated: no Pixel Data element after the header");
            }
            available = file.length - at - (explicit ? 12 : 8);
            if (length == 0xFFFFFFFFL) {
                throw RadgateException.badInput("native transfer syntax " + DicomTransferSyntax.describe(syntax.uid())
                        + " with encapsulated (undefined length) pixel data");
            }
        }
        if (length > available) {
            throw RadgateException.badInput("DICOM file is truncated: Pixel Data declares " + length
                    + " bytes but only " + Math.max(0, available) + " follow");
        }
        if (length < expected) {
            throw RadgateException.badInput("pixel data is too short: " + length + " bytes, expected " + expected
                    + " (" + layout.rows() + " rows x " + layout.columns() + " columns x " + layout.samples()
                    + " samples x " + layout.frames() + " frames x " + layout.bitsAllocated() / 8 + " bytes)");
        }
    }

    /** The size of a deflated dataset once inflated, counting at most {@code enough} bytes. */
    private static long inflatedDatasetSize(byte[] file, long datasetStart, long enough) {
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(file, (int) datasetStart,
                file.length - (int) datasetStart), new java.util.zip.Inflater(true))) {
            long total = 0;
            byte[] buf = new byte[1 << 16];
            int n;
            while (total < enough && (n = in.read(buf)) > 0) {
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw RadgateException.badInput("deflated DICOM dataset is corrupt or truncated");
        }
    }

    private void checkLimits(DicomPixelFrames.Layout layout) {
        if (layout.rows() > limits.maxDimension() || layout.columns() > limits.maxDimension()) {
            throw tooLarge("image is " + layout.columns() + "x" + layout.rows() + ", over the limit of "
                    + limits.maxDimension() + " pixels a side");
        }
        if (layout.frames() > limits.maxFrames()) {
            throw tooLarge("image has " + layout.frames() + " frames, over the limit of " + limits.maxFrames());
        }
        long bytes = decodedBytes(layout);
        if (bytes > limits.maxDecodedBytes()) {
            throw tooLarge("image decodes to " + bytes + " bytes (" + layout.columns() + "x" + layout.rows() + "x"
                    + layout.frames() + " frames x " + layout.samples() + " samples x " + layout.bitsAllocated() / 8
                    + " bytes), over the limit of " + limits.maxDecodedBytes() + " ("
                    + ImagingLimits.MAX_DECODED_BYTES + ")");
        }
    }

    /** Bytes of the decoded samples: what the decoder and radgate's frames hold. */
    private static long decodedBytes(DicomPixelFrames.Layout layout) {
        return layout.frames() * layout.frameSamples() * Math.max(1, layout.bitsAllocated() / 8);
    }

    private record Header(AttributeList list, String transferSyntaxUid, long datasetStart, long pixelDataOffset) {
    }

    /** Reads every tag up to (not including) Pixel Data. */
    private static Header readHeaderList(byte[] file, boolean preamble) {
        AttributeList list = new AttributeList();
        try {
            return DicomQuiet.call(() -> {
                DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(file));
                long stoppedAt = list.read(in, TagFromName.PixelData);
                TransferSyntax ts = in.getTransferSyntaxToReadDataSet();
                String uid = DicomValues.singleString(list, TagFromName.TransferSyntaxUID);
                if (uid == null) {
                    uid = ts == null ? TransferSyntax.ImplicitVRLittleEndian : ts.getUID();
                }
                // read() stops having read the Pixel Data tag (4 bytes); -1 when the file has none
                long pixelDataOffset = list.get(TagFromName.PixelData) == null && stoppedAt >= 4 ? stoppedAt - 4 : -1;
                boolean deflated = TransferSyntax.DeflatedExplicitVRLittleEndian.equals(uid);
                boolean bigEndian = TransferSyntax.ExplicitVRBigEndian.equals(uid);
                if (!deflated && pixelDataOffset >= 0
                        && !DicomFileCheck.isPixelDataTagAt(file, (int) pixelDataOffset, bigEndian)) {
                    pixelDataOffset = -1; // the stream ended before Pixel Data
                }
                return new Header(list, uid, metaEnd(list, preamble), pixelDataOffset);
            });
        } catch (OutOfMemoryError e) {
            // A length field claiming gigabytes before Pixel Data: the failed allocation held nothing.
            throw RadgateException.badInput("DICOM header declares an element too large to read");
        } catch (StackOverflowError e) {
            throw tooDeep();
        } catch (Exception e) {
            if (e instanceof RadgateException r) {
                throw r;
            }
            if (e instanceof EOFException || e.getCause() instanceof EOFException) {
                throw RadgateException.badInput("DICOM file is truncated (it ends inside its header)");
            }
            throw RadgateException.badInput("not a DICOM file (its header cannot be parsed)");
        }
    }

    /** Where the dataset starts: after the preamble and the meta header (whose group length says how long it is). */
    private static long metaEnd(AttributeList list, boolean preamble) {
        if (!preamble) {
            return 0;
        }
        long groupLength = DicomValues.integer(list, TagFromName.FileMetaInformationGroupLength, -1);
        return groupLength < 0 ? DicomFileCheck.PREAMBLE + 4 : DicomFileCheck.PREAMBLE + 4 + 12 + groupLength;
    }

    private static RadgateException decodeFailure(Throwable e, String tsUid) {
        if (e instanceof RadgateException r) {
            return r;
        }
        if (e instanceof EOFException || e.getCause() instanceof EOFException) {
            return RadgateException.badInput("DICOM file is truncated: pixel data in transfer syntax "
                    + DicomTransferSyntax.describe(tsUid) + " ends early");
        }
        return RadgateException.badInput("pixel data in transfer syntax " + DicomTransferSyntax.describe(tsUid)
                + " is corrupt and cannot be decoded");
    }

    /** PixelMed recursed out of stack on nesting {@link DicomStructure} could not see (a last resort). */
    private static RadgateException tooDeep() {
        return RadgateException.badInput("DICOM sequences are nested too deeply to read");
    }

    private static RadgateException tooLarge(String message) {
        return new RadgateException(ErrorKind.TOO_LARGE, message);
    }

    static byte[] readBounded(InputStream in, long max) {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw tooLarge("file is over the limit of " + max + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw RadgateException.badInput("could not read the DICOM upload: " + e.getMessage());
        }
    }
}
