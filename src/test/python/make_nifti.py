"""Writes NIfTI-1 files with nibabel for NiftiReaderTest, with what nibabel reads back from them.

Usage: make_nifti.py OUT_DIR

For each volume OUT_DIR gets the file, <name>.expected.raw (nibabel's get_fdata() as float32,
little endian, x fastest: Fortran order) and an entry in manifest.json with the shape,
affine (row-major), zooms, datatype and scaling nibabel reports. Files for the error cases
are written too (no expected data).
"""
import gzip
import json
import struct
import sys
from pathlib import Path

import nibabel as nib
import numpy as np

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
RNG = np.random.default_rng(348)
SHAPE = (13, 11, 7)  # x, y, z all different, so a transposed read cannot pass
manifest = []


def phantom(dtype, low, high):
    """Noise with an off-centre L: voxel (x, y, z) differs from any permutation of it."""
    a = RNG.integers(low, high, size=SHAPE, endpoint=False).astype(np.float64)
    a[2:9, 1:3, 1:6] = high - 1
    a[2:4, 1:9, 1:6] = (low + high) // 2
    a[0, 0, 0] = low
    return a.astype(dtype)


def rotation(ax, ay, az):
    cx, sx, cy, sy, cz, sz = np.cos(ax), np.sin(ax), np.cos(ay), np.sin(ay), np.cos(az), np.sin(az)
    rx = np.array([[1, 0, 0], [0, cx, -sx], [0, sx, cx]])
    ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    rz = np.array([[cz, -sz, 0], [sz, cz, 0], [0, 0, 1]])
    return rz @ ry @ rx


def affine(rot, zooms, offset):
    a = np.eye(4)
    a[:3, :3] = rot @ np.diag(zooms)
    a[:3, 3] = offset
    return a


def save(name, img):
    path = OUT / name
    nib.save(img, str(path))
    return path


def patch(path, offset, fmt, *values):
    """Overwrites header fields of an uncompressed .nii in place."""
    data = bytearray(path.read_bytes())
    endian = "<" if struct.unpack("<i", data[:4])[0] == 348 else ">"
    struct.pack_into(endian + fmt, data, offset, *values)
    path.write_bytes(bytes(data))


def expect(name):
    """Records what nibabel reads back from OUT/name."""
    img = nib.load(str(OUT / name))
    hdr = img.header
    data = img.get_fdata()
    data = data.reshape(data.shape[:3], order="F")
    (OUT / (name + ".expected.raw")).write_bytes(data.astype("<f4").tobytes(order="F"))
    # nibabel moves the scaling from the header to the data object on load
    slope, inter = img.dataobj.slope, img.dataobj.inter
    manifest.append({
        "name": name,
        "shape": [int(s) for s in data.shape],
        "affine": [float(v) for v in img.affine.reshape(-1)],
        "zooms": [float(z) for z in hdr.get_zooms()[:3]],
        "datatype": int(hdr["datatype"]),
        "slope": float(slope),
        "inter": float(inter),
        "sformCode": int(hdr["sform_code"]),
        "qformCode": int(hdr["qform_code"]),
        "bigEndian": hdr.endianness == ">",
    })


oblique = affine(rotation(0.3, -0.2, 0.5), [0.7, 0.9, 2.5], [-91.5, 12.25, 40.0])
flipped = affine(rotation(0.0, 0.0, 0.4) @ np.diag([1, 1, -1]), [0.8, 0.8, 3.0], [10.0, -20.0, 30.0])
aligned = affine(np.eye(3), [0.75, 0.75, 1.5], [-4.5, -3.75, -4.5])

# int16 stored values with scl_slope 2.5 / scl_inter -1024 (the CT case)
save("int16_scaled.nii", nib.Nifti1Image(phantom(np.int16, -2000, 2000), aligned))
patch(OUT / "int16_scaled.nii", 112, "ff", 2.5, -1024.0)
expect("int16_scaled.nii")

img = nib.Nifti1Image(phantom(np.float32, -1000, 3000) / np.float32(7), aligned)
save("float32.nii", img)
expect("float32.nii")

