// SPDX-License-Identifier: BSD-2-Clause
// Pin-level simulator (sim/pagoda_sim_pins.sv, docs/fpga.md "Boot"): the SoC with the
// serial-boot ROM, reached only through its UART's RX and TX pins at CLKS_PER_BIT clock cycles a
// bit (8N1). Nothing is preloaded: the boot ROM loads OpenSBI, the firmware and the DTB from
// whatever speaks on the line, which is a pseudo-terminal whose path is written to +pty=FILE, so
// that the real host tool (litex_term) can be pointed at it as at a board's /dev/ttyUSB1. The
// simulation starts only once a program has opened the terminal (nothing it says is lost).
// Options: +pty=FILE (required), +max-cycles=N (0 = none; reaching it is a timeout, status 124),
// +dram-stuck=OFFSET (MEM=litedram builds: bit 0 of the DRAM byte at OFFSET from 0x8000_0000 is
// stuck at 1, set through the PHY model's storage every cycle, so that a read there returns 1
// whatever was written: a bad DRAM for the calibration-failure test), +progress=N (every N cycles, the instructions retired and the last pc, on stderr: where a slow
// or stuck boot spends its time), +uart-log=FILE (what TX sent), +rx-corrupt=N (flip the low bit of the Nth byte, from 0, that the
// host sends: a damaged frame, for the retry test; the harness then reports the target's next
// byte), +open-wait=SECONDS (how long to wait for the host tool, default 60), +quiet.
// The run ends when software writes the test finisher: the exit status is its code, as
// sim/pagoda_sim.cpp's; 2 on bad usage; a byte lost to a full receive FIFO is an error (3).
//
// Board mode (PINS_BOARD, built by fpga/arty_sim.mk: make test-board-sim): the same harness on
// the Arty board top (fpga/arty-a7/pagoda_arty_top.sv with PAGODA_ARTY_SIM), whose only inputs
// are its pins: the harness toggles the 100 MHz oscillator clk100_i (CLKS_PER_BIT counts its
// cycles, as every cycle count here does), holds the reset button (rst_ni) pressed for the first
// cycles, drives uart_rx_i and decodes uart_tx_o. The board has no test device outputs: the run
// ends on its LEDs, LD6 (the finisher's pass, latched) with status 0 or LD7 (fail) with 1. Every
// change of an LED is reported on stderr with its cycle and the number of bytes TX had sent
// by then ("pagoda-pins: LD4 on at cycle N, after TX byte K"), so that a test can place it in
// the boot's output. +progress, +dram-stuck and the overrun check need the SoC's own ports and
// are refused in this mode.
#ifdef PINS_BOARD
#include "Vpagoda_arty_top.h"
typedef Vpagoda_arty_top Top;
#define PINS_CLK clk100_i
#else
#include "Vpagoda_sim_pins.h"
typedef Vpagoda_sim_pins Top;
#define PINS_CLK clk_i
#endif
#include "verilated.h"

#include <cerrno>
#include <chrono>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <poll.h>
#include <string>
#include <termios.h>
#include <unistd.h>

#if defined(PAGODA_LITEDRAM) && !defined(PINS_BOARD)
#include "Vpagoda_sim_pins___024root.h"
// One byte of LiteDRAM's SDRAMPHYModel storage (docs/memory.md "Backdoor"): the 16-byte word
// w = offset >> 4 is column w[6:0], bank w[9:7], row w[23:10], at row << 7 | column of its
// bank's array (mem, mem_1 .. mem_7), low bytes first.
#define PINS_DRAM_BANK(n) top->rootp->pagoda_sim_pins__DOT__u_soc__DOT__u_dram__DOT__mem##n
static uint8_t *dram_byte(Vpagoda_sim_pins *top, uint64_t off)
{
	uint64_t w = off >> 4, idx = (w >> 10) << 7 | (w & 127);
	uint32_t *word;
	switch ((w >> 7) & 7) {
	case 0: word = PINS_DRAM_BANK()[idx].data(); break;
	case 1: word = PINS_DRAM_BANK(_1)[idx].data(); break;
	case 2: word = PINS_DRAM_BANK(_2)[idx].data(); break;
	case 3: word = PINS_DRAM_BANK(_3)[idx].data(); break;
	case 4: word = PINS_DRAM_BANK(_4)[idx].data(); break;
	case 5: word = PINS_DRAM_BANK(_5)[idx].data(); break;
	case 6: word = PINS_DRAM_BANK(_6)[idx].data(); break;
	default: word = PINS_DRAM_BANK(_7)[idx].data(); break;
	}
	return reinterpret_cast<uint8_t *>(word) + (off & 15);
}
static const uint64_t PINS_DRAM_BYTES =
	sizeof(((Vpagoda_sim_pins___024root *)nullptr)->pagoda_sim_pins__DOT__u_soc__DOT__u_dram__DOT__mem) * 8;
