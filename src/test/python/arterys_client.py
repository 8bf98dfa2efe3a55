#!/usr/bin/env python3
"""Arterys conformance client for radgate's integration tests.

Builds requests byte for byte as the Arterys inference-test-tool (run.py) does: images sorted
by SeriesInstanceUID then along the slice normal, fields [('request_json', ('request',
json.dumps(req), 'text/json')), ('<n>', (<name>, <bytes>, 'application/dicom')), ...]
encoded by requests_toolbelt.MultipartEncoder, header 'multipart/related; boundary="<hex>"',
sent with requests. The response is read with requests_toolbelt's MultipartDecoder as run.py
reads it, and checked: has_digests, one buffer per `parts` entry, hashes, and that boxes and
masks land on each instance's bright rectangle.

  arterys_client.py phantoms <dir>
  arterys_client.py phantoms-mixed <dir>
  arterys_client.py send <url> <dir> <command or -> <report.json> [--attachment] [--option=key=value ...]
"""
import hashlib
import json
import os
import sys

import numpy as np
import pydicom
import requests
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
from requests_toolbelt import MultipartEncoder
from requests_toolbelt.multipart import decoder

ROWS, COLS = 96, 128          # non-square
SLICES = 3
PREFIX = "1.2.826.0.1.3680043.8.498."
STUDY = generate_uid(prefix=PREFIX, entropy_srcs=["arterys", "study"])
SERIES = generate_uid(prefix=PREFIX, entropy_srcs=["arterys", "series"])


def rect(k):
    """Inclusive [row0, row1] x [col0, col1] of slice k's bright rectangle (off centre, moves per slice)."""
    r0, c0 = 12 + 6 * k, 20 + 9 * k
    return r0, r0 + 19 - 2 * k, c0, c0 + 29 + 3 * k


