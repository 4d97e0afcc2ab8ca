// SPDX-License-Identifier: BSD-2-Clause
// The board's own blocks under Verilator (suite fpga-blocks, tests/fpga/fpga.mk):
// - pagoda_dram_cdc between two unrelated clocks (SoC period 20, controller 7, then 6 and 17):
//   300 native-port commands with their write data and read data, with stalls from a
//   deterministic LFSR on both sides, must arrive exactly once and in order; Wishbone cycles on
//   wb_ctrl reach the controller side once each and come back with their data, ack or err;
//   init_done crosses. The controller side is modelled as LiteDRAM's native port behaves (the
//   generated core leaves wdata_valid and rdata_ready unconnected): it asks for a write's data
//   (wdata_ready, one cycle) some cycles after it took the write command, whether the data are
//   there or not, and gives read data without looking at rdata_ready; the SoC side as
//   pagoda_dram_bridge: at most 8 reads in flight, read data always taken. Write data missing
//   when asked for, or read data finding no room, fail the run.
// - pagoda_uart_phy at 10 clocks a bit: bytes in loopback, a frame with a low stop bit (dropped
//   and flagged), a short glitch (ignored), a frame driven bit by bit.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>
#include "Vtb_arty_blocks.h"
#include "verilated.h"

static std::unique_ptr<Vtb_arty_blocks> t;
static int passed, failed;

static void check(bool ok, const char *what)
{
	if (ok) {
		passed++;
	} else {
		failed++;
		printf("FAIL: %s\n", what);
	}
}

static uint32_t lfsr = 0xace1u;
static bool coin(unsigned percent)   // deterministic: the same run every time
{
	lfsr ^= lfsr << 13;
	lfsr ^= lfsr >> 17;
	lfsr ^= lfsr << 5;
	return lfsr % 100 < percent;
}

// ---------------------------------------------------------------- two clocks
struct Clocks {
	uint64_t now = 0, next_s = 0, next_d = 0;
	unsigned half_s, half_d;
};
static Clocks ck;

struct Side {   // what a domain does at its rising edge: look (before), then drive (after)
	virtual void pre() = 0;
	virtual void post() = 0;
	virtual ~Side() {}
};

struct Idle : Side {
	void pre() override {}
	void post() override {}
};

// advance to the next clock event; a rising edge runs that side's pre(), the edge, its post()
static void event(Side &soc, Side &dram)
{
	bool s = ck.next_s <= ck.next_d;
	ck.now = s ? ck.next_s : ck.next_d;
	if (s) {
		bool rise = !t->clk_i;
		if (rise)
			soc.pre();
		t->clk_i = !t->clk_i;
		t->eval();
		if (rise)
			soc.post();
		ck.next_s += ck.half_s;
	} else {
		bool rise = !t->dclk_i;
		if (rise)
			dram.pre();
		t->dclk_i = !t->dclk_i;
		t->eval();
		if (rise)
			dram.post();
		ck.next_d += ck.half_d;
	}
	t->eval();
}

// ---------------------------------------------------------------- the crossing
struct Cmd {
	bool we;
	uint32_t addr;
};
static unsigned __int128 wd_of(unsigned i) { return ((unsigned __int128)(0x1000u + i) << 64) | (i * 0x9e3779b97f4a7c15ull); }
static unsigned __int128 rd_of(uint32_t addr) { return ((unsigned __int128)addr << 96) | (addr * 0x2545f4914f6cdd1dull); }
static unsigned __int128 get128(const uint32_t *w) { return ((unsigned __int128)w[3] << 96) | ((unsigned __int128)w[2] << 64) | ((uint64_t)w[1] << 32) | w[0]; }
static void set128(uint32_t *w, unsigned __int128 v) { for (int i = 0; i < 4; i++) w[i] = (uint32_t)(v >> (32 * i)); }

static const unsigned NCMD = 300, NWB = 24;

