// Pagoda SoC simulator (Verilator harness). Two modes:
//   OpenSBI:    +opensbi=fw_dynamic.bin +firmware=firmware.elf +dtb=pagoda.dtb [+bootargs=...]
//               fw_dynamic.bin at 0x8000_0000, the ELF's PT_LOAD segments at their physical
//               addresses, the DTB (with /chosen/bootargs patched by libfdt) at RAM top - 2 MiB;
//               the run ends when software writes the sifive,test1 finisher.
//   bare-metal: +bare=test.elf  entry must be 0x8000_0000 (the boot ROM jumps there); the ELF
//               talks to the host through Spike's HTIF words `tohost`/`fromhost` (see htif_poll):
//               1 = pass, (code<<1)|1 = exit with code, the syscall proxy's write and exit,
//               and the console's putchar.
// Other options: +max-cycles=N (0 = none; exceeding it fails), +uart-log=FILE, +stdin (feed stdin
// to the UART), +trace=FILE.fst +trace-start=N +trace-end=N (binaries built with --trace-fst),
// +quiet (no statistics line); in the fault-injection build only, +pgaccel-fault=KIND and
// +pgaccel-fault-beat=N (tests/soc/faults/pgaccel.sv).
// Exit status: 0 pass, the failure code (1 if it is 0 mod 256) on failure, 124 on timeout,
// 2 on bad usage or unloadable images. See docs/soc.md.
#include "Vpagoda_soc.h"
#include "Vpagoda_soc___024root.h"
#include "verilated.h"
#if VM_TRACE
#include "verilated_fst_c.h"
#endif

#include <cerrno>
#include <chrono>
#include <ctime>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <libfdt.h>
#include <poll.h>
#include <csignal>
#include <string>
#include <termios.h>
#include <unistd.h>
#include <vector>

static const uint64_t RAM_BASE = 0x80000000ull;

// One model evaluation per clock cycle instead of two. The SoC has no logic on the falling edge of
// clk_i (every flop is posedge clk_i, async reset on negedge rst_ni), so the falling-edge eval()
// only re-ran the input-driven logic, which the next rising edge's eval() runs first anyway; it
// cost ~4% of the run time. The model finds a rising edge by comparing clk_i with the copy it kept
// at its previous eval(); lowering that copy with clk_i stands for the falling-edge eval(). The
// copy's name is Verilator's (5.006, Debian bookworm): other versions, and the waveform build,
// take the plain two-eval path.
#if !VM_TRACE && defined(VERILATOR_VERSION_INTEGER) && VERILATOR_VERSION_INTEGER >= 5006000 && \
	VERILATOR_VERSION_INTEGER < 5007000
#define SIM_ONE_EVAL_PER_CYCLE 1
#else
#define SIM_ONE_EVAL_PER_CYCLE 0
#endif

struct Options {
	std::string opensbi, firmware, dtb, bare, uart_log, trace;
	std::string bootargs;
	bool have_bootargs = false, use_stdin = false, quiet = false;
	uint64_t max_cycles = 0, trace_start = 0, trace_end = UINT64_MAX;
};

[[noreturn]] static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "pagoda-sim: error: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(2);
}

static std::vector<uint8_t> read_file(const std::string &path)
{
	FILE *f = fopen(path.c_str(), "rb");
	if (!f)
		die("cannot open %s: %s", path.c_str(), strerror(errno));
	std::vector<uint8_t> buf;
	uint8_t tmp[65536];
	size_t n;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf.insert(buf.end(), tmp, tmp + n);
	fclose(f);
	return buf;
}

