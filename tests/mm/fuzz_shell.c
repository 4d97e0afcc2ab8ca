// SPDX-License-Identifier: BSD-2-Clause
/*
 * Fuzz target for the firmware shell: the line editor and dispatcher of firmware/kernel/shell.c and
 * the allocator's commands of firmware/mm/mm_shell.c, built for the host against the same
 * allocator, under ASan and UBSan. Byte 0 picks a machine; the rest drives a generator of command
 * lines, one line after another:
 *   - grammar lines: every command name (and unknown ones), every argument count from 0 to 5,
 *     numbers at every boundary (orders around MAX_ORDER, nodes around MAX_NUMNODES and 2^31,
 *     2^32, 2^64 - 1, 2^64, 2^64 + 1, pfns of the blocks the shell handed out and beside them),
 *     in decimal, hex and with leading zeros, gfp names and wrong words;
 *   - raw lines: any bytes 0-255, of any length, lines longer than the shell's buffer.
 * After every line:
 *   - the allocator's own consistency check (mm_verify, what `mmcheck` runs) must pass;
 *   - the line editor must have handed over exactly what an independent model of its rules
 *     predicts: the line, or a discarded line with a message (too long, a byte that is not
 *     printable ASCII); a discarded line runs nothing;
 *   - who owns which page may change only through an `alloc` that printed its block or a `free`
 *     of a block the shell handed out; after every other line (every rejected command) it is
 *     exactly what it was;
 *   - a command the grammar knows is wrong (unknown name, argument count, a number that does not
 *     fit in 64 bits, a node that is not online, an order above 64) must fail and say something;
 *   - an `alloc` that succeeds must have allocated exactly the order that was asked for.
 * Any violation aborts, which libFuzzer reports as a crash with the input.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <asm/ptrace.h>
#include <pagoda/console.h>
#include <pagoda/irq.h>
#include <pagoda/platform.h>
#include <pagoda/shell.h>
#include "mmt.h"

extern void (*host_printk_sink)(const char *s, size_t n);

static const struct mmt_cfg cfgs[] = {
	{ "", 1, 8, true },
	{ "dma=2M highmem=2M movablecore=2M cma=2M", 2, 4, true },
	{ "page_poison=1 page_owner=on mm_debug=1", 1, 6, false },
};

/* ---------------------------------------------------------------- what the shell says */

static char out[1 << 16];
static size_t out_len;

static void out_add(const char *s, size_t n)
{
	if (n > sizeof(out) - 1 - out_len)
		n = sizeof(out) - 1 - out_len;
	memcpy(out + out_len, s, n);
	out_len += n;
	out[out_len] = '\0';
}

/* ---------------------------------------------------------------- the platform, for the host */

static jmp_buf session_end;

void platform_exit(int code)
{
	(void)code;
	longjmp(session_end, 1);
}

void platform_reboot(void)
{
	longjmp(session_end, 1);
}

void console_write(const char *s, size_t n)
{
	out_add(s, n);
}

int console_getchar(void)
{
	return -1;
}

void console_wait_input(void)
{
}

long probe_read64(unsigned long addr, unsigned long *val)
{
	(void)addr;
	(void)val;
	return -5;	/* nothing is mapped at a guessed address: a load access fault */
}

long probe_read32(unsigned long addr, unsigned int *val)
{
	(void)addr;
	(void)val;
	return -5;
}

const char *trap_cause_name(unsigned long cause)
{
	return cause == 5 ? "load access fault" : "fault";
}

static void die(const char *line, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));
static void die(const char *line, const char *fmt, ...)
{
	va_list ap;

	host_printk_sink = NULL;
	fprintf(stderr, "fuzz_shell: line \"");
	for (const char *p = line; *p; p++)
		fprintf(stderr, (unsigned char)*p >= ' ' && *p < 0x7f ? "%c" : "\\x%02x",
			(unsigned char)*p);
	fprintf(stderr, "\": ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nshell said:\n%s\n", out);
	abort();
}

/* ---------------------------------------------------------------- input bytes as choices */

struct src {
	const u8 *p;
	size_t n;
};

static unsigned int take(struct src *s, unsigned int range)
{
	unsigned int v;

	if (!s->n)
		return 0;
	v = s->p[0];
	s->p++;
	s->n--;
	return range ? v % range : v;
}

/* ---------------------------------------------------------------- who owns which page */

