#!/usr/bin/env python3
"""Golden DICOM data for radgate's reader tests, written into the directory given as argument.

* Asymmetric phantoms (an L off centre: vertical arm, horizontal arm and a corner dot, each
  with its own value, on a gradient) in several geometries, written uncompressed (explicit VR
  little endian) with pydicom, each with its expected stored values as a little-endian raw
  file (frames x rows x columns x samples, interleaved).
* Every transfer syntax made from those files with dcmtk and gdcm. A cell a tool cannot make
  is recorded as skipped, with the reason.
* Shuffled series (oblique normal, InstanceNumbers not in spatial order; no positions at all;
  two timepoints; an enhanced multi-frame with per-frame positions).
* Special files: patient tags with secret values, a fake (unsupported) transfer syntax.

manifest.json lists it all; the Java tests iterate it.
"""
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pydicom
import pydicom.encaps
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

UID_PREFIX = "1.2.826.0.1.3680043.8.498."  # pydicom's root, deterministic suffixes below
CT = "1.2.840.10008.5.1.4.1.1.2"
MR = "1.2.840.10008.5.1.4.1.1.4"
SC = "1.2.840.10008.5.1.4.1.1.7"
MF_WORD_SC = "1.2.840.10008.5.1.4.1.1.7.3"
ENHANCED_CT = "1.2.840.10008.5.1.4.1.1.2.1"


def uid(*parts):
    return generate_uid(prefix=UID_PREFIX, entropy_srcs=[str(p) for p in parts])


STUDY_A = uid("study", "A")
STUDY_B = uid("study", "B")


def l_phantom(rows, cols, bg, v_arm, h_arm, dot, grad=(0, 0), shift=0, noise=0, seed=0):
    """An L off centre: vertical arm (value v_arm) on the left, horizontal arm (h_arm) along its
    foot to the right, a dot (value dot) near the top-right corner; all on bg + a gradient."""
    y, x = np.mgrid[0:rows, 0:cols]
    a = bg + grad[0] * y + grad[1] * x
    t = max(2, min(rows, cols) // 10)
    r0, r1 = rows // 8, rows * 5 // 8
    c0, c1 = cols // 6 + shift, cols * 2 // 3 + shift
    a[r1 - t:r1, c0:c1] = h_arm
    a[r0:r1, c0:c0 + t] = v_arm
    a[2:2 + t, cols - 3 - t:cols - 3] = dot
    if noise:
        a = a + np.random.default_rng(seed).integers(-noise, noise + 1, size=a.shape)
    return a


def base_dataset(name, sop_class, modality, study, series, instance_uid, extra_tags=True):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = instance_uid
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = uid("radgate-tests")
    ds = FileDataset(name, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = instance_uid
    ds.StudyInstanceUID = study
    ds.SeriesInstanceUID = series
    ds.Modality = modality
    ds.PatientName = "ANONYMOUS^GOLDEN"
    ds.PatientID = "GOLDEN-0"
    ds.StudyDate = "20240101"
    ds.StudyID = "1"
    ds.SeriesNumber = 1
    ds.InstanceNumber = 1
    return ds


def set_pixels(ds, arr, bits_stored, signed, photometric, planar=None):
    """arr: frames x rows x cols x samples (stored values). Writes PixelData in the layout the
    PlanarConfiguration asks for; returns the interleaved expected array."""
    frames, rows, cols, spp = arr.shape
    ds.Rows, ds.Columns, ds.SamplesPerPixel = rows, cols, spp
    ds.PhotometricInterpretation = photometric
    ds.BitsAllocated = 8 if arr.dtype.itemsize == 1 else 16
    ds.BitsStored = bits_stored
    ds.HighBit = bits_stored - 1
    ds.PixelRepresentation = 1 if signed else 0
    if spp > 1:
        ds.PlanarConfiguration = planar
    if frames > 1:
        ds.NumberOfFrames = frames
    layout = arr
    if spp > 1 and planar == 1:
        layout = np.ascontiguousarray(arr.transpose(0, 3, 1, 2))
    ds.PixelData = layout.astype(arr.dtype.newbyteorder("<")).tobytes()
    ds["PixelData"].VR = "OB" if ds.BitsAllocated == 8 else "OW"
    return arr


def oblique_frame():
    """An orthonormal row/column direction pair, not aligned with any patient axis."""
    a, b, c = np.radians([20.0, -35.0, 10.0])
    rz = np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])
    ry = np.array([[np.cos(b), 0, np.sin(b)], [0, 1, 0], [-np.sin(b), 0, np.cos(b)]])
    rx = np.array([[1, 0, 0], [0, np.cos(c), -np.sin(c)], [0, np.sin(c), np.cos(c)]])
    r = rz @ ry @ rx
    return r[:, 0], r[:, 1], np.cross(r[:, 0], r[:, 1])


