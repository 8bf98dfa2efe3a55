"""component_detector: 8-connected components of bright pixels (numpy only).

Components are found on row runs: runs of foreground pixels in each row, runs of
adjacent rows joined when they touch (8-connectivity), then a vectorised union-find.
"""
import json

import numpy as np
import triton_python_backend_utils as pb_utils

DEFAULT_THRESHOLD = 0.5
DEFAULT_MIN_AREA = 4
LARGE_AREA = 64  # label 0 "small" below, 1 "large" from here
MAX_SIDE = 16384


class InputError(ValueError):
    pass


def parse_params(tensor):
    """INPUT_JSON_PARAMS ([1,1] bytes) -> dict; single quotes are accepted."""
    if tensor is None:
        return {}
    values = tensor.as_numpy().reshape(-1)
    if values.size != 1:
        raise InputError(f"INPUT_JSON_PARAMS must hold exactly one string, got {values.size}")
    raw = values[0]
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    if not text.strip():
        return {}
    try:
        params = json.loads(text.replace("'", '"'))
    except ValueError as e:
        raise InputError(f"INPUT_JSON_PARAMS is not valid JSON: {e}") from None
    if not isinstance(params, dict):
        raise InputError("INPUT_JSON_PARAMS must be a JSON object, e.g. {\"threshold\": 0.5}")
    return params


def get_settings(params):
    t = params.get("threshold", DEFAULT_THRESHOLD)
    if isinstance(t, bool) or not isinstance(t, (int, float)) or not 0.0 <= t <= 1.0:
        raise InputError(f"'threshold' must be a number in [0, 1], got {t!r}")
    a = params.get("min_area", DEFAULT_MIN_AREA)
    if isinstance(a, float) and a.is_integer():
        a = int(a)
    if isinstance(a, bool) or not isinstance(a, int) or a < 1:
        raise InputError(f"'min_area' must be an integer >= 1, got {a!r}")
    return float(t), a


def get_image(tensor):
    """IMAGE uint8 [1, H, W] -> 2-D array [H, W]."""
    if tensor is None:
        raise InputError("missing input IMAGE")
    img = tensor.as_numpy()
    if img.dtype != np.uint8:
        raise InputError(f"IMAGE must be UINT8, got {img.dtype}")
    if img.ndim != 3 or img.shape[0] != 1:
        raise InputError(f"IMAGE must have shape [1, H, W], got {list(img.shape)}")
    h, w = img.shape[1:]
    if not (1 <= h <= MAX_SIDE and 1 <= w <= MAX_SIDE):
        raise InputError(f"IMAGE height and width must be in 1..{MAX_SIDE}, got {h}x{w}")
    return img[0]


def connected_runs(a, b, n):
    """Root index (the smallest run index) of each of n runs, runs a[i] and b[i] joined."""
    parent = np.arange(n)
    while a.size:
        ra, rb = parent[a], parent[b]
        lo, hi = np.minimum(ra, rb), np.maximum(ra, rb)
        if np.array_equal(lo, hi):
            break
        np.minimum.at(parent, hi, lo)        # hook the larger root under the smaller one
        while True:                          # path compression by pointer jumping
            nxt = parent[parent]
            if np.array_equal(nxt, parent):
                break
            parent = nxt
    return parent


def find_components(img, threshold, min_area):
    """-> boxes [N,4] float32 (inclusive), scores [N] float32, labels [N] int32, areas [N] int32."""
    h, w = img.shape
    k = w + 1                                # each row gets one background pixel at its end
    vals = np.zeros((h, k), np.uint8)
    vals[:, :w] = img
    flat = vals.ravel()
    fg = np.zeros(flat.size + 1, np.int8)    # fg[1 + i] is flat pixel i; padding stays 0
    fg[1:].reshape(h, k)[:, :w] = img >= threshold * 255.0
    step = np.diff(fg)
    starts = np.flatnonzero(step == 1)       # flat index of a run's first pixel
    ends = np.flatnonzero(step == -1)        # flat index just past its last pixel
    n = starts.size
    if n == 0:
        return (np.zeros((0, 4), np.float32), np.zeros(0, np.float32),
                np.zeros(0, np.int32), np.zeros(0, np.int32))
    rows, x0 = np.divmod(starts, k)
    x1 = ends - rows * k                     # exclusive end column

    # Run j touches run i of the row above when x0[i] <= x1[j] and x0[j] <= x1[i].
    above = (rows - 1) * k
    lo = np.searchsorted(ends, above + x0, side="left")
    hi = np.searchsorted(starts, above + x1, side="right")
    counts = np.maximum(hi - lo, 0)
    total = int(counts.sum())
    b = np.repeat(np.arange(n), counts)
    a = np.repeat(lo, counts) + np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    roots = connected_runs(a, b, n)

    _, comp = np.unique(roots, return_inverse=True)
    comp = comp.reshape(-1)
    m = int(comp.max()) + 1
    run_sum = np.add.reduceat(flat, np.stack([starts, ends], 1).ravel(), dtype=np.int64)[::2]
    area = np.bincount(comp, weights=x1 - x0, minlength=m).astype(np.int64)
    total_intensity = np.bincount(comp, weights=run_sum, minlength=m)
    xmin = np.full(m, w, np.int64)
    np.minimum.at(xmin, comp, x0)
    xmax = np.full(m, -1, np.int64)
    np.maximum.at(xmax, comp, x1 - 1)
    ymin = np.full(m, h, np.int64)
    np.minimum.at(ymin, comp, rows)
    ymax = np.full(m, -1, np.int64)
    np.maximum.at(ymax, comp, rows)

    keep = np.flatnonzero(area >= min_area)
    keep = keep[np.lexsort((xmin[keep], ymin[keep], -area[keep]))]
    boxes = np.stack([xmin[keep], ymin[keep], xmax[keep], ymax[keep]], 1).astype(np.float32)
    scores = (total_intensity[keep] / area[keep] / 255.0).astype(np.float32)
    labels = (area[keep] >= LARGE_AREA).astype(np.int32)
    return boxes.reshape(-1, 4), scores, labels, area[keep].astype(np.int32)


def error(msg):
    code = getattr(pb_utils.TritonError, "INVALID_ARG", None)
    return pb_utils.TritonError(msg, code) if code is not None else pb_utils.TritonError(msg)


class TritonPythonModel:
    def execute(self, requests):
        responses = []
        for request in requests:
            try:
                img = get_image(pb_utils.get_input_tensor_by_name(request, "IMAGE"))
                params = parse_params(pb_utils.get_input_tensor_by_name(request, "INPUT_JSON_PARAMS"))
                boxes, scores, labels, areas = find_components(img, *get_settings(params))
                outputs = [pb_utils.Tensor("BOXES", boxes), pb_utils.Tensor("SCORES", scores),
                           pb_utils.Tensor("LABELS", labels), pb_utils.Tensor("AREAS", areas)]
                responses.append(pb_utils.InferenceResponse(output_tensors=outputs))
            except InputError as e:
                responses.append(pb_utils.InferenceResponse(output_tensors=[], error=error(f"component_detector: {e}")))
        return responses
