#!/usr/bin/env python3
"""A 300-slice CT study in two ZIP archives, for StudyZipThroughput (not a golden test).

One series of 512x512 signed 16-bit CT slices (RescaleIntercept -1024, HU + 1024 stored), slices
1.25 mm apart along z (ImagePositionPatient), written with pydicom:

* <out>/ct300_explicit_le.zip: the uncompressed files (explicit VR little endian);
* <out>/ct300_jpeg_lossless_70.zip: the same slices through dcmtk's ``dcmcjpeg +e1``
  (JPEG lossless, first-order prediction, transfer syntax 1.2.840.10008.1.2.4.70).

Entries are DEFLATEd, in a shuffled order, under names that do not give the order away;
<out>/study.json lists the SOPInstanceUIDs in spatial order (and the zips' sizes).

Usage: make_study_zip.py OUT_DIR [SLICES]
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import numpy as np
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

PREFIX = "1.2.826.0.1.3680043.8.498."
CT = "1.2.840.10008.5.1.4.1.1.2"
SIZE = 512
SPACING_Z = 1.25


def uid(*parts):
    return generate_uid(prefix=PREFIX, entropy_srcs=["study-zip"] + [str(p) for p in parts])


def slice_hu(k, n, rng):
    """A CT-like slice: air, an elliptic body whose size changes along z, two lungs, a spine, noise."""
    y, x = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32)
    t = k / max(1, n - 1)
    a = 200 + 30 * np.sin(np.pi * t)
    b = 150 + 20 * np.sin(np.pi * t)
    hu = np.full((SIZE, SIZE), -1000.0, dtype=np.float32)
    body = ((x - 256) / a) ** 2 + ((y - 260) / b) ** 2 < 1
    hu[body] = 40
    for cx in (180, 332):
        lung = ((x - cx) / (55 + 20 * t)) ** 2 + ((y - 240) / 80) ** 2 < 1
        hu[lung] = -850
    spine = ((x - 256) / 22) ** 2 + ((y - 360) / 22) ** 2 < 1
    hu[spine] = 700 + 200 * t
    hu += rng.normal(0, 15, size=hu.shape).astype(np.float32)
    return np.clip(np.round(hu + 1024), -32768, 32767).astype(np.int16)


def dataset(k, n, study, series, rng):
    inst = uid("instance", k)
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CT
    meta.MediaStorageSOPInstanceUID = inst
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = uid("impl")
    ds = FileDataset("slice", {}, file_meta=meta, preamble=b"\0" * 128)
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.SOPClassUID = CT
    ds.SOPInstanceUID = inst
    ds.StudyInstanceUID = study
    ds.SeriesInstanceUID = series
    ds.Modality = "CT"
    ds.PatientName = "ANONYMOUS^STUDYZIP"
    ds.PatientID = "STUDYZIP-0"
    ds.SeriesNumber = 2
    ds.InstanceNumber = k + 1
    ds.ImagePositionPatient = ["-250.000000", "-250.000000", "%.6f" % (-180.0 + k * SPACING_Z)]
    ds.ImageOrientationPatient = ["1", "0", "0", "0", "1", "0"]
    ds.PixelSpacing = ["0.976562", "0.976562"]
    ds.SliceThickness = "1.250000"
    ds.RescaleSlope = "1"
    ds.RescaleIntercept = "-1024"
    ds.WindowCenter = "40"
    ds.WindowWidth = "400"
    ds.Rows, ds.Columns = SIZE, SIZE
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, 16, 15
    ds.PixelRepresentation = 1
    ds.PixelData = slice_hu(k, n, rng).astype("<i2").tobytes()
    ds["PixelData"].VR = "OW"
    return ds, inst


def write_zip(path, files, order, names):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for i in order:
            z.write(files[i], names[i])


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    os.makedirs(out, exist_ok=True)
    if shutil.which("dcmcjpeg") is None:
        sys.exit("dcmcjpeg (dcmtk) is not installed")
    rng = np.random.default_rng(300)
    study, series = uid("study"), uid("series")
    tmp = tempfile.mkdtemp(prefix="study-zip-")
    try:
        plain, jpeg, uids = [], [], []
        for k in range(n):
            ds, inst = dataset(k, n, study, series, rng)
            p = os.path.join(tmp, "s%04d.dcm" % k)
            ds.save_as(p, write_like_original=False)
            j = os.path.join(tmp, "s%04d_jpeg.dcm" % k)
            subprocess.run(["dcmcjpeg", "+e1", "+un", p, j], check=True, capture_output=True)
            plain.append(p)
            jpeg.append(j)
            uids.append(inst)
        order = rng.permutation(n)
        names = ["STUDY/SERIES2/IM%06d.dcm" % int(v) for v in rng.permutation(n) + 17]
        zips = {}
        for name, files in (("ct300_explicit_le.zip", plain), ("ct300_jpeg_lossless_70.zip", jpeg)):
            path = os.path.join(out, name)
            write_zip(path, files, order, names)
            zips[name] = dict(bytes=os.path.getsize(path), dicom_bytes=sum(os.path.getsize(f) for f in files))
        with open(os.path.join(out, "study.json"), "w") as f:
            json.dump(dict(slices=n, rows=SIZE, columns=SIZE, spatial_order=uids, zips=zips), f, indent=1)
        print(json.dumps(zips))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
