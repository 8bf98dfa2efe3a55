"""study_classifier: synthetic whole-study CT classifier (numpy only, deterministic).

The example model behind radgate's CT-CLIP route. It is NOT a medical model: its four labels
are synthetic names for simple intensity patterns, and its "abnormal" probability only says
how much of those patterns a volume holds.

Inputs
  VOLUME  uint8 [S, R, C] (slices, rows, columns; C order). v = 0..255 is HU windowed linearly
          from [-1000, 1000]: HU = v / 255 * 2000 - 1000.
  SPACING fp32 [3], voxel size in mm along (slice, row, column).

Masks (thresholds on HU, no morphology)
  body      HU > -500
  envelope  voxels lying between the first and last body voxel of their row (along columns)
            AND between the first and last body voxel of their column (along rows), in the
            same slice: the body plus the air it encloses in that slice.
  Not applicable (NOT_APPLICABLE = a sentence, the other outputs 0) when body voxels are
  fewer than 1 % of the volume.

Features (fractions of the envelope are the same on any voxel grid; f in [0, 1))
  dense    = |HU >= 300|                 / |envelope|      f0 = 1 - exp(-dense / 0.004)
  lowatt   = |HU <= -700 and envelope|   / |envelope|      f1 = lowatt
  fluid    = |0 <= HU <= 20|             / |envelope|      f2 = 1 - exp(-fluid / 0.05)
  texture  = mean |dHU / dx| in HU/mm over pairs of neighbouring voxels (along each of the
             three axes, dx from SPACING) that are both soft tissue (-50 <= HU <= 150)
                                                           f3 = 1 - exp(-texture / 10)

Fixed 2-layer MLP
  hidden = relu(W1 @ f + B1)        units 0-3: the features themselves, units 4-7: hinges that
                                    open when a feature passes its "finding" level
                                    (f0 > 0.2, f1 > 0.5, f2 > 0.3, f3 > 0.5)
  SCORES      = sigmoid(W2 @ hidden + B2)   (independent sigmoids, labels.txt order:
                dense-structure, low-attenuation-region, fluid-density-region,
                heterogeneous-texture)
  PROBABILITY = sigmoid(V @ hidden + C)     ("abnormal": any finding hinge open)

Lungs (air enclosed by the body, about 40 % of the envelope) leave the hinges shut, so a plain
soft-tissue body with two lungs scores a low PROBABILITY (~0.1); a sphere of bone-like density
of a few tens of ml opens the dense hinge (PROBABILITY > 0.9).
"""
import numpy as np
import triton_python_backend_utils as pb_utils

MAX_SIDE = 2048
MAX_VOXELS = 1 << 29
MIN_BODY_FRACTION = 0.01

# HU of each uint8 value
HU = (np.arange(256, dtype=np.float64) / 255.0 * 2000.0 - 1000.0).astype(np.float32)


def level(hu):
    """Smallest uint8 value whose HU is >= hu (256 when none is)."""
    return int(np.searchsorted(HU, np.float32(hu), side="left"))


BODY = level(-500.0 + 1e-3)      # HU > -500
DENSE = level(300.0)             # HU >= 300
LOW_ATT_END = level(-700.0 + 1e-3)  # HU <= -700  <=>  v < LOW_ATT_END
FLUID = (level(0.0), level(20.0 + 1e-3))  # 0 <= HU <= 20
SOFT = (level(-50.0), level(150.0 + 1e-3))  # -50 <= HU <= 150
STEP_HU = 2000.0 / 255.0

# hidden units: 0 dense, 1 lowatt, 2 fluid, 3 texture (features passed through),
# 4 dense hinge, 5 lowatt hinge, 6 fluid hinge, 7 texture hinge
W1 = np.array([
    [1.0, 0.0, 0.0, 0.0],
    [0.0, 1.0, 0.0, 0.0],
    [0.0, 0.0, 1.0, 0.0],
    [0.0, 0.0, 0.0, 1.0],
    [6.0, 0.0, 0.0, 0.0],
    [0.0, 8.0, 0.0, 0.0],
    [0.0, 0.0, 6.0, 0.0],
    [0.0, 0.0, 0.0, 6.0],
], np.float64)
B1 = np.array([0.0, 0.0, 0.0, 0.0, -1.2, -4.0, -1.8, -3.0], np.float64)
# label logit k = 5 * feature k + 2 * hinge k - 4
W2 = np.array([
    [5.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0],
    [0.0, 5.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0],
    [0.0, 0.0, 5.0, 0.0, 0.0, 0.0, 2.0, 0.0],
    [0.0, 0.0, 0.0, 5.0, 0.0, 0.0, 0.0, 2.0],
], np.float64)
B2 = np.array([-4.0, -4.0, -4.0, -4.0], np.float64)
# abnormal logit = -2.2 + 0.5 * (dense + fluid + texture features) + sum of the hinges
V = np.array([0.5, 0.0, 0.5, 0.5, 1.0, 1.0, 1.0, 1.0], np.float64)
C = -2.2


class InputError(ValueError):
    pass