// The RAM model's array, reached through its verilator public_flat_rw handle.
struct Ram {
	Vpagoda_soc *top;
	uint64_t words;
	uint64_t size() const { return words * 8; }
	auto &mem() { return top->rootp->pagoda_soc__DOT__u_ram__DOT__mem; }
	bool contains(uint64_t addr, uint64_t len) const
	{
		return addr >= RAM_BASE && len <= size() && addr - RAM_BASE <= size() - len;
	}
	void write(uint64_t addr, const uint8_t *src, uint64_t len, const char *what)
	{
		if (!contains(addr, len))
			die("%s: [0x%llx, +0x%llx) is outside RAM [0x%llx, +0x%llx)", what,
			    (unsigned long long)addr, (unsigned long long)len,
			    (unsigned long long)RAM_BASE, (unsigned long long)size());
		for (uint64_t i = 0; i < len; i++) {
			uint64_t off = addr - RAM_BASE + i;
			uint64_t &w = mem()[off >> 3];
			unsigned sh = (off & 7) * 8;
			w = (w & ~(0xffull << sh)) | ((uint64_t)(src ? src[i] : 0) << sh);
		}
	}
	uint64_t read64(uint64_t addr) { return mem()[(addr - RAM_BASE) >> 3]; }
	void write64(uint64_t addr, uint64_t v) { mem()[(addr - RAM_BASE) >> 3] = v; }
	uint8_t read8(uint64_t addr) { return (uint8_t)(read64(addr & ~7ull) >> ((addr & 7) * 8)); }
	void clear()
	{
		for (uint64_t i = 0; i < words; i++)
			mem()[i] = 0;
	}
};

// Load the PT_LOAD segments of a RISC-V ELF64; return its entry and the addresses of `tohost`
// and `fromhost` (0 when absent).
static uint64_t load_elf(Ram &ram, const std::string &path, uint64_t *tohost, uint64_t *fromhost)
{
	std::vector<uint8_t> img = read_file(path);
	if (elf_version(EV_CURRENT) == EV_NONE)
		die("libelf: %s", elf_errmsg(-1));
	Elf *e = elf_memory((char *)img.data(), img.size());
	if (!e || elf_kind(e) != ELF_K_ELF)
		die("%s: not an ELF file", path.c_str());
	GElf_Ehdr eh;
	if (!gelf_getehdr(e, &eh) || eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_RISCV)
		die("%s: not a 64-bit RISC-V ELF", path.c_str());
	size_t nph;
	if (elf_getphdrnum(e, &nph) != 0)
		die("%s: %s", path.c_str(), elf_errmsg(-1));
	for (size_t i = 0; i < nph; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(e, i, &ph))
			die("%s: %s", path.c_str(), elf_errmsg(-1));
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (ph.p_filesz > ph.p_memsz || ph.p_offset > img.size() ||
		    ph.p_filesz > img.size() - ph.p_offset)
			die("%s: segment %zu is truncated", path.c_str(), i);
		ram.write(ph.p_paddr, img.data() + ph.p_offset, ph.p_filesz, path.c_str());
		ram.write(ph.p_paddr + ph.p_filesz, nullptr, ph.p_memsz - ph.p_filesz, path.c_str());
	}
	*tohost = *fromhost = 0;
	Elf_Scn *scn = nullptr;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB)
			continue;
		Elf_Data *d = elf_getdata(scn, nullptr);
		size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
		for (size_t i = 0; d && i < n; i++) {
			GElf_Sym sym;
			if (!gelf_getsym(d, i, &sym))
				continue;
			const char *name = elf_strptr(e, sh.sh_link, sym.st_name);
			if (name && !strcmp(name, "tohost"))
				*tohost = sym.st_value;
			if (name && !strcmp(name, "fromhost"))
				*fromhost = sym.st_value;
		}
	}
	uint64_t entry = eh.e_entry;
	elf_end(e);
	return entry;
}

