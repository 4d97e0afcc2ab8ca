// SPDX-License-Identifier: BSD-2-Clause
// Pagoda SoC simulator (Verilator harness). Two modes:
//   OpenSBI:    +opensbi=fw_dynamic.bin +firmware=firmware.elf +dtb=pagoda.dtb [+bootargs=...]
//               OpenSBI (fw_dynamic.bin, or its ELF, whose entry must be RAM's base where the boot
//               ROM jumps) at the start of RAM, the firmware ELF's PT_LOAD segments at their
//               physical addresses (its entry must be where OpenSBI hands over), the DTB (with
//               /chosen/bootargs patched by libfdt) at RAM top - DTB_TOP_GAP; the run ends when
//               software writes the sifive,test1 finisher. RAM's base and size come from the DTB's
//               memory node, which must describe the RAM the model has. Images that overlap each
//               other, OpenSBI's region or the DTB's, or leave RAM, are refused (check_layout),
//               and so is a DTB that fails libfdt's full check.
//   bare-metal: +bare=test.elf  entry must be 0x8000_0000 (the boot ROM jumps there); the ELF
//               talks to the host through Spike's HTIF words `tohost`/`fromhost` (see htif_poll):
//               1 = pass, (code<<1)|1 = exit with code, the syscall proxy's write and exit,
//               and the console's putchar.
// Other options: +max-cycles=N (0 = none; exceeding it fails), +uart-log=FILE, +stdin (feed stdin
// to the UART; its end is sent as Ctrl-D), +trace=FILE.fst +trace-start=N +trace-end=N (binaries
// built with --trace-fst), +quiet (no statistics line), +pc-profile=FILE (every 64th cycle, the pc
// of the last retired instruction is counted; FILE gets "pc count" lines, most counted first: where
// the cycles went, for `addr2line`), +miss-profile=FILE (every line the instruction cache
// refilled (I) and the data cache refilled (R) or wrote back (W), with the pc of the last retired
// instruction; FILE gets "I|R|W line pc count" lines, most counted first: which lines conflict
// in the caches, and where; on a SoC without a D$ R and W count the core's line-aligned
// accesses instead), +profile-from=N +profile-to=M (both profiles count only cycles in
// [N, M)); in the fault-injection build only, +pgaccel-fault=KIND and +pgaccel-fault-beat=N
// (tests/soc/faults/pgaccel.sv).
// The platform's addresses (RAM base, OpenSBI's hand-over address, the DTB's place) are the RTL's:
// pagoda_pkg and pagoda_soc_pkg mark them `verilator public`, and the model exports them.
// DMA window check (OpenSBI runs): at the hand-over to the firmware the harness copies the RAM
// below the DMA window, [RAM base, FW_NEXT_ADDR) (OpenSBI's, per fw_dynamic), replays every
// write of the core's data port there on the copy, and at exit compares the copy with the RAM
// byte for byte: a difference was written by another master (pgaccel's DMA), and fails the run
// with code 6 unless it already failed.
// Exit status: 0 pass, the failure code (1 if it is 0 mod 256) on failure, 124 on timeout,
// 2 on bad usage or unloadable images; the whole code is printed at exit. See docs/soc.md.
#include "Vpagoda_soc.h"
#include "Vpagoda_soc___024root.h"
#include "Vpagoda_soc_pagoda_pkg.h"
#include "Vpagoda_soc_pagoda_soc_pkg.h"
#include "verilated.h"
#include "dcache_backdoor.h"
#if VM_TRACE
#include "verilated_fst_c.h"
#endif

#include <algorithm>
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
#include <map>
#include <poll.h>
#include <csignal>
#include <string>
#include <termios.h>
#include <tuple>
#include <unordered_map>
#include <unistd.h>
#include <vector>

// The SoC's constants, from the RTL packages (exported by Verilator: `verilator public`).
static const uint64_t RAM_BASE = Vpagoda_soc_pagoda_pkg::RAM_BASE;
// Where OpenSBI (fw_dynamic) hands over to the firmware: fw_dynamic_info.next_addr in the boot ROM.
static const uint64_t FW_NEXT_ADDR = Vpagoda_soc_pagoda_soc_pkg::FW_NEXT_ADDR;
// The device tree sits at RAM top - DTB_TOP_GAP (the boot ROM's a1) and may grow up to RAM's top.
static const uint64_t DTB_WINDOW = Vpagoda_soc_pagoda_soc_pkg::DTB_TOP_GAP;

