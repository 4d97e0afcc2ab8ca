// SPDX-License-Identifier: BSD-2-Clause
// Verilator harness for pagoda_core alone: a C++ memory system answering both PBUS ports (one-cycle
// latency, optional random back-pressure and response delay), with the tiny devices bare-metal tests
// and OpenSBI need: boot ROM (QEMU-style reset vector), sifive,test1, ns16550 UART (TX only, with
// the THR-empty interrupt), a PLIC with one source (the UART's, 10) and QEMU virt's hart-0 contexts
// (0 = M, 1 = S), CLINT, an interrupt-line control register for tests, and HTIF tohost. The UART
// and PLIC follow QEMU 7.2 virt where the differential test (tests/core/diff) relies on it.
//
//   Vpagoda_core [options] prog.elf
//     +max-cycles=N   stop with an error after N cycles (default 50M)
//     +stall          random grant stalls and response delays on both ports
//     +seed=N         seed for +stall and +irq-rate
//     +irq-rate=P     raise the external interrupt line (irq-control bit 0) with probability P
//                     per cycle while it is low (the program's handler clears it)
//     +trace          print the PC of every retired instruction
//     +vcd=FILE       waveform (only in a build with --trace: make core-sim-trace)
//     +bin=FILE@ADDR  load a raw binary (repeatable), e.g. fw_dynamic.bin@0x80000000
//     +entry=ADDR     address the boot ROM jumps to (default: ELF entry, else 0x80000000)
//     +fdt=ADDR       a1 passed by the boot ROM; +dtb=FILE is loaded there
//     +next=ADDR      fw_dynamic_info.next_addr (S-mode payload), default 0x80200000
// Exit status: 0 pass, the test's code on failure, 3 on timeout, 4 on bad input.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cstdint>
#include <string>
#include <vector>
#include <deque>
#include <chrono>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <gelf.h>
#include <libelf.h>
#include "Vpagoda_core.h"
#include "Vpagoda_core___024root.h"
#include "Vpagoda_core_pagoda_pkg.h"
#include "Vpagoda_core_pagoda_soc_pkg.h"
#include "verilated.h"
#include "dcache_backdoor.h"
#if VM_TRACE
#include "verilated_vcd_c.h"
#endif

// The SoC's addresses, from the RTL packages (`verilator public`; tests/core/core.mk compiles
// pagoda_soc_pkg in for them): RAM, OpenSBI's hand-over address, the DTB's distance from RAM's top.
static const uint64_t RAM_BASE = Vpagoda_core_pagoda_pkg::RAM_BASE;
static const uint64_t FW_NEXT_ADDR = Vpagoda_core_pagoda_soc_pkg::FW_NEXT_ADDR;
static const uint64_t DTB_TOP_GAP = Vpagoda_core_pagoda_soc_pkg::DTB_TOP_GAP;
static uint64_t ram_size = 128ull << 20;
static uint8_t *ram;     // anonymous mapping: zero pages appear on first touch
static uint8_t rom[0x1000];
static uint64_t tohost_addr = 0, fromhost_addr = 0;
static bool have_tohost = false;
// A test's symbols "ifetch_err*": instruction-port reads of their 8-byte lanes answer with an
// error (RAM lanes that fail only for fetch: the I$ refill-error test, tests/core/isa/icache.S).
static std::vector<uint64_t> ifetch_err_lanes;
static bool ifetch_err(uint64_t addr)
{
	for (uint64_t l : ifetch_err_lanes)
		if ((addr & ~7ull) == l)
			return true;
	return false;
}

// devices
static const uint64_t ROM_BASE = 0x1000, TEST_BASE = 0x100000, CLINT_BASE = 0x2000000;
static const uint64_t UART_BASE = 0x10000000, IRQCTL_BASE = 0x20000000;
static uint64_t mtime = 0, mtimecmp = ~0ull;
static uint32_t msip = 0;
static uint32_t irqctl = 0;      // bit0 mext, bit1 sext, bit2 msoft (or'ed), bit3 mtimer (or'ed)
static uint8_t uart_regs[8];     // IER, FCR (written at 2), LCR, MCR, ..., SCR; DLL/DLM apart
static uint8_t uart_dll, uart_dlm;
static bool uart_thre_pending;   // QEMU's thr_ipending: THR empty not yet acknowledged