static u64 ownership(void)
{
	u64 h = 1469598103934665603ULL;

	for (unsigned long i = 0; i < mem_map_nr; i++) {
		int ref = page_ref_count(&mem_map[i]);
		u64 v = (u64)(u32)ref << 8 | (ref > 0 ? mem_map[i].alloc_order : 0);

		h = (h ^ v) * 1099511628211ULL;
	}
	return h;
}

/* Blocks the shell handed out (learnt from its output), to free them back, or beside them. */
#define MAX_LIVE 256
static struct {
	unsigned long pfn, order;
} live[MAX_LIVE];
static unsigned int nr_live;

static int live_find(unsigned long pfn, unsigned long order)
{
	for (unsigned int i = 0; i < nr_live; i++)
		if (live[i].pfn == pfn && live[i].order == order)
			return (int)i;
	return -1;
}

/* ---------------------------------------------------------------- an independent reading */

/* Decimal or 0x-hex, as the shell documents it; *big when it does not fit in 64 bits. False
 * for anything else. Written apart from lib/kstrtox.c on purpose. */
static bool ref_number(const char *s, unsigned long *v, bool *big)
{
	unsigned __int128 x = 0;
	int base = 10;

	*big = false;
	if (!*s)
		return false;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		if (!*s)
			return false;
	}
	for (; *s; s++) {
		int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return false;
		x = x * (unsigned)base + (unsigned)d;
		if (x > ULONG_MAX) {
			*big = true;
			x = (unsigned __int128)ULONG_MAX + 1;	/* stays big, never wraps */
		}
	}
	*v = (unsigned long)x;
	return true;
}

static const char *const gfp_names[] = {
	"kernel", "atomic", "nowait", "noio", "nofs", "user", "dma", "highuser", "movable", "zero",
	"comp",
};

static bool is_gfp_name(const char *s)
{
	for (unsigned int i = 0; i < sizeof(gfp_names) / sizeof(gfp_names[0]); i++)
		if (!strcmp(s, gfp_names[i]))
			return true;
	return false;
}

static int split(char *line, char **argv, int max)
{
	int argc = 0;

	for (char *p = line; *p;) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			break;
		if (argc == max)
			return -1;
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	return argc;
}

/*
 * What must happen to a command line, as the shell's help documents its commands: true when it
 * has to be refused. Only what is certain is claimed; an allocation may still fail for want of
 * memory, and a free of something that is not a live block is the allocator's to refuse.
 */
static bool must_refuse(const char *line)
{
	static const struct {
		const char *name;
		int min, max;
	} cmds[] = {
		{ "help", 0, 0 }, { "poweroff", 0, 0 }, { "reboot", 0, 0 }, { "peek", 1, 1 },
		{ "buddyinfo", 0, 0 }, { "zoneinfo", 0, 1 }, { "pagetypeinfo", 0, 0 },
		{ "vmstat", 0, 0 }, { "pagetrace", 0, 1 }, { "alloc", 1, 3 }, { "free", 2, 2 },
		{ "drain", 0, 0 }, { "mmcheck", 0, 0 }, { "pageowner", 1, 1 },
	};
	char copy[SHELL_LINE_MAX], *argv[SHELL_ARGS_MAX];
	unsigned long v;
	bool big;
	int argc, i;

	snprintf(copy, sizeof(copy), "%s", line);
	argc = split(copy, argv, SHELL_ARGS_MAX);
	if (argc < 0)
		return true;	/* too many words */
	if (argc == 0)
		return false;
	for (i = 0; i < (int)(sizeof(cmds) / sizeof(cmds[0])); i++)
		if (!strcmp(argv[0], cmds[i].name))
			break;
	if (i == (int)(sizeof(cmds) / sizeof(cmds[0])))
		return true;	/* unknown command */
	if (argc - 1 < cmds[i].min || argc - 1 > cmds[i].max)
		return true;
	if (!strcmp(argv[0], "alloc")) {
		if (!ref_number(argv[1], &v, &big) || big || v > 64)
			return true;
		if (argc > 2 && !is_gfp_name(argv[2]))
			return true;
		if (argc > 3 && (!ref_number(argv[3], &v, &big) || big || v >= MAX_NUMNODES ||
				 !node_data[v].online))
			return true;
	}
	if (!strcmp(argv[0], "free") || !strcmp(argv[0], "pageowner") || !strcmp(argv[0], "peek"))
		for (int a = 1; a < argc; a++)
			if (!ref_number(argv[a], &v, &big) || big)
				return true;
	if (!strcmp(argv[0], "zoneinfo") && argc > 1 && strcmp(argv[1], "brief"))
		return true;
	if (!strcmp(argv[0], "pagetrace") && argc > 1 && strcmp(argv[1], "on") &&
	    strcmp(argv[1], "off") && strcmp(argv[1], "clear"))
		return true;
	return false;
}

