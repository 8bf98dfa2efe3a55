/**
 * The Arterys "Inference model integration SDK" protocol (PROTOCOLS.md §1), translated whole:
 * request framing, command dispatch, response framing and hashes. Uses {@code core},
 * {@code imaging} types, {@code http} and {@code config}; never {@code triton} or another
 * protocol.
 *
 * <p>Decisions where the original leaves room (also in the closing note of issue 4):
 * <ul>
 *   <li>The request body is bounded by {@code limits.max-body-bytes} (413), then read part by
 *       part by mime4j's MimeTokenStream (strict: a body without its closing delimiter is 400);
 *       each part is bounded by {@code imaging.max-file-bytes}.</li>
 *   <li>A part is DICOM when declared {@code application/dicom} or when it carries the DICM
 *       preamble; other parts (attachments) are skipped for inference but hashed. No DICOM at
 *       all is 400. A DICOM part that cannot be decoded is the imaging core's 4xx.</li>
 *   <li>{@code inference_command} is matched case-insensitively; an unknown one is 400 naming
 *       it and the known ones. {@code get-probability-mask} runs the configured default when that
 *       is a mask command (2D or 3D), else 2D. The default, {@code get-probability-mask}, means
 *       the SDK test tool's own rule: 3D when every image has an ImagePositionPatient, else 2D
 *       (run.py draws per-image masks only for images without positions; it fails on 2D masks
 *       for a positioned series).</li>
 *   <li>Boxes: {@code top_left}/{@code bottom_right} are [column, row], both INCLUSIVE pixel
 *       indices of the original image; {@code label} is {@code class_<index>} of the detector
 *       (the core does not expose a detector's label file); {@code probability} is its score;
 *       {@code frame_number} only for multi-frame instances.</li>
 *   <li>2D masks: one part per frame, always (also when empty: the SDK's own test expects one
 *       mask per input file); {@code label} is the model name.</li>
 *   <li>3D masks: one part per series (SliceOrder: spatial order, timepoints time-major), uint8
 *       column-row-slice-timepoint; slices of different sizes or timepoints of different depth
 *       are 422.</li>
 *   <li>Classification: every frame classified; {@code study_ml_json} and each
 *       {@code series_ml_json[<SeriesInstanceUID>]} hold {@code model}, best {@code label}, its
 *       {@code score} and the mean {@code scores} per class.</li>
 *   <li>Response boundary: 32 hex characters, unquoted; not the original's {@code b'<hex>'}.
 *       Errors are {@code text/plain} with the message as body; ping and healthcheck are
 *       {@code text/html; charset=utf-8} as Flask sends them. {@code /healthcheck} is 200
 *       {@code READY} only when Triton and every Arterys model are ready, else 200
 *       {@code NOT READY: <reasons>}.</li>
 *   <li>Request options ({@code -R key=value}: every key of the request JSON except the
 *       client's own studyUID, inference_command, depth, height, width, request, route,
 *       studyPath) reach the model as its INPUT_JSON_PARAMS object, numeric strings as numbers
 *       and true/false as booleans (the client sends every option as a string). The
 *       classifier route takes none.</li>
 * </ul>
 */
package io.radgate.protocol.arterys;