struct Model {
	std::deque<Cmd> cmds;               // all commands, in order
	unsigned cmd_sent = 0, wd_sent = 0, cmd_seen = 0, wd_seen = 0, rd_got = 0, nwr = 0;
	std::deque<uint32_t> rd_expect;     // addresses of reads, in order: the data to expect
	std::deque<uint32_t> rd_pending;    // at the controller: reads to answer
	unsigned wr_pending = 0;            // at the controller: writes whose data it has not asked for
	unsigned wd_missing = 0, rd_lost = 0;
	bool order_ok = true, wd_ok = true, rd_ok = true;
	// wb
	unsigned wb_idx = 0, wb_acked = 0, wb_seen = 0, wb_gap = 0;
	bool wb_ok = true, wb_once_ok = true;
	int wb_wait = -1;                   // controller side: cycles until the answer
	bool d_wb_answered = false;
};
static Model m;

static bool wb_err_for(uint32_t adr) { return (adr & 7) == 3; }

struct SocSide : Side {
	void pre() override
	{
		if (t->cmd_valid_i && t->cmd_ready_o)
			m.cmd_sent++;
		if (t->wdata_valid_i && t->wdata_ready_o)
			m.wd_sent++;
		if (t->rdata_valid_o && t->rdata_ready_i) {
			if (m.rd_expect.empty() || get128(t->rdata_data_o.data()) != rd_of(m.rd_expect.front()))
				m.rd_ok = false;
			if (!m.rd_expect.empty())
				m.rd_expect.pop_front();
			m.rd_got++;
		}
		if (t->wb_cyc_i && (t->wb_ack_o || t->wb_err_o)) {
			uint32_t adr = 0x100 + m.wb_idx;
			bool we = m.wb_idx & 1;
			if (t->wb_ack_o && t->wb_err_o)
				m.wb_ok = false;
			if (wb_err_for(adr) != (bool)t->wb_err_o)
				m.wb_ok = false;
			if (!we && t->wb_ack_o && t->wb_dat_o != adr * 3 + 1)
				m.wb_ok = false;
			m.wb_acked++;
			m.wb_idx++;
			m.wb_gap = m.wb_idx % 3;
		} else if (!t->wb_cyc_i && (t->wb_ack_o || t->wb_err_o)) {
			m.wb_ok = false;   // an answer nobody asked for
		}
	}
	void post() override
	{
		// as the bridge: at most 8 transfers (here: reads) in flight
		unsigned rd_sent = 0;
		for (unsigned i = 0; i < m.cmd_sent; i++)
			rd_sent += !m.cmds[i].we;
		bool room = m.cmd_sent < NCMD && (m.cmds[m.cmd_sent].we || rd_sent - m.rd_got < 8);
		t->cmd_valid_i = room && coin(70);
		if (m.cmd_sent < NCMD) {
			t->cmd_we_i = m.cmds[m.cmd_sent].we;
			t->cmd_addr_i = m.cmds[m.cmd_sent].addr;
		}
		t->wdata_valid_i = m.wd_sent < m.nwr && coin(70);
		set128(t->wdata_data_i.data(), wd_of(m.wd_sent));
		t->wdata_we_i = 0xffff ^ m.wd_sent;
		t->rdata_ready_i = 1;   // the bridge always takes read data
		if (m.wb_gap) {
			m.wb_gap--;
			t->wb_cyc_i = t->wb_stb_i = 0;
		} else {
			bool go = m.wb_idx < NWB;
			t->wb_cyc_i = t->wb_stb_i = go;
			t->wb_we_i = m.wb_idx & 1;
			t->wb_adr_i = 0x100 + m.wb_idx;
			t->wb_dat_i = 0xd0000000u + m.wb_idx;
			t->wb_sel_i = 0xf;
		}
	}
};