/* The line editor's rules, modelled apart from shell.c: what line a byte string makes, or NULL
 * when it must be discarded. */
static const char *ref_edit(const u8 *bytes, size_t n, char *buf)
{
	size_t len = 0, over = 0;
	bool bad = false;

	for (size_t i = 0; i < n; i++) {
		u8 c = bytes[i];

		if (c == 0x7f || c == '\b') {
			if (over)
				over--;
			else if (len)
				len--;
		} else if ((c >= ' ' && c < 0x7f) || c == '\t') {
			if (len < SHELL_LINE_MAX - 1 && !over)
				buf[len++] = (char)c;
			else
				over++;
		} else {
			bad = true;
		}
	}
	buf[len] = '\0';
	return over || bad ? NULL : buf;
}

/* ---------------------------------------------------------------- the generator */

static const unsigned long numbers[] = {
	0, 1, 2, 3, 7, 8, 9, 10, 11, 12, 63, 64, 65, 127, 128, 255, 256, 1023, 1024,
	0x7fffffffUL, 0x80000000UL, 0x80000001UL, 0xffffffffUL, 0x100000000UL, 0x100000001UL,
	0x7fffffffffffffffUL, 0x8000000000000000UL, ULONG_MAX - 1, ULONG_MAX,
	0x80000, 0x80001, 0x81000, 0x81fff, 0x88000, 0x8ffff, 0x90000, 0x100000,
};

/* Numbers that do not fit: 2^64, 2^64 + 1, more, with the low bits of interesting values. */
static const char *const big_numbers[] = {
	"18446744073709551616", "18446744073709551617", "36893488147419103232",
	"99999999999999999999999999999", "0x10000000000000000", "0x10000000000081000",
	"0x1ffffffffffffffff", "0x00000000000000000000000000000000010000000000000000",
};

static void gen_number(struct src *s, char *dst, size_t size)
{
	unsigned int kind = take(s, 8);
	unsigned long v;

	if (kind == 0) {
		snprintf(dst, size, "%s", big_numbers[take(s, sizeof(big_numbers) / sizeof(big_numbers[0]))]);
		return;
	}
	if (kind <= 2 && nr_live) {	/* a live block's pfn, or one beside it */
		v = live[take(s, nr_live)].pfn + (unsigned long)(int)(take(s, 5) - 2);
	} else if (kind == 3) {
		v = mem_map_base_pfn + take(s, 0) * 17UL + take(s, 0);
	} else {
		v = numbers[take(s, sizeof(numbers) / sizeof(numbers[0]))];
		v += (unsigned long)(int)(take(s, 3) - 1);	/* and its neighbours */
	}
	switch (take(s, 4)) {
	case 0: snprintf(dst, size, "%#lx", v); break;
	case 1: snprintf(dst, size, "000%lu", v); break;
	case 2: snprintf(dst, size, "0X%lX", v); break;
	default: snprintf(dst, size, "%lu", v); break;
	}
}

static void gen_word(struct src *s, char *dst, size_t size)
{
	static const char *const words[] = {
		"brief", "on", "off", "clear", "bogus", "x", "-1", "+1", "0x", "1e3", "1k", "0b1",
		"KERNEL", "kernel,zero", "=", "\"", "%s%n", "\\",
	};
	unsigned int kind = take(s, 4);

	if (kind == 0)
		snprintf(dst, size, "%s", gfp_names[take(s, sizeof(gfp_names) / sizeof(gfp_names[0]))]);
	else if (kind == 1)
		snprintf(dst, size, "%s", words[take(s, sizeof(words) / sizeof(words[0]))]);
	else
		gen_number(s, dst, size);
}

