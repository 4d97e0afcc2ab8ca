#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Suite uart-boot (docs/fpga.md "Boot"): the serial-boot ROM on the pin-level simulator
(sim/pins_sim.cpp), fed by LiteX's own litex_term through a pseudo-terminal, as a board's
/dev/ttyUSB1. Cases:
  boot       litex_term --images sends OpenSBI, the firmware and the DTB (bootargs: the boot_
             self-tests) as it does to a board; the run must reach OpenSBI's banner, the Pagoda
             banner and the self-tests' summary, with exit status 0
  retry      (--safe) one byte of the JUMP frame is damaged on the line: the ROM answers C,
             litex_term sends the frame again, the ROM takes it and jumps
  crc-load   (--safe) a byte of the first LOAD frame is damaged: the ROM answers C, litex_term
             (which retries only JUMP frames) gives up, and nothing is started
  outside    (--safe) an image addressed outside RAM: the ROM refuses it (E), litex_term gives up
  load-check `make load`'s refusals, each a one-line message and exit status 2, never a traceback:
             no PORT, a PORT naming nothing (both before anything is built), a PORT that is not
             a terminal (/dev/null, a directory), pyserial missing from the interpreter; a pty
             is accepted (scripts/bootrom/load_check.py, firmware/bootrom.mk)
  dram       (MEM=litedram build only; suite uart-boot-litedram) the ROM calibrates DDR3 with
             liblitedram's sdram_init() on the core (LiteDRAM's PHY model), litex_term loads a
             small image (tests/boot/dram_payload.S) into DRAM, the ROM jumps to it and it writes
             and reads back words over every bank; it must end with the test device's pass
  calib-fail (MEM=litedram only) the same with one DRAM bit stuck at 1 (+dram-stuck=0): LiteX's
             memory test fails, sdram_init() reports it, and the ROM stops before asking for
             images (the board shows it on its LEDs: init_error)
  board-boot (the board-level simulator only) a whole boot through the board's pins, as `make
             load` does it to a board: calibration, then litex_term sends the images `make
             load-images` made in the MEM=litedram tree (OpenSBI, the firmware, the DTB of 256 MiB
             with the data cache's dma-noncoherent pgaccel; bootargs: the boot_ self-tests); the
             run must reach OpenSBI's banner, the Pagoda banner and the self-tests' summary, and
             end on the pass LED with LD7 never on
  board      (the board-level simulator only, suite board-sim: the Arty board top with the clock
             cells modelled and LiteDRAM's PHY model, fpga/arty_sim.mk) what dram checks,
             through the board's pins, the run ended by its pass LED instead of the test
             device; and the LEDs: LD4 (DRAM ready) comes on once, after the ROM's calibration
             has handed DRAM to the controller and before it asks for images, and stays on; LD7
             (fail) never; LD6 (pass) at the end, after the payload's line; LD5 (heartbeat,
             steady on init_error) only on a multiple of its period of 2^25 SoC cycles
The ROM never answers anything but K in "boot", so litex_term's pipelined mode (128 frames in
flight) takes the same path whatever the host's speed; the cases that damage frames use --safe
(one frame at a time), where each answer is matched to its frame. Every run is bounded by
+max-cycles and a wall-clock limit.

usage: uart_boot.py PINS_SIM LITEX_TERM IMAGES_DIR WORK_DIR [CASE[:IMAGES_DIR],...]
  (default: every case but the DRAM ones; a case may name its own IMAGES_DIR)"""
import json
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time

MAGIC_ACK_LEN = 14          # "z6IHG7cYDID6o\n", sent before the first frame
FRAME_DATA = 60             # --safe: 64-byte payloads, 4 of them the address
WALL_LIMIT = 900            # seconds, per run


def frame_bytes(images_dir, images):
    """Bytes litex_term --safe sends for the LOAD frames of every image, in order."""
    n = 0
    for name in images:
        size = os.path.getsize(os.path.join(images_dir, name))
        frames, last = divmod(size, FRAME_DATA)
        n += frames * (4 + 4 + FRAME_DATA) + (4 + 4 + last if last else 0)
    return n


def run(sim, term, json_path, work, name, sim_args, safe=True, wall_limit=WALL_LIMIT):
    """Start the simulator, then litex_term on its terminal; returns (status, uart, term, stderr)."""
    os.makedirs(work, exist_ok=True)
    pty_file = os.path.join(work, f"{name}.pty")
    log = os.path.join(work, f"{name}.uart.log")
    if os.path.exists(pty_file):
        os.unlink(pty_file)
    err = open(os.path.join(work, f"{name}.sim.err"), "w+")
    simp = subprocess.Popen([sim, f"+pty={pty_file}", f"+uart-log={log}"] + sim_args,
                            stdout=subprocess.DEVNULL, stderr=err)
    for _ in range(600):
        if os.path.exists(pty_file) and os.path.getsize(pty_file):
            break
        if simp.poll() is not None:
            break
        time.sleep(0.1)
    port = open(pty_file).read().strip() if os.path.exists(pty_file) else ""
    # litex_term's console needs a terminal on stdin: give it one
    pid, fd = pty.fork()
    if pid == 0:
        # it spins printing its progress bar while it waits for answers: let the simulator,
        # which makes those answers, have the processor first
        os.nice(10)
        os.execv(term, [term, port, "--images", json_path] + (["--safe"] if safe else []))
    out = b""
    start = time.time()
    status = None
    while time.time() - start < wall_limit:
        try:
            r, _, _ = select.select([fd], [], [], 0.5)
            if r:
                out += os.read(fd, 65536)
        except OSError:
            pass
        status = simp.poll()
        if status is not None:
            break
    if status is None:
        simp.kill()
        status = simp.wait()
    time.sleep(0.5)
    try:
        while True:
            r, _, _ = select.select([fd], [], [], 0.2)
            if not r:
                break
            out += os.read(fd, 65536)
    except OSError:
        pass
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)
    err.seek(0)
    uart = open(log, errors="replace").read() if os.path.exists(log) else ""
    # without the progress bar, which litex_term redraws on every turn of its loop
    text = re.sub(r"\|[=> ]{21}\| \d+%[\r\n]*", "", out.decode(errors="replace"))
    with open(os.path.join(work, f"{name}.term.log"), "w") as f:
        f.write(text)
    return status, uart, text, err.read()


def check(name, cond, why, failed):
    print(f"uart-boot: {name}: {'ok' if cond else 'FAIL'}: {why}")
    if not cond:
        failed.append(name)


def firmware_boot_checks(case, uart, failed):
    """What a whole boot shows on TX after the upload: the ROM's jump, OpenSBI's banner, the
    Pagoda banner after it, and the self-tests' summary with none failed."""
    check(case, re.search(r"boot: jumping to 0x0*80000000", uart) is not None,
          "jump to OpenSBI", failed)
    check(case, "OpenSBI v" in uart, "OpenSBI's banner", failed)
    check(case, "Pagoda firmware" in uart.split("OpenSBI v", 1)[-1],
          "the Pagoda banner after it", failed)
    m = re.search(r"selftest: (\d+) passed, (\d+) failed", uart)
    check(case, m is not None and m.group(2) == "0" and int(m.group(1)) > 0,
          f"the self-tests' summary ({m.group(0) if m else 'none'})", failed)


def case_boot(sim, term, json_path, images_dir, work, failed):
    images = list(json.load(open(json_path)))
    st, uart, text, err = run(sim, term, json_path, work, "boot", ["+max-cycles=200000000"],
                              safe=False)
    check("boot", "Pagoda serial-boot ROM" in uart, "the ROM's banner on TX", failed)
    check("boot", text.count("Upload complete") == len(images),
          f"litex_term uploaded the {len(images)} images", failed)
    firmware_boot_checks("boot", uart, failed)
    check("boot", st == 0, f"simulator exit status {st} (the firmware's)", failed)


def case_retry(sim, term, json_path, images_dir, work, failed):
    """The DTB alone, then the JUMP frame (to the DTB's address) with its last byte damaged."""
    small = os.path.join(work, "small")
    os.makedirs(small, exist_ok=True)
    shutil.copyfile(os.path.join(images_dir, "pagoda.dtb"), os.path.join(small, "pagoda.dtb"))
    dtb_addr = json.load(open(json_path))["pagoda.dtb"]
    with open(os.path.join(small, "images.json"), "w") as f:
        json.dump({"pagoda.dtb": dtb_addr}, f)
    jump_last = MAGIC_ACK_LEN + frame_bytes(small, ["pagoda.dtb"]) + 8 - 1
    st, uart, text, err = run(sim, term, os.path.join(small, "images.json"), work, "retry",
                              [f"+rx-corrupt={jump_last}", "+max-cycles=4000000"])
    check("retry", "the target answered 'C' after the damaged frame" in err,
          "the damaged JUMP frame was answered C", failed)
    check("retry", re.search(r"boot: jumping to 0x0*" + dtb_addr[2:], uart) is not None,
          "the frame sent again was taken: jump to its address", failed)


def case_crc_load(sim, term, json_path, images_dir, work, failed):
    """A damaged LOAD frame: refused, and nothing runs."""
    st, uart, text, err = run(sim, term, json_path, work, "crc-load",
                              [f"+rx-corrupt={MAGIC_ACK_LEN + 10}", "+max-cycles=3000000"])
    check("crc-load", "the target answered 'C' after the damaged frame" in err,
          "the damaged LOAD frame was answered C", failed)
    check("crc-load", "data corruption (CRC error)" in text, "litex_term was told", failed)
    check("crc-load", "boot: jumping" not in uart and st == 124,
          f"nothing started (status {st}, 124 = the cycle limit)", failed)


def case_outside(sim, term, json_path, images_dir, work, failed):
    """An image outside RAM (in the boot ROM): refused with E."""
    bad = os.path.join(work, "outside")
    os.makedirs(bad, exist_ok=True)
    shutil.copyfile(os.path.join(images_dir, "pagoda.dtb"), os.path.join(bad, "pagoda.dtb"))
    with open(os.path.join(bad, "images.json"), "w") as f:
        json.dump({"pagoda.dtb": "0x00001000"}, f)
    st, uart, text, err = run(sim, term, os.path.join(bad, "images.json"), work, "outside",
                              ["+max-cycles=3000000"])
    check("outside", "unexpected response from device 'b'E''" in text,
          "the ROM refused the frame (E)", failed)
    check("outside", "boot: jumping" not in uart and st == 124,
          f"nothing started (status {st})", failed)


def case_load_check(sim, term, json_path, images_dir, work, failed):
    """make load's checks. BUILD is litex_term's venv's parent (BUILD/venv/bin/litex_term)."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    build = os.path.dirname(os.path.dirname(os.path.dirname(term)))
    py = os.path.join(os.path.dirname(term), "python")
    check_py = os.path.join(root, "scripts", "bootrom", "load_check.py")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    os.makedirs(work, exist_ok=True)

    def make_load(*args):
        # a make of its own, not a job of the make that runs this suite
        p = subprocess.run(["make", "--no-print-directory", "-C", root, f"BUILD={build}", "load"]
                           + list(args), env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=300)
        return p.returncode, p.stdout + p.stderr

    def checker(*args):
        p = subprocess.run([py] + list(args), stdin=subprocess.DEVNULL, capture_output=True,
                           text=True, timeout=60)
        return p.returncode, p.stdout + p.stderr

    def refused(name, rc, out, want):
        check("load-check", rc == 2 and want in out and "Traceback" not in out
              and "  CC" not in out and "baud; reset the board" not in out,
              f"{name}: exit {rc}, says {want!r}" + ("" if want in out else f" (got {out!r})"),
              failed)

    rc, out = make_load()
    refused("make load, no PORT", rc, out, "usage: make load PORT=")
    missing = os.path.join(work, "no-such-tty")
    rc, out = make_load(f"PORT={missing}")
    refused("make load PORT=<nothing>", rc, out, f"PORT={missing}: no such file")
    rc, out = make_load("PORT=/dev/null")
    refused("make load PORT=/dev/null", rc, out, "PORT=/dev/null: not a serial port")
    rc, out = checker(check_py, work)
    refused("a directory", rc, out, f"PORT={work}: cannot be opened")
    # -I -S: no site-packages, as a Python without pyserial
    rc, out = checker("-I", "-S", check_py, "/dev/null")
    refused("no pyserial", rc, out, "pyserial is not installed")
    master, slave = pty.openpty()
    try:
        rc, out = checker(check_py, os.ttyname(slave))
    finally:
        os.close(master)
        os.close(slave)
    check("load-check", rc == 0 and out == "", f"a pty is accepted (exit {rc}, {out!r})", failed)


def case_dram(sim, term, json_path, images_dir, work, failed, name="dram", max_cycles=60000000):
    """Calibration on the core, then a payload loaded into DRAM and run from there."""
    st, uart, text, err = run(sim, term, json_path, work, name, [f"+max-cycles={max_cycles}"],
                              safe=False)
    dram_checks(name, st, uart, text, failed)
    return st, uart, text, err


def dram_checks(case, st, uart, text, failed):
    check(case, "Pagoda serial-boot ROM" in uart, "the ROM's banner on TX", failed)
    check(case, "dram: LiteDRAM calibration (liblitedram sdram_init)" in uart,
          "the ROM calls liblitedram's sdram_init()", failed)
    check(case, re.search(r"Initializing SDRAM @0x0*80000000\.\.\.", uart) is not None,
          "sdram_init() on the RAM's base (0x80000000)", failed)
    check(case, "Switching SDRAM to hardware control." in uart,
          "the init sequence ran and handed DRAM to the controller", failed)
    check(case, "Memtest OK" in uart and "Memtest KO" not in uart,
          "LiteX's memory test after calibration passed", failed)
    check(case, "Write speed:" in uart and "Read speed:" in uart,
          "LiteX's memspeed ran", failed)
    check(case, text.count("Upload complete") == 1, "litex_term uploaded the payload", failed)
    check(case, re.search(r"boot: jumping to 0x0*80000000", uart) is not None,
          "the ROM jumped to DRAM", failed)
    check(case, "dram payload: 65 words over every bank read back" in uart,
          "the payload ran from DRAM and its words read back", failed)
    check(case, st == 0, f"simulator exit status {st} (the test device's, or the pass LED's)",
          failed)


HEARTBEAT_CYCLES = 2 * 2 ** 25   # LD5's half period, in oscillator cycles (2 a SoC cycle)


def case_board(sim, term, json_path, images_dir, work, failed):
    """The dram case on the board top, and its LEDs (the harness reports each change)."""
    st, uart, text, err = case_dram(sim, term, json_path, images_dir, work, failed, "board",
                                    max_cycles=140000000)
    # the harness counts TX bytes: the log as bytes (the text has its \r\n made \n)
    with open(os.path.join(work, "board.uart.log"), "rb") as f:
        raw = f.read()
    events = [(m.group(1), m.group(2), int(m.group(3)), int(m.group(4))) for m in
              re.finditer(r"pagoda-pins: (LD\d) \([^)]*\) (on|off) at cycle (\d+), "
                          r"after TX byte (\d+)", err)]
    for e in events:
        print(f"uart-boot: board: {e[0]} {e[1]} at cycle {e[2]}, after TX byte {e[3]}")

    def before(nbytes):
        return raw[:nbytes].decode(errors="replace")
    ld4 = [e for e in events if e[0] == "LD4"]
    check("board", len(ld4) == 1 and ld4[0][1] == "on",
          f"LD4 (DRAM ready) came on once and stayed on ({len(ld4)} changes)", failed)
    if len(ld4) == 1:
        shown = before(ld4[0][3])
        check("board", "Switching SDRAM to hardware control." in shown
              and "waiting for litex_term" not in shown and "boot: jumping" not in shown,
              f"LD4 came on after the calibration's hand-over, before the ROM asked for images "
              f"(TX byte {ld4[0][3]} of {len(raw)})", failed)
    check("board", not [e for e in events if e[0] == "LD7"], "LD7 (fail) never on", failed)
    ld6 = [e for e in events if e[0] == "LD6"]
    check("board", len(ld6) == 1 and ld6[0][1] == "on"
          and "dram payload: 65 words over every bank read back" in before(ld6[0][3]),
          "LD6 (pass) came on after the payload's line, and ended the run", failed)
    ld5 = [e for e in events if e[0] == "LD5"]
    m = re.search(r"; (\d+) cycles,", err)
    cycles = int(m.group(1)) if m else 0
    # the heartbeat counts from the crossing's reset, some 100 cycles after the button
    check("board", cycles > 0 and len(ld5) == cycles // HEARTBEAT_CYCLES
          and all(0 <= e[2] - (i + 1) * HEARTBEAT_CYCLES < 1024 and e[1] == ("off", "on")[i % 2 == 0]
                  for i, e in enumerate(ld5)),
          f"LD5 changed only as the heartbeat, every 2^25 SoC cycles ({[e[2] for e in ld5]} in "
          f"{cycles} cycles; init_error would hold it on)", failed)


def case_board_boot(sim, term, json_path, images_dir, work, failed):
    """OpenSBI, the firmware and the DTB over the RX pin into DRAM, and the firmware's self-tests."""
    images = list(json.load(open(json_path)))
    # 113 M SoC cycles measured (calibration 35 M, upload 41 M, boot and self-tests 37 M);
    # the wall limit is for a loaded machine (the board runs at ~0.25 M SoC cycles/s)
    st, uart, text, err = run(sim, term, json_path, work, "board-boot", ["+max-cycles=400000000"],
                              safe=False, wall_limit=2400)
    case = "board-boot"
    check(case, "Memtest OK" in uart and "Switching SDRAM to hardware control." in uart,
          "calibration and LiteX's memory test passed", failed)
    check(case, text.count("Upload complete") == len(images),
          f"litex_term uploaded the {len(images)} images", failed)
    firmware_boot_checks(case, uart, failed)
    after = uart.split("OpenSBI v", 1)
    check(case, re.search(r"memory:\s+\[0x0080000000-0x008fffffff\] 256 MiB", after[-1])
          is not None, "the firmware has the board's 256 MiB", failed)
    # the board's DTB describes its data cache, and the hardware has one: the core counts misses
    check(case, re.search(r"caches:.*; D\$ 4 KiB 2-way, 64-byte lines", after[-1]) is not None
          and "pgaccel: DMA non-coherent" in after[-1],
          "the DTB describes the board's data cache (pgaccel dma-noncoherent)", failed)
    check(case, re.search(r"dram:\s+DDR3 MT41K128M16 through LiteDRAM \(CSRs at 0x12000000\)",
                          after[-1]) is not None,
          "the board's DTB names its memory: DDR3 through LiteDRAM", failed)
    m = re.search(r"perf: .* dcache-miss (\d+)", after[-1])
    check(case, m is not None and int(m.group(1)) > 0,
          f"the board's core has the data cache ({m.group(0) if m else 'no perf line'})", failed)
    leds = re.findall(r"pagoda-pins: (LD\d) \([^)]*\) (on|off) at cycle", err)
    check(case, ("LD7", "on") not in leds and ("LD6", "on") in leds,
          "LD6 (pass) on, LD7 (fail) never", failed)
    check(case, st == 0, f"simulator exit status {st} (the pass LED's)", failed)
    m = re.search(r"; (\d+) cycles,", err)
    print(f"uart-boot: {case}: {int(m.group(1)) // 2 if m else '?'} SoC cycles")


def case_calib_fail(sim, term, json_path, images_dir, work, failed):
    """A DRAM bit stuck at 1: calibration's memory test fails and the ROM loads nothing."""
    st, uart, text, err = run(sim, term, json_path, work, "calib-fail",
                              ["+dram-stuck=0", "+max-cycles=50000000"], safe=False)
    check("calib-fail", "Switching SDRAM to hardware control." in uart,
          "the init sequence ran", failed)
    check("calib-fail", "Memtest KO" in uart and "Memtest OK" not in uart,
          "LiteX's memory test found the stuck bit", failed)
    # the bus test's 256 words fit in the data cache: it reads DRAM only through the ROM's flush
    check("calib-fail", re.search(r"bus errors:\s+[1-9]\d*/256", uart) is not None,
          "the bus test found it (read from DRAM, not from the data cache)", failed)
    check("calib-fail", "boot: DRAM did not come up; stopped" in uart,
          "the ROM said it stopped", failed)
    check("calib-fail", "waiting for litex_term" not in uart and "Upload complete" not in text
          and "boot: jumping" not in uart, "no image was asked for, loaded or started", failed)
    check("calib-fail", st == 124, f"the ROM stays stopped (status {st}, 124 = the cycle limit)",
          failed)


CASES = {"boot": case_boot, "retry": case_retry, "crc-load": case_crc_load,
         "outside": case_outside, "load-check": case_load_check, "dram": case_dram,
         "calib-fail": case_calib_fail, "board": case_board, "board-boot": case_board_boot}
DEFAULT_CASES = ["boot", "retry", "crc-load", "outside", "load-check"]


def main():
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    sim, term, images_dir, work = sys.argv[1:5]
    cases = sys.argv[5].split(",") if len(sys.argv) == 6 else DEFAULT_CASES
    cases = [(c.split(":", 1) + [images_dir])[:2] for c in cases]
    if not cases or {c[0] for c in cases} - set(CASES):
        sys.exit(f"uart_boot: the cases are {', '.join(CASES)}")
    passed = 0
    for name, case_images in cases:
        failed = []
        CASES[name](sim, term, os.path.join(case_images, "images.json"), case_images, work, failed)
        passed += not failed
    print(f"suite-result: {passed} passed, {len(cases) - passed} failed")
    sys.exit(0 if passed == len(cases) else 1)


if __name__ == "__main__":
    main()
