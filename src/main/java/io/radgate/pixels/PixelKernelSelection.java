package io.radgate.pixels;

import java.util.Locale;

/**
 * Which {@link PixelKernels} the steps use, chosen by the system property
 * {@value #PROPERTY}:
 * <ul>
 *   <li>{@code java} (the default): {@link JavaPixelKernels};</li>
 *   <li>{@code nd4j}: the ND4J kernels; an error when they are not on the class path (a build
 *       without the {@code nd4j} profile);</li>
 *   <li>{@code auto}: ND4J when on the class path, else plain Java.</li>
 * </ul>
 * The ND4J class is loaded by name, so builds without ND4J neither compile nor load it.
 */
public final class PixelKernelSelection {
    public static final String PROPERTY = "radgate.pixels.kernels";
    static final String ND4J_CLASS = "io.radgate.pixels.Nd4jPixelKernels";

    private PixelKernelSelection() {
    }

    /** The kernels named by {@value #PROPERTY} (read on every call; ND4J is created once). */
    public static PixelKernels selected() {
        return forName(System.getProperty(PROPERTY, "java"));
    }

    /** The kernels for {@code java}, {@code nd4j} or {@code auto}. */
    public static PixelKernels forName(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "java":
                return JavaPixelKernels.INSTANCE;
            case "nd4j":
                PixelKernels nd4j = Nd4jHolder.INSTANCE;
                if (nd4j == null) {
                    throw new IllegalStateException(PROPERTY + "=nd4j, but the ND4J kernels are not on the class path"
                            + " (build with -Pnd4j)" + Nd4jHolder.reason());
                }
                return nd4j;
            case "auto":
                return Nd4jHolder.INSTANCE != null ? Nd4jHolder.INSTANCE : JavaPixelKernels.INSTANCE;
            default:
                throw new IllegalArgumentException(PROPERTY + " must be java, nd4j or auto, not '" + name + "'");
        }
    }

    /** Whether the ND4J kernels are on the class path and their native backend loaded. */
    public static boolean nd4jAvailable() {
        return Nd4jHolder.INSTANCE != null;
    }

    /** Loads the ND4J kernels once, on first use. */
    private static final class Nd4jHolder {
        private static Throwable failure;
        static final PixelKernels INSTANCE = load();

        private static PixelKernels load() {
            try {
                return (PixelKernels) Class.forName(ND4J_CLASS).getConstructor().newInstance();
            } catch (ClassNotFoundException e) {
                return null;
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                failure = e;
                return null;
            }
        }

        static String reason() {
            return failure == null ? "" : ": " + failure;
        }
    }
}