static size_t gen_grammar_line(struct src *s, char *line, size_t size)
{
	static const char *const names[] = {
		"alloc", "alloc", "alloc", "free", "free", "free", "buddyinfo", "zoneinfo",
		"pagetypeinfo", "vmstat", "pagetrace", "drain", "mmcheck", "pageowner", "help", "peek",
		"nosuch", "ALLOC", "allocate", "poweroff", "reboot",
	};
	const char *name = names[take(s, sizeof(names) / sizeof(names[0]))];
	size_t len = (size_t)snprintf(line, size, "%s", name);
	unsigned int nargs = take(s, 6);
	/* Mostly well-formed alloc and free lines, so that their numbers reach the allocator. */
	bool shaped = take(s, 4) != 0;

	for (unsigned int a = 0; a < nargs && len < size; a++) {
		char arg[80];

		if (shaped && !strcmp(name, "alloc") && a == 1)
			snprintf(arg, sizeof(arg), "%s", gfp_names[take(s, sizeof(gfp_names) / sizeof(gfp_names[0]))]);
		else if (shaped && !strcmp(name, "free") && nr_live && a < 2 && take(s, 2))
			snprintf(arg, sizeof(arg), "%#lx", a ? live[take(s, nr_live)].order : live[take(s, nr_live)].pfn);
		else if (shaped && (!strcmp(name, "alloc") || !strcmp(name, "free")))
			gen_number(s, arg, sizeof(arg));
		else
			gen_word(s, arg, sizeof(arg));
		len += (size_t)snprintf(line + len, size - len, "%s%s", take(s, 8) ? " " : "\t", arg);
	}
	return len < size ? len : size - 1;
}

/* ---------------------------------------------------------------- one line */

static unsigned long parse_printed(const char *key)
{
	const char *p = strstr(out, key);

	return p ? strtoul(p + strlen(key), NULL, 0) : ULONG_MAX;
}

/* Feed a line to the editor; its text when it was handed over, NULL when it was discarded (as
 * the model said it must be) or the session ended. */
static const char *edit_line(struct shell_line *l, const u8 *bytes, size_t n, u64 before)
{
	char ref[SHELL_LINE_MAX + 1], shown[SHELL_LINE_MAX + 1];
	const char *want = ref_edit(bytes, n, ref);
	enum shell_line_state st = SHELL_LINE_MORE;

	snprintf(shown, sizeof(shown), "%.*s", (int)(n < SHELL_LINE_MAX ? n : SHELL_LINE_MAX),
		 (const char *)bytes);
	for (char *p = shown; *p; p++)
		if ((unsigned char)*p < ' ' || (unsigned char)*p >= 0x7f)
			*p = '?';
	shell_line_reset(l);
	for (size_t i = 0; i < n && st == SHELL_LINE_MORE; i++) {
		/* ^D on an empty line ends the session; a line ends at CR/LF only (fed below). */
		if (bytes[i] == 4 && !l->n && !l->over && l->bad_byte < 0)
			return NULL;
		st = shell_line_feed(l, bytes[i]);
	}
	if (st != SHELL_LINE_MORE)
		die(shown, "the editor ended a line before its end (state %d)", st);
	st = shell_line_feed(l, '\n');
	if (!want) {
		if (st != SHELL_LINE_DISCARDED)
			die(shown, "a line that is too long or holds a non-printable byte was not discarded");
		if (!strstr(out, "discarded"))
			die(shown, "the discarded line was not reported");
		if (ownership() != before)
			die(shown, "a discarded line changed the allocator");
		return NULL;
	}
	if (st != SHELL_LINE_DONE || strcmp(l->buf, want))
		die(shown, "the editor made \"%s\" (state %d), the rules say \"%s\"", l->buf, st, want);
	return l->buf;
}

/* An alloc the shell says it made: exactly the order asked for, and a block that is allocated. */
static void check_alloc(const char *line)
{
	unsigned long pfn = parse_printed("pfn "), order = parse_printed(" order "), asked;
	char copy[SHELL_LINE_MAX], *argv[SHELL_ARGS_MAX];
	bool big;

	snprintf(copy, sizeof(copy), "%s", line);
	split(copy, argv, SHELL_ARGS_MAX);
	if (!ref_number(argv[1], &asked, &big) || big || order != asked)
		die(line, "allocated order %lu for '%s'", order, argv[1]);
	if (!pfn_valid(pfn) || page_ref_count(pfn_to_page(pfn)) <= 0)
		die(line, "printed pfn %#lx, which is not an allocated page", pfn);
	if (nr_live < MAX_LIVE) {
		live[nr_live].pfn = pfn;
		live[nr_live++].order = order;
	}
}