struct DramSide : Side {
	void pre() override
	{
		if (t->d_cmd_valid_o && t->d_cmd_ready_i) {
			if (m.cmd_seen >= NCMD || t->d_cmd_we_o != m.cmds[m.cmd_seen].we ||
			    t->d_cmd_addr_o != m.cmds[m.cmd_seen].addr)
				m.order_ok = false;
			if (!t->d_cmd_we_o)
				m.rd_pending.push_back(t->d_cmd_addr_o);
			m.cmd_seen++;
		}
		if (t->d_cmd_valid_o && t->d_cmd_ready_i && t->d_cmd_we_o)
			m.wr_pending++;
		if (t->d_wdata_ready_i && !t->d_wdata_valid_o) {   // LiteDRAM writes whatever is there
			m.wd_missing++;
			m.wd_ok = false;
			m.wd_seen++;
		} else if (t->d_wdata_valid_o && t->d_wdata_ready_i) {
			if (get128(t->d_wdata_data_o.data()) != wd_of(m.wd_seen) ||
			    t->d_wdata_we_o != (uint16_t)(0xffff ^ m.wd_seen))
				m.wd_ok = false;
			m.wd_seen++;
		}
		if (t->d_rdata_valid_i) {   // LiteDRAM does not wait
			if (!t->d_rdata_ready_o) {
				m.rd_lost++;
				m.rd_ok = false;
			}
			m.rd_pending.pop_front();
		}
		if (t->d_wb_cyc_o && t->d_wb_stb_o && (t->d_wb_ack_i || t->d_wb_err_i))
			m.d_wb_answered = true;
	}
	void post() override
	{
		t->d_cmd_ready_i = coin(50);
		// the data of the oldest write taken, asked for once, some cycles after
		t->d_wdata_ready_i = m.wr_pending && coin(50);
		if (t->d_wdata_ready_i)
			m.wr_pending--;
		t->d_rdata_valid_i = !m.rd_pending.empty() && coin(60);
		if (!m.rd_pending.empty())
			set128(t->d_rdata_data_i.data(), rd_of(m.rd_pending.front()));
		// wb slave: answers each cycle after 0..3 cycles, once
		t->d_wb_ack_i = t->d_wb_err_i = 0;
		if (m.d_wb_answered) {
			m.d_wb_answered = false;
			m.wb_wait = -1;
			return;
		}
		if (t->d_wb_cyc_o && t->d_wb_stb_o) {
			if (m.wb_wait < 0) {
				uint32_t want = 0x100 + m.wb_seen;
				bool we = m.wb_seen & 1;
				if (t->d_wb_adr_o != want || t->d_wb_we_o != we || t->d_wb_sel_o != 0xf ||
				    (we && t->d_wb_dat_o != 0xd0000000u + m.wb_seen))
					m.wb_once_ok = false;
				m.wb_seen++;
				m.wb_wait = lfsr % 4;
			}
			if (m.wb_wait-- == 0) {
				bool err = wb_err_for(t->d_wb_adr_o);
				t->d_wb_ack_i = !err;
				t->d_wb_err_i = err;
				t->d_wb_dat_i = t->d_wb_adr_o * 3 + 1;
			}
		}
	}
};

static void reset_all()
{
	t->clk_i = t->dclk_i = 0;
	t->rst_ni = t->drst_ni = 0;
	t->cmd_valid_i = t->wdata_valid_i = t->rdata_ready_i = 0;
	t->wb_cyc_i = t->wb_stb_i = 0;
	t->d_cmd_ready_i = t->d_wdata_ready_i = t->d_rdata_valid_i = 0;
	t->d_wb_ack_i = t->d_wb_err_i = 0;
	t->d_init_done_i = t->d_init_error_i = 0;
	t->tx_valid_i = 0;
	t->loop_i = 1;
	t->rx_pin_i = 1;
	t->eval();
	ck.now = ck.next_s = ck.next_d = 0;
}

// A crossing test's start: everything reset, the two clocks' half periods set, 40 events with
// nothing driven (the FIFOs' ready says nothing in reset), then both resets released.
static void start_crossing(unsigned half_s, unsigned half_d)
{
	reset_all();
	ck.half_s = half_s;
	ck.half_d = half_d;
	Idle idle;
	for (int i = 0; i < 40; i++)
		event(idle, idle);
	t->rst_ni = t->drst_ni = 1;
	t->eval();
}