// PLIC (riscv,plic0 layout as QEMU virt): priorities and thresholds are 3 bits (WARL: value mod
// 8, as QEMU), pending is latched from a high source line until claimed. The outputs follow every
// register change; QEMU 7.2 re-evaluates them on priority, threshold, claim and complete but not
// on enable writes, so the differential generator never toggles enables.
static const uint64_t PLIC_BASE = 0xc000000, PLIC_SIZE = 0x600000;
static const unsigned PLIC_NSRC = 32, PLIC_NCTX = 2, UART_IRQ = 10;
static uint32_t plic_prio[PLIC_NSRC], plic_pending, plic_claimed;
static uint32_t plic_enable[PLIC_NCTX], plic_threshold[PLIC_NCTX];

static bool uart_irq(void) { return (uart_regs[1] & 2) && uart_thre_pending; }

// the source of highest priority above the context's threshold that is pending, enabled and not
// claimed (lowest id on ties); 0 if none
static unsigned plic_best(unsigned ctx)
{
	uint32_t cand = plic_pending & ~plic_claimed & plic_enable[ctx];
	unsigned best = 0, best_prio = plic_threshold[ctx];
	if (!cand)
		return 0;	// almost always: evaluated every cycle
	for (unsigned i = 1; i < PLIC_NSRC; i++)
		if ((cand >> i & 1) && plic_prio[i] > best_prio) {
			best = i;
			best_prio = plic_prio[i];
		}
	return best;
}

static uint32_t plic_read(uint64_t off)
{
	if (off < 4 * PLIC_NSRC)
		return plic_prio[off / 4];
	if (off == 0x1000)
		return plic_pending;
	if (off >= 0x2000 && off < 0x2000 + 0x80 * PLIC_NCTX && (off & 0x7f) == 0)
		return plic_enable[(off - 0x2000) / 0x80];
	if (off >= 0x200000 && off < 0x200000 + 0x1000 * PLIC_NCTX) {
		unsigned ctx = (off - 0x200000) / 0x1000;
		if ((off & 0xfff) == 0)
			return plic_threshold[ctx];
		if ((off & 0xfff) == 4) {	// claim
			unsigned id = plic_best(ctx);
			if (id) {
				plic_pending &= ~(1u << id);
				plic_claimed |= 1u << id;
			}
			return id;
		}
	}
	return 0;
}

static void plic_write(uint64_t off, uint32_t v)
{
	if (off < 4 * PLIC_NSRC) {
		if (off)
			plic_prio[off / 4] = v % 8;
	} else if (off >= 0x2000 && off < 0x2000 + 0x80 * PLIC_NCTX && (off & 0x7f) == 0) {
		plic_enable[(off - 0x2000) / 0x80] = v & ~1u;
	} else if (off >= 0x200000 && off < 0x200000 + 0x1000 * PLIC_NCTX) {
		unsigned ctx = (off - 0x200000) / 0x1000;
		if ((off & 0xfff) == 0)
			plic_threshold[ctx] = v % 8;
		else if ((off & 0xfff) == 4 && v < PLIC_NSRC)	// complete
			plic_claimed &= ~(1u << v);
	}
}
static bool finished = false;
static int exit_code = 0;

// A failure code as a process status: its low byte, but never 0 (test 256 must not pass).
static int process_status(uint64_t code)
{
	return (code & 0xff) ? (int)(code & 0xff) : 1;
}