/* A free that went through: it must have been of a block the shell handed out. */
static void check_free(const char *line)
{
	char copy[SHELL_LINE_MAX], *argv[SHELL_ARGS_MAX];
	unsigned long pfn = 0, order = 0;
	bool big;
	int i;

	snprintf(copy, sizeof(copy), "%s", line);
	split(copy, argv, SHELL_ARGS_MAX);
	ref_number(argv[1], &pfn, &big);
	ref_number(argv[2], &order, &big);
	i = live_find(pfn, order);
	if (i < 0)
		die(line, "freed pfn %#lx order %lu, which the shell never handed out", pfn, order);
	live[i] = live[--nr_live];
}

static void run_line(const u8 *bytes, size_t n)
{
	static struct shell_line l;
	unsigned long bad_pages = mm_bad_page_count;
	u64 before = ownership();
	char line[SHELL_LINE_MAX], err[160], argv0[16] = "";
	const char *edited;
	bool refuse;
	int rc;

	out_len = 0;
	out[0] = '\0';
	edited = edit_line(&l, bytes, n, before);
	if (!edited)
		return;
	snprintf(line, sizeof(line), "%s", edited);	/* shell_exec splits l.buf in place */
	sscanf(line, " %15s", argv0);
	if (!strcmp(argv0, "crash"))
		return;	/* its purpose is an unhandled fault; the host has no trap handler */
	refuse = must_refuse(line);
	out_len = 0;
	out[0] = '\0';
	rc = shell_exec(l.buf);
	if (mm_verify(err, sizeof(err)))
		die(line, "mmcheck after it: %s", err);
	if (refuse && (rc == 0 || !out_len))
		die(line, "must be refused with a message, returned %d", rc);
	if (rc && !out_len)
		die(line, "refused (%d) without a word", rc);
	if (!strcmp(argv0, "alloc") && rc == 0)
		check_alloc(line);
	else if (!strcmp(argv0, "free") && rc == 0 && mm_bad_page_count == bad_pages)
		check_free(line);
	else if (ownership() != before)
		die(line, "changed who owns which page (returned %d)", rc);
}

/* An input that starts with "#!shell" is a transcript (the regression corpus,
 * tests/mm/shell-corpus): each further line of it is fed to the shell as typed. */
static void run_transcript(const u8 *data, size_t size)
{
	size_t i = 0, start;

	while (i < size && data[i] != '\n')
		i++;
	for (start = ++i; i <= size; i++)
		if (i == size || data[i] == '\n') {
			if (i > start || i < size)
				run_line(data + start, i - start);
			start = i + 1;
		}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct src s = { data, size };
	u8 bytes[600];

	if (size < 1)
		return 0;
	host_printk_enabled = 0;
	if (size >= 7 && !memcmp(data, "#!shell", 7)) {
		if (mmt_boot(&cfgs[0]))
			abort();
		nr_live = 0;
		host_printk_sink = out_add;
		if (setjmp(session_end) == 0)
			run_transcript(data, size);
		host_printk_sink = NULL;
		return 0;
	}
	if (mmt_boot(&cfgs[take(&s, sizeof(cfgs) / sizeof(cfgs[0]))]))
		abort();
	nr_live = 0;
	host_printk_sink = out_add;
	if (setjmp(session_end) == 0) {
		for (unsigned int lines = 0; s.n && lines < 64; lines++) {
			unsigned int kind = take(&s, 10);
			size_t n;

			if (kind < 7) {
				n = gen_grammar_line(&s, (char *)bytes, sizeof(bytes));
			} else if (kind < 9) {	/* raw bytes, any value but the line ends */
				n = take(&s, 0) + (kind == 8 ? take(&s, 0) : 0);
				for (size_t i = 0; i < n; i++) {
					bytes[i] = (u8)take(&s, 0);
					if (bytes[i] == '\r' || bytes[i] == '\n')
						bytes[i] = ' ';
				}
			} else {	/* a command padded to the buffer's size and past it */
				size_t pad = SHELL_LINE_MAX - 2 + take(&s, 4);

				n = gen_grammar_line(&s, (char *)bytes, sizeof(bytes));
				while (n < pad && n < sizeof(bytes))
					bytes[n++] = ' ';
			}
			run_line(bytes, n);
		}
	}
	host_printk_sink = NULL;
	return 0;
}
