#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Random RV64IMAC instruction-stream generator for differential testing against QEMU.

Writes one assembly program: random register and memory initialisation, N random instructions
(ALU, M, loads/stores, AMOs, LR/SC, forward branches, jumps, small loops, CSR scratch accesses,
fences, explicit compressed forms), then a fixed epilogue that prints every register and the whole
data buffer in hex on the ns16550 UART at 0x10000000 and stops through the sifive,test1 device.
tp and sp are reserved as base pointers into the data buffer and are never destinations.

Interrupt-line/CSR interplay (IrqPlay): at top level the program also raises and drops the S-mode
external interrupt line of hart 0 (the ns16550's THR-empty interrupt, PLIC source 10, held
pending; the line is switched with context 1's threshold) and touches mip/sip/mie/sie/mideleg and
mstatus.MIE/SIE in M-mode, in S-mode excursions from M (mret there, ebreak back), and in S-mode
under Sv39. Interrupts it makes takeable are taken and visible: the handler folds the cause into
the buffer and clears that cause's enable bit. The count commutes because QEMU 7.2 without AIA
takes the lowest-numbered of several pending interrupts (ctz), not the spec's MEI > MSI > MTI >
SEI > SSI > STI (tests/core/isa/irq.S checks that order on Pagoda). Only CSR writes and xRET may make an interrupt
takeable (QEMU takes interrupts when it leaves a translation block, which a CSR write or xRET
always does); a line is raised only when that cannot make an interrupt takeable, which IrqPlay's
model of the spec decides. QEMU 7.2 keeps the spec's SEIP rule (csrs/csrc/csrrw of mip change
only the software bit; reads OR in the line), checked with a probe before this relied on it.
"""
import argparse
import random

REGS = [r for r in range(1, 32) if r not in (2, 4)]   # sp, tp reserved
CREGS = list(range(8, 16))                             # x8..x15 for RVC 3-bit fields
EDGE = [0, 1, -1, 2, -2, 0x7fffffffffffffff, -0x8000000000000000, 0x7fffffff, -0x80000000,
        0x80000000, 0xffffffff, 0xffffffff80000000, 0x8000, 0xffff, 31, 32, 63, 64]
BUF_SIZE = 3072   # tp = buf + 2048, sp = buf + 1024
SSIP, STIP, SEIP = 1 << 1, 1 << 5, 1 << 9
SBITS = SSIP | STIP | SEIP
PLIC_THRESHOLD1 = 0x0c201000   # hart 0's S-mode context; 0 lets source 10 (priority 1) through
IRQPLAY_RATE = 0.04            # share of top-level steps that are interplay operations
PMPPLAY_RATE = 0.03            # share of top-level M-mode steps that are PMP operations
PMP_PAGES = 4                  # pmparea: 4 pages of 4 KiB (PMP granularity on Pagoda)
PMP_PERMS = [0, 1, 3, 4, 5, 7]  # R, W, X combinations (R = 0 with W = 1 is reserved)


def bits_of(rng, mask):
    """A random subset of the bits in mask."""
    return sum(b for b in (1 << i for i in range(64)) if mask & b and rng.random() < 0.5)


class IrqPlay:
    """Emits the interplay operations and models, from the privileged spec, what they do: the
    software pending bits, the line, mie, mideleg, MIE/SIE and the mode. The model only decides
    what may be emitted (and counts); the expected results come from QEMU."""

    def __init__(self, gen, mode, mie_on):
        self.g, self.rng = gen, gen.rng
        self.mode = mode                # "M" or "S"
        self.mstatus_mie = mie_on
        self.sie = 0
        self.mie = 0                    # S-level bits of mie (MEIE stays on for +irq-rate)
        self.deleg = 0
        self.sw = 0                     # software SSIP/STIP/SEIP
        self.line = 0
        self.stats = {"ops": 0, "line": 0, "taken": 0, "latch": 0, "excursions": 0}

    def pending(self):
        return self.sw | (SEIP if self.line else 0)

    def takeable(self):
        en = self.pending() & self.mie
        m, s = en & ~self.deleg, en & self.deleg
        if self.mode == "M":
            return m if self.mstatus_mie else 0
        return m | (s if self.sie else 0)

    def settle(self):
        """Right after a CSR write or xRET: every takeable interrupt is taken, and each handler
        clears its own enable bit."""
        t = self.takeable()
        self.mie &= ~t
        self.stats["taken"] += bin(t).count("1")

    def tmp(self):
        return self.rng.choice(REGS)

    def csr(self, name, wmask, rdmask, imm_ok, rw_ok=True, extra=0):
        """One csrrw/csrrs/csrrc (register or immediate) on name with an operand inside wmask;
        returns (op, value) for the model. rd is masked to rdmask (bits both models define)."""
        r, g = self.rng, self.g
        forms = ["rs", "rc", "read"] + (["rw"] if rw_ok else [])
        if imm_ok:
            forms += ["rsi", "rci"] + (["rwi"] if rw_ok else [])
        form = r.choice(forms)
        rd = r.choice(REGS + [0])
        if form == "read":
            g.emit(f"csrr {x(rd)}, {name}")
            op, v = None, 0
        elif form.endswith("i"):
            v = bits_of(r, wmask & 0x1f)
            g.emit(f"csr{form} {x(rd)}, {name}, {v}")
            op = form[:2]
        else:
            v = bits_of(r, wmask)
            t = self.tmp()
            g.li(t, v | (extra if form == "rw" else 0))
            g.emit(f"csr{form} {x(rd)}, {name}, {x(t)}")
            op = form
        if rd:
            g.emit(f"andi {x(rd)}, {x(rd)}, {rdmask:#x}")
        return op, v

    @staticmethod
    def apply(old, op, v, mask):
        if op == "rw":
            return (old & ~mask) | (v & mask)
        if op == "rs":
            return old | (v & mask)
        if op == "rc":
            return old & ~(v & mask)
        return old

    def op(self):
        r = self.rng
        self.stats["ops"] += 1
        k = r.choice(self.csr_ops() + ["line"] * 3 + ["pulse"] * 3 +
                     (["excursion"] if self.g.excursions and self.mode == "M" else []))
        getattr(self, "op_" + k)()

    def csr_ops(self):
        if self.mode == "M":
            return ["mip"] * 3 + ["mie"] * 2 + ["mideleg", "mstatus", "sip", "sie", "sstatus"]
        return ["sip", "sie", "sstatus"] * 2

    def op_pulse(self):
        """The line up around a few CSR operations, then down and mip/sip read: what OpenSBI's
        timer code does while a device interrupt is pending."""
        if not self.set_line(1):
            return
        for _ in range(self.rng.randrange(1, 4)):
            getattr(self, "op_" + self.rng.choice(self.csr_ops()))()
        self.set_line(0)
        rd = self.rng.choice(REGS)
        self.g.emit(f"csrr {x(rd)}, {'mip' if self.mode == 'M' else 'sip'}")
        self.g.emit(f"andi {x(rd)}, {x(rd)}, {SBITS:#x}")

    def op_mip(self):
        op, v = self.csr("mip", SBITS, SBITS, True)
        if op in ("rs", "rc") and self.line and not self.sw & SEIP and not v & SEIP:
            self.stats["latch"] += 1    # a CSR file that wrote the line back would set SEIP here
        self.sw = self.apply(self.sw, op, v, SBITS)
        self.settle()

    def op_sip(self):
        op, v = self.csr("sip", SBITS, SBITS, True)
        self.sw = self.apply(self.sw, op, v, SSIP & self.deleg)
        self.settle()

    def op_mie(self):
        op, v = self.csr("mie", SBITS, SBITS, True, rw_ok=False, extra=0x800)
        self.mie = self.apply(self.mie, op, v, SBITS)
        self.settle()

    def op_sie(self):
        op, v = self.csr("sie", SBITS, SBITS, True)
        self.mie = self.apply(self.mie, op, v, SBITS & self.deleg)
        self.settle()

    def op_mideleg(self):
        op, v = self.csr("mideleg", SBITS, SBITS, True)
        self.deleg = self.apply(self.deleg, op, v, SBITS)
        self.settle()

    def op_mstatus(self):
        # MPIE is left out of the read: the harness's invisible +irq-rate interrupts set it
        op, v = self.csr("mstatus", 0xa, 0x12a, True, rw_ok=False)
        self.mstatus_mie = bool(self.apply(8 if self.mstatus_mie else 0, op, v, 8))
        self.sie = self.apply(self.sie, op, v >> 1, 1)
        self.settle()

    def op_sstatus(self):
        op, v = self.csr("sstatus", 0x2, 0x122, True, rw_ok=False)
        self.sie = self.apply(self.sie, op, v >> 1, 1)
        self.settle()

    def op_line(self):
        self.set_line(self.rng.random() < 0.5)

    def set_line(self, want):
        """Raise or drop the line through the PLIC threshold (an MMIO store: QEMU would take an
        interrupt it makes takeable only at the end of the translation block, so a raise that
        would be taken at once is not emitted). Returns whether it was emitted."""
        g = self.g
        if want:
            self.line = 1
            if self.takeable():
                self.line = 0
                return False
        else:
            self.line = 0
        self.stats["line"] += 1
        a = self.tmp()
        g.li(a, PLIC_THRESHOLD1)
        if want:
            g.emit(f"sw zero, 0({x(a)})")
        else:
            b = self.rng.choice([c for c in REGS if c != a])
            g.emit(f"li {x(b)}, 1")
            g.emit(f"sw {x(b)}, 0({x(a)})")
        return True

    def op_excursion(self):
        """From M: mret into S (bare), a few S-mode operations, ebreak back (the M handler
        returns to M after it with MIE on)."""
        g, r = self.g, self.rng
        self.stats["excursions"] += 1
        lab = g.newlabel()
        t = self.tmp()
        g.emit("csrci mstatus, 8")
        self.mstatus_mie = False
        g.li(t, 0x1880)
        g.emit(f"csrc mstatus, {x(t)}")
        g.li(t, 0x800)
        g.emit(f"csrs mstatus, {x(t)}")
        g.emit(f"la {x(t)}, {lab}")
        g.emit(f"csrw mepc, {x(t)}")
        g.emit("mret")
        g.out.append(f"{lab}:")
        self.mode = "S"
        self.settle()
        for _ in range(r.randrange(1, 6)):
            self.op()
        g.emit(".option push")
        g.emit(".option norvc")
        g.emit("ebreak")
        g.emit(".option pop")
        self.mode = "M"
        self.mstatus_mie = True
        self.settle()


class PmpPlay:
    """PMP operations (privileged spec 3.7) in M-mode programs: random configurations of entries
    0..3 over pmparea (4 KiB pages, an area of its own between guard pages), and loads, stores,
    AMOs and LRs into and around it as S- or U-mode accesses (mstatus.MPRV with MPP = S/U) or as
    M-mode accesses; faults are folded into the buffer by the trap handler. Entry 7 is TOR
    [0, top): top is all memory or a page inside pmparea, so the pages above it match nothing
    (default deny for S/U). Only what QEMU 7.2 (16 entries, 4-byte granularity) and Pagoda (8,
    4 KiB) must agree on is emitted: 4 KiB aligned TOR bounds and NAPOT regions of 4 KiB and up
    (written with their low bits set, so they read back alike), entry 0 never TOR and a TOR
    entry never above a NAPOT one (QEMU compares against the raw pmpaddr, Pagoda at 4 KiB), no
    NA4, no W without R, no L, no SC (QEMU skips the access of an SC without reservation), no
    reads of pmpaddr7 (all ones read back differently), no AMO where R is denied (QEMU's cause
    differs). The model below (Pagoda's semantics) steers around that last case and counts the
    accesses that should fault; the expected results come from QEMU."""

    def __init__(self, gen):
        self.g, self.rng = gen, gen.rng
        self.cfg = [0, 0, 0, 0]           # entries 0..3: (A << 3) | perms
        self.addr = [0, 0, 0, 0]          # byte address (TOR top / NAPOT base)
        self.size = [0, 0, 0, 0]          # NAPOT size
        self.top = PMP_PAGES + 1          # entry 7's top in pages from pmparea (5: all memory)
        self.stats = {"configs": 0, "accesses": 0, "faults": 0, "reads": 0}

    def op(self):
        k = self.rng.random()
        if k < 0.25:
            self.configure()
        elif k < 0.9:
            self.access()
        else:
            self.read()

    def configure(self):
        g, r = self.g, self.rng
        self.stats["configs"] += 1
        t = g.rd()
        cfgword = 0x0f << 56                            # entry 7: TOR, RWX
        for i in range(4):
            tor_ok = i > 0 and (self.cfg[i - 1] >> 3) != 3
            a = r.choice([0, 1, 1, 3] if tor_ok else [0, 3, 3])
            perms = r.choice(PMP_PERMS)
            if a == 3:
                size = r.choice([1, 1, 2, 4])
                page = r.randrange(0, PMP_PAGES, size)
                self.size[i] = size << 12
                self.addr[i] = page << 12
                g.emit(f"la {x(t)}, pmparea + {page << 12}")
                g.emit(f"srli {x(t)}, {x(t)}, 2")
                g.emit(f"ori {x(t)}, {x(t)}, {(size << 9) - 1}")
            else:
                page = r.randrange(0, PMP_PAGES + 1)
                self.addr[i] = page << 12
                g.emit(f"la {x(t)}, pmparea + {page << 12}")
                g.emit(f"srli {x(t)}, {x(t)}, 2")
            g.emit(f"csrw pmpaddr{i}, {x(t)}")
            self.cfg[i] = (a << 3) | perms
            cfgword |= self.cfg[i] << (8 * i)
        self.top = r.choice([PMP_PAGES + 1] * 3 + list(range(1, PMP_PAGES + 1)))
        if self.top > PMP_PAGES:
            g.emit(f"li {x(t)}, -1")
        else:
            g.emit(f"la {x(t)}, pmparea + {self.top << 12}")
            g.emit(f"srli {x(t)}, {x(t)}, 2")
        g.emit(f"csrw pmpaddr7, {x(t)}")
        g.li(t, cfgword)
        g.emit(f"csrw pmpcfg0, {x(t)}")
        g.emit("sfence.vma")                             # QEMU drops its cached rights

    def allowed(self, off, write, priv):
        """Pagoda's rule for an access at pmparea + off (off may be in the guard pages)."""
        if priv == 3:
            return True
        for i in range(4):
            a, perms = self.cfg[i] >> 3, self.cfg[i] & 7
            lo = self.addr[i - 1] if i > 0 else None
            if a == 1:
                match = (lo is None or off >= lo) and off < self.addr[i]
            elif a == 3:
                match = self.addr[i] <= off < self.addr[i] + self.size[i]
            else:
                match = False
            if match:
                return bool(perms & (2 if write else 1))
        return self.top > PMP_PAGES or off < self.top << 12

    def access(self):
        g, r = self.g, self.rng
        self.stats["accesses"] += 1
        op, size = r.choice([("lb", 1), ("lhu", 2), ("lw", 4), ("ld", 8), ("lwu", 4), ("sb", 1),
                             ("sh", 2), ("sw", 4), ("sd", 8), ("amoadd.d", 8), ("amoswap.w", 4),
                             ("amoor.d", 8), ("amomax.w", 4), ("lr.d", 8), ("lr.w", 4)])
        off = r.randrange(-64, PMP_PAGES * 4096 + 64)
        if r.random() < 0.3:                              # near a page boundary
            off = r.randrange(0, PMP_PAGES + 1) * 4096 + r.choice([-8, -4, 0, 4])
        off -= off % size
        priv = r.choice([0, 1, 1, 3])
        if op.startswith("amo") and not self.allowed(off, False, priv):
            # QEMU 7.2 reports an AMO to a region without R as a load access fault (cause 5;
            # qemu-project/qemu issue 594); the spec and Pagoda say store/AMO access fault (7),
            # which tests/core/isa/pmp.S checks
            op = "ld" if size == 8 else "lw"
        write = op[0] == "s" or op.startswith("amo")
        if not self.allowed(off, write, priv):
            self.stats["faults"] += 1
        a, d = g.rd(), g.rd()
        while d == a:
            d = g.rd()
        t = g.rd()
        if priv != 3:
            g.li(t, 3 << 11)
            g.emit(f"csrc mstatus, {x(t)}")
            g.li(t, (1 << 17) | (priv << 11))
            g.emit(f"csrs mstatus, {x(t)}")
        g.emit(f"la {x(a)}, pmparea + {off}")
        g.emit(".option push")
        g.emit(".option norvc")                           # the handler skips 4 bytes
        if op[0] == "l" and not op.startswith("lr"):
            g.emit(f"{op} {x(d)}, 0({x(a)})")
        elif op[0] == "s":
            g.emit(f"{op} {x(g.rs())}, 0({x(a)})")
        elif op.startswith("lr"):
            g.emit(f"{op} {x(d)}, ({x(a)})")
        else:
            g.emit(f"{op} {x(d)}, {x(g.rs())}, ({x(a)})")
        g.emit(".option pop")
        if priv != 3:
            g.li(t, 1 << 17)
            g.emit(f"csrc mstatus, {x(t)}")

    def read(self):
        g, r = self.g, self.rng
        self.stats["reads"] += 1
        g.emit(f"csrr {x(g.rd())}, {r.choice(['pmpcfg0', 'pmpaddr0', 'pmpaddr1', 'pmpaddr2', 'pmpaddr3'])}")


def x(r):
    return f"x{r}"


def rand_val(rng):
    c = rng.random()
    if c < 0.4:
        v = rng.choice(EDGE)
    elif c < 0.7:
        v = rng.randrange(-4096, 4096)
    else:
        v = rng.getrandbits(64)
    return v & 0xffffffffffffffff


class Gen:
    def __init__(self, seed, length, vm=False):
        self.vm = vm
        self.excursions = not vm
        self.play = None
        self.pmp = None
        self.rng = random.Random(seed)
        self.seed = seed
        self.length = length
        self.out = []
        self.label = 0

    def emit(self, s):
        self.out.append("\t" + s)

    def newlabel(self):
        self.label += 1
        return f".Lg{self.label}"

    def rd(self):
        return self.rng.choice(REGS)

    def rs(self):
        return self.rng.choice(REGS + [0])

    def imm12(self):
        r = self.rng
        return r.choice([0, 1, -1, 2047, -2048, r.randrange(-2048, 2048), r.randrange(-16, 16)])

    def one(self, depth=0):
        r = self.rng
        k = r.random()
        if depth == 0 and k < IRQPLAY_RATE:
            self.play.op()
            return
        if depth == 0 and not self.vm and k < IRQPLAY_RATE + PMPPLAY_RATE:
            self.pmp.op()
            return
        k = r.random()
        if k < 0.22:
            op = r.choice("add sub sll slt sltu xor srl sra or and addw subw sllw srlw sraw".split())
            self.emit(f"{op} {x(self.rd())}, {x(self.rs())}, {x(self.rs())}")
        elif k < 0.40:
            op = r.choice("addi slti sltiu xori ori andi addiw slli srli srai slliw srliw sraiw".split())
            if op in ("slli", "srli", "srai"):
                imm = r.randrange(64)
            elif op in ("slliw", "srliw", "sraiw"):
                imm = r.randrange(32)
            else:
                imm = self.imm12()
            self.emit(f"{op} {x(self.rd())}, {x(self.rs())}, {imm}")
        elif k < 0.44:
            op = r.choice(["lui", "auipc"])
            self.emit(f"{op} {x(self.rd())}, {r.randrange(1 << 20)}")
        elif k < 0.54:
            op = r.choice("mul mulh mulhsu mulhu div divu rem remu mulw divw divuw remw remuw".split())
            self.emit(f"{op} {x(self.rd())}, {x(self.rs())}, {x(self.rs())}")
        elif k < 0.66:
            self.mem()
        elif k < 0.70:
            self.amo()
        elif k < 0.78:
            self.compressed()
        elif k < 0.86 and depth == 0:
            self.branch()
        elif k < 0.89 and depth == 0:
            self.jump()
        elif k < 0.91 and depth == 0:
            self.loop()
        elif k < 0.95:
            self.csr()
        elif k < 0.955:
            self.emit(r.choice(["fence", "fence rw, rw", "fence.i", "fence r, w", "nop"] +
                               (["sfence.vma", "sfence.vma zero, zero"] if self.vm else [])))
        elif k < 0.975:
            self.probe()
        else:
            self.li(self.rd(), rand_val(r))

    def probe(self):
        """An encoding that may or may not be legal: both models must agree on which (illegal ones
        trap; the handler folds mcause/mepc/mtval into the buffer and skips 4 bytes)."""
        r = self.rng
        rd, rs1, rs2 = self.rd(), self.rs(), self.rs()
        k = r.randrange(7)
        if k == 0:      # OP / OP-32 with any funct7/funct3
            f7 = r.choice([0, 1, 0x20, 0x21, r.randrange(128)])
            op = r.choice([0x33, 0x3b])
            w = (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (r.randrange(8) << 12) | (rd << 7) | op
        elif k == 1:    # OP-IMM / OP-IMM-32 (shift encodings with any upper bits)
            op = r.choice([0x13, 0x1b])
            imm = r.choice([r.randrange(4096), (r.randrange(64) << 6) | r.randrange(64)])
            w = (imm << 20) | (rs1 << 15) | (r.randrange(8) << 12) | (rd << 7) | op
        elif k == 2:    # AMO with any funct5/funct3, address in range and aligned
            a = r.choice([c for c in REGS if c != rd])
            off = r.randrange(-2048, 1024 - 8) & ~7
            self.emit(f"addi {x(a)}, tp, {off}")
            f5 = r.choice([2, 3, 1, 0, r.randrange(32)])
            w = (f5 << 27) | (r.randrange(4) << 25) | (rs2 << 20) | (a << 15) | \
                (r.choice([2, 3, r.randrange(8)]) << 12) | (rd << 7) | 0x2f
        elif k == 3:    # LOAD / STORE with any funct3 off tp
            off = r.randrange(-2048, 1024 - 8) & ~7
            if r.random() < 0.5:
                w = ((off & 0xfff) << 20) | (4 << 15) | (r.randrange(8) << 12) | (rd << 7) | 0x03
            else:
                w = (((off >> 5) & 0x7f) << 25) | (rs2 << 20) | (4 << 15) | \
                    (r.randrange(8) << 12) | ((off & 0x1f) << 7) | 0x23
        elif k == 4:    # MISC-MEM with any funct3
            imm, f3 = r.randrange(4096), r.randrange(8)
            if f3 == 2 and imm in (0, 1, 2, 4):
                imm |= 0x800    # not a cbo.*: QEMU 7.2 has no Zicbom/Zicboz (core-isa `cbo`)
            w = (imm << 20) | (f3 << 12) | 0x0f
        elif k == 5:    # reserved / hint compressed encodings, padded to 4 bytes with c.nop
            c = r.choice([0x0000, 0x8000, 0x2000 | (r.randrange(1 << 10) << 2),
                          0x4002 | (r.randrange(32) << 2),             # c.lwsp rd=0
                          0x6002 | (r.randrange(32) << 2),             # c.ldsp rd=0
                          0x8002,                                      # c.jr x0
                          0x2001 | (r.randrange(32) << 2),             # c.addiw x0
                          0x6001 | (rd << 7),                          # c.lui imm 0
                          0x6101,                                      # c.addi16sp 0
                          0x9c01 | (r.randrange(8) << 7) | (r.randrange(4) << 5) | (r.randrange(2) << 2) | 0x40,
                          0xa002 | (r.randrange(1 << 11) << 2)])     # c.fsdsp
            self.emit(f".hword {c:#x}")
            self.emit(".hword 0x0001")
            return
        else:           # unassigned major opcodes
            op = r.choice([0x0b, 0x2b, 0x5b, 0x7b, 0x57, 0x77, 0x07, 0x27, 0x43, 0x53])
            w = (r.getrandbits(25) << 7) | op
        self.emit(f".word {w:#010x}")

    def paging(self):
        """Sv39 for the random part: run in S-mode with the first 2 MiB of RAM mapped 1:1 through
        4 KiB pages (A/D preset or left to the hardware) and devices through a 1 GiB page."""
        ad = self.rng.choice([0xc0, 0x00])
        for line in f"""li t1, 0xc7
	la t0, pt_root
	sd t1, 0(t0)
	la t1, pt_l1
	srli t1, t1, 12
	slli t1, t1, 10
	ori t1, t1, 1
	sd t1, 16(t0)
	la t2, pt_l1
	la t1, pt_l0
	srli t1, t1, 12
	slli t1, t1, 10
	ori t1, t1, 1
	sd t1, 0(t2)
	la t2, pt_l0
	li t3, 0x80000
	li t4, 512
.Lpte:
	slli t1, t3, 10
	ori t1, t1, {0x0f | ad}
	sd t1, 0(t2)
	addi t2, t2, 8
	addi t3, t3, 1
	addi t4, t4, -1
	bnez t4, .Lpte
	la t0, pt_root
	srli t0, t0, 12
	li t1, 8 << 60
	or t0, t0, t1
	csrw satp, t0
	sfence.vma
	li t0, 3 << 11
	csrc mstatus, t0
	li t0, 1 << 11
	csrs mstatus, t0
	la t0, .Lsmode
	csrw mepc, t0
	mret""".splitlines():
            self.emit(line.strip())
        self.out.append(".Lsmode:")

    def li(self, reg, v):
        if v >= 1 << 63:
            v -= 1 << 64
        self.emit(f"li {x(reg)}, {v}")

    def mem(self):
        r = self.rng
        op, size = r.choice([("lb", 1), ("lh", 2), ("lw", 4), ("ld", 8), ("lbu", 1), ("lhu", 2),
                             ("lwu", 4), ("sb", 1), ("sh", 2), ("sw", 4), ("sd", 8)])
        off = r.randrange(-2048, 1024 - 8)
        off -= off % size
        if op.startswith("s"):
            self.emit(f"{op} {x(self.rs())}, {off}(tp)")
        else:
            self.emit(f"{op} {x(self.rd())}, {off}(tp)")

    def amo(self):
        r = self.rng
        size = r.choice(["w", "d"])
        nb = 4 if size == "w" else 8
        off = r.randrange(-2048, 1024 - 8)
        off -= off % nb
        a = self.rd()
        self.emit(f"addi {x(a)}, tp, {off}")
        aq = r.choice(["", ".aq", ".rl", ".aqrl"])
        if r.random() < 0.3:
            d1, d2 = self.rd(), self.rd()
            while d1 == a:
                d1 = self.rd()
            while d2 == a:
                d2 = self.rd()
            self.emit(f"lr.{size}{aq} {x(d1)}, ({x(a)})")
            if r.random() < 0.5:   # a harmless instruction between LR and SC
                self.emit(f"addi {x(d2)}, {x(self.rs())}, 1")
            self.emit(f"sc.{size}{aq} {x(self.rd())}, {x(self.rs())}, ({x(a)})")
        elif r.random() < 0.1:      # SC without a reservation: must fail
            self.emit(f"sc.{size} {x(self.rd())}, {x(self.rs())}, ({x(a)})")
        else:
            op = r.choice("amoswap amoadd amoxor amoand amoor amomin amomax amominu amomaxu".split())
            self.emit(f"{op}.{size}{aq} {x(self.rd())}, {x(self.rs())}, ({x(a)})")

    def compressed(self):
        r = self.rng
        c = r.choice(CREGS)
        c2 = r.choice(CREGS)
        nz = r.choice([i for i in range(-32, 32) if i != 0])
        k = r.randrange(17)
        if k == 0:
            self.emit(f"c.addi {x(self.rd())}, {nz}")
        elif k == 1:
            self.emit(f"c.addiw {x(self.rd())}, {r.randrange(-32, 32)}")
        elif k == 2:
            self.emit(f"c.li {x(self.rd())}, {r.randrange(-32, 32)}")
        elif k == 3:
            self.emit(f"c.lui {x(r.choice([d for d in REGS if d != 2]))}, {r.choice([r.randrange(1, 32), r.randrange(0xfffe0, 0x100000)])}")
        elif k == 4:
            self.emit(f"c.srli {x(c)}, {r.randrange(1, 64)}")
        elif k == 5:
            self.emit(f"c.srai {x(c)}, {r.randrange(1, 64)}")
        elif k == 6:
            self.emit(f"c.andi {x(c)}, {r.randrange(-32, 32)}")
        elif k == 7:
            self.emit(f"{r.choice(['c.sub', 'c.xor', 'c.or', 'c.and', 'c.subw', 'c.addw'])} {x(c)}, {x(c2)}")
        elif k == 8:
            self.emit(f"c.slli {x(self.rd())}, {r.randrange(1, 64)}")
        elif k == 9:
            self.emit(f"c.mv {x(self.rd())}, {x(self.rd())}")
        elif k == 10:
            self.emit(f"c.add {x(self.rd())}, {x(self.rd())}")
        elif k == 11:
            # c.lw/c.ld/c.sw/c.sd need a base in x8..x15: point one at the buffer
            self.emit(f"addi {x(c)}, tp, {r.randrange(-2048, 512) & ~7}")
            op = r.choice(["c.lw", "c.ld", "c.sw", "c.sd"])
            off = r.randrange(0, 32) * (4 if op in ("c.lw", "c.sw") else 8)
            self.emit(f"{op} {x(c2)}, {off}({x(c)})")
        elif k == 12:
            op = r.choice(["c.lwsp", "c.ldsp"])
            off = r.randrange(0, 64) * (4 if op == "c.lwsp" else 8)
            self.emit(f"{op} {x(self.rd())}, {off}(sp)")
        elif k == 13:
            op = r.choice(["c.swsp", "c.sdsp"])
            off = r.randrange(0, 64) * (4 if op == "c.swsp" else 8)
            self.emit(f"{op} {x(self.rs() or 1)}, {off}(sp)")
        elif k == 14:
            self.emit(f"c.addi16sp sp, {r.choice([16, 32, 48, -16, -32, -48])}")
            self.emit("addi sp, tp, -1024")     # put sp back
        elif k == 15:
            self.emit(f"c.addi4spn {x(c)}, sp, {r.randrange(1, 256) * 4}")
        else:
            self.emit("c.nop")

    def branch(self):
        r = self.rng
        lab = self.newlabel()
        op = r.choice("beq bne blt bge bltu bgeu".split())
        if r.random() < 0.3:
            op = r.choice(["c.beqz", "c.bnez"])
            self.emit(f"{op} {x(r.choice(CREGS))}, {lab}")
        else:
            self.emit(f"{op} {x(self.rs())}, {x(self.rs())}, {lab}")
        for _ in range(r.randrange(0, 4)):
            self.one(depth=1)
        self.out.append(f"{lab}:")

    def jump(self):
        r = self.rng
        lab = self.newlabel()
        k = r.randrange(4)
        if k == 0:
            self.emit(f"jal {x(self.rd())}, {lab}")
        elif k == 1:
            self.emit(f"c.j {lab}")
        elif k == 2:
            t = self.rd()
            self.emit(f"la {x(t)}, {lab}")
            self.emit(f"jalr {x(self.rd())}, 0({x(t)})")
        else:
            t = self.rd()
            self.emit(f"la {x(t)}, {lab}")
            self.emit(f"{r.choice(['c.jr', 'c.jalr'])} {x(t)}")
        for _ in range(r.randrange(0, 3)):
            self.one(depth=1)
        self.out.append(f"{lab}:")

    def loop(self):
        r = self.rng
        cnt = r.choice([c for c in REGS if c not in CREGS])
        lab = self.newlabel()
        self.emit(f"li {x(cnt)}, {r.randrange(1, 6)}")
        self.out.append(f"{lab}:")
        saved = list(REGS)
        REGS.remove(cnt)
        for _ in range(r.randrange(1, 6)):
            self.one(depth=1)
        REGS[:] = saved
        self.emit(f"addi {x(cnt)}, {x(cnt)}, -1")
        self.emit(f"bnez {x(cnt)}, {lab}")

    def csr(self):
        r = self.rng
        csr = "sscratch" if self.vm else "mscratch"
        op = r.choice(["csrrw", "csrrs", "csrrc"])
        if r.random() < 0.3:
            self.emit(f"{op}i {x(self.rd())}, {csr}, {r.randrange(32)}")
        else:
            self.emit(f"{op} {x(self.rd())}, {csr}, {x(self.rs())}")
        if r.random() < 0.2 and not self.vm:
            self.emit(f"csrr {x(self.rd())}, {r.choice(['misa', 'mhartid'])}")

    def program(self):
        r = self.rng
        o = ["\t.section .text.init", "\t.globl _start", "_start:"]
        self.out = o
        self.emit("la t0, trap")
        self.emit("csrw mtvec, t0")
        self.emit("la tp, buf + 2048")      # first: the handlers use it
        self.emit("addi sp, tp, -1024")
        # machine external interrupts on: only the Pagoda harness raises them (+irq-rate), and
        # the handler leaves no architectural trace, so the result must equal QEMU's. Not before
        # the switch to S-mode: an interrupt between setting MPP and the mret would reset MPP (in
        # S-mode, M-level interrupts are taken whatever mstatus.MIE says).
        self.emit("li t0, 0x800")
        self.emit("csrs mie, t0")
        self.emit("la t0, strap")
        self.emit("csrw stvec, t0")
        # the line: the UART's THR-empty interrupt pends at PLIC source 10 (never claimed), which
        # reaches hart 0's S context (enabled, priority 1) while its threshold is 0; start at 1
        for line in """li t0, 0x10000000
	li t1, 2
	sb t1, 1(t0)
	li t0, 0x0c000000
	li t1, 1
	sw t1, 40(t0)
	li t0, 0x0c002080
	li t1, 0x400
	sw t1, 0(t0)
	li t0, 0x0c201000
	li t1, 1
	sw t1, 0(t0)""".splitlines():
            self.emit(line.strip())
        # PMP: entry 7 is TOR [0, all memory) with RWX (S/U accesses that match no entry fail)
        for line in """li t0, -1
	csrw pmpaddr7, t0
	csrw pmpaddr6, zero
	li t0, 0x0f << 56
	csrw pmpcfg0, t0""".splitlines():
            self.emit(line.strip())
        self.pmp = PmpPlay(self)
        self.play = IrqPlay(self, "M", False)
        if self.vm:
            for _ in range(r.randrange(0, 6)):      # M-mode set-up for the S-mode program
                self.play.op()
            # MIE off until the mret: an interrupt between the MPP write and the mret would
            # send the program to U-mode
            self.emit("csrci mstatus, 8")
            self.play.mstatus_mie = False
            self.paging()
            self.play.mode = "S"
            self.play.settle()
        else:
            self.emit("csrsi mstatus, 8")
            self.play.mstatus_mie = True
            self.play.settle()
        self.emit("csrw mscratch, zero")
        for reg in REGS:
            self.li(reg, rand_val(r))
        n = 0
        while n < self.length:
            before = len(self.out)
            self.one()
            n += len(self.out) - before
        st = self.play.stats
        o.append(f"\t# irqplay: {st['ops']} ops, {st['line']} line changes, {st['taken']} "
                 f"interrupts taken, {st['latch']} latch chances, {st['excursions']} excursions")
        pst = self.pmp.stats
        o.append(f"\t# pmpplay: {pst['configs']} configs, {pst['accesses']} accesses, "
                 f"{pst['faults']} faults, {pst['reads']} reads")
        o += EPILOGUE.splitlines()
        o.append("\t.data")
        o.append("\t.align 6")
        o.append("buf:")
        # separate generator so that a shorter program (--length) is a prefix of a longer one
        dr = random.Random(self.seed * 7919 + 1)
        for _ in range(BUF_SIZE // 8):
            o.append(f"\t.dword {rand_val(dr)}")
        o.append("regsave:\t.space 256")
        # pmparea: 4 pages between guard pages, its own data (a separate generator again)
        # (16 KiB aligned: NAPOT regions of up to 16 KiB inside it must be naturally aligned)
        o.append("\t.align 12")
        o.append("\t.space 4096")
        o.append("\t.align 14")
        o.append("pmparea:")
        pr = random.Random(self.seed * 7919 + 2)
        for _ in range(PMP_PAGES * 512):
            o.append(f"\t.dword {rand_val(pr)}")
        o.append("\t.space 4096")
        if self.vm:
            o += ["\t.align 12", "pt_root:\t.space 4096", "pt_l1:\t.space 4096",
                  "pt_l0:\t.space 4096"]
        return "\n".join(o) + "\n"


# Save all registers, then print them and the buffer as 16-digit hex lines; stop via sifive,test1.
EPILOGUE = """
	j .Lsave
	.align 2
trap:                          # fold mcause, mepc, mtval into buf+3064 and skip 4 bytes
	csrw stval, x5
	csrr x5, mcause
	bltz x5, .Lirq
	addi x5, x5, -3
	beqz x5, .Lebreak
	csrw sscratch, x6
	ld x6, 1016(tp)
	slli x6, x6, 5
	csrr x5, mcause
	xor x6, x6, x5
	slli x6, x6, 5
	csrr x5, mepc
	xor x6, x6, x5
	slli x6, x6, 5
	csrr x5, mtval
	xor x6, x6, x5
	sd x6, 1016(tp)
	csrr x5, mepc
	addi x5, x5, 4
	csrw mepc, x5
	csrr x5, stval
	csrr x6, sscratch
	mret
.Lirq:
	slli x5, x5, 1
	addi x5, x5, -22
	bnez x5, .Lvisible
	li x5, 0x20000000          # MEI from the Pagoda harness (+irq-rate): invisible
	sw zero, 0(x5)
	csrr x5, stval
	mret
.Lvisible:                     # an interplay interrupt taken in M: clear its enable, and count
	csrw sscratch, x6          # it in buf+3064 by adding (1 << cause) << 16 (commutes: QEMU takes
	csrr x5, mcause            # simultaneous ones lowest cause first, the spec SEI > SSI > STI)
	li x6, 1
	sll x6, x6, x5
	csrc mie, x6
	slli x6, x6, 16
	ld x5, 1016(tp)
	add x5, x5, x6
	sd x5, 1016(tp)
	csrr x6, sscratch
	csrr x5, stval
	mret
.Lebreak:                      # end of an S-mode excursion: continue in M, MIE on
	li x5, 0x1880
	csrs mstatus, x5
	csrr x5, mepc
	addi x5, x5, 4
	csrw mepc, x5
	csrr x5, stval
	mret
	.align 2
strap:                         # an interplay interrupt taken in S: the same, adding 1 << cause
	sd x5, 1024(tp)
	sd x6, 1032(tp)
	csrr x5, scause
	li x6, 1
	sll x6, x6, x5
	csrc sie, x6
	ld x5, 1016(tp)
	add x5, x5, x6
	sd x5, 1016(tp)
	ld x5, 1024(tp)
	ld x6, 1032(tp)
	sret
.Lsave:
	addi tp, tp, 1024          # tp -> regsave (buf + 3072)
""" + "\n".join(f"\tsd x{i}, {8 * i}(tp)" for i in range(1, 32) if i != 4) + """
	li t0, 0x0c201000          # line off and the UART quiet before printing
	li t1, 1
	sw t1, 0(t0)
	li t0, 0x10000000
	sb zero, 1(t0)
	addi t0, tp, -1024
	sd t0, 32(tp)              # the reserved tp itself (buf + 2048)
	li s0, 0x10000000
	li s1, 3072
	sub s1, tp, s1             # buf
	addi s2, tp, 256           # end of regsave
.Ldump:
	ld a0, 0(s1)
	li a1, 16
.Lhex:
	srli a2, a0, 60
	li a3, 10
	blt a2, a3, 1f
	addi a2, a2, 39
1:	addi a2, a2, 48
	sb a2, 0(s0)
	slli a0, a0, 4
	addi a1, a1, -1
	bnez a1, .Lhex
	li a2, 10
	sb a2, 0(s0)
	addi s1, s1, 8
	bltu s1, s2, .Ldump
	li t0, 0x100000
	li t1, 0x5555
	sw t1, 0(t0)
2:	j 2b
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--length", type=int, default=2000)
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--vm", action="store_true", help="run the random part in S-mode under Sv39")
    a = ap.parse_args()
    if a.length <= 0:
        ap.error("--length must be positive")
    with open(a.output, "w") as f:
        f.write(Gen(a.seed, a.length, a.vm).program())


if __name__ == "__main__":
    main()
