/**
 * Preprocessing: small pure steps from decoded pixels to model input, each geometric one
 * recording its {@link io.radgate.pixels.GeometricTransform} so results map back onto the
 * original pixels.
 *
 * <p>A 2D slice usually goes: {@link io.radgate.pixels.RgbToGray} (if the model wants gray) →
 * {@link io.radgate.pixels.HounsfieldRescale} (stored values → HU, float) →
 * {@link io.radgate.pixels.ToUint8} (a {@link io.radgate.pixels.VoiWindow} or percentiles) →
 * {@link io.radgate.pixels.Monochrome1#invertU8} (MONOCHROME1 only) →
 * {@link io.radgate.pixels.Letterbox} ({@code fit}, or MedImageParse's {@code padThenResize}).
 * A volume goes through {@link io.radgate.pixels.VolumeResampler} and
 * {@link io.radgate.pixels.CrsPacking}.
 *
 * <p>The arithmetic hot loops sit behind {@link io.radgate.pixels.PixelKernels}: plain Java by
 * default, ND4J with the {@code nd4j} Maven profile, chosen by
 * {@link io.radgate.pixels.PixelKernelSelection}; both give identical bytes.
 */
package io.radgate.pixels;