struct Options {
	std::string opensbi, firmware, dtb, bare, uart_log, trace, pc_profile, miss_profile;
	std::string bootargs;
	bool have_bootargs = false, use_stdin = false, quiet = false;
	uint64_t max_cycles = 0, trace_start = 0, trace_end = UINT64_MAX;
	uint64_t profile_from = 0, profile_to = UINT64_MAX;
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

// The RAM model's storage, reached through verilator public_flat_rw handles, as 64-bit words
// (word i = bytes [8i, 8i + 8) of RAM).
#ifdef PAGODA_LITEDRAM
// MEM=litedram, the backdoor into LiteDRAM's SDRAMPHYModel (docs/memory.md "Backdoor"): one
// array of 128-bit DRAM words per bank (mem, mem_1 .. mem_7, public through sim/litedram.vlt).
// The 16-byte word w = byte offset >> 4 is column w[6:0], bank w[9:7], row w[23:10], at
// row << 7 | column in its bank's array; tests/litedram checks this layout against the
// controller's own port.
#define DRAM_BANK(n) top->rootp->pagoda_soc__DOT__u_dram__DOT__mem##n
struct Ram {
	Vpagoda_soc *top;
	uint64_t words;
	static constexpr uint64_t BANK_WORDS =
		sizeof(((Vpagoda_soc___024root *)nullptr)->pagoda_soc__DOT__u_dram__DOT__mem) / 16;
	static uint64_t model_words() { return 8 * BANK_WORDS * 2; }
	uint64_t size() const { return words * 8; }
	uint32_t *dram_word(uint64_t w)
	{
		unsigned bank = (w >> 7) & 7;
		uint64_t idx = (w >> 10) << 7 | (w & 127);
		switch (bank) {
		case 0: return DRAM_BANK()[idx].data();
		case 1: return DRAM_BANK(_1)[idx].data();
		case 2: return DRAM_BANK(_2)[idx].data();
		case 3: return DRAM_BANK(_3)[idx].data();
		case 4: return DRAM_BANK(_4)[idx].data();
		case 5: return DRAM_BANK(_5)[idx].data();
		case 6: return DRAM_BANK(_6)[idx].data();
		default: return DRAM_BANK(_7)[idx].data();
		}
	}
	uint64_t get(uint64_t i)
	{
		const uint32_t *d = dram_word(i >> 1) + 2 * (i & 1);
		return (uint64_t)d[1] << 32 | d[0];
	}
	void set(uint64_t i, uint64_t v)
	{
		uint32_t *d = dram_word(i >> 1) + 2 * (i & 1);
		d[0] = (uint32_t)v;
		d[1] = (uint32_t)(v >> 32);
	}
#elif defined(PAGODA_DRAMFAST)
// MEM=dramfast, the backdoor into the fast DRAM model (sim/pagoda_dram_model.sv): one flat array
// of 16-byte words, word w at index w, low bytes first.
struct Ram {
	Vpagoda_soc *top;
	uint64_t words;
	static uint64_t model_words()
	{
		return sizeof(((Vpagoda_soc___024root *)nullptr)->pagoda_soc__DOT__u_dram_model__DOT__mem) / 8;
	}
	uint64_t size() const { return words * 8; }
	uint64_t get(uint64_t i)
	{
		const uint32_t *d = top->rootp->pagoda_soc__DOT__u_dram_model__DOT__mem[i >> 1].data() +
				    2 * (i & 1);
		return (uint64_t)d[1] << 32 | d[0];
	}
	void set(uint64_t i, uint64_t v)
	{
		uint32_t *d = top->rootp->pagoda_soc__DOT__u_dram_model__DOT__mem[i >> 1].data() +
			      2 * (i & 1);
		d[0] = (uint32_t)v;
		d[1] = (uint32_t)(v >> 32);
	}
#else
struct Ram {
	Vpagoda_soc *top;
	uint64_t words;
	static uint64_t model_words()
	{
		return sizeof(((Vpagoda_soc___024root *)nullptr)->pagoda_soc__DOT__u_ram__DOT__mem) / 8;
	}
	uint64_t size() const { return words * 8; }
	uint64_t get(uint64_t i) { return top->rootp->pagoda_soc__DOT__u_ram__DOT__mem[i]; }
	void set(uint64_t i, uint64_t v) { top->rootp->pagoda_soc__DOT__u_ram__DOT__mem[i] = v; }
#endif
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
			uint64_t w = get(off >> 3);
			unsigned sh = (off & 7) * 8;
			set(off >> 3, (w & ~(0xffull << sh)) | ((uint64_t)(src ? src[i] : 0) << sh));
		}
	}
	// Words as the program sees them (HTIF): through the core's write-back data cache, which
	// may hold what the program stored (sim/dcache_backdoor.h). A write goes to both copies.
	// get/set and write stay on RAM itself: the loader (the cache is empty in reset) and the
	// DMA window check, which compares what reached RAM through the bus.
	// PAGODA_SIM_DCACHE: the SoC is built with the cache (DCACHE_BYTES != 0, sim/sim.mk).
	uint64_t *cached(uint64_t addr)
	{
#ifdef PAGODA_SIM_DCACHE
		auto *r = top->rootp;
		return dcache_view(&r->pagoda_soc__DOT__u_core__DOT__u_lsu__DOT__g_dcache__DOT__u_dcache__DOT__data_mem,
				   &r->pagoda_soc__DOT__u_core__DOT__u_lsu__DOT__g_dcache__DOT__u_dcache__DOT__tag_mem,
				   &r->pagoda_soc__DOT__u_core__DOT__u_lsu__DOT__g_dcache__DOT__u_dcache__DOT__valid_q,
				   &r->pagoda_soc__DOT__u_core__DOT__u_lsu__DOT__g_dcache__DOT__u_dcache__DOT__bd_ways)
			.lane(addr);
#else
		(void)addr;
		return nullptr;
#endif
	}
	uint64_t read64(uint64_t addr)
	{
		uint64_t *c = cached(addr);
		return c ? *c : get((addr - RAM_BASE) >> 3);
	}
	void write64(uint64_t addr, uint64_t v)
	{
		uint64_t *c = cached(addr);
		if (c)
			*c = v;
		set((addr - RAM_BASE) >> 3, v);
	}
	uint8_t read8(uint64_t addr) { return (uint8_t)(read64(addr & ~7ull) >> ((addr & 7) * 8)); }
	void clear()
	{
		for (uint64_t i = 0; i < words; i++)
			set(i, 0);
	}
};

// A range of the physical address space that an image occupies or that the platform sets aside.
struct Span {
	uint64_t base, size;
	std::string what;
};

// A RISC-V ELF64 as the loader sees it: its PT_LOAD segments, its entry and the addresses of
// `tohost` and `fromhost` (0 when absent).
struct ElfImage {
	std::vector<uint8_t> bytes;
	std::vector<GElf_Phdr> segs;
	uint64_t entry = 0, tohost = 0, fromhost = 0;
};

static void elf_find_htif(Elf *e, ElfImage *im)
{
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
				im->tohost = sym.st_value;
			if (name && !strcmp(name, "fromhost"))
				im->fromhost = sym.st_value;
		}
	}
}