def write_instance(out, name, series, tag, rows, cols, rects, position, number):
    """One instance (len(rects) frames), background gradient, bright rectangle per frame."""
    frames = []
    for (r0, r1, c0, c1) in rects:
        y, x = np.mgrid[0:rows, 0:cols]
        a = (100 + x // 8 + y // 16).astype(np.uint16)
        a[r0:r1 + 1, c0:c1 + 1] = 2000
        frames.append(a)
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    meta.MediaStorageSOPInstanceUID = generate_uid(prefix=PREFIX, entropy_srcs=["arterys", "sop", tag])
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(None, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = STUDY
    ds.SeriesInstanceUID = series
    ds.Modality = "CT"
    ds.InstanceNumber = number
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.ImagePositionPatient = [0, 0, position]
    ds.PixelSpacing = [0.7, 0.7]
    ds.Rows, ds.Columns = rows, cols
    if len(rects) > 1:
        ds.NumberOfFrames = len(rects)
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 0
    ds.PixelData = b"".join(f.tobytes() for f in frames)
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(os.path.join(out, name), write_like_original=False)
    return str(ds.SOPInstanceUID), {"rows": rows, "cols": cols, "rects": [list(r) for r in rects]}


def phantoms(out):
    """One series of SLICES non-square slices; file names and InstanceNumbers against the spatial order."""
    os.makedirs(out, exist_ok=True)
    truth = {}
    for k in range(SLICES):
        sop, t = write_instance(out, "img_%d.dcm" % (SLICES - 1 - k), SERIES, str(k), ROWS, COLS, [rect(k)],
                                2.5 * k, SLICES - k)
        truth[sop] = t
    json.dump(truth, open(os.path.join(out, "truth.json"), "w"))


def phantoms_mixed(out):
    """Two series: two 64x80 slices, and one 2-frame 72x60 instance (a rectangle per frame)."""
    os.makedirs(out, exist_ok=True)
    s1 = generate_uid(prefix=PREFIX, entropy_srcs=["arterys", "series", "mixed-1"])
    s2 = generate_uid(prefix=PREFIX, entropy_srcs=["arterys", "series", "mixed-2"])
    truth = {}
    for k in range(2):
        sop, t = write_instance(out, "a%d.dcm" % k, s1, "m1-%d" % k, 64, 80, [(5 + 10 * k, 20 + 10 * k, 40, 70)],
                                3.0 * k, k + 1)
        truth[sop] = t
    sop, t = write_instance(out, "mf.dcm", s2, "m2", 72, 60, [(4, 30, 6, 20), (40, 66, 30, 55)], 0.0, 1)
    truth[sop] = t
    json.dump(truth, open(os.path.join(out, "truth.json"), "w"))


def sorted_images(folder):
    """run.py/utils.sort_images: by SeriesInstanceUID, then position along the slice normal."""
    imgs = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".dcm"):
            continue
        path = os.path.join(folder, name)
        ds = pydicom.dcmread(path)
        o = np.array(ds.ImageOrientationPatient, float)
        pos = float(np.dot(np.array(ds.ImagePositionPatient, float), np.cross(o[:3], o[3:])))
        imgs.append((str(ds.SeriesInstanceUID), pos, path, ds))
    imgs.sort(key=lambda t: (t[0], t[1]))
    return imgs


def check(cond, msg):
    if not cond:
        print("CHECK FAILED: " + msg, file=sys.stderr)
        sys.exit(3)


def truth_mask(t, frame):
    m = np.zeros((t["rows"], t["cols"]), bool)
    r0, r1, c0, c1 = t["rects"][frame - 1]
    m[r0:r1 + 1, c0:c1 + 1] = True
    return m


def mask_report(sop, frame, mask2d, truth):
    """Pixels >= 128 (the client's default threshold) against the rectangle: exact off a 1-pixel band."""
    t = truth_mask(truth[sop], frame)
    ROWS, COLS = t.shape
    check(mask2d.shape == t.shape, "%s: mask shape %s, image %s" % (sop, mask2d.shape, t.shape))
    got = mask2d >= 128
    pad = np.pad(t, 1)
    dil = np.zeros_like(t)
    ero = np.ones_like(t)
    for dy in range(3):
        for dx in range(3):
            win = pad[dy:dy + ROWS, dx:dx + COLS]
            dil |= win
            ero &= win
    band = dil & ~ero
    wrong = got != t
    check(not (wrong & ~band).any(), "%s: mask wrong off the rectangle's boundary band at %s"
          % (sop, np.argwhere(wrong & ~band)[:5].tolist()))
    return {"SOPInstanceUID": sop, "frame": frame, "mask_pixels": int(got.sum()), "rect_pixels": int(t.sum()),
            "wrong_on_band": int(wrong.sum())}


def send(url, folder, command, report_path, attachment, options=()):
    images = sorted_images(folder)
    study = str(images[0][3].StudyInstanceUID)
    req = {"studyUID": study}
    if command != "-":
        req["inference_command"] = command
    for opt in options:  # run.py -R key=value: always strings
        k, v = opt.split("=", 1)
        req[k] = v
    fields = []
    raw = []
    count = 0
    if attachment:
        count += 1
        data = b"attachment: not DICOM\r\n--\r\n"
        fields.append((str(count), ("notes.txt", data, "application/octet-stream")))
        raw.append(data)
    for _, _, path, _ in images:
        count += 1
        data = open(path, "rb").read()
        fields.append((str(count), (os.path.basename(path), data, "application/dicom")))
        raw.append(data)
    req_bytes = json.dumps(req).encode("utf-8")
    fields.insert(0, ("request_json", ("request", req_bytes, "text/json")))
    me = MultipartEncoder(fields=fields)
    boundary = me.content_type.split("boundary=")[1]
    headers = {"Content-Type": "multipart/related; " + 'boundary="{}"'.format(boundary)}
    r = requests.post(url, data=me, headers=headers)
    rep = {"status": r.status_code, "content_type": r.headers.get("Content-Type")}
    if r.status_code != 200:
        rep["body"] = r.text
        json.dump(rep, open(report_path, "w"), indent=1)
        return
    mp = decoder.MultipartDecoder.from_response(r)
    body = json.loads(mp.parts[0].text)
    last = mp.parts[-1]
    has_digests = last.headers[b"Content-Type"] == b"text/plain" and len(last.text) == 129 and last.text[64] == ":"
    check(has_digests, "hashes part: %r %r" % (last.headers, last.text))
    check(len(body["parts"]) == len(mp.parts) - 2, "one buffer per parts entry")
    check(body["protocol_version"] == "1.0", "protocol_version")
    check(mp.parts[0].headers[b"Content-Type"] == b"application/json", "json-body content type")
    check(mp.parts[0].text == json.dumps(body), "json-body is exactly json.dumps of itself (separators, ascii)")
    in_hash = hashlib.sha256(req_bytes + b"".join(raw)).hexdigest()
    out_hash = hashlib.sha256(mp.parts[0].content + b"".join(p.content for p in mp.parts[1:-1])).hexdigest()
    check(last.text == in_hash + ":" + out_hash, "hashes %s != %s:%s" % (last.text, in_hash, out_hash))
    truth = json.load(open(os.path.join(folder, "truth.json")))
    rep.update({"json": body, "parts": len(mp.parts), "hashes": last.text,
                "part_types": [p.headers[b"Content-Type"].decode() for p in mp.parts], "geometry": []})
    buffers = [p.content for p in mp.parts[1:-1]]
    if "bounding_boxes_2d" in body:
        for b in body["bounding_boxes_2d"]:
            frame = b.get("frame_number", 1)
            r0, r1, c0, c1 = truth[b["SOPInstanceUID"]]["rects"][frame - 1]
            expected = [[c0, r0], [c1, r1]]
            got = [b["top_left"], b["bottom_right"]]
            check(all(abs(g - e) <= 1 for gp, ep in zip(got, expected) for g, e in zip(gp, ep)),
                  "box %s for frame %d, rectangle %s" % (got, frame, expected))
            rep["geometry"].append({"SOPInstanceUID": b["SOPInstanceUID"], "frame": frame, "box": got,
                                    "rectangle": expected})
    for part, buf in zip(body["parts"], buffers):
        shape = part["binary_data_shape"]
        arr = np.frombuffer(buf, dtype=np.uint8)
        if "dicom_image" in part:
            check(arr.size == shape["width"] * shape["height"], "2D mask length")
            sop = part["dicom_image"]["SOPInstanceUID"]
            frame = part["dicom_image"].get("frame_number", 1)
            check(len(truth[sop]["rects"]) == 1 or "frame_number" in part["dicom_image"], "frame_number of multi-frame")
            rep["geometry"].append(mask_report(sop, frame, arr.reshape(shape["height"], shape["width"]), truth))
        else:
            t, d, w, h = shape["timepoints"], shape["depth"], shape["width"], shape["height"]
            check(arr.size == t * d * w * h, "3D mask length")
            vol = arr.reshape(t, d, h, w)
            # the client's order: images sorted along the normal, frames in order within an instance
            slices = [(str(ds.SOPInstanceUID), f + 1) for s, _, _, ds in images if s == part["SeriesInstanceUID"]
                      for f in range(len(truth[str(ds.SOPInstanceUID)]["rects"]))]
            check(len(slices) == d, "depth %d for %d slices" % (d, len(slices)))
            for z, (sop, frame) in enumerate(slices):
                rep["geometry"].append(mask_report(sop, frame, vol[0, z], truth))
    json.dump(rep, open(report_path, "w"), indent=1)


if __name__ == "__main__":
    if sys.argv[1] == "phantoms":
        phantoms(sys.argv[2])
    elif sys.argv[1] == "phantoms-mixed":
        phantoms_mixed(sys.argv[2])
    elif sys.argv[1] == "send":
        send(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], "--attachment" in sys.argv[6:],
             [a[len("--option="):] for a in sys.argv[6:] if a.startswith("--option=")])
    else:
        sys.exit("unknown mode " + sys.argv[1])
