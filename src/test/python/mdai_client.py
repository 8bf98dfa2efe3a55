#!/usr/bin/env python3
"""MD.ai conformance client for radgate's MdaiIT.

  mdai_client.py phantoms DIR
      Writes the test's phantoms: a.dcm (200 rows x 320 cols, a bright rectangle at columns
      200..259, rows 40..89), b.dcm (240 x 160, rectangle at columns 20..49, rows 150..199; a
      second series of the same study), c.png (a PNG thumbnail, 120 x 90, rectangle at columns
      10..29, rows 60..79) and blank.dcm (no structure). Pixels: background 0, rectangle 1000
      with a window (center 750, width 1500), so the display value of the rectangle is ~170.

  mdai_client.py send URL SPEC_JSON
      Builds the body exactly as MD.ai's dev/inference.py does (msgpack.packb of a dict with
      "files" [{"content": bytes, "content_type": ...}], "annotations" [], "args" {}, in that
      order; extra keys from SPEC only when given), posts it with requests and the header
      content-type: application/msgpack, and prints a JSON report: status, content_type, the
      unpacked outputs (bytes as hex), Python type names of every key and data value, and the
      result of validate(), a check of MD.ai's OutputValidator rules written for this test.

SPEC_JSON: {"files": [{"path": ..., "content_type": ..., "dicom_tags": {...}}],
            "label_classes": [...], "args": {...}, "header": "...", "raw_body_hex": "..."}
"""
import json
import os
import sys

import msgpack
import numpy as np
import requests


def phantoms(out):
    import pydicom
    from pydicom.dataset import FileDataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    prefix = "1.2.826.0.1.3680043.8.498."
    study = generate_uid(prefix=prefix, entropy_srcs=["mdai", "study"])

    def write(name, rows, cols, rect, series_key):
        a = np.zeros((rows, cols), np.uint16)
        if rect:
            x0, y0, x1, y1 = rect
            a[y0:y1 + 1, x0:x1 + 1] = 1000
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
        meta.MediaStorageSOPInstanceUID = generate_uid(prefix=prefix, entropy_srcs=["mdai", name])
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = FileDataset(name, {}, file_meta=meta, preamble=b"\0" * 128)
        ds.is_little_endian = True
        ds.is_implicit_VR = False
        ds.SOPClassUID = meta.MediaStorageSOPClassUID
        ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
        ds.StudyInstanceUID = study
        ds.SeriesInstanceUID = generate_uid(prefix=prefix, entropy_srcs=["mdai", series_key])
        ds.Modality = "OT"
        ds.Rows, ds.Columns = rows, cols
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, 16, 15
        ds.PixelRepresentation = 0
        ds.WindowCenter, ds.WindowWidth = 750, 1500
        ds.PixelData = a.tobytes()
        ds.save_as(os.path.join(out, name), write_like_original=False)
        return {"study": study, "series": ds.SeriesInstanceUID, "instance": ds.SOPInstanceUID,
                "rows": rows, "cols": cols, "rect": rect}

    info = {
        "a.dcm": write("a.dcm", 200, 320, (200, 40, 259, 89), "s1"),
        "b.dcm": write("b.dcm", 240, 160, (20, 150, 49, 199), "s2"),
        "blank.dcm": write("blank.dcm", 64, 96, None, "s3"),
    }
    from PIL import Image
    png = np.zeros((90, 120), np.uint8)
    png[60:80, 10:30] = 170
    Image.fromarray(png).save(os.path.join(out, "c.png"))
    info["c.png"] = {"rows": 90, "cols": 120, "rect": (10, 60, 29, 79)}
    with open(os.path.join(out, "phantoms.json"), "w") as f:
        json.dump(info, f, indent=1)


# --- MD.ai's OutputValidator rules (PROTOCOLS.md 3.3), checked with exact Python types ---
TYPES = {
    "type": [str], "study_uid": [str], "series_uid": [str, type(None)], "instance_uid": [str, type(None)],
    "video_frame_number": [int, type(None)], "frame_number": [int, type(None)], "class_index": [int],
    "data": [dict, type(None)], "probability": [float, list, type(None)], "explanations": [list, type(None)],
    "note": [str, dict, type(None)], "images": [list, type(None)], "image_output_tags": [dict, type(None)],
}
REQUIRED = {"NONE": ["study_uid"], "ANNOTATION": ["study_uid", "class_index"],
            "IMAGE": ["study_uid", "class_index", "images"], "DICOM": ["study_uid", "class_index", "images"],
            "TEXT": ["study_uid"]}
