/**
 * Post-processing: model outputs back onto the ORIGINAL pixels, as protocol-neutral results
 * (masks, contours, components with boxes and points, top-k labels). Protocol adapters render
 * them; nothing here knows a protocol's names or byte layouts beyond "uint8, x fastest".
 *
 * <h2>Coordinates</h2>
 * <ul>
 *   <li><b>Pixel indices</b> for every result a client draws: {@code (x, y)} = (column, row) of a
 *       pixel, so the integer point {@code (x, y)} is that pixel's CENTRE. Contour vertices,
 *       component boxes, centroids and points all use it. This is the convention of
 *       Arterys' {@code [col,row]} boxes, of MD.ai's {@code {x, y}} points and boxes, of
 *       OpenCV's findContours/fillPoly and of scikit-image (which MD.ai's docs recommend): a
 *       client that fills one of our outer rings with {@code cv2.fillPoly} gets back exactly
 *       the pixels of the region.</li>
 *   <li><b>Continuous coordinates</b> only where a {@link io.radgate.pixels.GeometricTransform}
 *       is applied: pixel {@code i} covers {@code [i, i+1)}, its centre is {@code i + 0.5}.
 *       Detector boxes given as {@code x1, y1, x2, y2} edges are continuous too.</li>
 * </ul>
 *
 * <h2>Layout</h2>
 * Masks are uint8 with x fastest, then y, then slice (and timepoints as further slices,
 * t-major): numpy {@code (t, z, y, x)} in C order, which is what Triton's C-order
 * {@code [.., H, W]} outputs already are.
 */
package io.radgate.post;
