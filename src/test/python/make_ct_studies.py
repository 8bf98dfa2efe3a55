#!/usr/bin/env python3
"""CT studies (ZIP archives of DICOM series, NIfTI volumes) for radgate's CT-CLIP tests.

Usage: make_ct_studies.py OUT_DIR

Every series is a synthetic phantom (HU), 128 x 128 slices, PixelSpacing 2.5 mm, slices 4 mm
apart along z (ImagePositionPatient), 32 slices unless a case says otherwise:

* normal: an elliptic-cylinder body (semi-axes 125 x 90 mm) of soft tissue (40 HU) with a 5 mm
  rim of fat (-100 HU) and two air-like "lung" ellipses (-850 HU) inside;
* dense: normal plus a sphere of 900 HU, radius 25 mm (65 ml), centred in the series;
* empty: all -1000 HU (air, no noise).

Gaussian noise (sigma 6 HU, fixed seed) is added to normal and dense. Slices are CT Image
Storage, explicit VR little endian, signed 16-bit stored values = HU + 1024 (RescaleSlope 1,
RescaleIntercept -1024), with fake patient tags (PatientName "Test^Phantom", PatientID
"PHANTOM-001") that must never appear in logs. ZIP entries are DEFLATEd, in a shuffled order,
inside a sub-folder, under names that do not give the order away; dates are fixed, so the
archives are byte-identical from run to run.

OUT_DIR/manifest.json maps each file name to
  {kind, study_uid, expected_series_uid, expected, notes, series: [...], ...}
where expected is the outcome of CT-CLIP's series selection (PROTOCOLS.md §4.2, with
DECISIONS.md's amendments: skip rule case-insensitive on the base name, truncated pixel data
is not a valid slice) followed by the model: "normal", "dense", "empty" (model says not
applicable), "few_slices" (no series with >= 20 valid slices), "no_dicom", "bad_zip",
"bad_nifti". Each series lists uid, kernel (ConvolutionKernel or null), filter_type, modality,
files, valid_slices, phantom and category (lung / standard / other / skipped).
"""
import gzip
import io
import json
import struct
import sys
import zipfile
from pathlib import Path

import nibabel as nib
import numpy as np
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

PREFIX = "1.2.826.0.1.3680043.8.498."
CT_STORAGE = "1.2.840.10008.5.1.4.1.1.2"
MR_STORAGE = "1.2.840.10008.5.1.4.1.1.4"
ROWS = COLS = 128
PIXEL_MM = 2.5
SLICE_MM = 4.0
SLICES = 32
NOISE_HU = 6.0
ZIP_DATE = (2024, 1, 2, 3, 4, 6)
LUNG_KERNELS = ("LUNG", "B70", "B80", "FC51", "FC81")
STANDARD_KERNELS = ("STANDARD", "B30", "B31", "FC30")
MIN_SLICES = 20
GEOMETRY = {"rows": ROWS, "columns": COLS, "pixel_spacing_mm": PIXEL_MM, "slice_spacing_mm": SLICE_MM,
            "stored_value": "HU + 1024 (int16, RescaleSlope 1, RescaleIntercept -1024)"}


def uid(*parts):
    return generate_uid(prefix=PREFIX, entropy_srcs=["ct-studies"] + [str(p) for p in parts])


def phantom_hu(kind, slices, rng, rows=ROWS, cols=COLS, pixel_mm=PIXEL_MM, slice_mm=SLICE_MM):
    """HU volume [slices, rows, columns] (int16) of the phantom kind: normal, dense or empty."""
    if kind == "empty":
        return np.full((slices, rows, cols), -1000, np.int16)
    if kind not in ("normal", "dense"):
        raise ValueError(kind)
    z = (np.arange(slices) - (slices - 1) / 2.0) * slice_mm
    y = (np.arange(rows) - (rows - 1) / 2.0) * pixel_mm
    x = (np.arange(cols) - (cols - 1) / 2.0) * pixel_mm
    yy, xx = np.meshgrid(y, x, indexing="ij")
    plane = np.full((rows, cols), -1000.0)
    plane[(xx / 125.0) ** 2 + (yy / 90.0) ** 2 <= 1.0] = -100.0    # fat rim
    plane[(xx / 120.0) ** 2 + (yy / 85.0) ** 2 <= 1.0] = 40.0      # soft tissue
    for cx in (-55.0, 55.0):                                        # lungs
        plane[((xx - cx) / 38.0) ** 2 + ((yy + 10.0) / 55.0) ** 2 <= 1.0] = -850.0
    hu = np.repeat(plane[np.newaxis], slices, axis=0)
    if kind == "dense":
        zz = z[:, np.newaxis, np.newaxis]
        hu[zz ** 2 + (yy - 40.0) ** 2 + xx ** 2 <= 25.0 ** 2] = 900.0
    hu += rng.normal(0.0, NOISE_HU, size=hu.shape)
    return np.clip(np.round(hu), -1024, 3071).astype(np.int16)