// The DTB with /chosen/bootargs replaced (or added) when asked to, and the memory node's size
// set to the RAM model's (the DTS says 128 MiB, the RAM_SIZE default).
static std::vector<uint8_t> load_dtb(const Options &o, uint64_t ram_size)
{
	std::vector<uint8_t> dtb = read_file(o.dtb);
	if (dtb.size() < sizeof(struct fdt_header) || fdt_check_header(dtb.data()) != 0)
		die("%s: not a valid device tree blob", o.dtb.c_str());
	std::vector<uint8_t> out(fdt_totalsize(dtb.data()) + o.bootargs.size() + 1024);
	int err = fdt_open_into(dtb.data(), out.data(), out.size());
	int mem = err ? err : fdt_path_offset(out.data(), "/memory@80000000");
	if (mem < 0)
		die("%s: no /memory@80000000 node: %s", o.dtb.c_str(), fdt_strerror(mem));
	fdt64_t reg[2] = {cpu_to_fdt64(RAM_BASE), cpu_to_fdt64(ram_size)};
	err = fdt_setprop(out.data(), mem, "reg", reg, sizeof(reg));
	if (err)
		die("%s: setting the memory size: %s", o.dtb.c_str(), fdt_strerror(err));
	if (!o.have_bootargs) {
		fdt_pack(out.data());
		out.resize(fdt_totalsize(out.data()));
		return out;
	}
	int chosen = fdt_path_offset(out.data(), "/chosen");
	if (chosen == -FDT_ERR_NOTFOUND)
		chosen = fdt_add_subnode(out.data(), 0, "chosen");
	if (chosen < 0)
		die("%s: %s", o.dtb.c_str(), fdt_strerror(chosen));
	err = fdt_setprop_string(out.data(), chosen, "bootargs", o.bootargs.c_str());
	if (!err)
		err = fdt_pack(out.data());
	if (err)
		die("%s: setting bootargs: %s", o.dtb.c_str(), fdt_strerror(err));
	out.resize(fdt_totalsize(out.data()));
	return out;
}

struct Images {
	uint64_t tohost = 0, fromhost = 0;
};

static void load_images(Ram &ram, const Options &o, Images *im)
{
	ram.clear();
	if (!o.bare.empty()) {
		uint64_t entry = load_elf(ram, o.bare, &im->tohost, &im->fromhost);
		if (entry != RAM_BASE)
			die("%s: entry 0x%llx, but the boot ROM jumps to 0x%llx", o.bare.c_str(),
			    (unsigned long long)entry, (unsigned long long)RAM_BASE);
		if (!im->tohost)
			die("%s: no `tohost` symbol: the run could never end", o.bare.c_str());
		if (!ram.contains(im->tohost, 8) || (im->tohost & 7))
			die("%s: tohost 0x%llx is not an aligned word in RAM", o.bare.c_str(),
			    (unsigned long long)im->tohost);
		if (im->fromhost && (!ram.contains(im->fromhost, 8) || (im->fromhost & 7)))
			die("%s: fromhost 0x%llx is not an aligned word in RAM", o.bare.c_str(),
			    (unsigned long long)im->fromhost);
		return;
	}
	std::vector<uint8_t> sbi = read_file(o.opensbi);
	ram.write(RAM_BASE, sbi.data(), sbi.size(), o.opensbi.c_str());
	uint64_t unused, unused2;
	load_elf(ram, o.firmware, &unused, &unused2);
	std::vector<uint8_t> dtb = load_dtb(o, ram.size());
	uint64_t dtb_addr = RAM_BASE + ram.size() - (2ull << 20);
	if (dtb.size() > (2ull << 20))
		die("%s: larger than the 2 MiB at the top of RAM", o.dtb.c_str());
	ram.write(dtb_addr, dtb.data(), dtb.size(), o.dtb.c_str());
}

// A program's exit code as a process status: its low byte, but never 0 for a non-zero code.
static int exit_status(uint64_t code)
{
	return code == 0 ? 0 : (code & 0xff) ? (int)(code & 0xff) : 1;
}

// A character the program printed: to the host's stream and the UART log.
static void emit(int c, FILE *f, FILE *ulog)
{
	fputc(c, f);
	if (ulog)
		fputc(c, ulog);
}

