"""A MedImageParse client, built the way the public clients build requests (PROTOCOLS.md §5):
requests.post(url, json=payload, headers={"Authorization": "Bearer <key>"}), base64 from
base64.encodebytes (76-char lines, each ending in \n), PIL PNG in mode RGB, prompts joined with
" & ". It decodes the answer the way the clients do (json.loads of image_features,
np.frombuffer(b64decode(data)).reshape(shape), mask > 128) and maps each mask back onto the
original image with the client's own inverse of "pad to square (diff//2), resize to 1024":
resize the 1024 mask to the padded side, then crop the pad.

Usage: mip_client.py URL KEY SCENARIO   (SCENARIO: geometry | batch)
Prints one JSON report on stdout; the Java test asserts on it.
"""
import base64
import io
import json
import sys

import numpy as np
import requests
from PIL import Image

URL, KEY, SCENARIO = sys.argv[1], sys.argv[2], sys.argv[3]
BACKGROUND, BRIGHT = 40, 230


def phantom(width, height, box):
    """Dark background with one bright rectangle box = (x0, y0, x1, y1), exclusive ends."""
    img = np.full((height, width), BACKGROUND, np.uint8)
    x0, y0, x1, y1 = box
    img[y0:y1, x0:x1] = BRIGHT
    return img


def png_b64(gray):
    buf = io.BytesIO()
    Image.fromarray(gray, mode="L").convert("RGB").save(buf, format="PNG")
    return base64.encodebytes(buf.getvalue()).decode("utf-8")


def post(rows):
    payload = {"input_data": {"columns": ["image", "text"], "index": list(range(len(rows))),
                              "data": [[png_b64(img), " & ".join(prompts)] for img, prompts in rows]},
               "params": {}}
    return requests.post(URL, json=payload, timeout=120,
                         headers={"Authorization": f"Bearer {KEY}", "azureml-model-deployment": "radgate"})


def back_to_original(mask, width, height):
    """The client's inverse: 1024 mask -> padded square side -> crop diff//2 -> original size."""
    side = max(width, height)
    left, top = (side - width) // 2, (side - height) // 2
    square = np.array(Image.fromarray(mask).resize((side, side), Image.NEAREST))
    return square[top:top + height, left:left + width]


def compare(found, truth, margin):
    """Pixels farther than margin from the truth's edge must agree; returns the counts."""
    t = truth.astype(bool)
    f = found.astype(bool)
    near = np.zeros_like(t)
    for dy in range(-margin, margin + 1):
        for dx in range(-margin, margin + 1):
            shifted = np.roll(np.roll(t, dy, 0), dx, 1)
            near |= shifted != t
    wrong = (f != t) & ~near
    union = (f | t).sum()
    return {"wrong_far_from_edge": int(wrong.sum()), "iou": float((f & t).sum() / union) if union else 1.0,
            "found_pixels": int(f.sum()), "truth_pixels": int(t.sum())}


def boundary(found, structure, margin):
    """found must lie within margin of the structure's edge and cover (within margin) all of it."""
    t = structure.astype(bool)
    f = found.astype(bool)
    edge = np.zeros_like(t)
    for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        edge |= t & ~np.roll(np.roll(t, dy, 0), dx, 1)
    band = np.zeros_like(t)
    near_found = np.zeros_like(t)
    for dy in range(-margin, margin + 1):
        for dx in range(-margin, margin + 1):
            band |= np.roll(np.roll(edge, dy, 0), dx, 1)
            near_found |= np.roll(np.roll(f, dy, 0), dx, 1)
    return {"outside_band": int((f & ~band).sum()), "edge_pixels": int(edge.sum()),
            "edge_covered": float((edge & near_found).sum() / max(1, edge.sum())), "found_pixels": int(f.sum())}


def decode(element):
    feats = json.loads(element["image_features"])
    masks = np.frombuffer(base64.b64decode(feats["data"]), dtype=np.dtype(feats["dtype"])).reshape(feats["shape"])
    return feats, masks


def run(rows, margin=2):
    r = post(rows)
    report = {"status": r.status_code, "content_type": r.headers.get("Content-Type")}
    if r.status_code != 200:
        report["body"] = r.text
        return report
    body = r.json()
    report["is_list"] = isinstance(body, list)
    report["rows"] = []
    for (img, prompts), element in zip(rows, body):
        feats, masks = decode(element)
        h, w = img.shape
        row = {"keys": sorted(element.keys()), "image_features_type": type(element["image_features"]).__name__,
               "inner_keys": sorted(feats.keys()), "shape": feats["shape"], "dtype": feats["dtype"],
               "text_features": element["text_features"],
               "values": sorted(int(v) for v in np.unique(masks)), "masks": []}
        for k, prompt in enumerate(prompts):
            binary = (masks[k] > 128).astype(np.uint8)
            back = back_to_original(binary, w, h)
            entry = {"prompt": prompt, "back_shape": list(back.shape)}
            if "boundary" in prompt or "edge" in prompt:
                entry.update(boundary(back, img >= 128, margin + 1))
            else:
                truth = img >= 128 if "bright" in prompt else img < 128
                if "left" in prompt:
                    truth = truth & (np.arange(w)[np.newaxis, :] < w // 2)
                entry.update(compare(back, truth, margin))
            row["masks"].append(entry)
        report["rows"].append(row)
    report["row_count"] = len(body)
    return report


if SCENARIO == "geometry":
    # 300 x 200, structure off centre (upper right): padding 50 rows above and below
    rows = [(phantom(300, 200, (200, 30, 260, 80)), ["bright", "dark", "bright left", "boundary"])]
elif SCENARIO == "batch":
    rows = [(phantom(300, 200, (200, 30, 260, 80)), ["bright"]),
            (phantom(120, 333, (10, 250, 60, 320)), ["bright"]),
            (phantom(1024, 1024, (100, 700, 400, 900)), ["bright structure"])]
else:
    raise SystemExit(f"unknown scenario {SCENARIO}")
print(json.dumps(run(rows)))
