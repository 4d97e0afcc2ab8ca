// SPDX-License-Identifier: BSD-2-Clause
// pagoda_dram_bridge on the generated LiteDRAM controller (SDRAMPHYModel), through its two PBUS
// slave ports (tests/litedram/tb_dram_bridge.sv). Functional: both ports at once, reads and
// byte-enabled writes on a few hundred words spread over every bank and two rows per bank (so
// that transfers overlap, hit the same word while an earlier write is in flight, change banks
// and rows, and fill the bridge), checked against a model of the memory updated in grant order:
// every response in its port's request order with the data of every write granted before it,
// none without a request, all answered. The bridge's own assertions (--assert) run throughout.
// Measured, in this same run: dependent-read latency and streaming throughput through the
// bridge and on the raw native port (the harness drives the port itself, same addresses), as
// "figure:" lines (docs/memory.md quotes them); the one throughput check compares the two.
// The fast DRAM model (sim/pagoda_dram_model.sv, the tb's model_i) runs the same functional test
// and the same measurements in the same run, plus a raw-port check of its data against a
// reference; each of its figures must be within 10% of LiteDRAM's measured here, and its
// parameters must be litedram_timing.h's.
// Ends with "suite-result: N passed, M failed".
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <unordered_map>
#include <vector>

#include "Vtb_dram_bridge.h"
#include "Vtb_dram_bridge___024root.h"
#include "verilated.h"
#include "litedram_timing.h"

