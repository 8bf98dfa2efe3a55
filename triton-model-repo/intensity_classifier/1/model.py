"""intensity_classifier: synthetic 4-class classifier (numpy only, deterministic).

features (all in [0, 1]) -> hidden = relu(W1 @ f + B1) -> logits = W2 @ hidden + B2 -> softmax.
Classes (labels.txt): 0 dark, 1 bright, 2 high-contrast, 3 uniform.
"""
import numpy as np
import triton_python_backend_utils as pb_utils

MAX_SIDE = 16384

# features: mean, 2*std, fraction < 64, fraction > 128, mean |gradient|
# hidden units: darkness, brightness, contrast, flatness
W1 = np.array([
    [-2.0, 0.0, 1.0, 0.0, 0.0],
    [2.0, 0.0, 0.0, 1.0, 0.0],
    [0.0, 1.0, 0.0, 0.0, 1.0],
    [0.0, -2.0, 0.0, 0.0, -2.0],
], np.float32)
B1 = np.array([1.0, -1.0, 0.0, 1.0], np.float32)
W2 = np.array([
    [4.0, -1.0, -0.5, 0.0],
    [-1.0, 4.0, -0.5, 0.0],
    [-0.5, -0.5, 4.0, -1.0],
    [0.0, 0.0, -1.0, 3.0],
], np.float32)
B2 = np.array([0.0, 0.0, 0.0, 0.0], np.float32)


class InputError(ValueError):
    pass


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


def features(img):
    x = img.astype(np.float32) / 255.0
    grads = [np.abs(np.diff(x, axis=ax)).mean() for ax in (0, 1) if x.shape[ax] > 1]
    return np.array([
        x.mean(),
        2.0 * x.std(),
        (img < 64).mean(),
        (img > 128).mean(),
        float(np.mean(grads)) if grads else 0.0,
    ], np.float32)


def classify(img):
    hidden = np.maximum(W1 @ features(img) + B1, 0.0)
    logits = W2 @ hidden + B2
    e = np.exp(logits - logits.max())
    return (e / e.sum()).astype(np.float32)


def error(msg):
    code = getattr(pb_utils.TritonError, "INVALID_ARG", None)
    return pb_utils.TritonError(msg, code) if code is not None else pb_utils.TritonError(msg)


class TritonPythonModel:
    def execute(self, requests):
        responses = []
        for request in requests:
            try:
                scores = classify(get_image(pb_utils.get_input_tensor_by_name(request, "IMAGE")))
                responses.append(pb_utils.InferenceResponse(output_tensors=[pb_utils.Tensor("SCORES", scores)]))
            except InputError as e:
                responses.append(pb_utils.InferenceResponse(output_tensors=[], error=error(f"intensity_classifier: {e}")))
        return responses
