// SPDX-License-Identifier: BSD-2-Clause
// The generated LiteDRAM controller (rtl/mem/litedram/arty.yml, litedram_gen --sim: the
// SDRAMPHYModel) driven through its 128-bit native user port, alone. It checks the storage
// backdoor that the SoC harness preloads images through (docs/memory.md "Backdoor"), then
// MEASURES the port's read latency per bank state and its streaming throughput, and checks each
// figure against what the configuration's timings predict (LD_* from build/litedram/
// litedram_timing.h, made by scripts/litedram/timing.py from the same module and PHY settings
// litedram_gen uses): the expectations below are formulas of those timings, never of a run.
// Prints the figures as "figure: NAME VALUE" lines (docs/memory.md quotes them) and ends with
// "suite-result: N passed, M failed".
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "Vlitedram_core.h"
#include "Vlitedram_core___024root.h"
#include "litedram_timing.h"
#include "verilated.h"

namespace {

Vlitedram_core *dut;
Vlitedram_core___024root *root;
uint64_t cycle;
bool refresh_seen;	// the refresher left idle since this was last cleared
unsigned passed, failed;

void check(bool ok, const char *what)
{
	printf("%s: %s\n", ok ? "PASS" : "FAIL", what);
	ok ? passed++ : failed++;
}

// One rising edge. Inputs are set before it; outputs (and the combinational readies) are read
// between edges.
void tick()
{
	dut->clk = 1;
	dut->eval();
	dut->clk = 0;
	dut->eval();
	cycle++;
	if (root->litedram_core__DOT__refresher_state != 0)
		refresh_seen = true;
}

// ---- backdoor: the model's storage, one array per bank (docs/memory.md) ----
// A 16-byte word address w (byte address >> 4) is column w[6:0] (the 10 DRAM column bits less
// the 3 of one BL8 burst), bank w[9:7], row w[23:10]; in its bank's array the word sits at
// row << 7 | column.
constexpr unsigned COL_W = LD_COLBITS - 3;

VlUnpacked<VlWide<4>, 2097152> &bank_array(unsigned bank)
{
	switch (bank) {
	case 0: return root->litedram_core__DOT__mem;
	case 1: return root->litedram_core__DOT__mem_1;
	case 2: return root->litedram_core__DOT__mem_2;
	case 3: return root->litedram_core__DOT__mem_3;
	case 4: return root->litedram_core__DOT__mem_4;
	case 5: return root->litedram_core__DOT__mem_5;
	case 6: return root->litedram_core__DOT__mem_6;
	default: return root->litedram_core__DOT__mem_7;
	}
}

unsigned word_bank(uint32_t w) { return (w >> COL_W) & ((1u << LD_BANKBITS) - 1); }
uint32_t word_row(uint32_t w) { return w >> (COL_W + LD_BANKBITS); }
uint32_t word_index(uint32_t w) { return word_row(w) << COL_W | (w & ((1u << COL_W) - 1)); }

void back_write(uint32_t w, const uint32_t d[4])
{
	for (int i = 0; i < 4; i++)
		bank_array(word_bank(w))[word_index(w)][i] = d[i];
}

void back_read(uint32_t w, uint32_t d[4])
{
	for (int i = 0; i < 4; i++)
		d[i] = bank_array(word_bank(w))[word_index(w)][i];
}

// ---- native port ----
// Present a command and wait for its handshake; returns the cycle of the accepting edge.
uint64_t port_cmd(uint32_t w, bool we)
{
	dut->user_port_mem_cmd_valid = 1;
	dut->user_port_mem_cmd_we = we;
	dut->user_port_mem_cmd_addr = w;
	dut->eval();
	for (unsigned n = 0; !dut->user_port_mem_cmd_ready; n++) {
		if (n > 10000) {
			printf("FAIL: cmd never accepted (word 0x%x)\n", w);
			exit(1);
		}
		tick();
	}
	tick();
	dut->user_port_mem_cmd_valid = 0;
	dut->eval();
	return cycle;
}

// Wait for read data; returns the cycle of the edge that takes it.
uint64_t port_rdata(uint32_t d[4])
{
	dut->user_port_mem_rdata_ready = 1;
	dut->eval();
	for (unsigned n = 0; !dut->user_port_mem_rdata_valid; n++) {
		if (n > 10000) {
			printf("FAIL: read data never came\n");
			exit(1);
		}
		tick();
	}
	for (int i = 0; i < 4; i++)
		d[i] = dut->user_port_mem_rdata_data[i];
	tick();
	return cycle;
}

void port_wdata(const uint32_t d[4], uint16_t be)
{
	dut->user_port_mem_wdata_valid = 1;
	dut->user_port_mem_wdata_we = be;
	for (int i = 0; i < 4; i++)
		dut->user_port_mem_wdata_data[i] = d[i];
	dut->eval();
	for (unsigned n = 0; !dut->user_port_mem_wdata_ready; n++) {
		if (n > 10000) {
			printf("FAIL: write data never taken\n");
			exit(1);
		}
		tick();
	}
	tick();
	dut->user_port_mem_wdata_valid = 0;
	dut->eval();
}

// xorshift: a fixed sequence, so every run measures the same accesses.
uint64_t rng_state = 0x9e3779b97f4a7c15ull;
uint64_t rnd()
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

constexpr uint32_t WORDS = 1u << 24;	// 256 MiB of 16-byte words

void init()
{
	dut->clk = 0;
	dut->eval();
	for (int i = 0; i < 8; i++)
		tick();
	// The port is open before init_done (arty.yml: block_until_ready false): the CPU that
	// calibrates tests DRAM through it before sdram_init() writes init_done (docs/fpga.md "On
	// DRAM"). The model needs no calibration: write ddrctrl_init_done (CSR 0x0) over wb_ctrl.
	dut->user_port_mem_cmd_valid = 1;
	dut->eval();
	bool ready_before = dut->user_port_mem_cmd_ready;
	dut->user_port_mem_cmd_valid = 0;
	dut->wb_ctrl_adr = 0;
	dut->wb_ctrl_dat_w = 1;
	dut->wb_ctrl_sel = 0xf;
	dut->wb_ctrl_we = 1;
	dut->wb_ctrl_cyc = 1;
	dut->wb_ctrl_stb = 1;
	dut->eval();
	for (unsigned n = 0; !dut->wb_ctrl_ack && n < 100; n++)
		tick();
	tick();
	dut->wb_ctrl_cyc = 0;
	dut->wb_ctrl_stb = 0;
	dut->wb_ctrl_we = 0;
	for (int i = 0; i < 4; i++)
		tick();
	check(ready_before && dut->init_done,
	      "port open before init_done (the calibrating CPU's path); init_done written over wb_ctrl");
}

// Backdoor and port agree on where every word lives, both ways, with byte enables.
void test_backdoor()
{
	bool ok = true;
	for (int i = 0; i < 256 && ok; i++) {
		uint32_t w = rnd() % WORDS, d[4], r[4];
		for (auto &x : d)
			x = (uint32_t)rnd();
		back_write(w, d);
		port_cmd(w, false);
		port_rdata(r);
		ok = !memcmp(d, r, sizeof(d));
		if (!ok)
			printf("  word 0x%06x: backdoor wrote %08x.., port read %08x..\n", w, d[0], r[0]);
	}
	check(ok, "backdoor write, port read: 256 random words");
	ok = true;
	for (int i = 0; i < 256 && ok; i++) {
		uint32_t w = rnd() % WORDS, old[4], d[4], r[4], want[4];
		uint16_t be = (uint16_t)rnd();
		back_read(w, old);
		for (auto &x : d)
			x = (uint32_t)rnd();
		port_cmd(w, true);
		port_wdata(d, be);
		for (int k = 0; k < 60; k++)	// past the model's write latency
			tick();
		back_read(w, r);
		for (int b = 0; b < 16; b++) {
			uint32_t m = 0xffu << (8 * (b % 4));
			want[b / 4] = (be >> b & 1) ? (want[b / 4] & ~m) | (d[b / 4] & m) :
						     (want[b / 4] & ~m) | (old[b / 4] & m);
		}
		ok = !memcmp(want, r, sizeof(want));
		if (!ok)
			printf("  word 0x%06x be %04x: want %08x.., backdoor has %08x..\n", w, be,
			       want[0], r[0]);
	}
	check(ok, "port write with byte enables, backdoor read: 256 random words");
}

struct stats {
	const char *name;
	uint64_t n = 0, sum = 0, min = ~0ull, max = 0;
	uint64_t hist[128] = {};
	void add(uint64_t v)
	{
		n++;
		sum += v;
		min = v < min ? v : min;
		max = v > max ? v : max;
		hist[v < 127 ? v : 127]++;
	}
	double mean() const { return n ? (double)sum / n : 0; }
	void print() const
	{
		printf("figure: latency_%s min %llu mean %.1f max %llu (n %llu)\n", name,
		       (unsigned long long)min, mean(), (unsigned long long)max,
		       (unsigned long long)n);
		if (getenv("LD_HIST"))
			for (int i = 0; i < 128; i++)
				if (hist[i])
					printf("  %3d: %llu\n", i, (unsigned long long)hist[i]);
	}
};

stats lat_open{"open_row"}, lat_closed{"closed_bank"}, lat_conflict{"row_conflict"},
	lat_refresh{"refresh_stalled"}, lat_random{"random_dependent"};

// What the configuration's timings predict (docs/memory.md "What the timings predict"). The one
// number that is not a DRAM timing is P_CMD: LiteDRAM's command path from the native port to the
// DFI is three registers (the bank machine's lookahead FIFO and its one-entry row buffer, then the
// multiplexer's command register), so a read on an open row answers READ_LATENCY + 3 cycles
// after its command is accepted.
constexpr unsigned P_CMD = 3;
constexpr unsigned OPEN = LD_READ_LATENCY + P_CMD;
// A closed bank: the bank machine sees the miss, moves to ACTIVATE (one cycle), issues ACT and
// waits tRCD before the read: OPEN + tRCD + 1.
constexpr unsigned CLOSED = OPEN + LD_TRCD + 1;
// A row conflict adds the precharge and tRP; the precharge may have to wait for tRAS since the
// row's ACT, of which the read already covered tRCD: at most tRAS - tRCD more.
constexpr unsigned CONFLICT = CLOSED + LD_TRP;
constexpr unsigned CONFLICT_MAX = CONFLICT + (LD_TRAS - LD_TRCD);
// A read stalled by a refresh: at worst its bank was just activated (tRAS before the
// precharge-all), then tRP + tRFC of refresh, then it starts again on a closed bank.
constexpr unsigned REFRESH_MAX = OPEN + LD_TRAS + LD_TRP + LD_TRFC + CLOSED;

void check_latency()
{
	char msg[160];
	snprintf(msg, sizeof(msg), "open row: every read %u cycles (READ_LATENCY %u + %u)", OPEN,
		 LD_READ_LATENCY, P_CMD);
	check(lat_open.n > 1000 && lat_open.min == OPEN && lat_open.max == OPEN, msg);
	snprintf(msg, sizeof(msg), "closed bank: %u cycles at best (open + tRCD %u + 1), at most %u",
		 CLOSED, LD_TRCD, CONFLICT_MAX);
	check(lat_closed.n > 100 && lat_closed.min == CLOSED && lat_closed.max <= CONFLICT_MAX, msg);
	snprintf(msg, sizeof(msg), "row conflict: %u..%u cycles (closed + tRP %u, + tRAS-tRCD %u)",
		 CONFLICT, CONFLICT_MAX, LD_TRP, LD_TRAS - LD_TRCD);
	check(lat_conflict.n > 1000 && lat_conflict.min == CONFLICT &&
	      lat_conflict.max <= CONFLICT_MAX, msg);
	// Reads that waited for a whole refresh waited at least tRP + tRFC on top of a closed
	// bank; some reads merely overlap the refresher's first cycles and are not delayed.
	snprintf(msg, sizeof(msg), "refresh-stalled: worst in [%u, %u] (tRP %u + tRFC %u)",
		 CLOSED + LD_TRP + LD_TRFC, REFRESH_MAX, LD_TRP, LD_TRFC);
	check(lat_refresh.n > 100 && lat_refresh.max >= CLOSED + LD_TRP + LD_TRFC &&
	      lat_refresh.max <= REFRESH_MAX, msg);
	// Random dependent reads over 8 banks hit another row of an open bank 7 times in 8 (and a
	// closed bank after a refresh); one in tREFI / mean reads pays the refresh. The mean lies
	// between CLOSED and CONFLICT_MAX plus that share of the refresh.
	double hi = CONFLICT_MAX + (double)REFRESH_MAX * CONFLICT_MAX / LD_TREFI;
	snprintf(msg, sizeof(msg), "random dependent: mean in [%u, %.1f]", CLOSED, hi);
	check(lat_random.mean() >= CLOSED && lat_random.mean() <= hi, msg);
}

// Dependent reads, one at a time (the next is issued after the data of the last), as a core
// without a cache issues them. The bank state of each read is classified by the test's own model
// of the controller: a bank's row stays open after a read (one command at a time never triggers
// auto-precharge), and a refresh closes every bank.
struct bank_model {
	int open_row[8];
	void close_all() { for (auto &r : open_row) r = -1; }
};

void timed_read(bank_model &bm, uint32_t w, stats *forced)
{
	uint32_t r[4];
	refresh_seen = false;
	tick();	// one idle cycle, so that a refresh that starts now is seen before the command
	if (refresh_seen) {
		// let it finish: the read then finds every bank closed
		while (root->litedram_core__DOT__refresher_state != 0)
			tick();
		bm.close_all();
	}
	refresh_seen = false;
	uint64_t t0 = port_cmd(w, false);
	uint64_t t1 = port_rdata(r);
	uint64_t lat = t1 - t0;
	unsigned b = word_bank(w);
	int row = (int)word_row(w);
	if (forced)
		forced->add(lat);
	if (refresh_seen) {
		lat_refresh.add(lat);
		bm.close_all();
	} else if (bm.open_row[b] < 0) {
		lat_closed.add(lat);
	} else if (bm.open_row[b] == row) {
		lat_open.add(lat);
	} else {
		lat_conflict.add(lat);
	}
	if (!refresh_seen)
		bm.open_row[b] = row;
}

void test_latency()
{
	bank_model bm;
	bm.close_all();
	// open rows: columns of one row, and rows in every bank in turn (two rows per bank)
	for (int i = 0; i < 4000; i++) {
		uint32_t w = (uint32_t)((i / 500) << COL_W) | (uint32_t)(rnd() % (1u << COL_W));
		timed_read(bm, w, nullptr);
	}
	// conflicts: two rows of bank 3, alternately
	for (int i = 0; i < 4000; i++) {
		uint32_t row = 100 + (i & 1);
		uint32_t w = row << (COL_W + LD_BANKBITS) | 3u << COL_W | (uint32_t)(rnd() % 128);
		timed_read(bm, w, nullptr);
	}
	// random dependent reads over all 256 MiB
	for (int i = 0; i < 20000; i++)
		timed_read(bm, (uint32_t)(rnd() % WORDS), &lat_random);
	lat_open.print();
	lat_closed.print();
	lat_conflict.print();
	lat_refresh.print();
	lat_random.print();
	check_latency();
}

void test_stream()
{
	// reads: commands back to back, data taken as it comes; words / cycle from the first
	// command to the last datum
	const unsigned n = 8192;
	uint32_t base = 1u << 20, issued = 0, got = 0;
	uint64_t t0 = cycle;
	dut->user_port_mem_rdata_ready = 1;
	while (got < n) {
		dut->user_port_mem_cmd_valid = issued < n;
		dut->user_port_mem_cmd_we = 0;
		dut->user_port_mem_cmd_addr = base + issued;
		dut->eval();
		bool c = dut->user_port_mem_cmd_valid && dut->user_port_mem_cmd_ready;
		bool d = dut->user_port_mem_rdata_valid;
		tick();
		issued += c;
		got += d;
		if (cycle - t0 > 100ull * n) {
			printf("FAIL: read stream stalled\n");
			exit(1);
		}
	}
	dut->user_port_mem_cmd_valid = 0;
	double rd = (double)n / (double)(cycle - t0);
	// writes: command and data streams kept full
	uint32_t wissued = 0, wdone = 0;
	t0 = cycle;
	dut->user_port_mem_wdata_we = 0xffff;
	while (wdone < n) {
		dut->user_port_mem_cmd_valid = wissued < n;
		dut->user_port_mem_cmd_we = 1;
		dut->user_port_mem_cmd_addr = base + wissued;
		dut->user_port_mem_wdata_valid = wdone < wissued || (wdone < n && wissued < n);
		dut->user_port_mem_wdata_data[0] = wdone;
		dut->eval();
		bool c = dut->user_port_mem_cmd_valid && dut->user_port_mem_cmd_ready;
		bool d = dut->user_port_mem_wdata_valid && dut->user_port_mem_wdata_ready;
		tick();
		wissued += c;
		wdone += d;
		if (cycle - t0 > 100ull * n) {
			printf("FAIL: write stream stalled\n");
			exit(1);
		}
	}
	dut->user_port_mem_cmd_valid = 0;
	dut->user_port_mem_wdata_valid = 0;
	double wr = (double)n / (double)(cycle - t0);
	printf("figure: stream_read %.3f words/cycle (%.0f MB/s)\n", rd,
	       rd * 16 * LD_SYS_CLK_HZ / 1e6);
	printf("figure: stream_write %.3f words/cycle (%.0f MB/s)\n", wr,
	       wr * 16 * LD_SYS_CLK_HZ / 1e6);
	// At most one word a cycle less the refresh's share (tRP + tRFC every tREFI). At least that,
	// less a full row switch (precharge, activate, and for writes the write-to-precharge time
	// of the bank machine: ceil(CWL / 4) + tWR + tCCD) for every 128-word column run, as if
	// LiteDRAM overlapped none of them with the previous bank's transfers.
	double hi = 1.0 - (double)(LD_TRP + LD_TRFC) / LD_TREFI;
	double rd_lo = hi - (double)(LD_TRP + LD_TRCD + 1 + P_CMD) / (1 << COL_W);
	double wtp = (LD_CWL + LD_NPHASES - 1) / LD_NPHASES + LD_TWR + LD_TCCD;
	double wr_lo = rd_lo - wtp / (1 << COL_W);
	char msg[120];
	snprintf(msg, sizeof(msg), "stream read %.3f words/cycle in [%.3f, %.3f]", rd, rd_lo, hi);
	check(rd >= rd_lo && rd <= hi, msg);
	snprintf(msg, sizeof(msg), "stream write %.3f words/cycle in [%.3f, %.3f]", wr, wr_lo, hi);
	check(wr >= wr_lo && wr <= hi, msg);
}

}  // namespace

int main(int argc, char **argv)
{
	Verilated::commandArgs(argc, argv);
	dut = new Vlitedram_core;
	root = dut->rootp;
	init();
	test_backdoor();
	test_latency();
	test_stream();
	dut->final();
	printf("suite-result: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
