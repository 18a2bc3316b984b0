#!/usr/bin/env python3
"""Writes the NPY files that tests/core/test_io.cpp reads, with NumPy's own writer (numpy.save and
numpy.lib.format.write_array), so the C++ reader is checked against the reference implementation.

Every array's values are a simple formula of its flat index, restated in test_io.cpp:
  float32 [3, 2]     v[i] = 0.5 * i - 1.25
  float64 [4]        v[i] = 1 / (i + 1)          (and written in format version 2.0 as well)
  uint8   [2, 3, 4]  v[i] = (7 * i) % 256
  int64   [5]        v[i] = (i - 2) * 10**12
  float64 []         3.5                          (0-dimensional)
  float32 [0, 3]     empty
Files that must be rejected: Fortran order, big-endian float32, complex64.

Run from the repository root with Debian's python3 (python3-numpy):  /usr/bin/python3 tests/reference/npy_reference.py
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "io")


def main():
    os.makedirs(OUT, exist_ok=True)
    save = lambda name, a: np.save(os.path.join(OUT, name), a)
    save("f4_3x2.npy", (0.5 * np.arange(6) - 1.25).astype("<f4").reshape(3, 2))
    f8 = 1.0 / (np.arange(4, dtype="<f8") + 1)
    save("f8_4.npy", f8)
    with open(os.path.join(OUT, "f8_4_v2.npy"), "wb") as f:
        np.lib.format.write_array(f, f8, version=(2, 0))
    save("u1_2x3x4.npy", ((7 * np.arange(24)) % 256).astype(np.uint8).reshape(2, 3, 4))
    save("i8_5.npy", ((np.arange(5) - 2) * 10**12).astype("<i8"))
    save("f8_scalar.npy", np.array(3.5, dtype="<f8"))
    save("f4_empty.npy", np.zeros((0, 3), dtype="<f4"))
    save("fortran_2x3.npy", np.asfortranarray(np.arange(6, dtype="<f8").reshape(2, 3)))
    save("big_endian_f4.npy", np.arange(3, dtype=">f4"))
    save("complex64.npy", np.arange(3, dtype=np.complex64))


if __name__ == "__main__":
    main()
