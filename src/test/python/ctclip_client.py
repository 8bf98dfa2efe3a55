#!/usr/bin/env python3
"""CT-CLIP conformance client for radgate's CT-CLIP tests.

Builds requests the way CT-CLIP's batch client (FscoreLab/Celsus_PLI api/batch_inference_client.py,
PROTOCOLS.md §4.3) builds them, with requests:
  requests.get(f"{api}/health", timeout=10)
  requests.post(f"{api}/predict", files={"file": (name, fh, "application/zip")}, timeout=600)
so the body is multipart/form-data with requests' 32-hex boundary, one part named "file" with
Content-Type application/zip.

Usage: ctclip_client.py API_URL COMMAND ARGS...
  health                      GET /health
  root                        GET /
  predict PATH [FILENAME]     POST PATH to /predict as the batch client does; FILENAME replaces
                              the part's filename (e.g. study.tar)
  predict_plain PATH [FILENAME]
                              POST to /predict as USER_GUIDE.md's example does:
                              files={"file": fh} (filename = base name, no part Content-Type)
  predict_nifti PATH [FILENAME]
                              POST to /predict_nifti the USER_GUIDE.md way (no part Content-Type)
  batch DIR                   the batch client's loop over sorted(DIR.glob("*.zip"))

Prints exactly one JSON document on stdout (ASCII, non-ASCII escaped). For a single request:
  {status, content_type (the exact header, or null), headers, bytes, raw (response text),
   body (parsed JSON or null), parse_error, keys (object keys in order), duplicate_keys,
   types ({key: python type name}), item_types ({key: [type names]} for list values),
   elapsed_s}; when no response came: {status: null, exception, error}.
For batch: {health, stopped, archives, results (each file's dict as the client built it),
  progress (the progress lines), crash (when formatting the progress line raised, as it does
  in the real client: it stops there and writes no sheet), columns, rows (what the xlsx sheet
  would hold: the chosen columns, missing cells null; null when the client crashed)}.
"""
import json
import sys
import time
from pathlib import Path

import requests

BASE_COLUMNS = ["path_to_study", "study_uid", "series_uid", "probability_of_pathology", "pathology",
                "processing_status", "time_of_processing"]
OPTIONAL_COLUMNS = ["most_dangerous_pathology_type", "error"]


def parse_json(raw):
    """(value, keys of the top-level object in order, duplicated keys, error)."""
    duplicates = []

    def pairs(items):
        obj = {}
        for k, v in items:
            if k in obj:
                duplicates.append(k)
            obj[k] = v
        return obj

    try:
        value = json.loads(raw, object_pairs_hook=pairs)
    except ValueError as e:
        return None, None, [], f"{type(e).__name__}: {e}"
    keys = list(value.keys()) if isinstance(value, dict) else None
    return value, keys, duplicates, None


def type_name(v):
    return "null" if v is None else type(v).__name__


def report(r, elapsed):
    body, keys, dups, err = parse_json(r.text)
    out = {
        "status": r.status_code,
        "content_type": r.headers.get("content-type"),
        "headers": {k.lower(): v for k, v in r.headers.items()},
        "bytes": len(r.content),
        "raw": r.text,
        "body": body,
        "parse_error": err,
        "keys": keys,
        "duplicate_keys": dups,
        "types": None,
        "item_types": None,
        "elapsed_s": elapsed,
    }
    if isinstance(body, dict):
        out["types"] = {k: type_name(v) for k, v in body.items()}
        out["item_types"] = {k: [type_name(x) for x in v] for k, v in body.items() if isinstance(v, list)}
    return out


def get(api, path):
    t = time.time()
    r = requests.get(f"{api}{path}", timeout=10)
    return report(r, time.time() - t)


def post_file(api, route, path, filename, content_type):
    """content_type None: the part carries no Content-Type (requests' 2-tuple form)."""
    path = Path(path)
    name = filename if filename is not None else path.name
    t = time.time()
    with open(path, "rb") as fh:
        part = (name, fh, content_type) if content_type is not None else (name, fh)
        r = requests.post(f"{api}{route}", files={"file": part}, timeout=600)
    return report(r, time.time() - t)


