"""boundary_polyline: the upper boundary of the bright layer, one [x, y] point per column (numpy only)."""
import json

import numpy as np
import triton_python_backend_utils as pb_utils

DEFAULT_THRESHOLD = 0.25
MAX_SIDE = 16384


class InputError(ValueError):
    pass


def parse_params(tensor):
    """INPUT_JSON_PARAMS ([1,1] bytes) -> dict; single quotes are accepted, as seed 001's clients send them."""
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
        raise InputError("INPUT_JSON_PARAMS must be a JSON object, e.g. {\"threshold\": 0.25}")
    return params


def number(params, key, default, lo, hi):
    v = params.get(key, default)
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not lo <= v <= hi:
        raise InputError(f"'{key}' must be a number in [{lo}, {hi}], got {v!r}")
    return v


def get_image(tensor):
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


def box_mean3(img):
    p = np.pad(img.astype(np.float32), 1, mode="edge")
    h, w = img.shape
    acc = np.zeros((h, w), np.float32)
    for dy in range(3):
        for dx in range(3):
            acc += p[dy:dy + h, dx:dx + w]
    return acc / 9.0


def boundary(img, threshold, min_run):
    """[N, 2] float32 points (x, y): per column, where the smoothed profile first crosses the level."""
    level = threshold * 255.0
    smooth = box_mean3(img)
    bright = smooth >= level
    h, w = img.shape
    if min_run > 1:
        # a row counts only if it starts a run of min_run bright rows (cumulative sums down each column)
        c = np.concatenate([np.zeros((1, w), np.int32), np.cumsum(bright, axis=0, dtype=np.int32)])
        rows = np.arange(h)
        end = np.minimum(rows + min_run, h)
        bright = bright & ((c[end, :] - c[rows, :]) == min_run)
    found = bright.any(axis=0)
    first = np.argmax(bright, axis=0)
    points = []
    for x in np.nonzero(found)[0]:
        y = int(first[x])
        fy = float(y)
        if y > 0:
            above, here = float(smooth[y - 1, x]), float(smooth[y, x])
            if here > above:
                fy = (y - 1) + (level - above) / (here - above)
        points.append((float(x), fy))
    return np.asarray(points, dtype=np.float32).reshape(-1, 2)


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
                threshold = float(number(params, "threshold", DEFAULT_THRESHOLD, 0.0, 1.0))
                min_run = int(number(params, "min_run", 1, 1, MAX_SIDE))
                pts = boundary(img, threshold, min_run)
                responses.append(pb_utils.InferenceResponse(output_tensors=[pb_utils.Tensor("POINTS", pts)]))
            except InputError as e:
                responses.append(pb_utils.InferenceResponse(error=error(str(e))))
        return responses