static ElfImage parse_elf(const std::string &path)
{
	ElfImage im;
	im.bytes = read_file(path);
	if (elf_version(EV_CURRENT) == EV_NONE)
		die("libelf: %s", elf_errmsg(-1));
	Elf *e = elf_memory((char *)im.bytes.data(), im.bytes.size());
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
		if (ph.p_filesz > ph.p_memsz || ph.p_offset > im.bytes.size() ||
		    ph.p_filesz > im.bytes.size() - ph.p_offset)
			die("%s: segment %zu is truncated", path.c_str(), i);
		if (ph.p_paddr + ph.p_memsz < ph.p_paddr)
			die("%s: segment %zu wraps around the address space", path.c_str(), i);
		im.segs.push_back(ph);
	}
	if (im.segs.empty())
		die("%s: no loadable segment", path.c_str());
	im.entry = eh.e_entry;
	elf_find_htif(e, &im);
	elf_end(e);
	return im;
}

static void elf_spans(const ElfImage &im, const std::string &path, std::vector<Span> *spans)
{
	for (size_t i = 0; i < im.segs.size(); i++)
		spans->push_back({im.segs[i].p_paddr, im.segs[i].p_memsz,
				  path + " segment " + std::to_string(i)});
}

// RAM as a device tree describes it: its one memory node (device_type = "memory"), whose reg is
// one (address, size) pair in the root's #address-cells and #size-cells.
static void dtb_memory(const void *fdt, const std::string &path, uint64_t *base, uint64_t *size)
{
	static const char mem[] = "memory";
	int node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", mem, sizeof(mem));
	if (node < 0)
		die("%s: no memory node (device_type = \"memory\"), which gives RAM's base and size",
		    path.c_str());
	if (fdt_node_offset_by_prop_value(fdt, node, "device_type", mem, sizeof(mem)) >= 0)
		die("%s: more than one memory node, but the SoC has one RAM", path.c_str());
	int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0), len = 0;
	const fdt32_t *reg = (const fdt32_t *)fdt_getprop(fdt, node, "reg", &len);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || !reg || len != 4 * (ac + sc))
		die("%s: %s: reg is not one (address, size) pair", path.c_str(),
		    fdt_get_name(fdt, node, nullptr));
	*base = fdt32_to_cpu(reg[0]);
	if (ac == 2)
		*base = *base << 32 | fdt32_to_cpu(reg[1]);
	*size = fdt32_to_cpu(reg[ac]);
	if (sc == 2)
		*size = *size << 32 | fdt32_to_cpu(reg[ac + 1]);
}