// HTIF, the part of Spike's host-target interface that bare-metal programs (riscv-tests and their
// benchmarks, riscv-pk style consoles) use. tohost = device[63:56] command[55:48] payload[47:0]:
//   device 0, command 0, odd payload:  exit with status payload >> 1 (1 = pass);
//   device 0, command 0, even payload: syscall proxy; the payload points to magic_mem, eight
//     64-bit words {number, arg0, arg1, ...}: write (64) to fd 1 or 2 prints the buffer and
//     returns its length, exit (93) ends the run with arg0; any other number returns -ENOSYS
//     (-38); the result goes to magic_mem[0];
//   device 1, command 1: console putchar of payload[7:0].
// A handled request is acknowledged by clearing tohost and writing fromhost (1 for the syscall
// proxy, the request's device and command for putchar), which is what the target waits for.
// Anything else ends the run as a failure naming the request, rather than leaving it waiting.
// Returns the exit status, or -1 to go on.
static int htif_poll(Ram &ram, const Images &im, FILE *ulog, const char **why)
{
	uint64_t v = ram.read64(im.tohost);
	if (!v)
		return -1;
	unsigned dev = (unsigned)(v >> 56), cmd = (unsigned)(v >> 48) & 0xff;
	uint64_t payload = v & 0xffffffffffffull;
	uint64_t ack = 0;
	if (dev == 0 && cmd == 0 && (payload & 1)) {
		*why = payload == 1 ? "pass (tohost)" : "FAIL (tohost)";
		return exit_status(payload >> 1);
	} else if (dev == 0 && cmd == 0) {
		if (!ram.contains(payload, 64) || (payload & 7)) {
			fprintf(stderr, "pagoda-sim: HTIF syscall block at 0x%llx is not in RAM\n",
				(unsigned long long)payload);
			*why = "FAIL (bad HTIF request in tohost)";
			return 1;
		}
		uint64_t num = ram.read64(payload), a0 = ram.read64(payload + 8);
		uint64_t a1 = ram.read64(payload + 16), a2 = ram.read64(payload + 24);
		int64_t ret = -38;
		if (num == 93) {
			*why = a0 == 0 ? "pass (HTIF exit)" : "FAIL (HTIF exit)";
			return exit_status(a0);
		} else if (num == 64 && (a0 == 1 || a0 == 2)) {
			if (!ram.contains(a1, a2)) {
				ret = -14;  // -EFAULT
			} else {
				FILE *f = a0 == 1 ? stdout : stderr;
				for (uint64_t i = 0; i < a2; i++)
					emit(ram.read8(a1 + i), f, ulog);
				fflush(f);
				ret = (int64_t)a2;
			}
		}
		ram.write64(payload, (uint64_t)ret);
		ack = 1;
	} else if (dev == 1 && cmd == 1) {
		emit((int)(payload & 0xff), stdout, ulog);
		if ((payload & 0xff) == '\n')
			fflush(stdout);
		ack = v & ~0xffffffffffffull;
	} else {
		fprintf(stderr, "pagoda-sim: unsupported HTIF request 0x%016llx (device %u, command %u)\n",
			(unsigned long long)v, dev, cmd);
		*why = "FAIL (unsupported HTIF request in tohost)";
		return 1;
	}
	ram.write64(im.tohost, 0);
	if (im.fromhost)
		ram.write64(im.fromhost, ack);
	return -1;
}

// +stdin on a terminal: characters go to the UART as typed, without local echo (the firmware
// echoes), but Ctrl-C still stops the simulator. The terminal is restored at exit.
static struct termios saved_tty;
static bool tty_raw;

static void restore_tty()
{
	if (tty_raw)
		tcsetattr(0, TCSANOW, &saved_tty);
	tty_raw = false;
}

static void on_signal(int sig)
{
	restore_tty();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void raw_tty()
{
	if (!isatty(0) || tcgetattr(0, &saved_tty) != 0)
		return;
	struct termios t = saved_tty;
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_iflag &= ~ICRNL;
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(0, TCSANOW, &t) == 0) {
		tty_raw = true;
		atexit(restore_tty);
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
	}
}

static bool parse_u64(const char *s, uint64_t *v)
{
	char *end;
	errno = 0;
	*v = strtoull(s, &end, 0);
	return !errno && *s && !*end;
}