DATA = {"point": {"x": int, "y": int}, "box": {"x": int, "y": int, "width": int, "height": int},
        "vertices": {"vertices": list}, "mask": {"mask": list},
        "video_series_interval": {"start_frame_number": int, "end_frame_number": int}}


def validate(outputs):
    if type(outputs) is not list:
        return "top level is %s, not list" % type(outputs).__name__
    for i, o in enumerate(outputs):
        if type(o) is not dict or o.get("type") not in REQUIRED:
            return "output %d: bad type" % i
        for k in REQUIRED[o["type"]]:
            if k not in o:
                return "output %d: missing %s" % (i, k)
        for k, v in o.items():
            if k not in TYPES:
                return "output %d: unknown key %s" % (i, k)
            if type(v) not in TYPES[k]:
                return "output %d: %s is %s" % (i, k, type(v).__name__)
        d = o.get("data")
        if d is None:
            continue
        fmt = [name for name, keys in DATA.items() if set(d.keys()) == set(keys.keys())]
        if not fmt:
            return "output %d: data keys %s match no format" % (i, sorted(d.keys()))
        for k, t in DATA[fmt[0]].items():
            if not isinstance(d[k], t):
                return "output %d: data.%s is %s" % (i, k, type(d[k]).__name__)
        if fmt[0] == "vertices" and d["vertices"]:
            v = d["vertices"][0]
            if type(v) is not list or len(v) != 2 or type(v[0]) not in (int, float) or type(v[1]) not in (int, float):
                return "output %d: bad vertex %r" % (i, v)
        if fmt[0] == "mask" and d["mask"]:
            if type(d["mask"][0]) is not list:
                return "output %d: mask is not 2-D" % i
            if d["mask"][0] and type(d["mask"][0][0]) not in (int, float):
                return "output %d: mask value is %s" % (i, type(d["mask"][0][0]).__name__)
    return None


def jsonable(v):
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    if isinstance(v, list):
        return [jsonable(x) for x in v]
    return v


def describe_types(outputs):
    out = []
    for o in outputs if isinstance(outputs, list) else []:
        t = {k: type(v).__name__ for k, v in o.items()} if isinstance(o, dict) else {}
        d = o.get("data") if isinstance(o, dict) else None
        if isinstance(d, dict):
            for k, v in d.items():
                t["data." + k] = type(v).__name__
            if d.get("vertices"):
                t["data.vertex"] = [type(x).__name__ for x in d["vertices"][0]]
            if d.get("mask"):
                t["data.mask.value"] = type(d["mask"][0][0]).__name__
                t["data.mask.values"] = sorted({type(x).__name__ for row in d["mask"] for x in row})
        out.append(t)
    return out


def send(url, spec):
    if "raw_body_hex" in spec:
        payload = bytes.fromhex(spec["raw_body_hex"])
    else:
        data = {"files": [], "annotations": [], "args": spec.get("args", {})}
        for f in spec["files"]:
            with open(f["path"], "rb") as fh:
                item = {"content": fh.read(), "content_type": f["content_type"]}
            if "dicom_tags" in f:
                item["dicom_tags"] = f["dicom_tags"]
            data["files"].append(item)
        if "label_classes" in spec:
            data["label_classes"] = spec["label_classes"]
        payload = msgpack.packb(data)
    headers = {"content-type": spec.get("header", "application/msgpack")}
    r = requests.post(url, data=payload, headers=headers)
    report = {"status": r.status_code, "content_type": r.headers.get("content-type"),
              "request_head": payload[:24].hex()}
    if r.status_code == 200:
        outputs = msgpack.unpackb(r.content)
        report["outputs"] = jsonable(outputs)
        report["types"] = describe_types(outputs)
        report["validator"] = validate(outputs) or "ok"
        report["float64"] = b"\xcb" in r.content
    else:
        report["body"] = r.text
    print(json.dumps(report))


if __name__ == "__main__":
    if sys.argv[1] == "phantoms":
        phantoms(sys.argv[2])
    else:
        send(sys.argv[2], json.loads(sys.argv[3]))