static void die(const char *msg, const char *arg)
{
	fprintf(stderr, "tb_core: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	exit(4);
}

static bool in_ram(uint64_t a) { return a >= RAM_BASE && a - RAM_BASE < ram_size; }

static void load_elf(const char *path, uint64_t *entry)
{
	if (elf_version(EV_CURRENT) == EV_NONE)
		die("libelf init failed", nullptr);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		die("cannot open ELF", path);
	Elf *e = elf_begin(fd, ELF_C_READ, nullptr);
	if (!e || elf_kind(e) != ELF_K_ELF)
		die("not an ELF file", path);
	GElf_Ehdr eh;
	if (!gelf_getehdr(e, &eh) || eh.e_machine != EM_RISCV || eh.e_ident[EI_CLASS] != ELFCLASS64)
		die("not a 64-bit RISC-V ELF", path);
	*entry = eh.e_entry;
	size_t n;
	elf_getphdrnum(e, &n);
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		gelf_getphdr(e, i, &ph);
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (!in_ram(ph.p_paddr) || !in_ram(ph.p_paddr + ph.p_memsz - 1))
			die("ELF segment outside RAM", path);
		std::vector<uint8_t> buf(ph.p_filesz);
		if (ph.p_filesz && pread(fd, buf.data(), ph.p_filesz, ph.p_offset) != (ssize_t)ph.p_filesz)
			die("short read in ELF", path);
		memcpy(&ram[ph.p_paddr - RAM_BASE], buf.data(), ph.p_filesz);
		memset(&ram[ph.p_paddr - RAM_BASE + ph.p_filesz], 0, ph.p_memsz - ph.p_filesz);
	}
	Elf_Scn *scn = nullptr;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		gelf_getshdr(scn, &sh);
		if (sh.sh_type != SHT_SYMTAB)
			continue;
		Elf_Data *d = elf_getdata(scn, nullptr);
		size_t cnt = sh.sh_size / sh.sh_entsize;
		for (size_t i = 0; i < cnt; i++) {
			GElf_Sym sym;
			gelf_getsym(d, i, &sym);
			const char *name = elf_strptr(e, sh.sh_link, sym.st_name);
			if (!name)
				continue;
			if (!strcmp(name, "tohost")) {
				tohost_addr = sym.st_value;
				have_tohost = true;
			} else if (!strcmp(name, "fromhost")) {
				fromhost_addr = sym.st_value;
			} else if (!strncmp(name, "ifetch_err", 10)) {
				ifetch_err_lanes.push_back(sym.st_value & ~7ull);
			}
		}
	}
	elf_end(e);
	close(fd);
}

static void load_bin(const char *path, uint64_t addr)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("cannot open binary", path);
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	if (len <= 0 || !in_ram(addr) || !in_ram(addr + len - 1))
		die("binary empty or outside RAM", path);
	if (fread(&ram[addr - RAM_BASE], 1, len, f) != (size_t)len)
		die("short read", path);
	fclose(f);
}

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

// QEMU virt's reset vector: a0 = mhartid, a1 = FDT, a2 = &fw_dynamic_info, jump to entry.
static void build_rom(uint64_t entry, uint64_t fdt, uint64_t next)
{
	static const uint32_t code[] = {
		0x00000297, // auipc t0, 0
		0x02828613, // addi  a2, t0, 40
		0xf1402573, // csrr  a0, mhartid
		0x0202b583, // ld    a1, 32(t0)
		0x0182b283, // ld    t0, 24(t0)
		0x00028067, // jr    t0
	};
	memset(rom, 0, sizeof(rom));
	for (unsigned i = 0; i < 6; i++)
		put32(rom + 4 * i, code[i]);
	put64(rom + 24, entry);
	put64(rom + 32, fdt);
	uint64_t info[6] = {0x4942534f, 2, next, 1, 0, 0};
	for (unsigned i = 0; i < 6; i++)
		put64(rom + 40 + 8 * i, info[i]);
}

// A nonzero tohost ends the run (1: pass, else the failing test's number << 1 | 1).
static void tohost_seen(uint64_t v)
{
	if (!v || finished)
		return;
	finished = true;
	exit_code = v == 1 ? 0 : process_status(v >> 1);
	if (v != 1)
		fprintf(stderr, "tb_core: tohost reports failure %lu\n", (unsigned long)(v >> 1));
}