save("uint8.nii", nib.Nifti1Image(phantom(np.uint8, 0, 256), aligned))
expect("uint8.nii")
save("int8.nii", nib.Nifti1Image(phantom(np.int8, -128, 128), aligned))
expect("int8.nii")
save("uint16.nii", nib.Nifti1Image(phantom(np.uint16, 0, 65536), aligned))
expect("uint16.nii")
save("int32_scaled.nii", nib.Nifti1Image(phantom(np.int32, -2**31, 2**31 - 1), aligned))
patch(OUT / "int32_scaled.nii", 112, "ff", 0.001, 3.25)
expect("int32_scaled.nii")
save("float64.nii", nib.Nifti1Image(phantom(np.float64, -10**6, 10**6) / 3.0, aligned))
expect("float64.nii")
# a slope of 0 means "not scaled", whatever the intercept says
save("slope_zero.nii", nib.Nifti1Image(phantom(np.int16, -100, 100), aligned))
patch(OUT / "slope_zero.nii", 112, "ff", 0.0, 55.0)
expect("slope_zero.nii")

# gzip
img = nib.Nifti1Image(phantom(np.int16, -1024, 3000), oblique)
nib.save(img, str(OUT / "int16.nii.gz"))
expect("int16.nii.gz")

# big endian
hdr = nib.Nifti1Header(endianness=">")
hdr.set_data_dtype(np.int16)
save("int16_big_endian.nii", nib.Nifti1Image(phantom(np.int16, -1024, 3000), aligned, header=hdr))
assert (OUT / "int16_big_endian.nii").read_bytes()[:4] == struct.pack(">i", 348)
patch(OUT / "int16_big_endian.nii", 112, "ff", 0.5, 10.0)
expect("int16_big_endian.nii")

# 4D with a single volume
save("one_volume_4d.nii", nib.Nifti1Image(phantom(np.int16, 0, 1000)[..., np.newaxis], aligned))
expect("one_volume_4d.nii")

# oblique sform (sform wins over a different qform)
img = nib.Nifti1Image(phantom(np.float32, 0, 100), None)
img.set_sform(oblique, code=1)
img.set_qform(aligned, code=1)
img.header.set_xyzt_units("mm", "sec")
save("oblique_sform.nii", img)
expect("oblique_sform.nii")

# qform only: an oblique rotation, and one with a flip (qfac = -1)
for name, a in [("qform_only.nii", oblique), ("qform_qfac.nii", flipped)]:
    img = nib.Nifti1Image(phantom(np.int16, 0, 1000), None)
    img.set_qform(a, code=1)
    img.set_sform(None, code=0)
    save(name, img)
    expect(name)
assert nib.load(str(OUT / "qform_qfac.nii")).header["pixdim"][0] == -1

# neither: nibabel's fallback from pixdim
save("no_xform.nii", nib.Nifti1Image(phantom(np.int16, 0, 1000), oblique))
patch(OUT / "no_xform.nii", 80, "fff", 0.6, 0.7, 2.0)
patch(OUT / "no_xform.nii", 252, "hh", 0, 0)
expect("no_xform.nii")

# a header extension moves vox_offset past 352
img = nib.Nifti1Image(phantom(np.int16, 0, 1000), aligned)
img.header.extensions.append(nib.nifti1.Nifti1Extension("comment", b"written by radgate's tests" * 10))
save("with_extension.nii", img)
assert struct.unpack("<f", (OUT / "with_extension.nii").read_bytes()[108:112])[0] > 352
expect("with_extension.nii")

# error cases
save("two_volumes_4d.nii", nib.Nifti1Image(np.zeros(SHAPE + (2,), np.int16), aligned))
save("two_d.nii", nib.Nifti1Image(np.zeros(SHAPE[:2], np.int16), aligned))
save("rgb24.nii", nib.Nifti1Image(np.zeros(SHAPE, np.uint8), aligned))
patch(OUT / "rgb24.nii", 70, "hh", 128, 24)
save("nifti2.nii", nib.Nifti2Image(np.zeros(SHAPE, np.int16), aligned))
nib.save(nib.Nifti1Pair(np.zeros(SHAPE, np.int16), aligned), str(OUT / "pair.hdr"))
full = (OUT / "int16_scaled.nii").read_bytes()
(OUT / "truncated.nii").write_bytes(full[:len(full) - 100])
(OUT / "header_only.nii").write_bytes(full[:348])
gz = (OUT / "int16.nii.gz").read_bytes()
(OUT / "truncated.nii.gz").write_bytes(gz[:len(gz) // 2])
# a header claiming 16384 x 16384 x 4096 voxels over no data at all
claim = bytearray(full[:352])
struct.pack_into("<8h", claim, 40, 3, 16384, 16384, 4096, 1, 1, 1, 1)
(OUT / "big_claim.nii.gz").write_bytes(gzip.compress(bytes(claim)))

(OUT / "manifest.json").write_text(json.dumps(manifest, indent=1))
print(f"wrote {len(manifest)} volumes to {OUT} (nibabel {nib.__version__})")