static void test_crossing(unsigned half_s, unsigned half_d, const char *name)
{
	char what[160];
	m = Model();
	for (unsigned i = 0; i < NCMD; i++) {
		Cmd c = {coin(40), (uint32_t)(lfsr & 0xffffff)};
		m.cmds.push_back(c);
		if (c.we)
			m.nwr++;
		else
			m.rd_expect.push_back(c.addr);
	}
	unsigned nrd = NCMD - m.nwr;
	start_crossing(half_s, half_d);
	SocSide soc;
	DramSide dram;
	bool init_early = false;
	uint64_t limit = 400000;
	while (ck.now < limit && (m.rd_got < nrd || m.cmd_seen < NCMD || m.wd_seen < m.nwr ||
				  m.wb_acked < NWB)) {
		event(soc, dram);
		init_early |= t->init_done_o;
	}
	if (getenv("TB_DEBUG"))
		printf("now %llu sent %u seen %u wd %u/%u rd %u pend %zu dv %d dr %d v %d r %d\n",
		       (unsigned long long)ck.now, m.cmd_sent, m.cmd_seen, m.wd_sent, m.wd_seen, m.rd_got,
		       m.rd_pending.size(), t->d_cmd_valid_o, t->d_cmd_ready_i, t->cmd_valid_i,
		       t->cmd_ready_o);
	snprintf(what, sizeof what, "%s: every command reaches the controller, in order (%u/%u)",
		 name, m.cmd_seen, NCMD);
	check(m.cmd_seen == NCMD && m.order_ok, what);
	snprintf(what, sizeof what, "%s: every write's data reaches the controller, in order (%u/%u)",
		 name, m.wd_seen, m.nwr);
	check(m.wd_seen == m.nwr && m.wd_ok, what);
	snprintf(what, sizeof what, "%s: no write data missing when the controller asked (%u), "
		 "no read data lost (%u)", name, m.wd_missing, m.rd_lost);
	check(!m.wd_missing && !m.rd_lost, what);
	snprintf(what, sizeof what, "%s: every read's data comes back, in order (%u/%u)", name,
		 m.rd_got, nrd);
	check(m.rd_got == nrd && m.rd_ok && m.rd_expect.empty(), what);
	snprintf(what, sizeof what, "%s: wb_ctrl: each cycle reaches the controller once (%u/%u)",
		 name, m.wb_seen, NWB);
	check(m.wb_seen == NWB && m.wb_once_ok, what);
	snprintf(what, sizeof what, "%s: wb_ctrl: each cycle answered once, data and err right (%u)",
		 name, m.wb_acked);
	check(m.wb_acked == NWB && m.wb_ok, what);
	// nothing more arrives afterwards
	unsigned seen = m.cmd_seen, got = m.rd_got;
	for (int i = 0; i < 400; i++)
		event(soc, dram);
	snprintf(what, sizeof what, "%s: nothing after the end", name);
	check(m.cmd_seen == seen && m.rd_got == got && !t->d_cmd_valid_o && !t->rdata_valid_o, what);
	// init_done: a level, synchronised
	snprintf(what, sizeof what, "%s: init_done low until the controller reports it", name);
	check(!init_early, what);
	t->d_init_done_i = 1;
	t->eval();
	unsigned soc_edges = 0;
	bool was = t->clk_i;
	while (!t->init_done_o && soc_edges < 10) {
		event(soc, dram);
		if (t->clk_i && !was)
			soc_edges++;
		was = t->clk_i;
	}
	snprintf(what, sizeof what, "%s: init_done crosses in 2..3 SoC clocks (%u)", name,
		 soc_edges);
	check(t->init_done_o && soc_edges >= 2 && soc_edges <= 3, what);
}