def category(kernel):
    k = (kernel or "").upper()
    if any(s in k for s in LUNG_KERNELS):
        return "lung"
    if any(s in k for s in STANDARD_KERNELS):
        return "standard"
    return "other"


class Series:
    """One series: its tags, phantom, and which files are broken and how."""

    def __init__(self, key, study, slices, phantom, kernel=None, filter_type=None, modality="CT",
                 number=1, broken=None, names=None):
        self.key = key
        self.study = study
        self.uid = uid(key, "series")
        self.slices = slices
        self.phantom = phantom
        self.kernel = kernel
        self.filter_type = filter_type
        self.modality = modality
        self.number = number
        self.broken = broken or {}       # slice index -> "no_sop" | "no_series" | "truncated"
        self.names = names or {}         # slice index -> entry base name to use

    def valid_slices(self, skip=lambda name: False):
        return sum(1 for k in range(self.slices)
                   if k not in self.broken and not skip(self.names.get(k, "")))

    def describe(self, valid):
        kernel_used = self.kernel if self.kernel is not None else self.filter_type
        return {
            "uid": self.uid, "kernel": self.kernel, "filter_type": self.filter_type,
            "modality": self.modality, "files": self.slices, "valid_slices": valid,
            "phantom": self.phantom,
            "category": category(kernel_used) if valid >= MIN_SLICES else "skipped",
            "broken_files": {str(k): v for k, v in sorted(self.broken.items())},
        }


