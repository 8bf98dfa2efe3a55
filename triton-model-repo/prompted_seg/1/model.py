"""prompted_seg: a synthetic text-prompted segmenter (numpy only).

Each batch element is one (IMAGE [1024, 1024] uint8, PROMPT bytes [1]) pair. The prompt picks
what to segment from the pixels (vocabulary in README.md); an unknown word is an INVALID_ARG
error naming the prompt (the whole request fails: a client must not mistake an empty mask for
"nothing found"). Outputs MASK [1024, 1024] uint8 probabilities (0..255) and CATEGORY bytes [1].
"""
import re

import numpy as np
import triton_python_backend_utils as pb_utils

GAIN = 30.0
SIZE = 1024
TARGETS = {"bright": "other lesion", "dark": "fluid disturbance",
           "edge": "other organ", "boundary": "other organ"}
REGIONS = {"left", "right", "top", "bottom"}
FILLER = {"structure", "structures", "region", "area", "the", "in", "on", "of", "half", "side", "a"}


class InputError(ValueError):
    pass


def parse_prompt(text):
    """-> (target, set of regions); raises InputError naming the prompt."""
    words = [w for w in re.split(r"[^a-z]+", text.lower()) if w]
    targets = [w for w in words if w in TARGETS]
    regions = {w for w in words if w in REGIONS}
    unknown = [w for w in words if w not in TARGETS and w not in REGIONS and w not in FILLER]
    if unknown:
        raise InputError(f"invalid prompt {text!r}: unknown word {unknown[0]!r}; "
                         f"known targets {sorted(TARGETS)}, regions {sorted(REGIONS)}")
    if len(set(targets)) != 1:
        raise InputError(f"invalid prompt {text!r}: it must name exactly one of {sorted(TARGETS)}")
    return targets[0], regions


def box_mean3(img):
    p = np.pad(img.astype(np.float32), 1, mode="edge")
    h, w = img.shape
    acc = np.zeros((h, w), np.float32)
    for dy in range(3):
        for dx in range(3):
            acc += p[dy:dy + h, dx:dx + w]
    return acc / 9.0


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0)))


def segment(img, target, regions):
    f = box_mean3(img)
    if target == "bright":
        p = sigmoid((f / 255.0 - 0.5) * GAIN)
    elif target == "dark":
        p = sigmoid((0.25 - f / 255.0) * GAIN)
    else:
        gy, gx = np.gradient(f)
        p = sigmoid((np.hypot(gx, gy) / 255.0 - 0.05) * GAIN)
    h, w = img.shape
    if "left" in regions:
        p[:, w // 2:] = 0
    if "right" in regions:
        p[:, :w // 2] = 0
    if "top" in regions:
        p[h // 2:, :] = 0
    if "bottom" in regions:
        p[:h // 2, :] = 0
    return np.rint(p * 255.0).astype(np.uint8)


def prompt_text(raw):
    if isinstance(raw, bytes):
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("PROMPT must be UTF-8 text") from None
    return str(raw)


def run(request):
    image = pb_utils.get_input_tensor_by_name(request, "IMAGE")
    prompt = pb_utils.get_input_tensor_by_name(request, "PROMPT")
    if image is None or prompt is None:
        raise InputError("inputs IMAGE and PROMPT are required")
    imgs = image.as_numpy()
    prompts = prompt.as_numpy()
    if imgs.dtype != np.uint8 or imgs.ndim != 3 or imgs.shape[1:] != (SIZE, SIZE):
        raise InputError(f"IMAGE must be UINT8 [batch, {SIZE}, {SIZE}], got {imgs.dtype} {list(imgs.shape)}")
    if prompts.shape != (imgs.shape[0], 1):
        raise InputError(f"PROMPT must be [batch, 1] with the batch of IMAGE, got {list(prompts.shape)}")
    parsed = [parse_prompt(prompt_text(p)) for p in prompts[:, 0]]
    masks = np.stack([segment(img, t, r) for img, (t, r) in zip(imgs, parsed)])
    cats = np.array([[TARGETS[t].encode("utf-8")] for t, _ in parsed], dtype=object)
    return [pb_utils.Tensor("MASK", masks), pb_utils.Tensor("CATEGORY", cats)]


def error(msg):
    code = getattr(pb_utils.TritonError, "INVALID_ARG", None)
    return pb_utils.TritonError(msg, code) if code is not None else pb_utils.TritonError(msg)


class TritonPythonModel:
    def execute(self, requests):
        responses = []
        for request in requests:
            try:
                responses.append(pb_utils.InferenceResponse(output_tensors=run(request)))
            except InputError as e:
                responses.append(pb_utils.InferenceResponse(output_tensors=[], error=error(f"prompted_seg: {e}")))
        return responses