// The fault-injection simulator's options (tests/soc/faults/pgaccel.sv reads them itself):
// +pgaccel-fault=stall|drop|tag|buserr|reject and +pgaccel-fault-beat=N. Checked here so that a
// mistyped kind is an error, and refused by the ordinary simulator, which has no injector.
static bool fault_option(const std::string &k, const std::string &v)
{
	static const char *const kinds[] = {"stall", "drop", "tag", "buserr", "reject"};
	uint64_t n;

	if (k != "+pgaccel-fault" && k != "+pgaccel-fault-beat")
		return false;
#ifndef PAGODA_FAULTS
	die("%s needs the fault-injection simulator (make test-soc-accel-faults builds it)",
	    k.c_str());
#endif
	if (k == "+pgaccel-fault-beat") {
		if (!parse_u64(v.c_str(), &n) || n > 0xffffffffull)
			die("%s needs a number below 2^32", k.c_str());
		return true;
	}
	for (const char *kind : kinds)
		if (v == kind)
			return true;
	die("%s=%s: the kinds are stall, drop, tag, buserr, reject", k.c_str(), v.c_str());
}

static Options parse_args(int argc, char **argv)
{
	Options o;
	for (int i = 1; i < argc; i++) {
		std::string a = argv[i];
		size_t eq = a.find('=');
		std::string k = a.substr(0, eq), v = eq == std::string::npos ? "" : a.substr(eq + 1);
		uint64_t *num = nullptr;
		if (k == "+opensbi") o.opensbi = v;
		else if (k == "+firmware") o.firmware = v;
		else if (k == "+dtb") o.dtb = v;
		else if (k == "+bare") o.bare = v;
		else if (k == "+uart-log") o.uart_log = v;
		else if (k == "+trace") o.trace = v;
		else if (k == "+bootargs") { o.bootargs = v; o.have_bootargs = true; }
		else if (k == "+stdin") o.use_stdin = true;
		else if (k == "+quiet") o.quiet = true;
		else if (k == "+max-cycles") num = &o.max_cycles;
		else if (k == "+trace-start") num = &o.trace_start;
		else if (k == "+trace-end") num = &o.trace_end;
		else if (a.rfind("+verilator+", 0) == 0) continue;
		else if (fault_option(k, v)) continue;
		else die("unknown option '%s' (see the header of sim/pagoda_sim.cpp)", argv[i]);
		if (num && !parse_u64(v.c_str(), num))
			die("%s needs a number", k.c_str());
	}
	if (o.bare.empty() && (o.opensbi.empty() || o.firmware.empty() || o.dtb.empty()))
		die("need +bare=ELF, or +opensbi=BIN +firmware=ELF +dtb=DTB");
#if !VM_TRACE
	if (!o.trace.empty())
		die("+trace needs the simulator built with --trace-fst (make wave)");
#endif
	return o;
}

