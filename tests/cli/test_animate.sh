#!/bin/sh
# difflab-cli animate: the forward chain, the reverse chain and an interpolation written as an animated GIF, a
# folder of PNG frames and an MP4, each decoded and its frames counted by independent readers (a GIF block
# parser and a PNG chunk reader in Python, ffprobe for MP4), and clear one-line errors that leave nothing behind.
# usage: test_animate.sh DIFFLAB_CLI SOURCE_DIR
set -eu
cli=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mixture=$src/resources/mixtures/8gaussians.json
[ -f "$mixture" ] || fail "missing $mixture"

# check.py KIND PATH FRAMES WIDTH HEIGHT: decodes and counts.
cat > "$dir/check.py" <<'PY'
import os, struct, sys, zlib

def gif(path):
    b = open(path, "rb").read()
    assert b[:6] == b"GIF89a", b[:6]
    width, height, flags = struct.unpack("<HHB", b[6:11])
    i = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    frames = 0
    while True:
        tag = b[i]
        if tag == 0x3B:
            break
        if tag == 0x21:  # extension: label, then sub-blocks
            i += 2
        elif tag == 0x2C:  # image descriptor, optional local table, LZW code size, then sub-blocks
            fw, fh, fflags = struct.unpack("<4xHHB", b[i + 1:i + 10])
            assert (fw, fh) == (width, height), (fw, fh)
            i += 10 + (3 * 2 ** ((fflags & 7) + 1) if fflags & 0x80 else 0) + 1
            frames += 1
        else:
            raise AssertionError("bad GIF block 0x%02x at %d" % (tag, i))
        while b[i]:
            i += b[i] + 1
        i += 1
    assert i == len(b) - 1, "bytes after the trailer"
    return frames, width, height

def png(path):
    b = open(path, "rb").read()
    assert b[:8] == b"\x89PNG\r\n\x1a\n", path
    i, idat, size = 8, b"", None
    while i < len(b):
        n, kind = struct.unpack(">I4s", b[i:i + 8])
        body = b[i + 8:i + 8 + n]
        assert zlib.crc32(kind + body) == struct.unpack(">I", b[i + 8 + n:i + 12 + n])[0], "CRC " + path
        if kind == b"IHDR":
            w, h, depth, colour = struct.unpack(">IIBB", body[:10])
            channels = {0: 1, 2: 3, 6: 4}[colour]
            assert depth == 8
            size = (w, h)
        elif kind == b"IDAT":
            idat += body
        i += 12 + n
    raw = zlib.decompress(idat)
    assert len(raw) == size[1] * (1 + size[0] * channels), path
    return size

kind, path, frames, width, height = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
if kind == "gif":
    got = gif(path)
    assert got == (frames, width, height), got
else:
    names = sorted(os.listdir(path))
    assert names == ["frame_%04d.png" % k for k in range(frames)], names
    for n in names:
        assert png(os.path.join(path, n)) == (width, height), n
PY
check() { /usr/bin/python3 "$dir/check.py" "$@" || fail "$1 $2: not $3 frames of $4 x $5"; }

# Reverse chain as a GIF: x_T and one frame per step.
"$cli" animate --model "$mixture" --what reverse --steps 10 --num 300 --out "$dir/r.gif" > "$dir/out" 2> "$dir/log" \
  || fail "reverse: $(cat "$dir/log")"
grep -q "wrote $dir/r.gif: reverse chain (ddim, 10 steps, x_t) of 300 samples, 11 frames of 384 x 384" "$dir/out" \
  || fail "reverse summary: $(cat "$dir/out")"
check gif "$dir/r.gif" 11 384 384
# GIF delays are whole hundredths of a second: the default 12 frames/s is 8/100 s, and the line says 12.5.
grep -q " at 12.5 frames/s" "$dir/out" || fail "gif rate: $(cat "$dir/out")"
# x0-hat per step, 5 of them kept.
"$cli" animate --model "$mixture" --what reverse --steps 10 --show x0 --frames 5 --size 200 --out "$dir/x0.gif" > /dev/null 2>&1 \
  || fail "reverse --show x0"
check gif "$dir/x0.gif" 5 200 200

# Interpolation as PNG frames.
"$cli" animate --model "$mixture" --what interpolate --frames 6 --steps 8 --num 200 --out "$dir/interp/" > /dev/null 2> "$dir/log" \
  || fail "interpolate: $(cat "$dir/log")"
check png "$dir/interp" 6 384 384

# Forward chain as MP4 (or the one-line reason this build cannot write MP4).
if "$cli" animate --model "$mixture" --what forward --timesteps 100 --frames 25 --fps 10 --out "$dir/f.mp4" > "$dir/out" 2> "$dir/log"; then
  grep -q "25 frames of 384 x 384 at 10 frames/s, mp4 (.*\(H.264\|MPEG-4 part 2\))" "$dir/out" || fail "mp4 summary: $(cat "$dir/out")"
  echo "MP4 codec: $(sed 's/.*mp4 (\(.*\))$/\1/' "$dir/out")"
  if command -v ffprobe > /dev/null; then
    n=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames,width,height -of csv=p=0 "$dir/f.mp4")
    [ "$n" = "384,384,25" ] || fail "ffprobe: $n"
  else
    echo "ffprobe not installed: the MP4's frames are not counted"
  fi
else
  grep -q "no MP4 support" "$dir/log" || fail "mp4 failed: $(cat "$dir/log")"
  [ "$(grep -c . "$dir/log")" -le 2 ] || fail "the MP4 refusal should be one line: $(cat "$dir/log")"
  [ ! -e "$dir/f.mp4" ] || fail "a refused MP4 left a file"
fi

# An image model: the shipped Fashion-MNIST checkpoint's forward chain on its own data (a 2 x 2 grid of
# 28-pixel images with 2-pixel padding is 62 pixels, enlarged 8 times within 512).
if [ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || [ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte ]; then
  "$cli" animate --model "$src/models/fashion-mnist.ckpt" --what forward --num 4 --frames 4 --out "$dir/fm.gif" > /dev/null 2> "$dir/log" \
    || fail "fashion-mnist forward: $(cat "$dir/log")"
  check gif "$dir/fm.gif" 4 496 496
fi

# Errors: one line each, and nothing left behind.
rm -rf "$dir/err" && mkdir "$dir/err"
set +e
"$cli" animate --model "$mixture" --what reverse --out "$dir/err/clip.avi" > /dev/null 2> "$dir/log"; code=$?
set -e
[ $code -eq 2 ] && grep -q "\-\-out: .*clip.avi.*FILE.gif, FILE.mp4 or a folder" "$dir/log" || fail "bad suffix ($code): $(cat "$dir/log")"
"$cli" animate --model "$mixture" --what sideways --out "$dir/err/a.gif" > /dev/null 2> "$dir/log" && fail "--what sideways accepted"
grep -q "\-\-what must be forward, reverse or interpolate" "$dir/log" || fail "--what: $(cat "$dir/log")"
mkdir "$dir/err/mine" && echo notes > "$dir/err/mine/notes.txt"
set +e
"$cli" animate --model "$mixture" --what reverse --steps 3 --out "$dir/err/mine/" > /dev/null 2> "$dir/log"; code=$?
set -e
[ $code -eq 1 ] && grep -q "holds 'notes.txt'" "$dir/log" || fail "a folder of other files ($code): $(cat "$dir/log")"
[ "$(ls "$dir/err")" = "mine" ] && [ "$(ls "$dir/err/mine")" = "notes.txt" ] || fail "left behind: $(ls -R "$dir/err")"
echo "cli_animate: ok"
