#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""make load's checks before litex_term runs (docs/fpga.md "Commands"), each failure said in one
line and exit status 2 instead of a Python traceback from litex_term:
  - pyserial and litex_term importable by this interpreter (the build's venv, scripts/deps.sh);
  - PORT exists, can be opened for reading and writing (on Linux: the dialout group) and is a
    terminal (a USB-UART such as /dev/ttyUSB1, not a file or /dev/null).
The port is opened without waiting for a carrier (O_NONBLOCK) and without becoming the
controlling terminal, and closed again at once: nothing is sent.

usage: load_check.py PORT"""
import errno
import os
import sys


def fail(msg):
    print(f"load: {msg}", file=sys.stderr)
    sys.exit(2)


def main():
    if len(sys.argv) != 2 or not sys.argv[1]:
        fail("usage: make load PORT=/dev/ttyUSB1 (the board's USB-UART)")
    port = sys.argv[1]
    try:
        import serial  # noqa: F401  (pyserial: litex_term's serial port)
    except ImportError:
        fail(f"pyserial is not installed for {sys.executable} (litex_term needs it): "
             "run `make deps` to rebuild the venv from scripts/litedram/requirements.txt")
    try:
        import litex.tools.litex_term  # noqa: F401
    except ImportError as e:
        fail(f"litex_term cannot be imported by {sys.executable} ({e}): run `make deps`")
    if not os.path.exists(port):
        fail(f"PORT={port}: no such file (is the board plugged in? its UART is usually "
             "/dev/ttyUSB1, the second of the FTDI chip's two ports)")
    try:
        fd = os.open(port, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
    except OSError as e:
        if e.errno in (errno.EACCES, errno.EPERM):
            fail(f"PORT={port}: permission denied (on Linux, add yourself to the port's group, "
                 "usually dialout, and log in again)")
        fail(f"PORT={port}: cannot be opened: {e.strerror}")
    try:
        tty = os.isatty(fd)
    finally:
        os.close(fd)
    if not tty:
        fail(f"PORT={port}: not a serial port (not a terminal)")


if __name__ == "__main__":
    main()