// The DTB with /chosen/bootargs replaced (or added) when asked to. Its memory node must describe
// the RAM the model has (pagoda_pkg::RAM_BASE, pagoda_soc's RAM_SIZE): the boot ROM passes the
// blob at that RAM's top - DTB_TOP_GAP, and software must not be told of memory that is not there.
static std::vector<uint8_t> load_dtb(const Options &o, const Ram &ram)
{
	std::vector<uint8_t> dtb = read_file(o.dtb);
	// The whole blob, not only its header: libfdt trusts the header's offsets and sizes, and a
	// truncated or corrupted blob would be read out of bounds (fdt_open_into).
	int bad = dtb.size() < sizeof(struct fdt_header) ? -FDT_ERR_TRUNCATED :
		  fdt_check_full(dtb.data(), dtb.size());
	if (bad)
		die("%s: not a valid device tree blob: %s", o.dtb.c_str(), fdt_strerror(bad));
	uint64_t base, size;
	dtb_memory(dtb.data(), o.dtb, &base, &size);
	if (base != RAM_BASE || size != ram.size())
		die("%s: memory [0x%llx, +0x%llx), but the simulated RAM is [0x%llx, +0x%llx) "
		    "(pagoda_pkg::RAM_BASE, pagoda_soc's RAM_SIZE)", o.dtb.c_str(),
		    (unsigned long long)base, (unsigned long long)size,
		    (unsigned long long)RAM_BASE, (unsigned long long)ram.size());
	std::vector<uint8_t> out(fdt_totalsize(dtb.data()) + o.bootargs.size() + 1024);
	int err = fdt_open_into(dtb.data(), out.data(), out.size());
	if (err)
		die("%s: %s", o.dtb.c_str(), fdt_strerror(err));
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

// FW_NEXT_ADDR is the firmware's entry, and the end of what OpenSBI uses (its image, then its
// run-time data: 288 KB for Debian's 1.1, which it reserves as 512 KiB in the DT).

// Refuse images that leave RAM or overlap each other or what the platform sets aside: loaded
// anyway, a firmware linked over OpenSBI would run until +max-cycles without a word.
static void check_layout(const Ram &ram, std::vector<Span> spans)
{
	for (const Span &s : spans)
		if (!ram.contains(s.base, s.size))
			die("%s [0x%llx, +0x%llx) is outside RAM [0x%llx, +0x%llx)", s.what.c_str(),
			    (unsigned long long)s.base, (unsigned long long)s.size,
			    (unsigned long long)RAM_BASE, (unsigned long long)ram.size());
	std::sort(spans.begin(), spans.end(),
		  [](const Span &x, const Span &y) { return x.base < y.base; });
	size_t last = 0;	// of the spans so far, the one that ends highest
	for (size_t i = 1; i < spans.size(); i++) {
		const Span &a = spans[last], &b = spans[i];
		if (b.base < a.base + a.size)
			die("%s [0x%llx, 0x%llx) overlaps %s [0x%llx, 0x%llx)", b.what.c_str(),
			    (unsigned long long)b.base, (unsigned long long)(b.base + b.size),
			    a.what.c_str(), (unsigned long long)a.base,
			    (unsigned long long)(a.base + a.size));
		if (b.base + b.size > a.base + a.size)
			last = i;
	}
}

static void load_segments(Ram &ram, const ElfImage &elf, const std::string &path)
{
	for (const GElf_Phdr &ph : elf.segs) {
		ram.write(ph.p_paddr, elf.bytes.data() + ph.p_offset, ph.p_filesz, path.c_str());
		ram.write(ph.p_paddr + ph.p_filesz, nullptr, ph.p_memsz - ph.p_filesz, path.c_str());
	}
}

static void load_bare(Ram &ram, const Options &o, Images *im)
{
	ElfImage elf = parse_elf(o.bare);
	if (elf.entry != RAM_BASE)
		die("%s: entry 0x%llx, but the boot ROM jumps to 0x%llx", o.bare.c_str(),
		    (unsigned long long)elf.entry, (unsigned long long)RAM_BASE);
	if (!elf.tohost)
		die("%s: no `tohost` symbol: the run could never end", o.bare.c_str());
	if (!ram.contains(elf.tohost, 8) || (elf.tohost & 7))
		die("%s: tohost 0x%llx is not an aligned word in RAM", o.bare.c_str(),
		    (unsigned long long)elf.tohost);
	if (elf.fromhost && (!ram.contains(elf.fromhost, 8) || (elf.fromhost & 7)))
		die("%s: fromhost 0x%llx is not an aligned word in RAM", o.bare.c_str(),
		    (unsigned long long)elf.fromhost);
	std::vector<Span> spans;
	elf_spans(elf, o.bare, &spans);
	check_layout(ram, spans);
	load_segments(ram, elf, o.bare);
	im->tohost = elf.tohost;
	im->fromhost = elf.fromhost;
}

// OpenSBI at the start of RAM, the firmware's segments where they are linked, the DTB at the top;
// every image is read and checked against the others before any is written.
static void load_images(Ram &ram, const Options &o, Images *im)
{
	ram.clear();
	if (!o.bare.empty()) {
		load_bare(ram, o, im);
		return;
	}
	std::vector<uint8_t> sbi = read_file(o.opensbi);
	if (sbi.empty())
		die("%s: empty file", o.opensbi.c_str());
	// OpenSBI as an ELF (fw_dynamic.elf): its segments, and an entry where the boot ROM jumps
	ElfImage sbi_elf;
	uint64_t sbi_end = RAM_BASE + sbi.size();
	bool sbi_is_elf = sbi.size() >= SELFMAG && !memcmp(sbi.data(), ELFMAG, SELFMAG);
	if (sbi_is_elf) {
		sbi_elf = parse_elf(o.opensbi);
		if (sbi_elf.entry != RAM_BASE)
			die("%s: entry 0x%llx, but the boot ROM jumps to 0x%llx (RAM's base)",
			    o.opensbi.c_str(), (unsigned long long)sbi_elf.entry,
			    (unsigned long long)RAM_BASE);
		std::vector<Span> segs;
		elf_spans(sbi_elf, o.opensbi, &segs);
		check_layout(ram, segs);
		sbi_end = RAM_BASE;
		for (const Span &sp : segs)
			sbi_end = std::max(sbi_end, sp.base + sp.size);
	}
	ElfImage fw = parse_elf(o.firmware);
	if (fw.entry != FW_NEXT_ADDR)
		die("%s: entry 0x%llx, but OpenSBI jumps to 0x%llx (fw_dynamic_info.next_addr)",
		    o.firmware.c_str(), (unsigned long long)fw.entry,
		    (unsigned long long)FW_NEXT_ADDR);
	std::vector<uint8_t> dtb = load_dtb(o, ram);
	if (dtb.size() > DTB_WINDOW)
		die("%s: larger than the 0x%llx bytes at the top of RAM", o.dtb.c_str(),
		    (unsigned long long)DTB_WINDOW);
	uint64_t dtb_addr = RAM_BASE + ram.size() - DTB_WINDOW;
	std::vector<Span> spans = {
		{RAM_BASE, std::max<uint64_t>(sbi_end, FW_NEXT_ADDR) - RAM_BASE,
		 o.opensbi + " (OpenSBI: its image and run-time data, up to the firmware's entry)"},
		{dtb_addr, DTB_WINDOW, o.dtb + " (the device tree's place at the top of RAM)"},
	};
	elf_spans(fw, o.firmware, &spans);
	check_layout(ram, spans);
	if (sbi_is_elf)
		load_segments(ram, sbi_elf, o.opensbi);
	else
		ram.write(RAM_BASE, sbi.data(), sbi.size(), o.opensbi.c_str());
	load_segments(ram, fw, o.firmware);
	ram.write(dtb_addr, dtb.data(), dtb.size(), o.dtb.c_str());
}

// The DMA window check (header): RAM below FW_NEXT_ADDR, as the CPU alone would have left it.
struct Shadow {
	bool armed = false;
	uint64_t cpu_writes = 0;
	std::vector<uint64_t> words;	// RAM words [RAM_BASE, FW_NEXT_ADDR)

	void take(Ram &ram)
	{
		words.resize((FW_NEXT_ADDR - RAM_BASE) / 8);
		for (size_t i = 0; i < words.size(); i++)
			words[i] = ram.get(i);
		armed = true;
		cpu_writes = 0;
	}
	// A write the core's data port puts on the bus this cycle (granted, so it happens).
	void cpu_write(uint64_t addr, uint8_t be, uint64_t data)
	{
		if (!armed || addr < RAM_BASE || addr >= FW_NEXT_ADDR)
			return;
		uint64_t &w = words[(addr - RAM_BASE) >> 3];
		for (int b = 0; b < 8; b++)
			if (be & (1u << b))
				w = (w & ~(0xffull << (8 * b))) | (data & (0xffull << (8 * b)));
		cpu_writes++;
	}
	// Bytes that differ, and the first of them.
	uint64_t compare(Ram &ram, uint64_t *first)
	{
		uint64_t n = 0;
		for (size_t i = 0; i < words.size(); i++) {
			uint64_t d = words[i] ^ ram.get(i);
			for (int b = 0; d && b < 8; b++) {
				if (!((d >> (8 * b)) & 0xff))
					continue;
				if (!n)
					*first = RAM_BASE + 8 * i + b;
				n++;
			}
		}
		return n;
	}
};

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
// Returns true when the run ends, with the program's whole exit code in *code (a riscv-tests
// failure is its test number, which may not fit in the process status's byte).
static bool htif_poll(Ram &ram, const Images &im, FILE *ulog, const char **why, uint64_t *code)
{
	uint64_t v = ram.read64(im.tohost);
	if (!v)
		return false;
	unsigned dev = (unsigned)(v >> 56), cmd = (unsigned)(v >> 48) & 0xff;
	uint64_t payload = v & 0xffffffffffffull;
	uint64_t ack = 0;
	if (dev == 0 && cmd == 0 && (payload & 1)) {
		*why = payload == 1 ? "pass (tohost)" : "FAIL (tohost)";
		if (payload != 1)
			fprintf(stderr, "pagoda-sim: tohost = 0x%016llx: exit code %llu (riscv-tests: "
				"the number of the failing test)\n", (unsigned long long)v,
				(unsigned long long)(payload >> 1));
		*code = payload >> 1;
		return true;
	} else if (dev == 0 && cmd == 0) {
		if (!ram.contains(payload, 64) || (payload & 7)) {
			fprintf(stderr, "pagoda-sim: HTIF syscall block at 0x%llx is not in RAM\n",
				(unsigned long long)payload);
			*why = "FAIL (bad HTIF request in tohost)";
			*code = 1;
			return true;
		}
		uint64_t num = ram.read64(payload), a0 = ram.read64(payload + 8);
		uint64_t a1 = ram.read64(payload + 16), a2 = ram.read64(payload + 24);
		int64_t ret = -38;
		if (num == 93) {
			*why = a0 == 0 ? "pass (HTIF exit)" : "FAIL (HTIF exit)";
			*code = a0;
			return true;
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
		*code = 1;
		return true;
	}
	ram.write64(im.tohost, 0);
	if (im.fromhost)
		ram.write64(im.fromhost, ack);
	return false;
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

// Moves what stdin has to the UART's queue; false once stdin has ended. The end of the input is
// sent as the console's end of input, EOT (Ctrl-D), after a newline if the last line had none
// (as a Unix shell runs an unterminated last line): the firmware's shell ends its session on
// Ctrl-D at an empty line, so a piped session ends when its input does instead of waiting
// forever.
static bool stdin_poll(std::deque<uint8_t> *rxq)
{
	static int last = '\n';
	struct pollfd p = {0, POLLIN, 0};
	if (poll(&p, 1, 0) <= 0)
		return true;
	uint8_t buf[64];
	ssize_t n = read(0, buf, sizeof(buf));
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (n > 0) {
		rxq->insert(rxq->end(), buf, buf + n);
		last = buf[n - 1];
		return true;
	}
	if (last != '\n' && last != '\r')
		rxq->push_back('\n');
	rxq->push_back(4);
	return false;
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
		else if (k == "+pc-profile") o.pc_profile = v;
		else if (k == "+miss-profile") o.miss_profile = v;
		else if (k == "+profile-from") num = &o.profile_from;
		else if (k == "+profile-to") num = &o.profile_to;
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

// A profile's counts into `path`, most counted first (ties in key order), a line each by `line`.
template <typename Map, typename Line>
static void write_profile(const std::string &path, const Map &counts, Line line)
{
	std::vector<std::pair<typename Map::key_type, uint64_t>> v(counts.begin(), counts.end());
	std::sort(v.begin(), v.end(), [](const auto &a, const auto &b) {
		return a.second != b.second ? a.second > b.second : a.first < b.first;
	});
	FILE *f = fopen(path.c_str(), "w");
	if (!f)
		die("cannot write %s: %s", path.c_str(), strerror(errno));
	for (const auto &e : v)
		line(f, e.first, e.second);
	fclose(f);
}

int main(int argc, char **argv)
{
	Options o = parse_args(argc, argv);
	Verilated::commandArgs(argc, argv);
	auto *top = new Vpagoda_soc;
	Ram ram{top, Ram::model_words()};
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
	std::unordered_map<uint64_t, uint64_t> *profile = nullptr;
	if (!o.pc_profile.empty())
		profile = new std::unordered_map<uint64_t, uint64_t>;
	// +miss-profile: (refill or write-back, line, pc) -> count
	std::map<std::tuple<char, uint64_t, uint64_t>, uint64_t> *miss_profile = nullptr;
	if (!o.miss_profile.empty())
		miss_profile = new std::map<std::tuple<char, uint64_t, uint64_t>, uint64_t>;
	// the cycle of the hand-over to the S-mode firmware (first retirement at its entry)
	uint64_t handover = 0, handover_retired = 0, handover_pc = o.bare.empty() ? FW_NEXT_ADDR : 0;
	Shadow shadow;
	bool shadow_wanted = o.bare.empty();
	bool ended = false;
	uint64_t code = 0;	// the program's exit code once the run has ended
	const char *why = "";
	auto t0 = std::chrono::steady_clock::now();
	std::clock_t c0 = std::clock();

	top->clk_i = 0;
	top->rst_ni = 0;
	top->uart_rx_valid_i = 0;
	top->uart_tx_ready_i = 1;	// no line: every byte leaves at once
	top->uart_rx_data_i = 0;
	top->uart_tx_ready_i = 1;   // the console takes every byte at once (no line)
	top->eval();
	unsigned reset_left = 4;

	while (!ended) {
		// one time unit per cycle: an assertion failure's "[time]" is the cycle (pagoda_assert.svh)
		Verilated::threadContextp()->timeInc(1);
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
		bool profiled = cycle >= o.profile_from && cycle < o.profile_to;
		if (profile && profiled && (cycle & 63) == 0)
			(*profile)[top->retire_pc_o]++;
		// a line's refill and its write-back each start with the granted beat at its offset 0
		if (miss_profile && profiled && top->rootp->pagoda_soc__DOT__instr_req &&
		    top->rootp->pagoda_soc__DOT__instr_gnt &&
		    (top->rootp->pagoda_soc__DOT__instr_addr & 63) == 0)
			(*miss_profile)[{'I', top->rootp->pagoda_soc__DOT__instr_addr, top->retire_pc_o}]++;
		if (miss_profile && profiled && top->rootp->pagoda_soc__DOT__data_req &&
		    top->rootp->pagoda_soc__DOT__data_gnt &&
		    (top->rootp->pagoda_soc__DOT__data_addr & 63) == 0 &&
		    top->rootp->pagoda_soc__DOT__data_addr >= RAM_BASE)
			(*miss_profile)[{top->rootp->pagoda_soc__DOT__data_we ? 'W' : 'R',
				       top->rootp->pagoda_soc__DOT__data_addr, top->retire_pc_o}]++;

		if (handover_pc && top->retire_pc_o == handover_pc) {
			handover = cycle;
			handover_retired = retired_before + top->retired_o;
			handover_pc = 0;
		}
		if (shadow_wanted && !shadow.armed && top->retire_pc_o == FW_NEXT_ADDR)
			shadow.take(ram);
		if (shadow.armed && top->rootp->pagoda_soc__DOT__data_req &&
		    top->rootp->pagoda_soc__DOT__data_gnt && top->rootp->pagoda_soc__DOT__data_we)
			shadow.cpu_write(top->rootp->pagoda_soc__DOT__data_addr,
					 top->rootp->pagoda_soc__DOT__data_be,
					 top->rootp->pagoda_soc__DOT__data_wdata);
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
		if (stdin_open && (cycle & 1023) == 0)
			stdin_open = stdin_poll(&rxq);
		// Input waits for the hand-over to the firmware: OpenSBI's UART init discards a byte
		// that is already waiting, and a piped command must not lose its first character.
		bool rx_on = handover_pc == 0;
		top->uart_rx_valid_i = rx_on && !rxq.empty();
		top->uart_rx_data_i = rxq.empty() ? 0 : rxq.front();

		if (top->test_done_o) {
			if (!top->test_fail_o) {
				ended = true;
				code = 0;
				why = "pass (test device)";
			} else {
				ended = true;
				code = top->test_code_o;
				why = "FAIL (test device)";
			}
		} else if (top->test_reset_o) {
			// 0x7777: reboot from the same images, as QEMU does
			fflush(stdout);
			load_images(ram, o, &im);
			shadow.armed = false;	// taken again at the next hand-over
			retired_before += top->retired_o;
			reset_left = 4;
		} else if (im.tohost && (cycle & 255) == 0) {
			ended = htif_poll(ram, im, ulog, &why, &code);
		}
		if (!ended && o.max_cycles && cycle >= o.max_cycles) {
			ended = true;
			code = 124;
			why = "TIMEOUT (+max-cycles reached)";
		}

		// Reset changes between rising edges (it is asynchronous in the RTL): a rising edge sees
		// either the state before reset or reset, never both at once, so a response that was
		// due at the edge where a reboot begins is not taken for one given in reset
		// (XbarNoRespInReset). The first edge out of reset is the same as before.
		top->rst_ni = reset_left == 0;
		top->clk_i = 0;
		top->eval();
	}
	fflush(stdout);
	if (shadow.armed) {
		uint64_t first = 0, n = shadow.compare(ram, &first);

		if (n) {
			fprintf(stderr, "pagoda-sim: DMA window check: %llu bytes below 0x%llx changed "
				"since the hand-over by a master other than the CPU, the first at 0x%llx\n",
				(unsigned long long)n, (unsigned long long)FW_NEXT_ADDR,
				(unsigned long long)first);
			if (code == 0) {
				code = 6;
				why = "FAIL (memory below the DMA window written by DMA)";
			}
		} else if (!o.quiet) {
			fprintf(stderr, "pagoda-sim: DMA window check: [0x%llx, 0x%llx) unchanged since the "
				"hand-over but for %llu CPU writes\n", (unsigned long long)RAM_BASE,
				(unsigned long long)FW_NEXT_ADDR, (unsigned long long)shadow.cpu_writes);
		}
	}
	double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
	// CPU time too: on a shared machine the wall-clock speed depends on the other jobs
	double cpu = (double)(std::clock() - c0) / CLOCKS_PER_SEC;
	uint64_t retired = retired_before + top->retired_o;
	if (!o.quiet) {
		fprintf(stderr,
			"pagoda-sim: %s, code %llu (exit status %d); %llu cycles, %llu instructions retired, CPI %.3f, "
			"%.2f s, %.2f M cycles/s (CPU %.2f s, %.2f M cycles/s)\n",
			why, (unsigned long long)code, exit_status(code), (unsigned long long)cycle, (unsigned long long)retired,
			retired ? (double)cycle / retired : 0.0, secs, cycle / secs / 1e6, cpu,
			cpu > 0 ? cycle / cpu / 1e6 : 0.0);
		// OpenSBI's boot (its CPI is one of issue 14's figures: docs/benchmarks.md "Boot")
		if (handover)
			fprintf(stderr, "pagoda-sim: OpenSBI handed over to 0x%llx at cycle %llu, "
				"%llu instructions retired, CPI %.3f\n",
				(unsigned long long)FW_NEXT_ADDR, (unsigned long long)handover,
				(unsigned long long)handover_retired,
				handover_retired ? (double)handover / handover_retired : 0.0);
	}
	if (profile) {
		write_profile(o.pc_profile, *profile, [](FILE *f, uint64_t pc, uint64_t n) {
			fprintf(f, "0x%llx %llu\n", (unsigned long long)pc, (unsigned long long)n);
		});
		delete profile;
	}
	if (miss_profile) {
		write_profile(o.miss_profile, *miss_profile,
			      [](FILE *f, const std::tuple<char, uint64_t, uint64_t> &k, uint64_t n) {
				      fprintf(f, "%c 0x%llx 0x%llx %llu\n", std::get<0>(k),
					      (unsigned long long)std::get<1>(k),
					      (unsigned long long)std::get<2>(k), (unsigned long long)n);
			      });
		delete miss_profile;
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
	int rc = exit_status(code);
	return rc;
}
