package io.radgate.imaging;

import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Decodes the transfer syntaxes PixelMed cannot (JPEG-LS .80/.81, 12-bit JPEG .51) with dcmtk
 * ({@code dcmdjpls}, {@code dcmdjpeg}) in a CHILD PROCESS, never inside radgate's JVM: a native
 * decoder that crashes or hangs on a hostile file takes down only its own process. The child
 * writes explicit VR little endian, which the Java path then reads.
 *
 * <p>BLOCKING: starts a process, writes and reads temporary files and waits up to the timeout.
 * Call it from a worker thread (Vert.x {@code executeBlocking} or a worker verticle), never from
 * an event-loop thread.
 *
 * <ul>
 *   <li>Each call works in its own temporary directory, deleted afterwards whatever happened.
 *   <li>A child still running at the timeout is killed (with any descendants); the file is
 *       blamed: {@link ErrorKind#UNPROCESSABLE} (422) naming the transfer syntax.
 *   <li>A child that fails or crashes: {@link ErrorKind#BAD_INPUT} (400) naming the syntax.
 *       Its output is NOT put in the message or a log (it could echo tag values).
 *   <li>dcmtk not installed: {@link ErrorKind#UNSUPPORTED_MEDIA} (415) naming the syntax and
 *       saying that dcmtk is needed.
 * </ul>
 */
public final class NativeDicomDecoder {
    private final Duration timeout;
    private final List<Path> searchPath;
    private final Path tempRoot;

    /** dcmtk found on PATH, temporary files under java.io.tmpdir. */
    public NativeDicomDecoder(Duration timeout) {
        this(timeout, pathDirectories(), null);
    }

    /**
     * @param timeout    how long one decode may take
     * @param searchPath directories searched for the dcmtk executables
     * @param tempRoot   where per-call temporary directories are made; null for java.io.tmpdir
     */
    public NativeDicomDecoder(Duration timeout, List<Path> searchPath, Path tempRoot) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("native decoder timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        this.searchPath = List.copyOf(searchPath);
        this.tempRoot = tempRoot;
    }

    /** The dcmtk tool that decodes {@code syntax}. */
    static String toolFor(DicomTransferSyntax syntax) {
        return switch (syntax) {
            case JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS -> "dcmdjpls";
            case JPEG_BASELINE, JPEG_EXTENDED, JPEG_LOSSLESS, JPEG_LOSSLESS_SV1 -> "dcmdjpeg";
            default -> throw new IllegalArgumentException("dcmtk is not used for " + syntax.uid());
        };
    }

    /** Whether the tool for {@code syntax} is installed. */
    public boolean available(DicomTransferSyntax syntax) {
        return find(toolFor(syntax)) != null;
    }

    /**
     * Decodes a whole DICOM file in {@code syntax} into an explicit VR little endian file.
     *
     * @param maxOutputBytes the decoded file may not be larger (TOO_LARGE otherwise)
     */
    public byte[] decode(byte[] file, DicomTransferSyntax syntax, long maxOutputBytes) {
        String tool = toolFor(syntax);
        Path exe = find(tool);
        if (exe == null) {
            throw new RadgateException(ErrorKind.UNSUPPORTED_MEDIA, "transfer syntax " + describe(syntax)
                    + " needs dcmtk (" + tool + "), which is not installed on this server");
        }
        Path dir = null;
        try {
            dir = tempRoot == null ? Files.createTempDirectory("radgate-dcmtk")
                    : Files.createTempDirectory(tempRoot, "radgate-dcmtk");
            Path in = dir.resolve("in.dcm");
            Path out = dir.resolve("out.dcm");
            Path log = dir.resolve("child.log");
            Files.write(in, file);
            List<String> cmd = new ArrayList<>(List.of(exe.toString(), "-q", "+te"));
            if (tool.equals("dcmdjpls")) {
                cmd.add("+px"); // always colour-by-pixel
            }
            cmd.add(in.toString());
            cmd.add(out.toString());
            int exit = run(cmd, dir, log, syntax);
            if (exit != 0 || !Files.isRegularFile(out)) {
                throw RadgateException.badInput("pixel data in transfer syntax " + describe(syntax)
                        + " could not be decoded (dcmtk " + tool + " exit " + exit + ")");
            }
            long size = Files.size(out);
            if (size > maxOutputBytes) {
                throw new RadgateException(ErrorKind.TOO_LARGE, "decoded file would be " + size
                        + " bytes, over the limit of " + maxOutputBytes);
            }
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new RadgateException(ErrorKind.UNAVAILABLE, "native decoder I/O failed: " + e.getMessage(), e);
        } finally {
            deleteTree(dir);
        }
    }

    private int run(List<String> cmd, Path dir, Path log, DicomTransferSyntax syntax) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new RadgateException(ErrorKind.UNPROCESSABLE, "decoding pixel data in transfer syntax "
                        + describe(syntax) + " took longer than the limit of " + timeout.toMillis() + " ms");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new RadgateException(ErrorKind.UNAVAILABLE, "interrupted while decoding transfer syntax "
                    + describe(syntax), e);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path find(String tool) {
        for (Path d : searchPath) {
            Path candidate = d.resolve(tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static List<Path> pathDirectories() {
        String path = System.getenv("PATH");
        List<Path> dirs = new ArrayList<>();
        if (path != null) {
            for (String p : path.split(File.pathSeparator)) {
                if (!p.isBlank()) {
                    dirs.add(Path.of(p));
                }
            }
        }
        return dirs;
    }

    private static String describe(DicomTransferSyntax syntax) {
        return syntax.uid() + " (" + syntax.title() + ")";
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a leftover temporary directory is not worth failing the request for.
        }
    }
}