// One 8-byte lane access. Returns false on a decode error.
static bool mem_access(uint64_t addr, bool we, uint8_t be, uint64_t wdata, uint64_t *rdata)
{
	uint64_t lane = addr & ~7ull;
	*rdata = 0;
	if (in_ram(lane)) {
		uint8_t *p = &ram[lane - RAM_BASE];
		if (we) {
			for (int i = 0; i < 8; i++)
				if (be >> i & 1)
					p[i] = wdata >> (8 * i);
		} else {
			memcpy(rdata, p, 8);
		}
		return true;
	}
	if (lane >= ROM_BASE && lane < ROM_BASE + sizeof(rom)) {
		if (we)
			return false;
		memcpy(rdata, &rom[lane - ROM_BASE], 8);
		return true;
	}
	if (lane >= TEST_BASE && lane < TEST_BASE + 0x1000) {
		if (we && lane == TEST_BASE && (be & 0x0f)) {
			uint32_t v = (uint32_t)wdata;
			if ((v & 0xffff) == 0x5555) {
				finished = true;
				exit_code = 0;
			} else if ((v & 0xffff) == 0x3333) {
				finished = true;
				exit_code = process_status(v >> 16 ? v >> 16 : 1);
			}
		}
		return true;
	}
	if (lane >= UART_BASE && lane < UART_BASE + 0x100) {
		for (int i = 0; i < 8; i++) {
			if (!(be >> i & 1))
				continue;
			unsigned reg = (lane - UART_BASE + i) & 7;
			uint8_t b = wdata >> (8 * i);
			bool dlab = uart_regs[3] & 0x80;
			if (we) {
				if (reg == 0 && !dlab) {
					putchar(b);
					fflush(stdout);
					uart_thre_pending = true;	// sent at once: empty again
				} else if (reg <= 1 && dlab) {
					*(reg ? &uart_dlm : &uart_dll) = b;
				} else if (reg == 1) {
					// as QEMU: turning THRI on raises THRE at once (the THR is
					// always empty here), turning it off forgets it
					if ((uart_regs[1] ^ b) & 2)
						uart_thre_pending = b & 2;
					uart_regs[1] = b & 0x0f;
				} else {
					uart_regs[reg] = b;
				}
			} else {
				uint8_t v = uart_regs[reg];
				if (reg == 5) {
					v = 0x60;      // LSR: transmitter empty, no data ready
				} else if (reg <= 1 && dlab) {
					v = reg ? uart_dlm : uart_dll;
				} else if (reg == 0) {
					v = 0;
				} else if (reg == 2) {	// IIR; reading it acknowledges THRE
					v = (uart_regs[2] & 1) ? 0xc0 : 0;
					if (uart_irq()) {
						v |= 0x02;
						uart_thre_pending = false;
					} else {
						v |= 0x01;
					}
				}
				*rdata |= (uint64_t)v << (8 * i);
			}
		}
		return true;
	}
	if (lane >= CLINT_BASE && lane < CLINT_BASE + 0x10000) {
		uint64_t off = lane - CLINT_BASE;
		uint64_t *reg = nullptr;
		uint64_t tmp = 0;
		if (off == 0) {
			tmp = msip;
			reg = &tmp;
		} else if (off == 0x4000) {
			reg = &mtimecmp;
		} else if (off == 0xbff8) {
			reg = &mtime;
		}
		if (!reg)
			return true;
		if (we) {
			uint64_t m = 0;
			for (int i = 0; i < 8; i++)
				if (be >> i & 1)
					m |= 0xffull << (8 * i);
			*reg = (*reg & ~m) | (wdata & m);
			if (off == 0)
				msip = tmp & 1;
		} else {
			*rdata = *reg;
		}
		return true;
	}
	if (lane >= PLIC_BASE && lane < PLIC_BASE + PLIC_SIZE) {
		for (unsigned half = 0; half < 2; half++) {	// 32-bit registers
			if (!(be >> (4 * half) & 0xf))
				continue;
			uint64_t off = lane - PLIC_BASE + 4 * half;
			if (we)
				plic_write(off, (uint32_t)(wdata >> (32 * half)));
			else
				*rdata |= (uint64_t)plic_read(off) << (32 * half);
		}
		return true;
	}
	if (lane == IRQCTL_BASE) {
		if (we)
			irqctl = (uint32_t)wdata;
		else
			*rdata = irqctl;
		return true;
	}
	return false;
}

struct Resp {
	uint64_t due;
	uint64_t data;
	bool err;
};

struct Port {
	std::deque<Resp> q;
};

static uint64_t arg_num(const char *s)
{
	char *end;
	uint64_t v = strtoull(s, &end, 0);
	if (*s == 0 || *end != 0)
		die("bad number", s);
	return v;
}