def get_volume(tensor):
    if tensor is None:
        raise InputError("missing input VOLUME")
    vol = tensor.as_numpy()
    if vol.dtype != np.uint8:
        raise InputError(f"VOLUME must be UINT8, got {vol.dtype}")
    if vol.ndim != 3:
        raise InputError(f"VOLUME must have shape [slices, rows, columns], got {list(vol.shape)}")
    if any(not 1 <= n <= MAX_SIDE for n in vol.shape):
        raise InputError(f"VOLUME dimensions must be in 1..{MAX_SIDE}, got {list(vol.shape)}")
    if vol.shape[0] < 2:
        raise InputError(f"VOLUME must have at least 2 slices, got {vol.shape[0]}")
    if vol.size > MAX_VOXELS:
        raise InputError(f"VOLUME has {vol.size} voxels, at most {MAX_VOXELS} allowed")
    return np.ascontiguousarray(vol)


def get_spacing(tensor):
    if tensor is None:
        raise InputError("missing input SPACING")
    sp = tensor.as_numpy()
    if sp.dtype != np.float32:
        raise InputError(f"SPACING must be FP32, got {sp.dtype}")
    if sp.shape != (3,):
        raise InputError(f"SPACING must have shape [3] (slice, row, column mm), got {list(sp.shape)}")
    if not (np.all(np.isfinite(sp)) and np.all(sp > 0)):
        raise InputError(f"SPACING must be finite and positive (mm), got {sp.tolist()}")
    return sp.astype(np.float64)


def envelope(body):
    """Voxels between the first and last body voxel of their row and of their column."""
    rows = np.logical_or.accumulate(body, axis=2) & np.logical_or.accumulate(body[:, :, ::-1], axis=2)[:, :, ::-1]
    cols = np.logical_or.accumulate(body, axis=1) & np.logical_or.accumulate(body[:, ::-1, :], axis=1)[:, ::-1, :]
    return rows & cols


def texture(vol, spacing):
    """Mean |HU gradient| (HU/mm) over neighbouring soft-tissue voxel pairs, all three axes."""
    soft = (vol >= SOFT[0]) & (vol < SOFT[1])
    v = vol.astype(np.int16)
    total, count = 0.0, 0
    for axis in range(3):
        if vol.shape[axis] < 2:
            continue
        n = vol.shape[axis] - 1
        lo = [slice(None)] * 3
        hi = [slice(None)] * 3
        lo[axis], hi[axis] = slice(0, n), slice(1, n + 1)
        pair = soft[tuple(lo)] & soft[tuple(hi)]
        k = int(np.count_nonzero(pair))
        if k:
            d = np.abs(v[tuple(hi)] - v[tuple(lo)])
            total += float(d[pair].sum(dtype=np.int64)) * STEP_HU / spacing[axis]
            count += k
    return total / count if count else 0.0


def features(vol, spacing):
    """(f [4], raw measures dict) or (None, reason) when the volume holds no body."""
    body = vol >= BODY
    nbody = int(np.count_nonzero(body))
    fraction = nbody / vol.size
    if fraction < MIN_BODY_FRACTION:
        shown = np.floor(1000.0 * fraction) / 10.0   # rounded down: never "1.0%" when below 1 %
        return None, (f"no body found: {shown:.1f}% of voxels are above -500 HU, "
                      f"{100.0 * MIN_BODY_FRACTION:.0f}% needed")
    env = envelope(body)
    nenv = int(np.count_nonzero(env))
    dense = np.count_nonzero(vol >= DENSE) / nenv
    lowatt = np.count_nonzero(env & (vol < LOW_ATT_END)) / nenv
    fluid = np.count_nonzero((vol >= FLUID[0]) & (vol < FLUID[1])) / nenv
    grad = texture(vol, spacing)
    f = np.array([
        1.0 - np.exp(-dense / 0.004),
        lowatt,
        1.0 - np.exp(-fluid / 0.05),
        1.0 - np.exp(-grad / 10.0),
    ], np.float64)
    voxel_ml = float(np.prod(spacing)) / 1000.0
    return f, dict(dense=dense, lowatt=lowatt, fluid=fluid, texture=grad, body_fraction=fraction,
                   envelope_ml=nenv * voxel_ml)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def classify(vol, spacing):
    """(probability, scores [4], not_applicable sentence or "")."""
    f, info = features(vol, spacing)
    if f is None:
        return 0.0, np.zeros(4, np.float32), info
    hidden = np.maximum(W1 @ f + B1, 0.0)
    scores = sigmoid(W2 @ hidden + B2)
    prob = sigmoid(float(V @ hidden) + C)
    return prob, scores.astype(np.float32), ""


def error(msg):
    code = getattr(pb_utils.TritonError, "INVALID_ARG", None)
    return pb_utils.TritonError(msg, code) if code is not None else pb_utils.TritonError(msg)


class TritonPythonModel:
    def execute(self, requests):
        responses = []
        for request in requests:
            try:
                vol = get_volume(pb_utils.get_input_tensor_by_name(request, "VOLUME"))
                spacing = get_spacing(pb_utils.get_input_tensor_by_name(request, "SPACING"))
                prob, scores, reason = classify(vol, spacing)
                responses.append(pb_utils.InferenceResponse(output_tensors=[
                    pb_utils.Tensor("PROBABILITY", np.array([prob], np.float32)),
                    pb_utils.Tensor("SCORES", scores),
                    pb_utils.Tensor("NOT_APPLICABLE", np.array([reason.encode("utf-8")], dtype=object)),
                ]))
            except InputError as e:
                responses.append(pb_utils.InferenceResponse(output_tensors=[], error=error(f"study_classifier: {e}")))
        return responses