// ---------------------------------------------------------------- a stream of writes
// The bridge's write stream (pgaccel's ZERO, the data cache's write-backs): a write command and
// its data offered every SoC cycle; the controller takes every command at once and asks for its
// data WLAT of its cycles later, as LiteDRAM on an open row (the WRITE 3 cycles after the
// command, the data 1 after it). Every write's data must be there when asked for, in order, and
// the writes must overlap: the controller's cycles per write are measured. With one write at a
// time through the crossing (until 2026-12-07) a write took WLAT + 1 controller cycles.
static void test_write_stream(unsigned half_s, unsigned half_d, double min_rate, const char *name)
{
	static const unsigned N = 200, WLAT = 4;
	struct Stream {
		unsigned sent = 0, wsent = 0, taken = 0, served = 0, missing = 0;
		bool ok = true;
		uint64_t dcyc = 0, first = 0, last = 0;
		std::deque<uint64_t> due;   // controller cycle at which each taken write's data is asked
	} st;
	struct Soc : Side {
		Stream &st;
		explicit Soc(Stream &s) : st(s) {}
		void pre() override
		{
			st.sent += t->cmd_valid_i && t->cmd_ready_o;
			st.wsent += t->wdata_valid_i && t->wdata_ready_o;
		}
		void post() override
		{
			t->cmd_valid_i = st.sent < N;
			t->cmd_we_i = 1;
			t->cmd_addr_i = st.sent;
			t->wdata_valid_i = st.wsent < N;
			set128(t->wdata_data_i.data(), wd_of(st.wsent));
			t->wdata_we_i = 0xffff;
			t->rdata_ready_i = 1;
		}
	} soc(st);
	struct Dram : Side {
		Stream &st;
		explicit Dram(Stream &s) : st(s) {}
		void pre() override
		{
			st.dcyc++;
			if (t->d_cmd_valid_o && t->d_cmd_ready_i) {
				if (!st.taken)
					st.first = st.dcyc;
				st.taken++;
				st.due.push_back(st.dcyc + WLAT);
			}
			if (t->d_wdata_ready_i) {
				if (!t->d_wdata_valid_o)
					st.missing++;
				else if (get128(t->d_wdata_data_o.data()) != wd_of(st.served))
					st.ok = false;
				st.served++;
				st.last = st.dcyc;
			}
		}
		void post() override
		{
			t->d_cmd_ready_i = 1;
			// one ask a cycle, in order, at the earliest at the command's due cycle
			t->d_wdata_ready_i = !st.due.empty() && st.due.front() <= st.dcyc + 1;
			if (t->d_wdata_ready_i)
				st.due.pop_front();
			t->d_rdata_valid_i = 0;
		}
	} dram(st);
	char what[160];
	start_crossing(half_s, half_d);
	while (ck.now < 200000 && st.served < N)
		event(soc, dram);
	double rate = st.served > 1 ? (double)(st.served - 1) / (double)(st.last - st.first) : 0;
	snprintf(what, sizeof what, "%s: %u writes, each one's data there when asked (%u missing), "
		 "in order", name, st.served, st.missing);
	check(st.served == N && !st.missing && st.ok, what);
	snprintf(what, sizeof what, "%s: writes overlap: %.2f a controller cycle (at least %.2f)",
		 name, rate, min_rate);
	check(rate >= min_rate, what);
}

// ---------------------------------------------------------------- UART line
static void tick()
{
	t->clk_i = 1;
	t->eval();
	t->clk_i = 0;
	t->eval();
}

