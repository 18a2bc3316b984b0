#!/usr/bin/env python3
"""Plots a `difflab-cli train` log as SVG: the smoothed loss against the step (left axis) and, when the run
used --fd-every, the Fréchet distance of its samples with its floor (right axis). Standard library only.

usage: plot_training_log.py TRAIN.log OUT.svg [--title TEXT]
"""
import math
import re
import sys

W, H = 760, 380
L, R, T, B = 70, 80, 40, 50  # margins


def nice_ticks(lo, hi, n=5):
    """About n round ticks (1, 2, 2.5 or 5 times a power of ten) covering [lo, hi]."""
    span = hi - lo
    if span <= 0:
        return [lo]
    mag = 10 ** math.floor(math.log10(span / n))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if span / (m * mag) <= n)
    first = math.ceil(lo / step) * step
    return [round(first + i * step, 12) for i in range(int((hi - first) / step + 1e-9) + 1)]


def log_ticks(lo, hi):
    """1, 2 and 5 times the powers of ten in [lo, hi]."""
    ticks = []
    for e in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1):
        ticks += [m * 10.0 ** e for m in (1, 2, 5) if lo <= m * 10.0 ** e <= hi]
    return ticks


def main():
    log, out = sys.argv[1], sys.argv[2]
    title = sys.argv[sys.argv.index("--title") + 1] if "--title" in sys.argv else "Training"
    loss, quality = {}, {}
    for line in open(log):
        m = re.match(r"step (\d+)/\d+\s+loss \S+ \(avg (\S+)\)", line)
        if m:
            step = int(m.group(1))
            if loss and step <= max(loss):  # the log holds an earlier run restarted from scratch: keep the last
                loss = {k: v for k, v in loss.items() if k < step}
                quality = {k: v for k, v in quality.items() if k < step}
            loss[step] = float(m.group(2).rstrip(")"))
        m = re.match(r"quality step (\d+)\s+fd (\S+) \(floor (\S+)\).*?(?:class accuracy (\S+))?\s+\(", line)
        if m:
            quality[int(m.group(1))] = (float(m.group(2)), float(m.group(3).rstrip(")")),
                                        float(m.group(4)) if m.group(4) else None)
    if not loss:
        sys.exit(f"{log}: no 'step N/M loss ...' lines")
    steps = sorted(loss)
    x0, x1 = 0, max(steps + list(quality))
    ly0, ly1 = min(loss.values()) / 1.2, max(loss.values()) * 1.2  # the loss on a log axis
    px = lambda s: L + (W - L - R) * (s - x0) / max(1, x1 - x0)
    py = lambda v, top: T + (H - T - B) * (1 - v / top)
    pl = lambda v: T + (H - T - B) * (1 - (math.log(v) - math.log(ly0)) / (math.log(ly1) - math.log(ly0)))
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="{W / 2}" y="22" text-anchor="middle" font-size="14">{title}</text>']
    for t in nice_ticks(0, x1):
        svg.append(f'<line x1="{px(t):.1f}" y1="{T}" x2="{px(t):.1f}" y2="{H - B}" stroke="#ddd"/>')
        svg.append(f'<text x="{px(t):.1f}" y="{H - B + 16}" text-anchor="middle">{t:g}</text>')
    for t in log_ticks(ly0, ly1):
        svg.append(f'<line x1="{L}" y1="{pl(t):.1f}" x2="{W - R}" y2="{pl(t):.1f}" stroke="#eee"/>')
        svg.append(f'<text x="{L - 6}" y="{pl(t) + 4:.1f}" text-anchor="end" fill="#d62728">{t:g}</text>')
    svg.append(f'<text x="{W / 2}" y="{H - 10}" text-anchor="middle">training step</text>')
    svg.append(f'<text transform="translate(16,{H / 2}) rotate(-90)" text-anchor="middle" fill="#d62728">'
               f'loss (smoothed, log scale)</text>')
    pts = " ".join(f"{px(s):.1f},{pl(loss[s]):.1f}" for s in steps)
    svg.append(f'<polyline points="{pts}" fill="none" stroke="#d62728" stroke-width="2"/>')
    if quality:
        q = sorted(quality)
        qy1 = max(max(v[0] for v in quality.values()), max(v[1] for v in quality.values())) * 1.15
        for t in nice_ticks(0, qy1):
            svg.append(f'<text x="{W - R + 6}" y="{py(t, qy1) + 4:.1f}" fill="#2ca02c">{t:g}</text>')
        svg.append(f'<text transform="translate({W - 14},{H / 2}) rotate(90)" text-anchor="middle" fill="#2ca02c">'
                   f'Fréchet distance (classifier features)</text>')
        floor = quality[q[-1]][1]
        svg.append(f'<line x1="{L}" y1="{py(floor, qy1):.1f}" x2="{W - R}" y2="{py(floor, qy1):.1f}" '
                   f'stroke="#2ca02c" stroke-dasharray="5,4"/>')
        svg.append(f'<text x="{W - R - 4}" y="{py(floor, qy1) - 5:.1f}" text-anchor="end" fill="#2ca02c">'
                   f'floor: train vs test images</text>')
        qpts = " ".join(f"{px(s):.1f},{py(quality[s][0], qy1):.1f}" for s in q)
        svg.append(f'<polyline points="{qpts}" fill="none" stroke="#2ca02c" stroke-width="2"/>')
        for s in q:
            fd, _, acc = quality[s]
            svg.append(f'<circle cx="{px(s):.1f}" cy="{py(fd, qy1):.1f}" r="4" fill="#2ca02c"/>')
            if acc is not None:
                svg.append(f'<text x="{px(s):.1f}" y="{py(fd, qy1) - 8:.1f}" text-anchor="middle" font-size="10" '
                           f'fill="#2ca02c">{100 * acc:.0f} %</text>')
    svg.append(f'<rect x="{L}" y="{T}" width="{W - L - R}" height="{H - T - B}" fill="none" stroke="#333"/>')
    svg.append("</svg>")
    open(out, "w").write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main()