#endif

#ifndef CLKS_PER_BIT
#error "CLKS_PER_BIT must be defined as the RTL's (sim/sim_pins.mk)"
#endif

[[noreturn]] static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "pagoda-pins: error: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(2);
}

static bool parse_u64(const char *s, uint64_t *v)
{
	char *end;
	errno = 0;
	*v = strtoull(s, &end, 0);
	return !errno && *s && !*end;
}

// The host's end of the line: a pseudo-terminal in raw mode (no echo, no line editing, bytes as
// they are), its slave's path in path_file.
static int open_pty(const std::string &path_file)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) || unlockpt(m))
		die("pseudo-terminal: %s", strerror(errno));
	const char *name = ptsname(m);
	int s = name ? open(name, O_RDWR | O_NOCTTY) : -1;
	struct termios t;
	if (s < 0 || tcgetattr(s, &t))
		die("pseudo-terminal %s: %s", name ? name : "?", strerror(errno));
	cfmakeraw(&t);
	if (tcsetattr(s, TCSANOW, &t))
		die("pseudo-terminal %s: %s", name, strerror(errno));
	close(s);
	FILE *f = fopen(path_file.c_str(), "w");
	if (!f || fprintf(f, "%s\n", name) < 0 || fclose(f))
		die("cannot write %s", path_file.c_str());
	fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK);
	return m;
}

// While no program has the slave open, the master reports a hang-up.
static void wait_for_host(int m, uint64_t secs)
{
	for (uint64_t ms = 0; ms < secs * 1000; ms += 10) {
		struct pollfd p = {m, POLLIN, 0};
		if (poll(&p, 1, 0) >= 0 && !(p.revents & POLLHUP))
			return;
		usleep(10000);
	}
	die("nobody opened the pseudo-terminal within %llu s", (unsigned long long)secs);
}

// One direction of the line, 8N1 at CLKS_PER_BIT: the driver shifts bytes out on RX, the
// decoder samples TX in the middle of each bit.
struct LineOut {
	std::deque<uint8_t> q;
	uint16_t frame = 0;
	unsigned bits = 0, cnt = 0;
	int pin() const { return bits ? (frame & 1) : 1; }
	void tick()
	{
		if (bits && ++cnt == CLKS_PER_BIT) {
			cnt = 0;
			frame >>= 1;
			bits--;
		}
		if (!bits && !q.empty()) {
			frame = (uint16_t)(1u << 9 | q.front() << 1);	// stop, data, start
			q.pop_front();
			bits = 10;
			cnt = 0;
		}
	}
};

// A start bit is a falling edge after the line was high (the idle mark), as a UART receiver sees
// it: on the board the line is low until the SoC's first clock edge has reset the UART (the
// oscillator's MMCM starts when the button is released), which is no byte.
struct LineIn {
	unsigned cnt = 0, bit = 0;
	bool busy = false, idle = false;
	uint8_t byte = 0;
	int framing_errors = 0;
	// true when a byte is complete, in *out
	bool tick(int pin, uint8_t *out)
	{
		if (!busy) {
			if (!pin && idle) {
				busy = true;
				cnt = 0;
				bit = 0;
			}
			idle = pin;
			return false;
		}
		if (++cnt != CLKS_PER_BIT / 2 + bit * CLKS_PER_BIT)
			return false;
		if (bit == 0 && pin) {	// a glitch, not a start bit
			busy = false;
			return false;
		}
		if (bit >= 1 && bit <= 8)
			byte = (uint8_t)(byte >> 1 | pin << 7);
		if (bit++ < 9)
			return false;
		busy = false;
		if (!pin) {
			framing_errors++;
			return false;
		}
		*out = byte;
		return true;
	}
};

