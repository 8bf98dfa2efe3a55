"""Writes the image files ImageFileReaderTest and ImageFileGrayTest decode, with what they must decode to.

Usage: make_images.py OUT_DIR

For every case OUT_DIR gets the file itself, <name>.expected.raw (the samples the Java reader
must return: row-major, interleaved, uint8 or little-endian uint16), <name>.cvgray.raw (what
cv2.imdecode(data, cv2.IMREAD_GRAYSCALE) returns, when OpenCV can decode it) and an entry in
manifest.json. Images are asymmetric and not square so that a transposed or flipped decode
cannot pass.
"""
import io
import json
import struct
import sys
import zlib
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
RNG = np.random.default_rng(20261124)
H, W = 37, 53
manifest = []


def phantom(dtype=np.uint8, channels=1):
    """An off-centre L shape over noise; channels differ from each other."""
    top = np.iinfo(dtype).max
    planes = []
    for c in range(channels):
        a = RNG.integers(0, top // 4, size=(H, W), dtype=np.int64)
        a[5:30, 8:14] = top - c * 7
        a[24:30, 8:40] = top // 2 + c * 11
        a[0, 0] = 0
        a[H - 1, W - 1] = top
        planes.append(a.astype(dtype))
    return planes[0] if channels == 1 else np.dstack(planes)


def pil_bytes(img, fmt, **kw):
    b = io.BytesIO()
    img.save(b, fmt, **kw)
    return b.getvalue()


def png_chunk(ctype, data):
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", zlib.crc32(ctype + data) & 0xFFFFFFFF)


def png_by_hand(arr, color_type, bit_depth, extra_chunks=b""):
    """PNG writer for what Pillow cannot write (16-bit colour); filter 0 on every row."""
    h, w = arr.shape[:2]
    raw = arr.astype(">u2").tobytes() if bit_depth == 16 else arr.astype(np.uint8).tobytes()
    stride = len(raw) // h
    rows = b"".join(b"\x00" + raw[y * stride:(y + 1) * stride] for y in range(h))
    ihdr = struct.pack(">IIBBBBB", w, h, bit_depth, color_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + extra_chunks + png_chunk(b"IDAT", zlib.compress(rows))
            + png_chunk(b"IEND", b""))


def with_chunk_after_ihdr(png, chunk):
    return png[:33] + chunk + png[33:]


def add(name, data, fmt, expected=None, tolerance=0, orientation=1):
    path = OUT / name
    path.write_bytes(data)
    entry = {"name": name, "format": fmt, "orientation": orientation, "tolerance": tolerance}
    if expected is not None:
        exp = np.asarray(expected)
        entry["height"], entry["width"] = exp.shape[:2]
        entry["channels"] = 1 if exp.ndim == 2 else exp.shape[2]
        entry["type"] = "U16" if exp.dtype == np.uint16 else "U8"
        (OUT / (name + ".expected.raw")).write_bytes(exp.astype("<u2" if exp.dtype == np.uint16 else np.uint8).tobytes())
    try:
        gray = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    except cv2.error:  # OpenCV's own size limit refuses the bombs
        gray = None
    if gray is not None:
        entry["cvHeight"], entry["cvWidth"] = gray.shape
        (OUT / (name + ".cvgray.raw")).write_bytes(gray.tobytes())
    manifest.append(entry)


gray8 = phantom()
gray16 = phantom(np.uint16)
rgb8 = phantom(channels=3)
rgba8 = phantom(channels=4)
rgb16 = phantom(np.uint16, 3)
rgba16 = phantom(np.uint16, 4)
rgb8[3, 3] = [77, 77, 77]  # gray pixels in colour images take libpng's pass-through branch

# PNG
add("gray8.png", pil_bytes(Image.fromarray(gray8), "PNG"), "PNG", gray8)
add("gray16.png", pil_bytes(Image.fromarray(gray16), "PNG"), "PNG", gray16)
add("rgb8.png", pil_bytes(Image.fromarray(rgb8), "PNG"), "PNG", rgb8)
add("rgba8.png", pil_bytes(Image.fromarray(rgba8, "RGBA"), "PNG"), "PNG", rgba8)
add("gray_alpha8.png", pil_bytes(Image.fromarray(rgba8[..., :2], "LA"), "PNG"), "PNG", rgba8[..., :2])
add("rgb16.png", png_by_hand(rgb16, 2, 16), "PNG", rgb16)
add("rgba16.png", png_by_hand(rgba16, 6, 16), "PNG", rgba16)
palette = Image.fromarray(rgb8).quantize(40)
add("palette.png", pil_bytes(palette, "PNG"), "PNG", np.array(palette.convert("RGB")))
data = pil_bytes(palette, "PNG", transparency=3)
trns = np.array(Image.open(io.BytesIO(data)).convert("RGBA"))
assert (trns[..., 3] == 0).any() and (trns[..., 3] == 255).any()
add("palette_trns.png", data, "PNG", trns)
bilevel = Image.fromarray(gray8 > 100)
add("bilevel.png", pil_bytes(bilevel, "PNG"), "PNG", np.array(bilevel.convert("L")))
add("rgb8_srgb.png", with_chunk_after_ihdr(pil_bytes(Image.fromarray(rgb8), "PNG"), png_chunk(b"sRGB", b"\x00")),
    "PNG", rgb8)
add("rgb8_gamma.png", with_chunk_after_ihdr(pil_bytes(Image.fromarray(rgb8), "PNG"),
                                            png_chunk(b"gAMA", struct.pack(">I", 70000))), "PNG", rgb8)
exif6 = Image.Exif()
exif6[0x0112] = 6
add("rgb8_exif6.png", pil_bytes(Image.fromarray(rgb8), "PNG", exif=exif6.tobytes()), "PNG", rgb8, orientation=6)

# JPEG: the colour output must equal Pillow's (libjpeg-turbo) decode; JDK libjpeg 6b matched exactly
for name, arr, kw in [("gray.jpg", gray8, {}), ("rgb444.jpg", rgb8, {"subsampling": 0}),
                      ("rgb420.jpg", rgb8, {"subsampling": 2})]:
    data = pil_bytes(Image.fromarray(arr), "JPEG", quality=92, **kw)
    add(name, data, "JPEG", np.array(Image.open(io.BytesIO(data))), tolerance=0)
exif8 = Image.Exif()
exif8[0x0112] = 8
data = pil_bytes(Image.fromarray(rgb8), "JPEG", quality=92, exif=exif8.tobytes())
add("rgb_exif8.jpg", data, "JPEG", np.array(Image.open(io.BytesIO(data))), tolerance=0, orientation=8)

# TIFF
add("gray8.tif", pil_bytes(Image.fromarray(gray8), "TIFF"), "TIFF", gray8)
add("gray16.tif", pil_bytes(Image.fromarray(gray16), "TIFF"), "TIFF", gray16)
add("rgb8.tif", pil_bytes(Image.fromarray(rgb8), "TIFF"), "TIFF", rgb8)
add("rgb8_lzw.tif", pil_bytes(Image.fromarray(rgb8), "TIFF", compression="tiff_lzw"), "TIFF", rgb8)
add("rgba8.tif", pil_bytes(Image.fromarray(rgba8, "RGBA"), "TIFF"), "TIFF", rgba8)
add("palette.tif", pil_bytes(palette, "TIFF"), "TIFF", np.array(palette.convert("RGB")))
add("bilevel.tif", pil_bytes(bilevel, "TIFF"), "TIFF", np.array(bilevel.convert("L")))
ok, tif16 = cv2.imencode(".tiff", np.ascontiguousarray(rgb16[..., ::-1]))
add("rgb16.tif", tif16.tobytes(), "TIFF", rgb16)
add("gray8_orient6.tif", pil_bytes(Image.fromarray(gray8), "TIFF", tiffinfo={274: 6}), "TIFF", gray8, orientation=6)
add("rgb8_orient3.tif", pil_bytes(Image.fromarray(rgb8), "TIFF", tiffinfo={274: 3}), "TIFF", rgb8, orientation=3)

# BMP: Pillow writes gray as an 8-bit palette of grays, RGBA as 32-bit BI_RGB whose 4th byte
# is reserved (readers ignore it), so both decode as the colours alone
add("gray8.bmp", pil_bytes(Image.fromarray(gray8), "BMP"), "BMP", gray8)
add("rgb8.bmp", pil_bytes(Image.fromarray(rgb8), "BMP"), "BMP", rgb8)
add("rgbx8.bmp", pil_bytes(Image.fromarray(rgba8, "RGBA"), "BMP"), "BMP", rgba8[..., :3])
add("palette.bmp", pil_bytes(palette, "BMP"), "BMP", np.array(palette.convert("RGB")))

# Decompression bombs: headers that claim huge images over a few bytes of data
def png_claiming(width, height, color_type):
    png = bytearray(png_by_hand(np.zeros((1, 1, 3) if color_type == 2 else (1, 1), np.uint8), color_type, 8))
    png[16:24] = struct.pack(">II", width, height)
    png[29:33] = struct.pack(">I", zlib.crc32(bytes(png[12:29])) & 0xFFFFFFFF)
    return bytes(png)


add("bomb_100000.png", png_claiming(100000, 100000, 0), "PNG")
add("bomb_pixels.png", png_claiming(16000, 16000, 2), "PNG")
jpeg = bytearray(pil_bytes(Image.fromarray(gray8[:8, :8]), "JPEG"))
sof = jpeg.index(b"\xff\xc0")
jpeg[sof + 5:sof + 9] = struct.pack(">HH", 60000, 60000)
add("bomb.jpg", bytes(jpeg), "JPEG")
tiff = bytearray(pil_bytes(Image.fromarray(gray8[:2, :2]), "TIFF"))
ifd = struct.unpack("<I", tiff[4:8])[0]
for i in range(struct.unpack("<H", tiff[ifd:ifd + 2])[0]):
    e = ifd + 2 + 12 * i
    tag, typ = struct.unpack("<HH", tiff[e:e + 4])
    if tag in (256, 257):
        tiff[e + 2:e + 12] = struct.pack("<HII", 4, 1, 200000)
add("bomb.tif", bytes(tiff), "TIFF")

# Not supported
add("image.gif", pil_bytes(Image.fromarray(gray8), "GIF"), "GIF")
add("truncated.png", pil_bytes(Image.fromarray(rgb8), "PNG")[:200], "PNG")

(OUT / "manifest.json").write_text(json.dumps(manifest, indent=1))
print(f"wrote {len(manifest)} images to {OUT} (OpenCV {cv2.__version__})")