int main(int argc, char **argv)
{
	Verilated::commandArgs(argc, argv);
	uint64_t max_cycles = 50000000, seed = 1, entry = 0, fdt = 0, next = FW_NEXT_ADDR;
	bool stall = false, trace = false, have_entry = false, have_prog = false;
	double irq_rate = 0;
	const char *elf = nullptr;
	std::vector<std::pair<std::string, uint64_t>> bins;
	const char *dtb = nullptr;
	const char *vcd = nullptr;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strncmp(a, "+max-cycles=", 12))
			max_cycles = arg_num(a + 12);
		else if (!strcmp(a, "+stall"))
			stall = true;
		else if (!strncmp(a, "+seed=", 6))
			seed = arg_num(a + 6);
		else if (!strncmp(a, "+irq-rate=", 10))
			irq_rate = atof(a + 10);
		else if (!strncmp(a, "+vcd=", 5))
			vcd = a + 5;
		else if (!strcmp(a, "+trace"))
			trace = true;
		else if (!strncmp(a, "+entry=", 7)) {
			entry = arg_num(a + 7);
			have_entry = true;
		} else if (!strncmp(a, "+fdt=", 5))
			fdt = arg_num(a + 5);
		else if (!strncmp(a, "+dtb=", 5))
			dtb = a + 5;
		else if (!strncmp(a, "+next=", 6))
			next = arg_num(a + 6);
		else if (!strncmp(a, "+bin=", 5)) {
			const char *at = strrchr(a, '@');
			if (!at)
				die("+bin needs FILE@ADDR", a);
			bins.push_back({std::string(a + 5, at - a - 5), arg_num(at + 1)});
		} else if (a[0] == '+' || a[0] == '-')
			die("unknown option", a);
		else
			elf = a;
	}
	ram = (uint8_t *)mmap(nullptr, ram_size, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (ram == MAP_FAILED)
		die("cannot map RAM", nullptr);
	uint64_t elf_entry = RAM_BASE;
	if (elf) {
		load_elf(elf, &elf_entry);
		have_prog = true;
	}
	for (auto &b : bins) {
		load_bin(b.first.c_str(), b.second);
		have_prog = true;
	}
	if (!have_prog)
		die("usage: Vpagoda_core [+options] prog.elf | +bin=FILE@ADDR", nullptr);
	if (dtb) {
		if (!fdt)
			fdt = RAM_BASE + ram_size - DTB_TOP_GAP;
		load_bin(dtb, fdt);
	}
	build_rom(have_entry ? entry : elf_entry, fdt, next);
	srand48(seed);

	Vpagoda_core *top = new Vpagoda_core;
#if VM_TRACE
	VerilatedVcdC *tfp = nullptr;
	if (vcd) {
		Verilated::traceEverOn(true);
		tfp = new VerilatedVcdC;
		top->trace(tfp, 99);
		tfp->open(vcd);
	}
#else
	if (vcd)
		die("+vcd needs a simulator built with tracing (make core-sim-trace)", nullptr);
#endif
	// tohost as the program sees it: the store may still sit in a dirty line of the data cache
	auto dcache = dcache_view(&top->rootp->pagoda_core__DOT__u_lsu__DOT__g_dcache__DOT__u_dcache__DOT__data_mem,
				  &top->rootp->pagoda_core__DOT__u_lsu__DOT__g_dcache__DOT__u_dcache__DOT__tag_mem,
				  &top->rootp->pagoda_core__DOT__u_lsu__DOT__g_dcache__DOT__u_dcache__DOT__valid_q,
				  &top->rootp->pagoda_core__DOT__u_lsu__DOT__g_dcache__DOT__u_dcache__DOT__bd_ways);
	auto tohost_now = [&]() {
		const uint64_t *c = dcache.lane(tohost_addr);
		uint64_t v;
		if (c)
			return *c;
		memcpy(&v, &ram[tohost_addr - RAM_BASE], 8);
		return v;
	};
	Port ip, dp;
	uint64_t cycle = 0, retired = 0, irqs_raised = 0;
	top->clk_i = 0;
	top->rst_ni = 0;
	top->eval();
	top->clk_i = 1;
	top->eval();
	top->clk_i = 0;
	top->rst_ni = 1;
	top->eval();
	auto t0 = std::chrono::steady_clock::now();

	while (!finished && cycle < max_cycles) {
		// responses due this cycle
		top->instr_rvalid_i = 0;
		top->data_rvalid_i = 0;
		if (!ip.q.empty() && ip.q.front().due <= cycle) {
			top->instr_rvalid_i = 1;
			top->instr_rdata_i = ip.q.front().data;
			top->instr_err_i = ip.q.front().err;
			ip.q.pop_front();
		}
		if (!dp.q.empty() && dp.q.front().due <= cycle) {
			top->data_rvalid_i = 1;
			top->data_rdata_i = dp.q.front().data;
			top->data_err_i = dp.q.front().err;
			dp.q.pop_front();
		}
		if (irq_rate > 0 && !(irqctl & 1) && drand48() < irq_rate) {
			irqctl |= 1;
			irqs_raised++;
		}
		uint32_t irq = irqctl;
		if (uart_irq())		// the PLIC's gateway
			plic_pending |= (1u << UART_IRQ) & ~plic_claimed;
		top->irq_msoft_i = msip || (irq >> 2 & 1);
		top->irq_mtimer_i = mtime >= mtimecmp || (irq >> 3 & 1);
		top->irq_mext_i = (irq & 1) || plic_best(0);
		top->irq_sext_i = (irq >> 1 & 1) || plic_best(1);
		top->mtime_i = mtime;
		// The core's requests never depend on the grant, so the grant is decided first and one
		// evaluation settles the cycle.
		top->instr_gnt_i = !stall || drand48() < 0.6;
		top->data_gnt_i = !stall || drand48() < 0.6;
		top->clk_i = 0;
		top->eval();
		bool igrant = top->instr_req_o && top->instr_gnt_i;
		bool dgrant = top->data_req_o && top->data_gnt_i;
		if (top->retire_o) {
			retired++;
			if (trace)
				printf("retire %016lx\n", (unsigned long)top->retire_pc_o);
		}
		if (igrant) {
			Resp r;
			r.err = !mem_access(top->instr_addr_o, false, 0xff, 0, &r.data) ||
				ifetch_err(top->instr_addr_o);
			r.due = cycle + 1 + (stall ? (lrand48() % 3) : 0);
			if (!ip.q.empty() && r.due < ip.q.back().due)
				r.due = ip.q.back().due;
			ip.q.push_back(r);
		}
		if (dgrant) {
			Resp r;
			r.err = !mem_access(top->data_addr_o, top->data_we_o, top->data_be_o,
					    top->data_wdata_o, &r.data);
			r.due = cycle + 1 + (stall ? (lrand48() % 3) : 0);
			if (!dp.q.empty() && r.due < dp.q.back().due)
				r.due = dp.q.back().due;
			dp.q.push_back(r);
		}
#if VM_TRACE
		if (tfp)
			tfp->dump(2 * cycle);
#endif
		// one time unit per cycle: an assertion failure's "[time]" is the cycle (pagoda_assert.svh)
		Verilated::threadContextp()->timeInc(1);
		top->clk_i = 1;
		top->eval();
#if VM_TRACE
		if (tfp)
			tfp->dump(2 * cycle + 1);
#endif
		cycle++;
		mtime++;
		if (have_tohost)
			tohost_seen(tohost_now());
	}
	double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
	fprintf(stderr, "tb_core: %lu cycles, %lu instructions retired, CPI %.3f, %.0f cycles/s\n",
		(unsigned long)cycle, (unsigned long)retired, retired ? (double)cycle / retired : 0.0,
		secs > 0 ? cycle / secs : 0.0);
#if VM_TRACE
	if (tfp)
		tfp->close();
#endif
	if (irq_rate > 0)
		fprintf(stderr, "tb_core: %lu external interrupts raised\n", (unsigned long)irqs_raised);
	delete top;
	if (!finished) {
		fprintf(stderr, "tb_core: timeout after %lu cycles\n", (unsigned long)cycle);
		return 3;
	}
	return exit_code;
}
