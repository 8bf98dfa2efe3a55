#!/usr/bin/env python3
"""Runs the build steps of a Dockerfile's stages on this machine, without Docker.

No container registry is reachable from radgate's machines, so the image cannot be built here.
This runs what each stage does instead: every stage gets a directory of its own standing for
its file system root; WORKDIR and COPY (also COPY --from=<stage>) map into it, ENV is
exported, RUN steps run with bash in the mapped WORKDIR. The FROM image is not reproduced:
the host (Debian 12, like the Dockerfile's bases) stands for it, so RUN steps must use paths
relative to WORKDIR. USER, EXPOSE, HEALTHCHECK and ENTRYPOINT are reported, not run.

  scripts/dockerfile-stages.py OUT_DIR [--dockerfile Dockerfile] [--context .]

Prints, and writes to OUT_DIR/stages.json, one JSON object:
{"stages": {name: root}, "entrypoint": [...], "workdir": {...}}.
"""
import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys


def instructions(text):
    logical, buf = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not buf and (not stripped or stripped.startswith("#")):
            continue
        if buf and stripped.startswith("#"):
            continue
        if line.rstrip().endswith("\\"):
            buf += line.rstrip()[:-1] + " "
            continue
        buf += line
        logical.append(buf.strip())
        buf = ""
    for entry in logical:
        word, _, rest = entry.partition(" ")
        yield word.upper(), rest.strip()


def mapped(root, workdir, path):
    full = path if path.startswith("/") else os.path.join(workdir, path)
    return os.path.join(root, full.lstrip("/"))


def copy(src, dest):
    if os.path.isdir(src):
        shutil.copytree(src, dest, dirs_exist_ok=True)
    else:
        if dest.endswith("/") or os.path.isdir(dest):
            dest = os.path.join(dest, os.path.basename(src))
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copy2(src, dest)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--dockerfile", default="Dockerfile")
    ap.add_argument("--context", default=".")
    args = ap.parse_args()
    context = os.path.abspath(args.context)
    stages, workdirs, entrypoint = {}, {}, None
    name = root = None
    workdir, env = "/", dict(os.environ)
    with open(args.dockerfile) as f:
        steps = list(instructions(f.read()))
    for word, rest in steps:
        if word == "FROM":
            parts = rest.split()
            name = parts[2] if len(parts) >= 3 and parts[1].upper() == "AS" else "stage%d" % len(stages)
            root = os.path.join(os.path.abspath(args.out), name)
            shutil.rmtree(root, ignore_errors=True)
            os.makedirs(root)
            stages[name], workdir, env = root, "/", dict(os.environ)
            print("dockerfile-stages: FROM %s (host stands for %s)" % (name, parts[0]), file=sys.stderr)
        elif word == "WORKDIR":
            workdir = rest if rest.startswith("/") else os.path.join(workdir, rest)
            workdirs[name] = workdir
            os.makedirs(mapped(root, workdir, "."), exist_ok=True)
        elif word == "ENV":
            key, _, value = rest.partition("=") if "=" in rest.split()[0] else rest.partition(" ")
            env[key.strip()] = value.strip().strip('"')
        elif word == "COPY":
            parts = shlex.split(rest)
            source_root = context
            if parts[0].startswith("--from="):
                source_root = stages[parts.pop(0)[len("--from="):]]
            *sources, dest = parts
            for s in sources:
                src = os.path.join(source_root, s.lstrip("/")) if source_root != context else os.path.join(context, s)
                copy(src, mapped(root, workdir, dest))
        elif word == "RUN":
            cwd = mapped(root, workdir, ".")
            print("dockerfile-stages: [%s] RUN %s" % (name, rest), file=sys.stderr)
            done = subprocess.run(["bash", "-c", "set -e; " + rest], cwd=cwd, env=env)
            if done.returncode != 0:
                print("dockerfile-stages: [%s] RUN failed with exit %d" % (name, done.returncode), file=sys.stderr)
                return 1
        elif word == "ENTRYPOINT":
            entrypoint = json.loads(rest)
        elif word in ("USER", "EXPOSE", "HEALTHCHECK", "LABEL", "CMD", "ARG", "VOLUME"):
            print("dockerfile-stages: [%s] %s %s (not run here)" % (name, word, rest), file=sys.stderr)
        else:
            print("dockerfile-stages: unsupported instruction %s" % word, file=sys.stderr)
            return 2
    result = json.dumps({"stages": stages, "workdir": workdirs, "entrypoint": entrypoint})
    with open(os.path.join(args.out, "stages.json"), "w") as f:
        f.write(result)
    print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
