"""threshold_seg: probability mask of bright structures (numpy only).

p = sigmoid((box3x3(image) / 255 - threshold) * GAIN), MASK = round(p * 255) as uint8.
"""
import json

import numpy as np
import triton_python_backend_utils as pb_utils

GAIN = 30.0
DEFAULT_THRESHOLD = 0.25
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
        raise InputError("INPUT_JSON_PARAMS must be a JSON object, e.g. {\"threshold\": 0.25}")
    return params


def get_threshold(params, default):
    t = params.get("threshold", default)
    if isinstance(t, bool) or not isinstance(t, (int, float)) or not 0.0 <= t <= 1.0:
        raise InputError(f"'threshold' must be a number in [0, 1], got {t!r}")
    return float(t)


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


def box_mean3(img):
    """3x3 mean with edge padding, float32, same shape as img."""
    p = np.pad(img.astype(np.float32), 1, mode="edge")
    h, w = img.shape
    acc = np.zeros((h, w), np.float32)
    for dy in range(3):
        for dx in range(3):
            acc += p[dy:dy + h, dx:dx + w]
    return acc / 9.0


def probability_mask(img, threshold):
    z = (box_mean3(img) / 255.0 - threshold) * GAIN
    p = 1.0 / (1.0 + np.exp(-z))
    return np.rint(p * 255.0).astype(np.uint8)


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
                mask = probability_mask(img, get_threshold(params, DEFAULT_THRESHOLD))
                out = pb_utils.Tensor("MASK", mask[np.newaxis])
                responses.append(pb_utils.InferenceResponse(output_tensors=[out]))
            except InputError as e:
                responses.append(pb_utils.InferenceResponse(output_tensors=[], error=error(f"threshold_seg: {e}")))
        return responses