def failure_row(archive, elapsed, error):
    return {
        "path_to_study": str(archive.absolute()),
        "study_uid": "",
        "series_uid": "",
        "probability_of_pathology": 0.0,
        "pathology": "Unknown",
        "most_dangerous_pathology_type": "Unknown",
        "processing_status": "Failure",
        "time_of_processing": elapsed,
        "error": error,
    }


def process_archive(api, archive):
    """One archive, with the batch client's request, row building and error handling."""
    try:
        t = time.time()
        with open(archive, "rb") as fh:
            r = requests.post(f"{api}/predict", files={"file": (archive.name, fh, "application/zip")}, timeout=600)
        elapsed = time.time() - t
        if r.status_code == 200:
            row = r.json()
            if "top_pathologies" in row:
                row["most_dangerous_pathology_type"] = ", ".join(row["top_pathologies"]) if row["top_pathologies"] else ""
            else:
                row["most_dangerous_pathology_type"] = ""
            row["path_to_study"] = str(archive.absolute())
            row["processing_time_total"] = elapsed
            return row
        # the JSON body is read only when the header is exactly application/json
        details = r.json() if r.headers.get("content-type") == "application/json" else {}
        return failure_row(archive, elapsed, details.get("error", f"HTTP {r.status_code}"))
    except requests.exceptions.Timeout:
        return failure_row(archive, 0.0, "Request timeout (> 10 minutes)")
    except Exception as e:  # the client turns anything else into the row's error text
        return failure_row(archive, 0.0, str(e))


def batch(api, directory):
    out = {"health": None, "stopped": None, "archives": [], "results": [], "progress": [], "crash": None,
           "columns": None, "rows": None}
    try:
        r = requests.get(f"{api}/health", timeout=10)
    except Exception as e:
        out["stopped"] = f"connection error: {e}"
        return out
    out["health"] = r.status_code
    if r.status_code != 200:
        out["stopped"] = f"API unavailable (HTTP {r.status_code})"
        return out
    archives = sorted(Path(directory).glob("*.zip"))
    out["archives"] = [a.name for a in archives]
    if not archives:
        out["stopped"] = "no archives found"
        return out
    for archive in archives:
        row = process_archive(api, archive)
        out["results"].append(row)
        try:
            mark = "OK" if row["processing_status"] == "Success" else "FAIL"
            out["progress"].append(f"{mark} {archive.name}: {row['pathology']} "
                                   f"(P={row['probability_of_pathology']:.3f}, "
                                   f"{row['time_of_processing']:.1f}s)")
        except Exception as e:  # the real client dies here with a traceback, before writing the sheet
            out["crash"] = {"archive": archive.name, "type": type(e).__name__, "message": str(e)}
            return out
    # the sheet: pandas.DataFrame(results) has the union of keys; chosen columns, in this order
    present = set()
    for row in out["results"]:
        present.update(row.keys())
    columns = [c for c in BASE_COLUMNS if c in present] + [c for c in OPTIONAL_COLUMNS if c in present]
    out["columns"] = columns
    out["rows"] = [{c: row.get(c) for c in columns} for row in out["results"]]
    return out


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    api, command, args = argv[1].rstrip("/"), argv[2], argv[3:]
    if command == "batch" and len(args) == 1:
        result = batch(api, args[0])
    elif (command in ("health", "root") and not args) or (
            command in ("predict", "predict_plain", "predict_nifti") and 1 <= len(args) <= 2):
        try:
            if command in ("health", "root"):
                result = get(api, "/health" if command == "health" else "/")
            else:
                filename = args[1] if len(args) == 2 else None
                if command == "predict":
                    result = post_file(api, "/predict", args[0], filename, "application/zip")
                else:
                    route = "/predict" if command == "predict_plain" else "/predict_nifti"
                    result = post_file(api, route, args[0], filename, None)
        except requests.exceptions.RequestException as e:
            result = {"status": None, "exception": type(e).__name__, "error": str(e)}
    else:
        sys.exit(__doc__)
    print(json.dumps(result, ensure_ascii=True))


if __name__ == "__main__":
    main(sys.argv)