int main(int argc, char **argv)
{
	std::string pty_file, log_file;
	uint64_t max_cycles = 0, corrupt = UINT64_MAX, open_wait = 60, progress = 0;
	uint64_t stuck = UINT64_MAX;
	bool quiet = false;
	for (int i = 1; i < argc; i++) {
		std::string a = argv[i];
		size_t eq = a.find('=');
		std::string k = a.substr(0, eq), v = eq == std::string::npos ? "" : a.substr(eq + 1);
		uint64_t *num = nullptr;
		if (k == "+pty") pty_file = v;
		else if (k == "+uart-log") log_file = v;
		else if (k == "+quiet") quiet = true;
		else if (k == "+max-cycles") num = &max_cycles;
		else if (k == "+rx-corrupt") num = &corrupt;
		else if (k == "+open-wait") num = &open_wait;
		else if (k == "+progress") num = &progress;
		else if (k == "+dram-stuck") num = &stuck;
		else if (a.rfind("+verilator+", 0) == 0) continue;
		else die("unknown option '%s' (see the header of sim/pins_sim.cpp)", argv[i]);
		if (num && !parse_u64(v.c_str(), num))
			die("%s needs a number", k.c_str());
	}
	if (pty_file.empty())
		die("need +pty=FILE (the pseudo-terminal's path is written there)");
#ifdef PINS_BOARD
	if (stuck != UINT64_MAX || progress)
		die("+dram-stuck and +progress need the SoC's ports: not in the board-level simulation");
#elif defined(PAGODA_LITEDRAM)
	if (stuck != UINT64_MAX && stuck >= PINS_DRAM_BYTES)
		die("+dram-stuck=%llu is outside the DRAM's %llu bytes", (unsigned long long)stuck,
		    (unsigned long long)PINS_DRAM_BYTES);
#else
	if (stuck != UINT64_MAX)
		die("+dram-stuck needs the LiteDRAM build (MEM=litedram): this one has no DRAM model");
#endif
	FILE *ulog = nullptr;
	if (!log_file.empty() && !(ulog = fopen(log_file.c_str(), "w")))
		die("cannot write %s: %s", log_file.c_str(), strerror(errno));

	Verilated::commandArgs(argc, argv);
	int m = open_pty(pty_file);
	wait_for_host(m, open_wait);

	auto *top = new Top;
	LineOut rx;
	LineIn tx;
	std::deque<uint8_t> to_host;
	uint64_t cycle = 0, host_bytes = 0, code = 0, tx_bytes = 0;
	unsigned leds = 0;
	(void)leds;
	bool report_next = false, ended = false;
	const char *why = "";
	auto t0 = std::chrono::steady_clock::now();

	top->PINS_CLK = 0;
	top->rst_ni = 0;
	top->uart_rx_i = 1;
	top->eval();
	while (!ended) {
		Verilated::threadContextp()->timeInc(1);
		top->PINS_CLK = 1;
		top->eval();
		cycle++;

		uint8_t c;
		if (tx.tick(top->uart_tx_o, &c)) {
			tx_bytes++;
			fputc(c, stdout);
			if (c == '\n')
				fflush(stdout);
			if (ulog)
				fputc(c, ulog);
			if (report_next) {
				fprintf(stderr, "\npagoda-pins: the target answered '%c' after the damaged "
					"frame\n", c);
				report_next = false;
			}
			to_host.push_back(c);
		}
		// what the host has not read yet waits here (a full terminal is not a lost byte); once
		// it has gone (EIO), what it misses is still in the log
		if (!to_host.empty() && (cycle & 255) == 0) {
			std::string out(to_host.begin(), to_host.end());
			ssize_t n = write(m, out.data(), out.size());
			if (n > 0)
				to_host.erase(to_host.begin(), to_host.begin() + n);
			else if (n < 0 && errno == EIO)
				to_host.clear();
			else if (n < 0 && errno != EAGAIN)
				die("pseudo-terminal: %s", strerror(errno));
		}
		if ((cycle & 255) == 0 && rx.q.empty()) {
			uint8_t buf[256];
			ssize_t n = read(m, buf, sizeof(buf));
			for (ssize_t i = 0; i < n; i++, host_bytes++) {
				if (host_bytes == corrupt) {
					fprintf(stderr, "\npagoda-pins: host byte %llu damaged: 0x%02x -> "
						"0x%02x\n", (unsigned long long)host_bytes, buf[i],
						buf[i] ^ 1);
					buf[i] ^= 1;
					report_next = true;
				}
				rx.q.push_back(buf[i]);
			}
		}
		rx.tick();
		top->uart_rx_i = rx.pin();

#ifdef PINS_BOARD
		static const char *const led_name[4] = {"LD4 (DRAM ready)", "LD5 (heartbeat)",
							"LD6 (pass)", "LD7 (fail)"};
		for (int i = 0; i < 4; i++) {
			int on = (top->led_o >> i) & 1;
			if (on != ((leds >> i) & 1))
				fprintf(stderr, "pagoda-pins: %s %s at cycle %llu, after TX byte %llu\n",
					led_name[i], on ? "on" : "off", (unsigned long long)cycle,
					(unsigned long long)tx_bytes);
		}
		leds = top->led_o & 15;
		if (leds & 8) {
			ended = true;
			code = 1;
			why = "FAIL (LD7: the finisher reported a failure)";
		} else if (leds & 4) {
			ended = true;
			code = 0;
			why = "pass (LD6: the finisher reported pass)";
		} else if (max_cycles && cycle >= max_cycles) {
			ended = true;
			code = 124;
			why = "TIMEOUT (+max-cycles reached)";
		}
#else
		if (top->uart_overrun_o) {
			ended = true;
			code = 3;
			why = "FAIL (a received byte was lost: the boot ROM did not keep up)";
		} else if (top->test_done_o) {
			ended = true;
			code = top->test_fail_o ? top->test_code_o : 0;
			why = top->test_fail_o ? "FAIL (test device)" : "pass (test device)";
		} else if (top->test_reset_o) {
			ended = true;
			code = 1;
			why = "FAIL (reboot requested: the images are gone with the host)";
		} else if (max_cycles && cycle >= max_cycles) {
			ended = true;
			code = 124;
			why = "TIMEOUT (+max-cycles reached)";
		}
#endif
#if defined(PAGODA_LITEDRAM) && !defined(PINS_BOARD)
		if (stuck != UINT64_MAX)
			*dram_byte(top, stuck) |= 1;
#endif
#ifndef PINS_BOARD
		if (progress && cycle % progress == 0)
			fprintf(stderr, "pagoda-pins: cycle %llu: %llu retired, pc 0x%llx\n",
				(unsigned long long)cycle, (unsigned long long)top->retired_o,
				(unsigned long long)top->retire_pc_o);
		top->rst_ni = cycle >= 4;
#else
		top->rst_ni = cycle >= 16;	// the button, pressed at power-on
#endif
		top->PINS_CLK = 0;
		top->eval();
	}
	fflush(stdout);
	double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
	if (!quiet)
		fprintf(stderr, "pagoda-pins: %s, code %llu; %llu cycles, %llu bytes from the host, "
			"%d framing errors on TX, %.1f s\n", why, (unsigned long long)code,
			(unsigned long long)cycle, (unsigned long long)host_bytes,
			tx.framing_errors, secs);
	if (ulog)
		fclose(ulog);
	top->final();
	delete top;
	close(m);
	int rc = code == 0 ? 0 : (code & 0xff) ? (int)(code & 0xff) : 1;
	if (tx.framing_errors && rc == 0)
		rc = 3;
	return rc;
}