namespace {

Vtb_dram_bridge *dut;
Vtb_dram_bridge___024root *root;
uint64_t cycle;
unsigned passed, failed;

void check(bool ok, const char *what)
{
	printf("%s: %s\n", ok ? "PASS" : "FAIL", what);
	ok ? passed++ : failed++;
}

void tick()
{
	dut->clk_i = 1;
	dut->eval();
	dut->clk_i = 0;
	dut->eval();
	cycle++;
}

// xorshift: a fixed sequence, so every run makes the same accesses.
uint64_t rng_state;
uint64_t rnd()
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

// ---- backdoor (docs/memory.md): word w is column w[6:0], bank w[9:7], row w[23:10] ----
VlUnpacked<VlWide<4>, 2097152> &bank_array(unsigned bank)
{
	switch (bank) {
	case 0: return root->tb_dram_bridge__DOT__u_dram__DOT__mem;
	case 1: return root->tb_dram_bridge__DOT__u_dram__DOT__mem_1;
	case 2: return root->tb_dram_bridge__DOT__u_dram__DOT__mem_2;
	case 3: return root->tb_dram_bridge__DOT__u_dram__DOT__mem_3;
	case 4: return root->tb_dram_bridge__DOT__u_dram__DOT__mem_4;
	case 5: return root->tb_dram_bridge__DOT__u_dram__DOT__mem_5;
	case 6: return root->tb_dram_bridge__DOT__u_dram__DOT__mem_6;
	default: return root->tb_dram_bridge__DOT__u_dram__DOT__mem_7;
	}
}

// the memory behind the port: LiteDRAM (false) or the fast model (true, the tb's model_i)
bool on_model;
const char *mem_name() { return on_model ? "model" : "litedram"; }
void select_mem(bool m)
{
	on_model = m;
	dut->model_i = m;
	dut->eval();
}

// the fast model's storage: word w at index w (sim/pagoda_dram_model.sv)
VlWide<4> &back_word(uint32_t w)
{
	if (on_model)
		return root->tb_dram_bridge__DOT__u_model__DOT__mem[w];
	return bank_array((w >> 7) & 7)[(w >> 10) << 7 | (w & 127)];
}

void back_write(uint32_t w, const uint64_t d[2])
{
	auto &a = back_word(w);
	a[0] = (uint32_t)d[0];
	a[1] = (uint32_t)(d[0] >> 32);
	a[2] = (uint32_t)d[1];
	a[3] = (uint32_t)(d[1] >> 32);
}

void back_read(uint32_t w, uint64_t d[2])
{
	auto &a = back_word(w);
	d[0] = (uint64_t)a[1] << 32 | a[0];
	d[1] = (uint64_t)a[3] << 32 | a[2];
}

// The bridge's size and depth, as tb_dram_bridge.sv built it (read from its outputs in main()).
uint32_t WORDS;	// 16-byte words
unsigned DEPTH;	// transfers in flight
constexpr uint32_t RAM_BASE = 0x80000000u;	// any base: the bridge decodes addr[27:4]

uint32_t lane_addr(uint32_t w, unsigned lane) { return RAM_BASE + w * 16 + lane * 8; }

void idle_inputs()
{
	dut->i_req_i = 0;
	dut->d_req_i = 0;
	dut->d_we_i = 0;
	dut->w_req_i = 0;
	dut->raw_cmd_valid_i = 0;
	dut->raw_wdata_valid_i = 0;
	dut->c_req_i = 0;
}

void init()
{
	// pagoda_dram_init writes init_done over wb_ctrl from reset on (the controller has its own
	// reset), so the port comes up a few cycles after power-on; a request waits until then
	dut->clk_i = 0;
	dut->rst_ni = 0;
	dut->raw_i = 0;
	idle_inputs();
	dut->d_req_i = 1;
	dut->d_addr_i = RAM_BASE;
	dut->d_be_i = 0xff;
	bool early_gnt = false;
	unsigned n = 0;
	for (dut->eval(); !dut->init_done_o && n < 1000; n++) {
		early_gnt |= dut->d_gnt_o || dut->i_gnt_o;
		tick();
		dut->rst_ni = 1;
		dut->eval();
	}
	// let it through, and take its answer
	while (!dut->d_gnt_o)
		tick(), dut->eval();
	tick();
	dut->d_req_i = 0;
	dut->eval();
	for (unsigned k = 0; !dut->d_rvalid_o && k < 1000; k++)
		tick(), dut->eval();
	bool answered = dut->d_rvalid_o;
	tick();
	printf("  init_done after %u cycles, early grant %d, answered %d\n", n, early_gnt, answered);
	check(n > 1 && n < 1000 && !early_gnt && answered,
	      "no grant before init_done, then the waiting request is granted and answered");
}

// ---- the CSR window: pagoda_dram_csr on the controller's wb_ctrl ----
// The controller's CSRs as the simulation's generator lays them out (build/litedram/sim,
// software/include/generated/csr.h): DDRCTRL init_done 0x0, init_error 0x4, the DFII's PI0
// address 0x80c (14-bit storage) and bank address 0x810 (3 bits).
constexpr uint32_t CSR_INIT_DONE = 0x0, CSR_INIT_ERROR = 0x4, CSR_PI0_ADDRESS = 0x80c,
		   CSR_PI0_BADDRESS = 0x810;

struct csr_result {
	bool answered, err;
	uint32_t data;
	unsigned cycles;	// request to answer
};

// one PBUS access to the window; a 32-bit access to OFF enables the bytes of its half of the lane
csr_result csr_access(uint32_t lane_off, bool we, uint8_t be, uint64_t wdata)
{
	csr_result r{false, false, 0, 0};
	dut->c_req_i = 1;
	dut->c_addr_i = 0x12000000u + lane_off;	// the decoder's window base; only the offset counts
	dut->c_we_i = we;
	dut->c_be_i = be;
	dut->c_wdata_i = wdata;
	dut->eval();
	unsigned n = 0;
	for (; !dut->c_gnt_o && n < 100; n++)
		tick(), dut->eval();
	tick();
	dut->c_req_i = 0;
	dut->eval();
	for (n++; !dut->c_rvalid_o && n < 200; n++)
		tick(), dut->eval();
	if (dut->c_rvalid_o) {
		r.answered = true;
		r.err = dut->c_err_o;
		uint64_t d = dut->c_rdata_o;
		r.data = (be & 0xf0) ? (uint32_t)(d >> 32) : (uint32_t)d;
		r.cycles = n;
	}
	tick();
	dut->eval();
	return r;
}
csr_result csr_read(uint32_t off) { return csr_access(off & ~7u, false, off & 4 ? 0xf0 : 0x0f, 0); }
csr_result csr_write(uint32_t off, uint32_t v)
{
	return csr_access(off & ~7u, true, off & 4 ? 0xf0 : 0x0f, (uint64_t)v << (off & 4 ? 32 : 0));
}

void test_csr()
{
	csr_result done = csr_read(CSR_INIT_DONE), error = csr_read(CSR_INIT_ERROR);
	printf("figure: csr read %u cycles request to answer\n", done.cycles);
	check(done.answered && !done.err && done.data == 1 && error.answered && !error.err &&
	      error.data == 0, "csr: init_done reads 1 (pagoda_dram_init wrote it), init_error 0");
	// storage CSRs in the upper and the lower half of a lane: what is written reads back
	csr_result w1 = csr_write(CSR_PI0_ADDRESS, 0x2abc), w2 = csr_write(CSR_PI0_BADDRESS, 5);
	csr_result a = csr_read(CSR_PI0_ADDRESS), b = csr_read(CSR_PI0_BADDRESS);
	check(w1.answered && !w1.err && w2.answered && !w2.err && a.data == 0x2abc && b.data == 5,
	      "csr: the DFII's address (upper half) and bank address (lower half) read back");
	// software's init_done is the controller's: 0 stops the bridge, 1 lets it go again
	csr_write(CSR_INIT_DONE, 0);
	tick(), dut->eval();
	bool off = !dut->init_done_o && !dut->d_gnt_o && !dut->i_gnt_o;
	csr_write(CSR_INIT_DONE, 1);
	tick(), dut->eval();
	check(off && dut->init_done_o, "csr: init_done written 0 stops the bridge's grants, 1 "
	      "starts them again");
	// a 64-bit access has no CSR: err, nothing written
	csr_result wide = csr_access(CSR_PI0_BADDRESS, true, 0xff, 7ull << 32 | 7);
	csr_result after = csr_read(CSR_PI0_BADDRESS);
	check(wide.answered && wide.err && after.data == 5,
	      "csr: a 64-bit access is answered err and writes nothing");
}

// ---- functional: both ports, overlapping, against a model ----
struct expect_t {
	bool write;
	uint64_t data;
	uint32_t addr;
};

struct port_state {
	bool req = false;
	uint32_t addr = 0;
	bool we = false;
	uint8_t be = 0;
	uint64_t wdata = 0;
	std::deque<expect_t> q;
	unsigned granted = 0, answered = 0;
};

struct mem_model {
	std::unordered_map<uint32_t, uint64_t> lanes;	// addr of an 8-byte lane -> data
	uint64_t read(uint32_t a) const { return lanes.at(a); }
	void write(uint32_t a, uint64_t d, uint8_t be)
	{
		uint64_t &x = lanes.at(a);
		for (int b = 0; b < 8; b++)
			if (be >> b & 1)
				x = (x & ~(0xffull << 8 * b)) | (d & 0xffull << 8 * b);
	}
};

// returns the cycles it took (the memory's speed on a mixed load, full bridge)
uint64_t test_functional()
{
	// 8 banks x 2 rows x 16 columns: 256 words, preloaded through the backdoor
	std::vector<uint32_t> words;
	mem_model m;
	rng_state = 0x2545f4914f6cdd1dull;
	for (uint32_t row = 40; row < 42; row++)
		for (uint32_t bank = 0; bank < 8; bank++)
			for (uint32_t col = 0; col < 16; col++) {
				uint32_t w = row << 10 | bank << 7 | col * 5;
				uint64_t d[2] = {rnd(), rnd()};
				back_write(w, d);
				m.lanes[lane_addr(w, 0)] = d[0];
				m.lanes[lane_addr(w, 1)] = d[1];
				words.push_back(w);
			}
	port_state pi, pd, pw;
	unsigned bad = 0, unasked = 0, max_flight = 0, refused_full = 0, hazards = 0;
	// turns: grants to the other ports while a port's request waits (at most 2 each)
	unsigned passed[3] = {0, 0, 0}, max_passed[3] = {0, 0, 0};
	const unsigned N = 30000;	// transfers per port
	uint64_t t0 = cycle;
	// phases of 2000 cycles: both ports asking every cycle, or now and then (1 in 4)
	auto busy = [&]() { return ((cycle - t0) / 2000) % 2 == 0; };
	auto addr_pick = [&]() { return lane_addr(words[rnd() % words.size()], rnd() & 1); };
	while ((pi.answered < N || pd.answered < N || pw.answered < N) && cycle - t0 < 100ull * N) {
		if (!pi.req && pi.granted < N && (busy() || rnd() % 4 == 0)) {
			pi.req = true;
			pi.addr = addr_pick();
		}
		if (!pd.req && pd.granted < N && (busy() || rnd() % 4 == 0)) {
			pd.req = true;
			pd.addr = addr_pick();
			pd.we = rnd() & 1;
			pd.be = (uint8_t)(rnd() | 1) << (rnd() % 8);
			pd.wdata = rnd();
		}
		if (!pw.req && pw.granted < N && (busy() || rnd() % 4 == 0)) {
			pw.req = true;
			pw.addr = lane_addr(words[rnd() % words.size()], 0);
			pw.wdata = rnd();
		}
		dut->w_req_i = pw.req;
		dut->w_addr_i = pw.addr;
		dut->w_data_i = pw.wdata;
		dut->i_req_i = pi.req;
		dut->i_addr_i = pi.addr;
		dut->d_req_i = pd.req;
		dut->d_addr_i = pd.addr;
		dut->d_we_i = pd.we;
		dut->d_be_i = pd.be;
		dut->d_wdata_i = pd.wdata;
		dut->eval();
		// responses of this cycle (registered: never for a grant of this cycle)
		for (port_state *p : {&pi, &pd, &pw}) {
			bool rv = p == &pi ? dut->i_rvalid_o : p == &pd ? dut->d_rvalid_o : dut->w_rvalid_o;
			uint64_t rd = p == &pi ? dut->i_rdata_o : p == &pd ? dut->d_rdata_o : 0;
			bool err = p == &pi ? dut->i_err_o : p == &pd ? dut->d_err_o : dut->w_err_o;
			const char *pn = p == &pi ? "I" : p == &pd ? "D" : "W";
			if (!rv)
				continue;
			if (p->q.empty()) {
				if (unasked++ < 5)
					printf("  cycle %llu: %s response without a request\n",
					       (unsigned long long)cycle, pn);
				continue;
			}
			expect_t e = p->q.front();
			p->q.pop_front();
			p->answered++;
			if (err || (!e.write && rd != e.data)) {
				if (bad++ < 5)
					printf("  cycle %llu: %s %s 0x%08x: got %016llx%s, want %016llx\n",
					       (unsigned long long)cycle, pn,
					       e.write ? "write" : "read", e.addr,
					       (unsigned long long)rd, err ? " (err)" : "",
					       (unsigned long long)e.data);
			}
		}
		// grants: the model takes them in grant order (at most one a cycle)
		unsigned flight = (pi.granted - pi.answered) + (pd.granted - pd.answered) +
				  (pw.granted - pw.answered);
		bool gi = pi.req && dut->i_gnt_o, gd = pd.req && dut->d_gnt_o;
		bool gw = pw.req && dut->w_gnt_o;
		if (gi + gd + gw > 1 && bad++ < 5)
			printf("  cycle %llu: two grants at once\n", (unsigned long long)cycle);
		if (((pi.req && !gi) || (pd.req && !gd) || (pw.req && !gw)) && !(gi || gd || gw) &&
		    flight == DEPTH)
			refused_full++;
		if (gi) {
			pi.q.push_back({false, m.read(pi.addr), pi.addr});
			pi.granted++;
			pi.req = false;
		}
		if (gd) {
			for (const expect_t &e : pd.q)
				hazards += e.write && (e.addr & ~15u) == (pd.addr & ~15u);
			if (pd.we)
				m.write(pd.addr, pd.wdata, pd.be);
			pd.q.push_back({pd.we, pd.we ? 0 : m.read(pd.addr), pd.addr});
			pd.granted++;
			pd.req = false;
		}
		if (gw) {
			// the whole word, the datum in both halves
			for (const expect_t &e : pd.q)
				hazards += e.write && (e.addr & ~15u) == pw.addr;
			m.write(pw.addr, pw.wdata, 0xff);
			m.write(pw.addr + 8, pw.wdata, 0xff);
			pw.q.push_back({true, 0, pw.addr});
			pw.granted++;
		}
		bool req_now[3] = {pd.req, pi.req, pw.req}, gnt_now[3] = {gd, gi, gw};
		for (int k = 0; k < 3; k++) {
			passed[k] = gnt_now[k] || !req_now[k] ? 0 : passed[k] + (gd + gi + gw);
			max_passed[k] = std::max(max_passed[k], passed[k]);
		}
		if (gw)
			pw.req = false;
		flight += gi + gd + gw;
		max_flight = flight > max_flight ? flight : max_flight;
		tick();
	}
	idle_inputs();
	// a few idle cycles: nothing more may come
	for (int k = 0; k < 200; k++) {
		dut->eval();
		unasked += dut->i_rvalid_o + dut->d_rvalid_o + dut->w_rvalid_o;
		tick();
	}
	printf("figure: functional %s %u transfers per port in %llu cycles, max %u in flight, "
	       "bridge full with a request waiting %u cycles, %u accesses to a word with a write "
	       "in flight\n", mem_name(), N, (unsigned long long)(cycle - t0), max_flight,
	       refused_full, hazards);
	char msg[200];
	snprintf(msg, sizeof(msg),
		 "%s: three ports, %u reads on I, %u reads/writes on D, %u word writes on W over "
		 "8 banks x 2 rows: every answer in order with the data of the writes granted "
		 "before it", mem_name(), N, N, N);
	check(pi.answered == N && pd.answered == N && pw.answered == N && bad == 0, msg);
	snprintf(msg, sizeof(msg), "%s: no response without a request, none left unanswered",
		 mem_name());
	check(unasked == 0 && pi.q.empty() && pd.q.empty() && pw.q.empty(), msg);
	snprintf(msg, sizeof(msg), "%s: never more than DEPTH transfers in flight", mem_name());
	check(max_flight <= DEPTH, msg);
	printf("figure: functional %s grants to the others while a request waited, at most: "
	       "D %u, I %u, W %u\n", mem_name(), max_passed[0], max_passed[1], max_passed[2]);
	snprintf(msg, sizeof(msg), "%s: ports take turns: a waiting request is granted within "
		 "2 grants of the others (and D did wait through 2)", mem_name());
	check(max_passed[0] == 2 && max_passed[1] <= 2 && max_passed[2] <= 2, msg);
	return cycle - t0 - 200;
}

// ---- measured: dependent reads and streams, bridge and raw port ----
struct lat_stats {
	uint64_t n = 0, sum = 0, min = ~0ull, max = 0;
	void add(uint64_t v)
	{
		n++;
		sum += v;
		min = v < min ? v : min;
		max = v > max ? v : max;
	}
	double mean() const { return n ? (double)sum / n : 0; }
};

// One read, from the cycle the request (or command) is raised to the cycle its data is there.
uint64_t bridge_read(uint32_t w, uint64_t *out)
{
	uint64_t t0 = cycle;
	dut->d_req_i = 1;
	dut->d_we_i = 0;
	dut->d_be_i = 0xff;
	dut->d_addr_i = lane_addr(w, 0);
	dut->eval();
	while (!dut->d_gnt_o)
		tick(), dut->eval();
	tick();
	dut->d_req_i = 0;
	dut->eval();
	for (unsigned k = 0; !dut->d_rvalid_o; k++) {
		if (k > 10000) {
			printf("FAIL: bridge read never answered\n");
			exit(1);
		}
		tick(), dut->eval();
	}
	*out = dut->d_rdata_o;
	uint64_t lat = cycle - t0;
	tick();
	return lat;
}

uint64_t raw_read(uint32_t w, uint64_t *out)
{
	uint64_t t0 = cycle;
	dut->raw_cmd_valid_i = 1;
	dut->raw_cmd_we_i = 0;
	dut->raw_cmd_addr_i = w;
	dut->eval();
	while (!dut->raw_cmd_ready_o)
		tick(), dut->eval();
	tick();
	dut->raw_cmd_valid_i = 0;
	dut->eval();
	for (unsigned k = 0; !dut->raw_rdata_valid_o; k++) {
		if (k > 10000) {
			printf("FAIL: raw read never answered\n");
			exit(1);
		}
		tick(), dut->eval();
	}
	*out = (uint64_t)dut->raw_rdata_o[1] << 32 | dut->raw_rdata_o[0];
	uint64_t lat = cycle - t0;
	tick();
	return lat;
}

// The figures the fast model is calibrated against, measured on the memory selected.
struct figures {
	double open[2], random[2];	// dependent-read latency, mean: [0] bridge, [1] raw port
	double sread[2], swrite[2];	// streams, accesses a cycle: [0] bridge, [1] raw port
	double mixed;			// the functional test's cycles per transfer
};

void test_latency(figures &f)
{
	for (int raw = 0; raw < 2; raw++) {
		dut->raw_i = raw;
		lat_stats open, random;
		// one row of bank 2, then random words over all 256 MiB; each read waits for the last
		rng_state = 0x9e3779b97f4a7c15ull;
		for (int i = 0; i < 2000; i++) {
			uint64_t d;
			uint32_t w = 77u << 10 | 2u << 7 | (uint32_t)(rnd() % 128);
			uint64_t lat = raw ? raw_read(w, &d) : bridge_read(w, &d);
			if (i)	// the first opens the row
				open.add(lat);
		}
		for (int i = 0; i < 10000; i++) {
			uint64_t d;
			uint32_t w = (uint32_t)(rnd() % WORDS);
			random.add(raw ? raw_read(w, &d) : bridge_read(w, &d));
		}
		const char *who = raw ? "raw" : "bridge";
		printf("figure: %s latency_%s_open_row min %llu mean %.1f max %llu (n %llu)\n",
		       mem_name(), who, (unsigned long long)open.min, open.mean(),
		       (unsigned long long)open.max, (unsigned long long)open.n);
		printf("figure: %s latency_%s_random_dependent min %llu mean %.1f max %llu (n %llu)\n",
		       mem_name(), who, (unsigned long long)random.min, random.mean(),
		       (unsigned long long)random.max, (unsigned long long)random.n);
		f.open[raw] = open.mean();
		f.random[raw] = random.mean();
	}
	dut->raw_i = 0;
	dut->eval();
}

// n 64-bit lanes from lane base on (two a 16-byte word) through port D, or with `wide` n whole
// 16-byte words through port W (writes, one command a word); the request up whenever one is
// left; accesses per cycle from the first request to the last answer.
double bridge_stream(uint32_t wbase, unsigned n, bool we, bool wide = false)
{
	unsigned issued = 0, got = 0;
	uint64_t t0 = cycle;
	while (got < n) {
		if (wide) {
			dut->w_req_i = issued < n;
			dut->w_data_i = issued;
			dut->w_addr_i = lane_addr(wbase + issued, 0);
		} else {
			dut->d_req_i = issued < n;
			dut->d_we_i = we;
			dut->d_be_i = 0xff;
			dut->d_wdata_i = issued;
			dut->d_addr_i = lane_addr(wbase + issued / 2, issued & 1);
		}
		dut->eval();
		bool g = wide ? dut->w_req_i && dut->w_gnt_o : dut->d_req_i && dut->d_gnt_o;
		got += wide ? dut->w_rvalid_o : dut->d_rvalid_o;
		tick();
		issued += g;
		if (cycle - t0 > 100ull * n) {
			printf("FAIL: bridge %sstream stalled\n", wide ? "wide " : "");
			exit(1);
		}
	}
	dut->d_req_i = 0;
	dut->w_req_i = 0;
	dut->eval();
	return (double)n / (double)(cycle - t0);
}

// the same commands (one per lane, word base + i / 2) on the raw port
double raw_stream(uint32_t wbase, unsigned n, bool we)
{
	unsigned issued = 0, got = 0;
	uint64_t t0 = cycle;
	dut->raw_wdata_we_i = 0xffff;
	while (got < n) {
		dut->raw_cmd_valid_i = issued < n;
		dut->raw_cmd_we_i = we;
		dut->raw_cmd_addr_i = wbase + issued / 2;
		dut->raw_wdata_valid_i = we && got < issued;
		dut->raw_wdata_i[0] = got;
		dut->eval();
		bool c = dut->raw_cmd_valid_i && dut->raw_cmd_ready_o;
		bool d = we ? dut->raw_wdata_ready_o && got < issued : dut->raw_rdata_valid_o;
		tick();
		issued += c;
		got += d;
		if (cycle - t0 > 100ull * n) {
			printf("FAIL: raw stream stalled\n");
			exit(1);
		}
	}
	dut->raw_cmd_valid_i = 0;
	dut->raw_wdata_valid_i = 0;
	dut->eval();
	return (double)n / (double)(cycle - t0);
}

void test_stream(figures &f)
{
	const unsigned n = 8192;
	const uint32_t base = 1u << 20;
	double br = bridge_stream(base, n, false);
	double bw = bridge_stream(base, n, true);
	double bww = bridge_stream(base, n, true, true);
	unsigned wrong = 0;
	for (unsigned i = 0; i < n; i++) {
		uint64_t d[2];
		back_read(base + i, d);
		wrong += d[0] != i || d[1] != i;
	}
	dut->raw_i = 1;
	double rr = raw_stream(base, n, false);
	double rw = raw_stream(base, n, true);
	dut->raw_i = 0;
	dut->eval();
	printf("figure: %s stream_read bridge %.3f raw %.3f accesses/cycle (bridge/raw %.2f)\n",
	       mem_name(), br, rr, br / rr);
	printf("figure: %s stream_write bridge %.3f raw %.3f accesses/cycle (bridge/raw %.2f)\n",
	       mem_name(), bw, rw, bw / rw);
	// With DEPTH transfers in flight the bridge streams at DEPTH / (round trip) when that is
	// below the port's rate; at least half the port's rate with the defaults (one at a time it
	// would be one round trip per access, under a tenth of it).
	char msg[160];
	snprintf(msg, sizeof(msg), "%s: bridge streams reads at >= 1/2 of the raw port (%.3f / %.3f)",
		 mem_name(), br, rr);
	check(br >= 0.5 * rr, msg);
	snprintf(msg, sizeof(msg), "%s: bridge streams writes at >= 1/2 of the raw port (%.3f / %.3f)",
		 mem_name(), bw, rw);
	check(bw >= 0.5 * rw, msg);
	// Port W: a command per 16-byte word, as the raw port streams them (pgaccel's ZERO)
	printf("figure: %s stream_write_wide bridge %.3f raw %.3f words/cycle (bridge/raw %.2f)\n",
	       mem_name(), bww, rw, bww / rw);
	snprintf(msg, sizeof(msg), "%s: port W streams whole words at >= 0.85 of the raw port's "
		 "writes (%.3f / %.3f), each word written in both halves", mem_name(), bww, rw);
	check(bww >= 0.85 * rw && wrong == 0, msg);
	f.sread[0] = br;
	f.sread[1] = rr;
	f.swrite[0] = bw;
	f.swrite[1] = rw;
}

// ---- the fast model ----

// Its parameters are the LiteDRAM configuration's (litedram_timing.h, from the same LiteDRAM
// calls the generator makes): the model's word is one burst (colbits less 3), its address the
// native port's (row, bank, column), its timings the controller's cycles.
void test_model_params()
{
	// CWL_CYCLES: the multiplexer's write latency in controller cycles, ceil(CWL / nphases)
	const char *name[12] = {"AW", "COL_BITS", "BANK_BITS", "READ_LATENCY", "T_RCD", "T_RP",
				"T_RAS", "T_RFC", "T_REFI", "CMD_DEPTH", "T_WTR", "CWL_CYCLES"};
	const uint32_t want[12] = {LD_ROWBITS + LD_BANKBITS + LD_COLBITS - 3, LD_COLBITS - 3,
				   LD_BANKBITS, LD_READ_LATENCY, LD_TRCD, LD_TRP, LD_TRAS,
				   LD_TRFC, LD_TREFI, LD_CMD_BUFFER_DEPTH, LD_TWTR,
				   (LD_CWL + LD_NPHASES - 1) / LD_NPHASES};
	unsigned bad = 0;
	for (int i = 0; i < 12; i++) {
		uint32_t got = dut->model_cfg_o[i];
		if (got != want[i]) {
			printf("  model %s = %u, litedram_timing.h says %u\n", name[i], got, want[i]);
			bad++;
		}
	}
	check(bad == 0 && (dut->size_o >> 4) == 1u << dut->model_cfg_o[0],
	      "model: its address bits and timings are litedram_timing.h's, its size the bridge's");
}

// Data on the raw port, commands back to back (reads and writes with random byte enables, in
// flight together) on 4,096 random words over the whole memory, against a reference updated in
// command order; then every word through the backdoor. Run on LiteDRAM too: the same test holds
// for the controller it models.
void test_raw_data()
{
	struct word_t {
		uint64_t d[2];
	};
	std::unordered_map<uint32_t, word_t> ref;
	std::vector<uint32_t> words;
	rng_state = 0x6a09e667f3bcc909ull;
	while (words.size() < 4096) {
		uint32_t w = (uint32_t)(rnd() % WORDS);
		if (ref.count(w))
			continue;
		word_t v{{rnd(), rnd()}};
		back_write(w, v.d);
		ref[w] = v;
		words.push_back(w);
	}
	struct pend_t {
		uint32_t w;
		uint64_t d[2];
		uint16_t we;
	};
	std::deque<pend_t> wq;	// writes taken, data not yet
	std::deque<std::pair<uint32_t, word_t>> rq;	// reads taken: expected data
	const unsigned N = 40000;
	unsigned issued = 0, bad = 0, reads = 0, writes = 0;
	bool cv = false, cwe = false;
	uint32_t caddr = 0;
	pend_t cw{};
	dut->raw_i = 1;
	uint64_t t0 = cycle;
	while ((issued < N || !wq.empty() || !rq.empty()) && cycle - t0 < 100ull * N) {
		if (!cv && issued < N) {
			cv = true;
			caddr = words[rnd() % words.size()];
			cwe = rnd() & 1;
			cw = {caddr, {rnd(), rnd()}, (uint16_t)rnd()};
		}
		dut->raw_cmd_valid_i = cv;
		dut->raw_cmd_we_i = cwe;
		dut->raw_cmd_addr_i = caddr;
		dut->raw_wdata_valid_i = !wq.empty();
		if (!wq.empty()) {
			const pend_t &p = wq.front();
			dut->raw_wdata_we_i = p.we;
			for (int i = 0; i < 4; i++)
				dut->raw_wdata_i[i] = (uint32_t)(p.d[i / 2] >> (32 * (i & 1)));
		}
		dut->eval();
		if (dut->raw_rdata_valid_o) {
			if (rq.empty()) {
				bad++;
			} else {
				auto e = rq.front();
				rq.pop_front();
				uint64_t g[2] = {(uint64_t)dut->raw_rdata_o[1] << 32 | dut->raw_rdata_o[0],
						 (uint64_t)dut->raw_rdata_o[3] << 32 | dut->raw_rdata_o[2]};
				if (g[0] != e.second.d[0] || g[1] != e.second.d[1]) {
					if (bad++ < 5)
						printf("  %s word 0x%06x: read %016llx%016llx, want "
						       "%016llx%016llx\n", mem_name(), e.first,
						       (unsigned long long)g[1], (unsigned long long)g[0],
						       (unsigned long long)e.second.d[1],
						       (unsigned long long)e.second.d[0]);
				}
			}
		}
		bool wtake = dut->raw_wdata_ready_o && !wq.empty();
		if (dut->raw_wdata_ready_o && wq.empty() && writes > 0 && bad++ < 5)
			printf("  %s: write data taken with none pending\n", mem_name());
		if (wtake)
			wq.pop_front();
		if (cv && dut->raw_cmd_ready_o) {
			// the reference follows command order
			word_t &r = ref[caddr];
			if (cwe) {
				for (int b = 0; b < 16; b++)
					if (cw.we >> b & 1) {
						uint64_t m = 0xffull << 8 * (b & 7);
						r.d[b / 8] = (r.d[b / 8] & ~m) | (cw.d[b / 8] & m);
					}
				wq.push_back(cw);
				writes++;
			} else {
				rq.push_back({caddr, r});
				reads++;
			}
			cv = false;
			issued++;
		}
		tick();
	}
	dut->raw_cmd_valid_i = 0;
	dut->raw_wdata_valid_i = 0;
	dut->raw_i = 0;
	dut->eval();
	unsigned back_bad = 0;
	for (uint32_t w : words) {
		uint64_t d[2];
		back_read(w, d);
		back_bad += d[0] != ref[w].d[0] || d[1] != ref[w].d[1];
	}
	printf("figure: %s raw data test %u reads, %u writes in %llu cycles\n", mem_name(), reads,
	       writes, (unsigned long long)(cycle - t0));
	char msg[200];
	snprintf(msg, sizeof(msg), "%s: raw port, %u commands back to back on 4096 random words "
		 "(byte-enabled writes): every read answers in order with the reference's data, "
		 "every word reads back through the backdoor (%u + %u bad)", mem_name(), N, bad,
		 back_bad);
	check(issued == N && wq.empty() && rq.empty() && bad == 0 && back_bad == 0, msg);
}

// Each figure of the model within 10% of LiteDRAM's, both measured in this run.
void test_calibration(const figures &ld, const figures &fm)
{
	struct row {
		const char *name;
		double l, m;
	} rows[] = {
		{"pointer chase, open row, raw port (cycles)", ld.open[1], fm.open[1]},
		{"pointer chase, open row, bridge (cycles)", ld.open[0], fm.open[0]},
		{"pointer chase, random 256 MiB, raw port (cycles)", ld.random[1], fm.random[1]},
		{"pointer chase, random 256 MiB, bridge (cycles)", ld.random[0], fm.random[0]},
		{"stream read, raw port (accesses/cycle)", ld.sread[1], fm.sread[1]},
		{"stream read, bridge (accesses/cycle)", ld.sread[0], fm.sread[0]},
		{"stream write, raw port (accesses/cycle)", ld.swrite[1], fm.swrite[1]},
		{"stream write, bridge (accesses/cycle)", ld.swrite[0], fm.swrite[0]},
		{"mixed reads and writes, three ports, bridge full (cycles/transfer)", ld.mixed,
		 fm.mixed},
	};
	for (const row &r : rows) {
		double ratio = r.m / r.l;
		printf("figure: calibration %s: litedram %.3f model %.3f model/litedram %.3f\n",
		       r.name, r.l, r.m, ratio);
		char msg[200];
		snprintf(msg, sizeof(msg), "model within 10%% of LiteDRAM: %s (%.3f / %.3f = %.3f)",
			 r.name, r.m, r.l, ratio);
		check(ratio >= 0.9 && ratio <= 1.1, msg);
	}
}

}  // namespace

int main(int argc, char **argv)
{
	Verilated::commandArgs(argc, argv);
	dut = new Vtb_dram_bridge;
	root = dut->rootp;
	dut->eval();
	WORDS = dut->size_o / 16;
	DEPTH = dut->depth_o;
	printf("bridge: %u MiB, %u transfers in flight\n", dut->size_o >> 20, DEPTH);
	select_mem(false);
	init();
	test_csr();
	test_model_params();
	figures ld{}, fm{};
	for (bool m : {false, true}) {
		select_mem(m);
		check(dut->init_done_o, m ? "model: init_done" : "litedram: init_done");
		(m ? fm : ld).mixed = test_functional() / 90000.0;
		test_raw_data();
		test_latency(m ? fm : ld);
		test_stream(m ? fm : ld);
	}
	select_mem(false);
	test_calibration(ld, fm);
	dut->final();
	printf("suite-result: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