int main(int argc, char **argv)
{
	Options o = parse_args(argc, argv);
	Verilated::commandArgs(argc, argv);
	auto *top = new Vpagoda_soc;
	Ram ram{top, sizeof(top->rootp->pagoda_soc__DOT__u_ram__DOT__mem) / sizeof(uint64_t)};
	Images im;
	load_images(ram, o, &im);

	FILE *ulog = nullptr;
	if (!o.uart_log.empty() && !(ulog = fopen(o.uart_log.c_str(), "w")))
		die("cannot write %s: %s", o.uart_log.c_str(), strerror(errno));
#if VM_TRACE
	VerilatedFstC *tfp = nullptr;
	if (!o.trace.empty())
		Verilated::traceEverOn(true);
#endif

	std::deque<uint8_t> rxq;
	bool stdin_open = o.use_stdin, unflushed = false;
	if (o.use_stdin)
		raw_tty();
	uint64_t cycle = 0, retired_before = 0;
	// the cycle of the hand-over to the S-mode firmware (first retirement at its entry)
	uint64_t handover = 0, handover_pc = o.bare.empty() ? 0x80200000ull : 0;
	int status = -1;
	const char *why = "";
	auto t0 = std::chrono::steady_clock::now();
	std::clock_t c0 = std::clock();

	top->clk_i = 0;
	top->rst_ni = 0;
	top->uart_rx_valid_i = 0;
	top->uart_rx_data_i = 0;
	top->eval();
	unsigned reset_left = 4;

	while (status < 0) {
		top->rst_ni = reset_left == 0;
		top->clk_i = 1;
		top->eval();
#if VM_TRACE
		if (!o.trace.empty()) {
			if (!tfp && cycle >= o.trace_start && cycle < o.trace_end) {
				tfp = new VerilatedFstC;
				top->trace(tfp, 99);
				tfp->open(o.trace.c_str());
			}
			if (tfp && cycle >= o.trace_end) {
				tfp->close();
				delete tfp;
				tfp = nullptr;
				o.trace.clear();
			}
			if (tfp)
				tfp->dump(2 * cycle);
		}
#endif
		cycle++;
		if (reset_left)
			reset_left--;

		if (handover_pc && top->retire_pc_o == handover_pc) {
			handover = cycle;
			handover_pc = 0;
		}
		if (top->uart_tx_valid_o) {
			int c = top->uart_tx_data_o;
			emit(c, stdout, ulog);
			unflushed = c != '\n';
			if (!unflushed)
				fflush(stdout);
		}
		if (top->uart_rx_valid_i && top->uart_rx_ready_o)
			rxq.pop_front();
		// a prompt without a newline must still reach the terminal
		if (unflushed && (cycle & 0xffff) == 0) {
			fflush(stdout);
			unflushed = false;
		}
		if (stdin_open && (cycle & 1023) == 0) {
			struct pollfd p = {0, POLLIN, 0};
			if (poll(&p, 1, 0) > 0) {
				uint8_t buf[64];
				ssize_t n = read(0, buf, sizeof(buf));
				if (n <= 0)
					stdin_open = false;
				for (ssize_t i = 0; i < n; i++)
					rxq.push_back(buf[i]);
			}
		}
		// Input waits for the hand-over to the firmware: OpenSBI's UART init discards a byte
		// that is already waiting, and a piped command must not lose its first character.
		bool rx_on = handover_pc == 0;
		top->uart_rx_valid_i = rx_on && !rxq.empty();
		top->uart_rx_data_i = rxq.empty() ? 0 : rxq.front();

		if (top->test_done_o) {
			if (!top->test_fail_o) {
				status = 0;
				why = "pass (test device)";
			} else {
				status = top->test_code_o;
				why = "FAIL (test device)";
			}
		} else if (top->test_reset_o) {
			// 0x7777: reboot from the same images, as QEMU does
			fflush(stdout);
			load_images(ram, o, &im);
			retired_before += top->retired_o;
			reset_left = 4;
		} else if (im.tohost && (cycle & 255) == 0) {
			status = htif_poll(ram, im, ulog, &why);
		}
		if (status < 0 && o.max_cycles && cycle >= o.max_cycles) {
			status = 124;
			why = "TIMEOUT (+max-cycles reached)";
		}

		top->clk_i = 0;
#if SIM_ONE_EVAL_PER_CYCLE
		top->rootp->__Vtrigrprev__TOP__clk_i = 0;
#else
		top->eval();
#endif
	}
	fflush(stdout);
	double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
	// CPU time too: on a shared machine the wall-clock speed depends on the other jobs
	double cpu = (double)(std::clock() - c0) / CLOCKS_PER_SEC;
	uint64_t retired = retired_before + top->retired_o;
	if (!o.quiet) {
		fprintf(stderr,
			"pagoda-sim: %s, code %d; %llu cycles, %llu instructions retired, CPI %.3f, "
			"%.2f s, %.2f M cycles/s (CPU %.2f s, %.2f M cycles/s)\n",
			why, status, (unsigned long long)cycle, (unsigned long long)retired,
			retired ? (double)cycle / retired : 0.0, secs, cycle / secs / 1e6, cpu,
			cpu > 0 ? cycle / cpu / 1e6 : 0.0);
		if (handover)
			fprintf(stderr, "pagoda-sim: OpenSBI handed over to 0x80200000 at cycle %llu\n",
				(unsigned long long)handover);
	}
#if VM_TRACE
	if (tfp) {
		tfp->close();
		delete tfp;
	}
#endif
	if (ulog)
		fclose(ulog);
	top->final();
	delete top;
	int rc = exit_status((uint64_t)status);
	return rc;
}