def ds_str(values):
    return [f"{v:.6f}" for v in values]


# --- geometries --------------------------------------------------------------------------

def geometries():
    g = []

    def add(name, arr, bits_stored, signed, photometric, modality="MR", sop=MR, planar=None, tags=None):
        g.append(dict(name=name, arr=arr, bits_stored=bits_stored, signed=signed, photometric=photometric,
                      modality=modality, sop=sop, planar=planar, tags=tags or {}))

    def one(a, dtype):
        return a.astype(dtype)[None, :, :, None]

    add("mono2_u16_bs12_landscape", one(l_phantom(200, 320, 200, 3000, 1500, 4095, (2, 3)), np.uint16), 12, False,
        "MONOCHROME2", tags=dict(WindowCenter=["2048", "1000"], WindowWidth=["4096", "2000"]))
    add("mono2_u16_bs12_portrait", one(l_phantom(320, 200, 100, 2500, 3500, 4000, (3, 1), noise=3, seed=1),
                                       np.uint16), 12, False, "MONOCHROME2")
    add("mono2_s16_rescale", one(l_phantom(200, 320, -1000, 600, -300, 1500, (2, 1), noise=4, seed=2), np.int16),
        16, True, "MONOCHROME2", modality="CT", sop=CT,
        tags=dict(RescaleSlope="2", RescaleIntercept="-1024", WindowCenter=["40", "-600"],
                  WindowWidth=["400", "1500"], ConvolutionKernel=["B30f"], FilterType="BODY FILTER",
                  PixelSpacing=["0.700000", "0.800000"], SliceThickness="1.250000",
                  ImagePositionPatient=["-120.5", "-99.25", "33.75"],
                  ImageOrientationPatient=["1", "0", "0", "0", "1", "0"], InstanceNumber=7,
                  TemporalPositionIndex=3, AcquisitionTime="101530.250000"))
    add("mono1_u16_bs16_portrait", one(l_phantom(240, 180, 60000, 20000, 40000, 1000, (-50, -60)), np.uint16), 16,
        False, "MONOCHROME1")
    add("mono2_u8_landscape", one(l_phantom(150, 260, 10, 200, 120, 250, (0, 0)) + (np.mgrid[0:150, 0:260][1] // 8),
                                  np.uint8), 8, False, "MONOCHROME2", modality="OT", sop=SC)
    rows, cols = 180, 240
    red = l_phantom(rows, cols, 20, 220, 40, 200)
    green = l_phantom(rows, cols, 30, 50, 210, 90)
    blue = (np.mgrid[0:rows, 0:cols][1] * 255 // cols)
    rgb = np.stack([red, green, blue], axis=-1).astype(np.uint8)[None]
    add("rgb_planar0", rgb, 8, False, "RGB", modality="OT", sop=SC, planar=0)
    add("rgb_planar1", rgb, 8, False, "RGB", modality="OT", sop=SC, planar=1)
    frames = np.stack([l_phantom(120, 160, 100 + 10 * k, 1000 + 500 * k, 3900 - 400 * k, 50 * k, (1, 2), shift=3 * k)
                       for k in range(5)]).astype(np.uint16)[..., None]
    add("multiframe_u16_5f", frames, 12, False, "MONOCHROME2", modality="OT", sop=MF_WORD_SC)
    add("ct512_s16", one(l_phantom(512, 512, -1000, 400, 40, 1200, (1, 1), noise=20, seed=5), np.int16), 16, True,
        "MONOCHROME2", modality="CT", sop=CT, tags=dict(RescaleSlope="1", RescaleIntercept="-1024"))
    return g


def write_geometry(out, g):
    name = g["name"]
    inst = uid("instance", name)
    ds = base_dataset(name, g["sop"], g["modality"], STUDY_A, uid("series", name), inst)
    expected = set_pixels(ds, g["arr"], g["bits_stored"], g["signed"], g["photometric"], g["planar"])
    for k, v in g["tags"].items():
        setattr(ds, k, v)
    path = os.path.join(out, name + "__explicit_le.dcm")
    ds.save_as(path, write_like_original=False)
    raw = name + ".expected.raw"
    expected.astype(expected.dtype.newbyteorder("<")).tofile(os.path.join(out, raw))
    frames, rows, cols, spp = expected.shape
    return dict(name=name, rows=rows, columns=cols, frames=frames, samples=spp, bits_allocated=ds.BitsAllocated,
                bits_stored=g["bits_stored"], signed=g["signed"], photometric=g["photometric"],
                planar_configuration=g["planar"], expected_raw=raw, sop_instance_uid=inst,
                tags={k: (v if not isinstance(v, list) else v) for k, v in g["tags"].items()})


# --- transfer syntaxes --------------------------------------------------------------------

EXACT = {"kind": "exact"}


def syntaxes():
    """name, UID, how to make it (None: the source itself), tolerance, a predicate giving a skip
    reason for geometries that syntax cannot hold."""
    def eight_bit_only(g):
        return None if g["bits_allocated"] == 8 else "baseline JPEG (.50) holds 8-bit samples only"

    def twelve_bit(g):
        if g["bits_allocated"] == 8:
            return None
        if g["bits_stored"] > 12:
            return "extended JPEG (.51) holds at most 12 bits per sample; BitsStored is %d" % g["bits_stored"]
        return None

    def psnr(db):
        return {"kind": "psnr", "floor_db": db}

    return [
        ("explicit_le", "1.2.840.10008.1.2.1", None, EXACT, None),
        ("implicit_le", "1.2.840.10008.1.2", ["dcmconv", "+ti"], EXACT, None),
        ("big_endian", "1.2.840.10008.1.2.2", ["dcmconv", "+tb"], EXACT, None),
        ("deflate", "1.2.840.10008.1.2.1.99", ["dcmconv", "+td"], EXACT, None),
        ("rle", "1.2.840.10008.1.2.5", ["dcmcrle"], EXACT, None),
        ("jpeg_lossless_57", "1.2.840.10008.1.2.4.57", ["dcmcjpeg", "+el", "+un"], EXACT, None),
        ("jpeg_lossless_70", "1.2.840.10008.1.2.4.70", ["dcmcjpeg", "+e1", "+un"], EXACT, None),
        ("jpeg_baseline_50", "1.2.840.10008.1.2.4.50", ["dcmcjpeg", "+eb", "+q", "95", "+sr", "+un"], psnr(30.0),
         eight_bit_only),
        ("jpeg_extended_51", "1.2.840.10008.1.2.4.51", ["dcmcjpeg", "+ee", "+q", "95", "+sr", "+un"], psnr(30.0),
         twelve_bit),
        ("j2k_lossless_90", "1.2.840.10008.1.2.4.90", ["gdcmconv", "--j2k"], EXACT, None),
        ("j2k_lossy_91", "1.2.840.10008.1.2.4.91", ["gdcmconv", "--j2k", "--lossy", "--irreversible", "-q", "70"],
         psnr(40.0), None),
        ("jpegls_lossless_80", "1.2.840.10008.1.2.4.80", ["dcmcjpls", "+el", "+un"], EXACT, None),
        ("jpegls_near_81", "1.2.840.10008.1.2.4.81", ["dcmcjpls", "+en", "+md", "2", "+un"],
         {"kind": "max_abs", "near": 2}, None),
    ]


def convert(cmd, src, dst):
    if cmd[0] == "gdcmconv":
        full = cmd + ["-i", src, "-o", dst]
    else:
        full = cmd + [src, dst]
    exe = shutil.which(cmd[0])
    if exe is None:
        return "%s is not installed" % cmd[0]
    p = subprocess.run(full, capture_output=True, text=True)
    if p.returncode != 0 or not os.path.exists(dst):
        msg = (p.stderr or p.stdout).strip().splitlines()
        return "%s failed: %s" % (" ".join(cmd), msg[-1] if msg else "exit %d" % p.returncode)
    return None


def make_matrix(out, geos):
    cells = []
    for g in geos:
        src = os.path.join(out, g["name"] + "__explicit_le.dcm")
        for sname, suid, cmd, tol, cannot in syntaxes():
            cell = dict(geometry=g["name"], syntax=sname, transfer_syntax_uid=suid, tolerance=tol)
            reason = cannot(g) if cannot else None
            path = os.path.join(out, g["name"] + "__" + sname + ".dcm")
            if reason is None and cmd is not None:
                reason = convert(cmd, src, path)
            if reason is None:
                got = pydicom.dcmread(path, stop_before_pixels=True).file_meta.TransferSyntaxUID
                if got != suid:
                    reason = "%s wrote transfer syntax %s, not %s" % (cmd[0], got, suid)
                    os.remove(path)
            if reason is None:
                cell["file"] = os.path.basename(path)
            else:
                cell["skip"] = reason
            cells.append(cell)
    return cells


# --- series -------------------------------------------------------------------------------

def write_series(out):
    series = []
    rng = np.random.default_rng(42)
    row, col, normal = oblique_frame()
    origin = np.array([-80.0, 40.0, 12.5])
    spacing = 2.5

    def slice_ds(series_name, study, k, instance_number, position=None, temporal=None, acq=None):
        inst = uid(series_name, k, temporal)
        ds = base_dataset(series_name, CT, "CT", study, uid("series", series_name), inst)
        value = 100 * (k + 1) + (1000 * temporal if temporal else 0)
        set_pixels(ds, l_phantom(48, 64, value, 3000, 2000, 4000)[None, :, :, None].astype(np.uint16), 12, False,
                   "MONOCHROME2")
        ds.InstanceNumber = instance_number
        ds.PixelSpacing = ["0.800000", "0.800000"]
        ds.SliceThickness = "2.500000"
        if position is not None:
            ds.ImagePositionPatient = ds_str(position)
            ds.ImageOrientationPatient = ds_str(list(row) + list(col))
        if temporal is not None:
            ds.TemporalPositionIndex = temporal
            ds.AcquisitionTime = "1200%02d.000000" % (10 * temporal)
        return ds, inst

    def write_files(name, items):
        os.makedirs(os.path.join(out, name), exist_ok=True)
        files = []
        for i, idx in enumerate(rng.permutation(len(items))):  # random file order
            fname = "f%02d_%s.dcm" % (i, uid("file", name, idx)[-6:])
            items[idx].save_as(os.path.join(out, name, fname), write_like_original=False)
            files.append(fname)
        return files

    # 1. twelve slices along an oblique normal; InstanceNumbers shuffled (not spatial order)
    n = 12
    numbers = rng.permutation(n) + 1
    order = []
    items = []
    for k in range(n):
        ds, inst = slice_ds("series_oblique", STUDY_A, k, int(numbers[k]), origin + k * spacing * normal)
        items.append(ds)
        order.append(inst)
    series.append(dict(name="series_oblique", study=STUDY_A, series=uid("series", "series_oblique"),
                       files=write_files("series_oblique", items), expected_order=[order],
                       spacing=spacing, normal=list(normal), rule="position"))

    # 2. no positions: InstanceNumber decides
    order, items = [], []
    for k in range(n):
        ds, inst = slice_ds("series_noposition", STUDY_B, k, k + 1)
        items.append(ds)
        order.append(inst)
    series.append(dict(name="series_noposition", study=STUDY_B, series=uid("series", "series_noposition"),
                       files=write_files("series_noposition", items), expected_order=[order], spacing=None,
                       rule="instance_number"))

    # 3. two timepoints x six slices, positions shared between the timepoints
    orders, items = [], []
    numbers = rng.permutation(12) + 1
    for t in (1, 2):
        order = []
        for k in range(6):
            ds, inst = slice_ds("series_4d", STUDY_A, k, int(numbers[(t - 1) * 6 + k]),
                                origin + k * spacing * normal, temporal=t)
            items.append(ds)
            order.append(inst)
        orders.append(order)
    series.append(dict(name="series_4d", study=STUDY_A, series=uid("series", "series_4d"),
                       files=write_files("series_4d", items), expected_order=orders, spacing=spacing,
                       rule="position"))

    # 4. an enhanced multi-frame: six frames whose per-frame positions are not in frame order
    name = "series_enhanced"
    inst = uid(name)
    ds = base_dataset(name, ENHANCED_CT, "CT", STUDY_A, uid("series", name), inst)
    perm = rng.permutation(6)  # frame f (0-based) lies at spatial index perm[f]
    frames = np.stack([l_phantom(40, 56, 100 * (perm[f] + 1), 3000, 2000, 4000) for f in range(6)])
    set_pixels(ds, frames.astype(np.uint16)[..., None], 12, False, "MONOCHROME2")
    shared = Dataset()
    po = Dataset()
    po.ImageOrientationPatient = ds_str(list(row) + list(col))
    pm = Dataset()
    pm.PixelSpacing = ["0.800000", "0.800000"]
    pm.SliceThickness = "2.500000"
    shared.PlaneOrientationSequence = Sequence([po])
    shared.PixelMeasuresSequence = Sequence([pm])
    ds.SharedFunctionalGroupsSequence = Sequence([shared])
    per = []
    for f in range(6):
        item = Dataset()
        pp = Dataset()
        pp.ImagePositionPatient = ds_str(origin + perm[f] * spacing * normal)
        item.PlanePositionSequence = Sequence([pp])
        per.append(item)
    ds.PerFrameFunctionalGroupsSequence = Sequence(per)
    os.makedirs(os.path.join(out, name), exist_ok=True)
    ds.save_as(os.path.join(out, name, "enhanced.dcm"), write_like_original=False)
    frame_order = [int(f) + 1 for f in np.argsort(perm)]  # frame numbers from 1, in spatial order
    series.append(dict(name=name, study=STUDY_A, series=uid("series", name), files=["enhanced.dcm"],
                       expected_frame_order=frame_order, sop_instance_uid=inst, spacing=spacing,
                       rule="position"))
    return series


# --- special files ------------------------------------------------------------------------

def write_specials(out):
    specials = {}
    inst = uid("secret")
    ds = base_dataset("secret", CT, "CT", STUDY_B, uid("series", "secret"), inst)
    set_pixels(ds, l_phantom(32, 48, 0, 100, 200, 300)[None, :, :, None].astype(np.uint16), 12, False,
               "MONOCHROME2")
    ds.PatientName = "PHANTOM^SECRET"
    ds.PatientID = "SECRET-ID-4711"
    ds.PatientBirthDate = "19010203"
    ds.PatientSex = "O"
    ds.AccessionNumber = "SECRET-ACC-99"
    ds.ReferringPhysicianName = "SECRET^DOCTOR"
    ds.InstitutionName = "SECRET HOSPITAL"
    ds.save_as(os.path.join(out, "secret.dcm"), write_like_original=False)
    # The same with PatientName twice (PixelMed prints "Illegal duplicate tag" WITH the value to
    # System.err), and in JPEG-LS (the dcmtk child path).
    with open(os.path.join(out, "secret.dcm"), "rb") as f:
        raw = f.read()
    at = raw.index(b"\x10\x00\x10\x00PN")
    end = at + 8 + int.from_bytes(raw[at + 6:at + 8], "little")
    with open(os.path.join(out, "secret_duplicate.dcm"), "wb") as f:
        f.write(raw[:end] + raw[at:end] + raw[end:])
    jls = convert(["dcmcjpls", "+el", "+un"], os.path.join(out, "secret.dcm"), os.path.join(out, "secret_jpegls.dcm"))
    specials["secret"] = dict(file="secret.dcm", duplicate="secret_duplicate.dcm",
                              jpegls=None if jls else "secret_jpegls.dcm",
                              secrets=["PHANTOM", "SECRET", "4711", "19010203", "ACC-99", "DOCTOR", "HOSPITAL"])

    # A transfer syntax radgate cannot decode (MPEG2 Main Profile @ Main Level), with
    # otherwise uncompressed content.
    ds = pydicom.dcmread(os.path.join(out, "mono2_u8_landscape__explicit_le.dcm"))
    ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.4.100"
    ds.PixelData = pydicom.encaps.encapsulate([ds.PixelData])
    ds.save_as(os.path.join(out, "unsupported_mpeg2.dcm"), write_like_original=True)
    specials["unsupported"] = dict(file="unsupported_mpeg2.dcm", transfer_syntax_uid="1.2.840.10008.1.2.4.100")

    # No preamble, no meta header: a bare implicit VR little endian dataset (old ACR-NEMA style).
    ds = pydicom.dcmread(os.path.join(out, "mono2_u16_bs12_landscape__explicit_le.dcm"))
    bare = Dataset(ds)
    bare.is_implicit_VR = True
    bare.is_little_endian = True
    pydicom.dcmwrite(os.path.join(out, "bare_implicit.dcm"), bare, write_like_original=True)
    specials["bare_implicit"] = dict(file="bare_implicit.dcm", geometry="mono2_u16_bs12_landscape")
    return specials


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    geos = [write_geometry(out, g) for g in geometries()]
    manifest = dict(geometries=geos, cells=make_matrix(out, geos), series=write_series(out),
                    specials=write_specials(out), pydicom=pydicom.__version__)
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    made = sum(1 for c in manifest["cells"] if "file" in c)
    print("wrote %d files, %d cells skipped" % (made, len(manifest["cells"]) - made))


if __name__ == "__main__":
    main()
