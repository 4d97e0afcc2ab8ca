// SPDX-License-Identifier: BSD-2-Clause
/* The interactive console: a line editor over the SBI console and commands registered anywhere
 * with SHELL_CMD(). */
#include <asm/barrier.h>
#include <asm/io.h>
#include <asm/ptrace.h>
#include <pagoda/irq.h>
#include <pagoda/kstrtox.h>
#include <pagoda/console.h>
#include <pagoda/platform.h>
#include <pagoda/printk.h>
#include <pagoda/sched.h>
#include <pagoda/shell.h>
#include <pagoda/string.h>

extern const struct shell_cmd SHELLCMDS_START[], SHELLCMDS_END[];

int shell_exec(char *line)
{
	char *argv[SHELL_ARGS_MAX];
	int argc = 0;

	for (char *p = line; *p;) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			break;
		if (argc == SHELL_ARGS_MAX) {
			printk("too many arguments (max %d)\n", SHELL_ARGS_MAX - 1);
			return -1;
		}
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	if (!argc)
		return 0;
	for (const struct shell_cmd *c = SHELLCMDS_START; c < SHELLCMDS_END; c++) {
		if (strcmp(c->name, argv[0]))
			continue;
		if (argc - 1 < c->min_args || argc - 1 > c->max_args) {
			if (c->min_args == c->max_args)
				printk("%s: takes %u argument%s, not %d (try 'help')\n", c->name,
				       c->min_args, c->min_args == 1 ? "" : "s", argc - 1);
			else
				printk("%s: takes %u to %u arguments, not %d (try 'help')\n", c->name,
				       c->min_args, c->max_args, argc - 1);
			return -1;
		}
		return c->fn(argc, argv);
	}
	printk("unknown command '%s' (try 'help')\n", argv[0]);
	return -1;
}

void shell_line_reset(struct shell_line *l)
{
	l->n = 0;
	l->over = 0;
	l->bad_byte = -1;
	l->buf[0] = '\0';
}

/* The end of a line: hand it over whole, or refuse all of it and say why. */
static enum shell_line_state shell_line_end(struct shell_line *l)
{
	console_write("\n", 1);
	if (l->over) {
		printk("shell: line of %lu characters is longer than %d: discarded, nothing run\n",
		       l->n + l->over, SHELL_LINE_MAX - 1);
	} else if (l->bad_byte >= 0) {
		printk("shell: line holds byte 0x%02x, which is not printable ASCII: discarded, nothing run\n",
		       l->bad_byte);
	} else {
		l->buf[l->n] = '\0';
		return SHELL_LINE_DONE;
	}
	shell_line_reset(l);
	return SHELL_LINE_DISCARDED;
}

enum shell_line_state shell_line_feed(struct shell_line *l, int c)
{
	if (c == '\r' || c == '\n')
		return shell_line_end(l);
	if (c == 0x7f || c == '\b') {
		if (l->over) {
			l->over--;	/* never echoed, so nothing to rub out */
		} else if (l->n) {
			l->n--;
			console_write("\b \b", 3);
		}
		return SHELL_LINE_MORE;
	}
	if (c == 4 && !l->n && !l->over && l->bad_byte < 0)	/* ^D on an empty line */
		return SHELL_LINE_EOF;
	if ((c >= ' ' && c < 0x7f) || c == '\t') {
		char ch = (char)c;

		if (l->n < SHELL_LINE_MAX - 1 && !l->over) {
			l->buf[l->n++] = ch;
			console_write(&ch, 1);
		} else {
			l->over++;
		}
		return SHELL_LINE_MORE;
	}
	if (l->bad_byte < 0)
		l->bad_byte = c & 0xff;
	return SHELL_LINE_MORE;
}

static enum shell_line_state read_line(struct shell_line *l)
{
	enum shell_line_state st;

	shell_line_reset(l);
	do {
		int c = console_getchar();

		if (c < 0) {
			console_wait_input();
			continue;
		}
		st = shell_line_feed(l, c);
	} while (st == SHELL_LINE_MORE);
	return st;
}

void shell_run(void)
{
	static struct shell_line line;

	printk("Pagoda shell: type 'help' for commands\n");
	for (;;) {
		enum shell_line_state st;

		printk("pagoda> ");
		st = read_line(&line);
		if (st == SHELL_LINE_EOF)
			platform_exit(EXIT_OK);
		if (st == SHELL_LINE_DONE)
			shell_exec(line.buf);
		/* Between two commands, the other tasks of this hart get their turn (kswapd, ...),
		 * even when the input is already waiting and read_line() never sleeps. */
		cond_resched();
	}
}

SHELL_CMD_ARGS(help, 0, 0, "list commands")
{
	(void)argc;
	(void)argv;
	for (const struct shell_cmd *c = SHELLCMDS_START; c < SHELLCMDS_END; c++)
		printk("  %-14s %s\n", c->name, c->help);
	return 0;
}

SHELL_CMD_ARGS(poweroff, 0, 0, "power off (the simulator/QEMU exits 0)")
{
	(void)argc;
	(void)argv;
	platform_exit(EXIT_OK);
}

SHELL_CMD_ARGS(reboot, 0, 0, "reset the system")
{
	(void)argc;
	(void)argv;
	platform_reboot();
}

bool shell_parse_ulong(const char *s, unsigned long *out)
{
	u64 v;
	int err = kstrtou64(s, &v);

	if (err == KSTRTOX_ERANGE)
		printk("'%s' does not fit in 64 bits\n", s);
	if (err)
		return false;
	*out = (unsigned long)v;
	return true;
}

SHELL_CMD_ARGS(peek, 1, 1, "peek ADDR: read 64 bits, reporting a fault instead of taking it")
{
	unsigned long addr, val;
	long r;

	if (!shell_parse_ulong(argv[1], &addr) || (addr & 7)) {
		printk("usage: peek ADDR (8-byte aligned)\n");
		return -1;
	}
	r = probe_read64(addr, &val);
	if (r)
		printk("0x%lx: %s\n", addr, trap_cause_name((unsigned long)-r));
	else
		printk("0x%lx: 0x%016lx\n", addr, val);
	return (int)r;
}

SHELL_CMD_ARGS(crash, 0, 1, "crash [ADDR]: load from ADDR (default unmapped) without a fixup, to test the trap path")
{
	unsigned long addr = 0x08000000UL;

	if (argc == 2 && !shell_parse_ulong(argv[1], &addr)) {
		printk("usage: crash [ADDR]\n");
		return -1;
	}
	printk("loading from 0x%lx\n", addr);
	return (int)readq((void *)addr);
}