def slice_bytes(series, k, hu):
    """One DICOM file (bytes) for slice k of the series."""
    mr = series.modality == "MR"
    sop = uid(series.key, "instance", k)
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = MR_STORAGE if mr else CT_STORAGE
    meta.MediaStorageSOPInstanceUID = sop
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = uid("implementation")
    ds = FileDataset("slice", {}, file_meta=meta, preamble=b"\0" * 128)
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = sop
    ds.StudyDate = "20240102"
    ds.Modality = series.modality
    ds.Manufacturer = "radgate phantoms"
    ds.PatientName = "Test^Phantom"
    ds.PatientID = "PHANTOM-001"
    ds.PatientBirthDate = "19700101"
    ds.PatientSex = "O"
    if series.kernel is not None:
        ds.ConvolutionKernel = series.kernel
    if series.filter_type is not None:
        ds.FilterType = series.filter_type
    ds.SliceThickness = "%g" % SLICE_MM
    ds.StudyInstanceUID = series.study
    ds.SeriesInstanceUID = series.uid
    ds.StudyID = "1"
    ds.SeriesNumber = series.number
    ds.InstanceNumber = k + 1
    z = (k - (series.slices - 1) / 2.0) * SLICE_MM
    ds.ImagePositionPatient = ["%.4f" % (-(COLS - 1) / 2.0 * PIXEL_MM), "%.4f" % (-(ROWS - 1) / 2.0 * PIXEL_MM),
                               "%.4f" % z]
    ds.ImageOrientationPatient = ["1", "0", "0", "0", "1", "0"]
    ds.FrameOfReferenceUID = uid(series.study, "frame")
    ds.SliceLocation = "%.4f" % z
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows, ds.Columns = ROWS, COLS
    ds.PixelSpacing = ["%g" % PIXEL_MM, "%g" % PIXEL_MM]
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, 16, 15
    ds.PixelRepresentation = 1
    ds.WindowCenter = "40"
    ds.WindowWidth = "400"
    ds.RescaleIntercept = "-1024"
    ds.RescaleSlope = "1"
    ds.RescaleType = "HU"
    pixels = (hu.astype(np.int32) + 1024).astype("<i2").tobytes()
    ds.PixelData = pixels
    ds["PixelData"].VR = "OW"
    fault = series.broken.get(k)
    if fault == "no_sop":
        del ds.SOPInstanceUID          # the file meta keeps MediaStorageSOPInstanceUID
    elif fault == "no_series":
        del ds.SeriesInstanceUID
    buf = io.BytesIO()
    ds.save_as(buf, write_like_original=False)
    data = buf.getvalue()
    if fault == "truncated":
        data = data[:len(data) - len(pixels) // 2]   # cut in the middle of the pixel data
    return data


def entry(name, data):
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info, data


def write_zip(path, entries, rng):
    """entries: list of (name, bytes); written DEFLATEd in a shuffled order."""
    with zipfile.ZipFile(path, "w") as z:
        for i in rng.permutation(len(entries)):
            info, data = entry(*entries[int(i)])
            z.writestr(info, data, compresslevel=6)


def skipped(name):
    """CT-CLIP's skip rule (DECISIONS.md: on the base name, case-insensitive)."""
    base = name.rsplit("/", 1)[-1].lower()
    return base.startswith(".") or base.endswith((".txt", ".pdf", ".jpg", ".png"))


def series_entries(series_list, folder, rng):
    """Entries of all series, mixed in one folder under random names (IM + 8 digits)."""
    total = sum(s.slices for s in series_list)
    numbers = rng.choice(10 ** 8, size=total, replace=False)
    out, i = [], 0
    for s in series_list:
        hu = phantom_hu(s.phantom, s.slices, rng)
        for k in range(s.slices):
            name = s.names.get(k) or "IM%08d" % int(numbers[i])
            i += 1
            out.append((f"{folder}/{name}", slice_bytes(s, k, hu[k])))
    return out


def expected_choice(series_list):
    """CT-CLIP's choice: lung series with the most valid slices, else standard, else any."""
    cands = []
    for s in series_list:
        valid = s.valid_slices(skipped)
        if valid >= MIN_SLICES:
            kernel = s.kernel if s.kernel is not None else s.filter_type
            cands.append((category(kernel), valid, s))
    for cat in ("lung", "standard", None):
        pool = [c for c in cands if cat is None or c[0] == cat]
        if pool:
            return max(pool, key=lambda c: c[1])[2]
    return None


def zip_case(out, manifest, rng, name, series_list, expected, notes, extra=()):
    study = series_list[0].study
    folder = "STUDY_" + "%06d" % int(rng.integers(10 ** 6))
    entries = series_entries(series_list, folder, rng) + list(extra)
    write_zip(out / name, entries, rng)
    chosen = expected_choice(series_list)
    manifest[name] = {
        "kind": "zip",
        "study_uid": study,
        "expected_series_uid": chosen.uid if chosen else None,
        "expected": expected,
        "notes": notes,
        "entries": len(entries),
        "folder": folder,
        "junk_entries": [n for n, _ in extra],
        "series": [s.describe(s.valid_slices(skipped)) for s in series_list],
        "geometry": GEOMETRY,
    }
    if chosen is not None:
        assert expected == ("empty" if chosen.phantom == "empty" else chosen.phantom), (name, expected)
    return chosen


def nifti_case(out, manifest, rng, name, kind, dtype, notes):
    hu = phantom_hu(kind, SLICES, rng)
    # RAS affine of the same geometry as the DICOM series (LPS -> RAS flips x and y)
    affine = np.diag([-PIXEL_MM, -PIXEL_MM, SLICE_MM, 1.0])
    affine[:3, 3] = [(COLS - 1) / 2.0 * PIXEL_MM, (ROWS - 1) / 2.0 * PIXEL_MM, -(SLICES - 1) / 2.0 * SLICE_MM]
    data = np.ascontiguousarray(hu.transpose(2, 1, 0))     # x = columns, y = rows, z = slices
    stem = name[:-7] if name.endswith(".nii.gz") else name[:-4]
    if dtype == "int16_scaled":
        img = nib.Nifti1Image((data.astype(np.int32) + 1024).astype(np.int16), affine)
        img.header.set_xyzt_units("mm", "sec")
        raw = bytearray(img.to_bytes())
        struct.pack_into("<ff", raw, 112, 1.0, -1024.0)    # scl_slope, scl_inter
        raw = bytes(raw)
        (out / name).write_bytes(gzip.compress(raw, mtime=0) if name.endswith(".gz") else raw)
    else:
        img = nib.Nifti1Image(data.astype(np.float32 if dtype == "float32" else np.int16), affine)
        img.header.set_xyzt_units("mm", "sec")
        img.header.set_slope_inter(1.0, 0.0)
        raw = img.to_bytes()
        (out / name).write_bytes(gzip.compress(raw, mtime=0) if name.endswith(".gz") else raw)
    back = nib.load(str(out / name))
    assert np.array_equal(np.asarray(back.get_fdata()), data.astype(np.float64)), name
    assert np.allclose(back.header.get_zooms()[:3], (PIXEL_MM, PIXEL_MM, SLICE_MM)), name
    manifest[name] = {
        "kind": "nifti",
        "study_uid": "nifti_" + stem,
        "expected_series_uid": "nifti_" + stem + "_series",
        "expected": kind,
        "notes": notes,
        "shape_xyz": [int(v) for v in data.shape],
        "zooms": [PIXEL_MM, PIXEL_MM, SLICE_MM],
        "affine": [float(v) for v in affine.reshape(-1)],
        "datatype": dtype,
        "phantom": kind,
    }


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_ct_studies.py OUT_DIR")
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20240102)
    manifest = {}

    # 1. normal.zip: one series, plus entries the skip rule drops
    study = uid("normal", "study")
    junk = [
        (".DS_Store", b"\0\0\0\1Bud1" + bytes(rng.integers(0, 256, 200, dtype=np.uint8))),
        ("STUDY_NOTES/notes.txt", "Synthetic phantom study for radgate tests.\n".encode()),
        ("STUDY_NOTES/report.PDF", b"%PDF-1.4\n% synthetic, not a real report\n%%EOF\n"),
        ("STUDY_NOTES/preview.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF\0" + bytes(64) + b"\xff\xd9"),
        ("__MACOSX/sub/._slice1", b"\0\5\26\7\0\2\0\0Mac OS X        " + bytes(64)),
    ]
    zip_case(out, manifest, rng, "normal.zip",
             [Series("normal", study, SLICES, "normal", kernel="B30f")], "normal",
             "one standard series; junk entries (.DS_Store, notes.txt, report.PDF, preview.jpg, "
             "__MACOSX/sub/._slice1) are dropped by the skip rule", extra=junk)

    # 2. dense.zip
    study = uid("dense", "study")
    zip_case(out, manifest, rng, "dense.zip",
             [Series("dense", study, SLICES, "dense", kernel="FC51")], "dense", "one lung-kernel series (FC51)")

    # 3. selection.zip: the lung series with the most VALID slices wins
    study = uid("selection", "study")
    sel = [
        Series("sel-lung24", study, 24, "dense", kernel="LUNG", number=2),
        Series("sel-b70f21", study, 21, "normal", kernel="B70f", number=3),
        Series("sel-standard40", study, 40, "normal", kernel="STANDARD", number=4),
        Series("sel-soft60", study, 60, "normal", kernel="SOFT", number=5),
        Series("sel-b80f19", study, 19, "dense", kernel="B80f", number=6),
        Series("sel-fc81-nosop", study, 25, "normal", kernel="FC81", number=7,
               broken={k: "no_sop" for k in (1, 5, 9, 13, 17, 21)}),
    ]
    chosen = zip_case(out, manifest, rng, "selection.zip", sel, "dense",
                      "expected: LUNG 24 slices (dense). Others: B70f 21 (lung, fewer), STANDARD 40, SOFT 60 "
                      "(other), B80f 19 (too few), FC81 25 files of which 6 lack SOPInstanceUID "
                      "(19 valid, skipped; the file meta still holds MediaStorageSOPInstanceUID)")
    assert chosen is sel[0]

    # 4. standard_choice.zip: no lung series, the standard one with the most slices wins
    study = uid("standard", "study")
    std = [
        Series("std-b31f22", study, 22, "dense", kernel="B31f", number=2),
        Series("std-fc30-20", study, 20, "normal", kernel="FC30", number=3),
        Series("std-nokernel50", study, 50, "normal", number=4),
    ]
    chosen = zip_case(out, manifest, rng, "standard_choice.zip", std, "dense",
                      "expected: B31f 22 slices (standard, dense). FC30 20 (standard, fewer); 50 slices "
                      "without ConvolutionKernel and FilterType (other) must not be chosen")
    assert chosen is std[0]

    # 5. filtertype.zip: FilterType stands in for a missing ConvolutionKernel
    study = uid("filtertype", "study")
    ft = [
        Series("ft-lung22", study, 22, "dense", filter_type="LUNG", number=2),
        Series("ft-none30", study, 30, "normal", number=3),
        Series("ft-soft-lung28", study, 28, "normal", kernel="SOFT", filter_type="LUNG", number=4),
    ]
    chosen = zip_case(out, manifest, rng, "filtertype.zip", ft, "dense",
                      "expected: no ConvolutionKernel, FilterType LUNG, 22 slices (dense). 30 slices with "
                      "neither tag (other); 28 slices ConvolutionKernel SOFT + FilterType LUNG: the kernel "
                      "wins, so it is 'other', not lung")
    assert chosen is ft[0]

    # 6. few_slices.zip: 25 files, only 19 valid slices
    study = uid("few", "study")
    broken = {k: "truncated" for k in (3, 11, 19)}
    broken.update({k: "no_series" for k in (6, 14, 22)})
    zip_case(out, manifest, rng, "few_slices.zip",
             [Series("few", study, 25, "normal", kernel="B30f", broken=broken)], "few_slices",
             "25 files: 19 good, 3 with PixelData cut short in the middle, 3 without SeriesInstanceUID. "
             "The original CT-CLIP reads headers only (stop_before_pixels) and would count 22; radgate "
             "counts a truncated slice as invalid (DECISIONS.md)")

    # 7. empty.zip
    study = uid("empty", "study")
    zip_case(out, manifest, rng, "empty.zip",
             [Series("empty", study, SLICES, "empty", kernel="LUNG")], "empty",
             "32 slices of air: the model answers NOT_APPLICABLE, radgate 422")

    # 8. mr_only.zip: a non-CT modality is only a warning
    study = uid("mr", "study")
    zip_case(out, manifest, rng, "mr_only.zip",
             [Series("mr", study, 24, "dense", modality="MR")], "dense",
             "24 slices, Modality MR, MR Image Storage, no kernel; still a candidate (warning only). "
             "Rescale tags kept, so the HU maths hold")

    # extra: skip_rule.zip, the skip rule decides which series has 20 slices
    study = uid("skip", "study")
    names = {0: ".hidden_im", 1: "im_a.txt", 2: "im_b.jpg", 3: "im_c.png", 4: "im_d.PDF"}
    sk = [
        Series("skip-lung24", study, 24, "normal", kernel="LUNG", number=2, names=names),
        Series("skip-b30f20", study, 20, "dense", kernel="B30f", number=3),
    ]
    chosen = zip_case(out, manifest, rng, "skip_rule.zip", sk, "dense",
                      "LUNG series: 24 DICOM files, 5 of them under names the skip rule drops (.hidden_im, "
                      "im_a.txt, im_b.jpg, im_c.png, im_d.PDF) -> 19, skipped; expected B30f 20 slices (dense). "
                      "The original's rule is case-sensitive (im_d.PDF would count, LUNG would win with 20); "
                      "DECISIONS.md makes it case-insensitive")
    assert chosen is sk[1]

    # 9. archives that are not usable
    (out / "not_a_zip.zip").write_bytes(bytes(rng.integers(0, 256, 4096, dtype=np.uint8)))
    manifest["not_a_zip.zip"] = {"kind": "zip", "study_uid": "", "expected_series_uid": None,
                                 "expected": "bad_zip", "notes": "4096 random bytes"}
    whole = (out / "normal.zip").read_bytes()
    (out / "truncated.zip").write_bytes(whole[:len(whole) // 2])
    manifest["truncated.zip"] = {"kind": "zip", "study_uid": "", "expected_series_uid": None,
                                 "expected": "bad_zip", "notes": "the first half of normal.zip (no central directory)"}
    png = (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\0\0\0\0:~\x9bU\0\0\0\nIDATx\x9cc`\0\0\0\2\0\1"
           b"\xe2!\xbc3\0\0\0\0IEND\xaeB`\x82")
    nodicom = [("EXPORT/readme.txt", b"no images here\n"), ("EXPORT/scan.png", png),
               ("EXPORT/data.bin", bytes(rng.integers(0, 256, 2048, dtype=np.uint8)))]
    write_zip(out / "no_dicom.zip", nodicom, rng)
    manifest["no_dicom.zip"] = {"kind": "zip", "study_uid": "", "expected_series_uid": None,
                                "expected": "no_dicom", "notes": "readme.txt, scan.png and data.bin (random bytes, "
                                "not DICOM). The original raises 'Нет DICOM серий в архиве' (a 500)",
                                "junk_entries": [n for n, _ in nodicom]}

    # 10. NIfTI
    nifti_case(out, manifest, rng, "dense.nii.gz", "dense", "float32", "float32 HU, gzip")
    nifti_case(out, manifest, rng, "normal.nii", "normal", "int16_scaled",
               "int16 stored HU + 1024 with scl_slope 1, scl_inter -1024, uncompressed")
    nifti_case(out, manifest, rng, "empty.nii.gz", "empty", "int16", "int16 HU, all -1000")
    (out / "bad.nii.gz").write_bytes(gzip.compress(bytes(rng.integers(0, 256, 4096, dtype=np.uint8)), mtime=0))
    manifest["bad.nii.gz"] = {"kind": "nifti", "study_uid": "nifti_bad", "expected_series_uid": None,
                              "expected": "bad_nifti", "notes": "gzip of 4096 random bytes"}

    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps({name: m["expected"] for name, m in manifest.items()}))


if __name__ == "__main__":
    main()