static void test_uart_phy()
{
	reset_all();
	t->rx_ready_i = 1;
	tick();
	t->rst_ni = 1;
	t->drst_ni = 1;
	t->eval();
	check(t->tx_o == 1 && t->tx_ready_o, "uart phy: line idles high, ready");

	const uint8_t bytes[] = {0x00, 0x55, 0xa5, 0xff, 0x01, 0x80, 0x3c, 'P', 'g', 0x7e};
	const unsigned n = sizeof bytes;
	unsigned sent = 0, got = 0, ferr = 0;
	bool order = true;
	for (int c = 0; c < 200 * (int)n && got < n; c++) {
		t->tx_valid_i = sent < n && t->tx_ready_o;
		t->tx_data_i = sent < n ? bytes[sent] : 0;
		t->eval();
		bool take = t->tx_valid_i && t->tx_ready_o;
		if (t->rx_valid_o) {
			order &= got < n && t->rx_data_o == bytes[got];
			got++;
		}
		ferr += t->rx_frame_err_o;
		tick();
		if (take)
			sent++;
	}
	t->tx_valid_i = 0;
	if (getenv("TB_DEBUG"))
		printf("uart loopback: sent %u got %u ferr %u order %d\n", sent, got, ferr, order);
	check(got == n && order && ferr == 0, "uart phy: loopback, every byte once, in order");
	// a byte takes 10 bits of 10 clocks: the line is busy for 100 clocks after a byte is taken
	for (int c = 0; c < 20 && !t->tx_ready_o; c++)
		tick();   // the last loopback byte's stop bit
	t->tx_valid_i = 1;
	t->tx_data_i = 0x5a;
	t->eval();
	tick();
	t->tx_valid_i = 0;
	int busy = 0;
	while (!t->tx_ready_o && busy < 1000) {
		tick();
		busy++;
	}
	check(busy >= 99 && busy <= 100, "uart phy: one frame = 10 bits of 10 clocks");
	for (int i = 0; i < 100; i++)
		tick();

	// frames driven on the pin: bits[0] start, 8 data LSB first, stop; 10 clocks each
	t->loop_i = 0;
	auto frame = [](uint8_t data, int stop, unsigned &valid, unsigned &errs, int &byte) {
		int bits[10] = {0};
		for (int i = 0; i < 8; i++)
			bits[1 + i] = (data >> i) & 1;
		bits[9] = stop;
		for (int b = 0; b < 10; b++)
			for (int c = 0; c < 10; c++) {
				t->rx_pin_i = bits[b];
				t->eval();
				if (t->rx_valid_o) {
					valid++;
					byte = t->rx_data_o;
				}
				errs += t->rx_frame_err_o;
				tick();
			}
		t->rx_pin_i = 1;
		for (int c = 0; c < 30; c++) {
			t->eval();
			if (t->rx_valid_o) {
				valid++;
				byte = t->rx_data_o;
			}
			errs += t->rx_frame_err_o;
			tick();
		}
	};
	unsigned valid = 0, errs = 0;
	int byte = -1;
	frame(0xc3, 1, valid, errs, byte);
	check(valid == 1 && errs == 0 && byte == 0xc3, "uart phy: a frame on the pin gives its byte");
	valid = errs = 0;
	frame(0x3c, 0, valid, errs, byte);
	check(valid == 0 && errs == 1, "uart phy: a low stop bit drops the byte and flags it once");
	// a glitch shorter than half a bit is no start bit
	valid = errs = 0;
	t->rx_pin_i = 0;
	t->eval();
	tick();
	tick();
	tick();
	t->rx_pin_i = 1;
	for (int c = 0; c < 150; c++) {
		t->eval();
		valid += t->rx_valid_o;
		errs += t->rx_frame_err_o;
		tick();
	}
	check(valid == 0 && errs == 0, "uart phy: a 3-clock glitch is ignored");
	check(!t->rx_overrun_o, "uart phy: no overrun while the FIFO had room");
	// a frame while the UART's FIFO is full: dropped, and the overrun flag stays set
	t->rx_ready_i = 0;
	valid = errs = 0;
	frame(0x99, 1, valid, errs, byte);
	t->rx_ready_i = 1;
	check(valid == 0 && errs == 0 && t->rx_overrun_o, "uart phy: FIFO full drops the byte, flags overrun");
	frame(0x66, 1, valid, errs, byte);
	check(valid == 1 && byte == 0x66 && t->rx_overrun_o, "uart phy: RX goes on, overrun sticky");
}

int main(int argc, char **argv)
{
	Verilated::commandArgs(argc, argv);
	t.reset(new Vtb_arty_blocks);
	test_crossing(10, 3, "cdc soc 20 / dram 6");
	test_crossing(3, 17, "cdc soc 6 / dram 34");
	test_crossing(5, 5, "cdc same period");
	// the board's clocks (SoC 50 MHz, controller 100 MHz): the SoC's one write a cycle is half a
	// write a controller cycle; at equal clocks the crossing FIFOs (4 entries) are the limit
	test_write_stream(10, 5, 0.45, "cdc write stream soc 20 / dram 10");
	test_write_stream(5, 5, 0.75, "cdc write stream same period");
	test_uart_phy();
	t->final();
	t.reset();
	printf("suite-result: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
