// SPDX-License-Identifier: BSD-2-Clause
/*
 * The target side of LiteX's serial boot (SFL), the protocol of litex_term --images, written
 * here from the protocol's description (docs/fpga.md "Boot"):
 *   1. the target sends the request magic SFL_MAGIC_REQ and listens for SFL_MAGIC_ACK; without an
 *      answer within MAGIC_WAIT_MS it asks again;
 *   2. the host sends frames: length (payload bytes), CRC16 (big-endian; CCITT polynomial 0x1021,
 *      initial 0, over the command and the payload), command, payload. LOAD's payload is a
 *      big-endian 32-bit address and the bytes to store there, JUMP's the address to jump to;
 *   3. each frame is answered with one byte: K done, C CRC error (the host sends it again),
 *      U unknown command, E refused (an address outside RAM). A frame that is not done changes
 *      no memory. A frame that stops arriving for FRAME_GAP_MS is dropped as a CRC error, so a
 *      damaged length byte cannot hang the target.
 * JUMP is answered K before the jump; ABORT goes back to step 1.
 */
#include "bootrom.h"

static const char SFL_MAGIC_REQ[] = "sL5DdSMmkekro\n";
static const char SFL_MAGIC_ACK[] = "z6IHG7cYDID6o\n";

enum {
	SFL_CMD_ABORT	= 0x00,
	SFL_CMD_LOAD	= 0x01,
	SFL_CMD_JUMP	= 0x02,
};

enum {
	SFL_ACK_SUCCESS	 = 'K',
	SFL_ACK_CRCERROR = 'C',
	SFL_ACK_UNKNOWN	 = 'U',
	SFL_ACK_ERROR	 = 'E',
};

#define MAGIC_WAIT_MS	1000
#define FRAME_GAP_MS	500

struct sfl_frame {
	uint8_t len;
	uint16_t crc;
	uint8_t cmd;
	uint8_t payload[255];
};

/* CRC-16/XMODEM, a byte at a time from a table built once (the ROM stays small). */
static uint16_t crc_table[256];

static void crc16_init(void)
{
	for (unsigned i = 0; i < 256; i++) {
		uint16_t c = (uint16_t)(i << 8);

		for (int b = 0; b < 8; b++)
			c = (c & 0x8000) ? (uint16_t)(c << 1) ^ 0x1021 : (uint16_t)(c << 1);
		crc_table[i] = c;
	}
}

static uint16_t crc16(uint16_t crc, const uint8_t *p, size_t n)
{
	while (n--)
		crc = crc_table[((crc >> 8) ^ *p++) & 0xff] ^ (uint16_t)(crc << 8);
	return crc;
}

/* Ask until the host answers with the acknowledgement magic. */
static void sfl_handshake(void)
{
	const size_t n = sizeof(SFL_MAGIC_ACK) - 1;

	for (;;) {
		uint64_t deadline = mtime() + MAGIC_WAIT_MS * TICKS_PER_MS;
		size_t matched = 0;
		int c;

		uart_puts(SFL_MAGIC_REQ);
		while ((c = uart_getc_until(deadline)) >= 0) {
			if (c == SFL_MAGIC_ACK[matched])
				matched++;
			else
				matched = c == SFL_MAGIC_ACK[0];
			if (matched == n)
				return;
		}
	}
}

/*
 * The next byte of a frame, or -1 when none came for FRAME_GAP_MS. A byte that is already
 * waiting is taken without reading the clock: the line does not wait for the ROM, and the UART's
 * FIFO is all the slack there is (its bytes lost are counted by the simulator as a failure).
 */
static int sfl_getc_gap(void)
{
	int c = uart_getc_until(0);

	return c >= 0 ? c : uart_getc_until(mtime() + FRAME_GAP_MS * TICKS_PER_MS);
}

/* One frame, its CRC computed as it comes in; false when it stopped arriving. */
static bool sfl_receive(struct sfl_frame *f, uint16_t *crc)
{
	int c[4];

	/* the first byte may take as long as the host likes */
	c[0] = uart_getc_until(UINT64_MAX);
	for (int i = 1; i < 4; i++)
		if ((c[i] = sfl_getc_gap()) < 0)
			return false;
	f->len = (uint8_t)c[0];
	f->crc = (uint16_t)(c[1] << 8 | c[2]);
	f->cmd = (uint8_t)c[3];
	*crc = crc16(0, &f->cmd, 1);
	for (unsigned i = 0; i < f->len; i++) {
		int b = sfl_getc_gap();

		if (b < 0)
			return false;
		f->payload[i] = (uint8_t)b;
		*crc = crc16(*crc, &f->payload[i], 1);
	}
	return true;
}

static uint64_t be32(const uint8_t *p)
{
	return (uint64_t)p[0] << 24 | (uint64_t)p[1] << 16 | (uint64_t)p[2] << 8 | p[3];
}

static bool in_ram(uint64_t addr, uint64_t len)
{
	return addr >= PAGODA_RAM_BASE && len <= RAM_END - addr;
}

static char sfl_load(const struct sfl_frame *f)
{
	uint64_t addr, len;

	if (f->len < 4)
		return SFL_ACK_ERROR;
	addr = be32(f->payload);
	len = f->len - 4u;
	if (!in_ram(addr, len))
		return SFL_ACK_ERROR;
	for (uint64_t i = 0; i < len; i++)
		*(volatile uint8_t *)(uintptr_t)(addr + i) = f->payload[4 + i];
	return SFL_ACK_SUCCESS;
}

uint64_t sfl_boot(void)
{
	static struct sfl_frame f;

	crc16_init();
restart:
	uart_puts("boot: waiting for litex_term --images (serial boot)\n");
	sfl_handshake();
	for (;;) {
		uint16_t crc;
		char ack;

		if (!sfl_receive(&f, &crc) || crc != f.crc) {
			uart_putc(SFL_ACK_CRCERROR);
			continue;
		}
		switch (f.cmd) {
		case SFL_CMD_ABORT:
			uart_putc(SFL_ACK_SUCCESS);
			goto restart;
		case SFL_CMD_LOAD:
			ack = sfl_load(&f);
			break;
		case SFL_CMD_JUMP:
			ack = f.len == 4 && in_ram(be32(f.payload), 4) ?
			      SFL_ACK_SUCCESS : SFL_ACK_ERROR;
			if (ack == SFL_ACK_SUCCESS) {
				uart_putc(ack);
				return be32(f.payload);
			}
			break;
		default:
			ack = SFL_ACK_UNKNOWN;
			break;
		}
		uart_putc(ack);
	}
}
