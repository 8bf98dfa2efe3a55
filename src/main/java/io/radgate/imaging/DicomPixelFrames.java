package io.radgate.imaging;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns decoded Pixel Data (PixelMed's, or the frames {@link DicomImageIoFrames} decoded) into
 * one {@link Raster} per frame: stored values exactly, interleaved, so that a value means the
 * same whichever codec produced it. Bits above BitsStored
 * are filled with the sign for signed data; for unsigned data they are cleared in native syntaxes
 * (where they may hold retired overlay bits) and the value is clamped to the BitsStored range in
 * compressed ones (a lossy decoder can overshoot, for example gdcm codes 12-bit JPEG 2000 at
 * 16-bit precision, and masking would wrap an overshoot to a dark pixel).
 */
final class DicomPixelFrames {
    private DicomPixelFrames() {
    }

    /** The Image Pixel module as read from the tags. */
    record Layout(int rows, int columns, int samples, int bitsAllocated, int bitsStored, int pixelRepresentation,
                  String photometric, int planar, int frames) {
        long frameSamples() {
            return (long) rows * columns * samples;
        }

        long frameBytes() {
            return frameSamples() * (bitsAllocated / 8);
        }

        InstancePixelFormat format() {
            return new InstancePixelFormat(rows, columns, samples, bitsAllocated, bitsStored, pixelRepresentation,
                    photometric, planar, frames);
        }
    }

    /**
     * The pixel layout the tags describe; null when the file has no image (Rows or Columns
     * absent). Formats radgate cannot hold are refused here, before any pixel is decoded.
     */
    static Layout layout(AttributeList list) {
        int rows = DicomValues.integer(list, TagFromName.Rows, 0);
        int columns = DicomValues.integer(list, TagFromName.Columns, 0);
        if (rows <= 0 || columns <= 0) {
            return null;
        }
        int samples = DicomValues.integer(list, TagFromName.SamplesPerPixel, 1);
        int bitsAllocated = DicomValues.integer(list, TagFromName.BitsAllocated, 0);
        int bitsStored = DicomValues.integer(list, TagFromName.BitsStored, bitsAllocated);
        int pixelRepresentation = DicomValues.integer(list, TagFromName.PixelRepresentation, 0);
        String photometric = DicomValues.singleString(list, TagFromName.PhotometricInterpretation);
        int planar = DicomValues.integer(list, TagFromName.PlanarConfiguration, 0);
        int frames = DicomValues.integer(list, TagFromName.NumberOfFrames, 1);
        if (bitsAllocated != 8 && bitsAllocated != 16) {
            throw new RadgateException(ErrorKind.UNSUPPORTED_MEDIA, "BitsAllocated " + bitsAllocated
                    + " is not supported (radgate reads 8- and 16-bit pixel data)");
        }
        if (samples != 1 && samples != 3) {
            throw new RadgateException(ErrorKind.UNSUPPORTED_MEDIA, "SamplesPerPixel " + samples
                    + " is not supported (1 or 3)");
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw RadgateException.badInput("BitsStored " + bitsStored + " does not fit BitsAllocated " + bitsAllocated);
        }
        if (pixelRepresentation != 0 && pixelRepresentation != 1) {
            throw RadgateException.badInput("PixelRepresentation " + pixelRepresentation + " is neither 0 nor 1");
        }
        if (frames < 1) {
            throw RadgateException.badInput("NumberOfFrames " + frames + " is not positive");
        }
        if (photometric == null) {
            photometric = samples == 1 ? "MONOCHROME2" : "RGB";
        }
        return new Layout(rows, columns, samples, bitsAllocated, bitsStored, pixelRepresentation, photometric, planar,
                frames);
    }

    /** Splits decoded Pixel Data into frames, numbered from 1 by their position in the list. */
    static List<Raster> frames(AttributeList list, Layout l, String tsUid) {
        Attribute px = list.getPixelData();
        if (px == null) {
            throw noPixels(l, tsUid);
        }
        int frameSamples = Math.toIntExact(l.frameSamples());
        long needed = (long) frameSamples * l.frames();
        boolean bytes = "OB".equals(px.getVRAsString());
        DicomTransferSyntax syntax = DicomTransferSyntax.byUid(tsUid);
        boolean clamp = syntax != null && !syntax.isNative();
        List<Raster> out = new ArrayList<>(l.frames());
        try {
            if (l.bitsAllocated() == 8) {
                byte[] all = bytes ? px.getByteValues() : unpackWordsLittleEndian(px.getShortValues());
                checkLength(all == null ? 0 : all.length, needed, l, tsUid);
                for (int f = 0; f < l.frames(); f++) {
                    byte[] frame = new byte[frameSamples];
                    System.arraycopy(all, f * frameSamples, frame, 0, frameSamples);
                    out.add(raster8(interleave(frame, l), l, clamp));
                }
            } else {
                short[] all = bytes ? packBytesLittleEndian(px.getByteValues()) : px.getShortValues();
                checkLength(all == null ? 0 : all.length, needed, l, tsUid);
                for (int f = 0; f < l.frames(); f++) {
                    short[] frame = new short[frameSamples];
                    System.arraycopy(all, f * frameSamples, frame, 0, frameSamples);
                    out.add(raster16(interleave(frame, l), l, clamp));
                }
            }
        } catch (DicomException e) {
            throw RadgateException.badInput("pixel data in transfer syntax " + DicomTransferSyntax.describe(tsUid)
                    + " cannot be read as " + l.bitsAllocated() + "-bit samples");
        }
        return out;
    }

    /**
     * One frame as a codec decoded it (colour-by-pixel; byte[] or short[] samples, the array is
     * reused) to stored values, bits above BitsStored handled as for every compressed syntax.
     */
    static Raster decodedFrame(Object samples, Layout l, int frameNumber) {
        int n = Math.toIntExact(l.frameSamples());
        if (samples instanceof byte[] b && b.length == n) {
            if (l.bitsAllocated() == 8) {
                return raster8(b, l, true);
            }
            short[] wide = new short[n];
            for (int i = 0; i < n; i++) {
                wide[i] = (short) (b[i] & 0xFF);
            }
            return raster16(wide, l, true);
        }
        if (samples instanceof short[] s && s.length == n && l.bitsAllocated() == 16) {
            return raster16(s, l, true);
        }
        String got = samples instanceof byte[] b ? b.length + " 8-bit samples"
                : samples instanceof short[] s ? s.length + " 16-bit samples" : "samples of an unsupported type";
        throw RadgateException.badInput("frame " + frameNumber + " decodes to " + got + ", expected " + n + " "
                + l.bitsAllocated() + "-bit samples (" + l.rows() + " rows x " + l.columns() + " columns x "
                + l.samples() + " samples)");
    }

    private static void checkLength(long got, long needed, Layout l, String tsUid) {
        if (got == 0) {
            throw noPixels(l, tsUid);
        }
        if (got < needed) {
            int bytesPer = l.bitsAllocated() / 8;
            throw RadgateException.badInput("pixel data is too short: " + got * bytesPer + " bytes decoded, expected "
                    + needed * bytesPer + " (" + l.rows() + " rows x " + l.columns() + " columns x " + l.samples()
                    + " samples x " + l.frames() + " frames x " + bytesPer + " bytes)");
        }
    }

    private static RadgateException noPixels(Layout l, String tsUid) {
        return RadgateException.badInput("no pixel data decoded from transfer syntax "
                + DicomTransferSyntax.describe(tsUid) + ": expected " + l.frames() + " frame(s) of " + l.columns()
                + "x" + l.rows() + "; the pixel data is missing, truncated or undecodable");
    }

    private static Raster raster8(byte[] frame, Layout l, boolean clamp) {
        if (l.pixelRepresentation() == 1) {
            short[] wide = new short[frame.length];
            int shift = 32 - l.bitsStored();
            for (int i = 0; i < frame.length; i++) {
                wide[i] = (short) ((frame[i] & 0xFF) << shift >> shift);
            }
            return Raster.s16(l.columns(), l.rows(), l.samples(), wide);
        }
        if (l.bitsStored() < 8) {
            int max = (1 << l.bitsStored()) - 1;
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (byte) (clamp ? Math.min(frame[i] & 0xFF, max) : frame[i] & max);
            }
        }
        return Raster.u8(l.columns(), l.rows(), l.samples(), frame);
    }

    private static Raster raster16(short[] frame, Layout l, boolean clamp) {
        if (l.bitsStored() < 16) {
            if (l.pixelRepresentation() == 1) {
                int shift = 32 - l.bitsStored();
                for (int i = 0; i < frame.length; i++) {
                    frame[i] = (short) (frame[i] << shift >> shift);
                }
            } else {
                int max = (1 << l.bitsStored()) - 1;
                for (int i = 0; i < frame.length; i++) {
                    frame[i] = (short) (clamp ? Math.min(frame[i] & 0xFFFF, max) : frame[i] & max);
                }
            }
        }
        return l.pixelRepresentation() == 1 ? Raster.s16(l.columns(), l.rows(), l.samples(), frame)
                : Raster.u16(l.columns(), l.rows(), l.samples(), frame);
    }

    /** Colour-by-plane (PlanarConfiguration 1) to colour-by-pixel. */
    private static byte[] interleave(byte[] frame, Layout l) {
        if (l.samples() == 1 || l.planar() != 1) {
            return frame;
        }
        int plane = l.rows() * l.columns();
        byte[] out = new byte[frame.length];
        for (int s = 0; s < l.samples(); s++) {
            for (int p = 0; p < plane; p++) {
                out[p * l.samples() + s] = frame[s * plane + p];
            }
        }
        return out;
    }

    private static short[] interleave(short[] frame, Layout l) {
        if (l.samples() == 1 || l.planar() != 1) {
            return frame;
        }
        int plane = l.rows() * l.columns();
        short[] out = new short[frame.length];
        for (int s = 0; s < l.samples(); s++) {
            for (int p = 0; p < plane; p++) {
                out[p * l.samples() + s] = frame[s * plane + p];
            }
        }
        return out;
    }

    /** 8-bit samples PixelMed holds as OW words (implicit VR files): the low byte comes first. */
    private static byte[] unpackWordsLittleEndian(short[] words) {
        if (words == null) {
            return null;
        }
        byte[] out = new byte[words.length * 2];
        for (int i = 0; i < words.length; i++) {
            out[2 * i] = (byte) words[i];
            out[2 * i + 1] = (byte) (words[i] >> 8);
        }
        return out;
    }

    private static short[] packBytesLittleEndian(byte[] b) {
        if (b == null) {
            return null;
        }
        short[] out = new short[b.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) ((b[2 * i] & 0xFF) | (b[2 * i + 1] & 0xFF) << 8);
        }
        return out;
    }
}
