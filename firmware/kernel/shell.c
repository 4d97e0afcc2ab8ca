/* The interactive console: a line editor over the SBI console and commands registered anywhere
 * with SHELL_CMD(). */
#include <asm/barrier.h>
#include <asm/ptrace.h>
#include <pagoda/irq.h>
#include <pagoda/console.h>
#include <pagoda/platform.h>
#include <pagoda/printk.h>
#include <pagoda/shell.h>
#include <pagoda/string.h>

#define SHELL_LINE_MAX 128
#define SHELL_ARGS_MAX 16

extern const struct shell_cmd __shellcmds_start[], __shellcmds_end[];

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
			printk("too many arguments (max %d)\n", SHELL_ARGS_MAX);
			return -1;
		}
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	if (!argc)
		return 0;
	for (const struct shell_cmd *c = __shellcmds_start; c < __shellcmds_end; c++)
		if (!strcmp(c->name, argv[0]))
			return c->fn(argc, argv);
	printk("unknown command '%s' (try 'help')\n", argv[0]);
	return -1;
}

static int read_line(char *buf, int size)
{
	int n = 0;

	for (;;) {
		int c = console_getchar();

		if (c < 0) {
			console_wait_input();
			continue;
		}
		if (c == '\r' || c == '\n') {
			console_write("\n", 1);
			buf[n] = '\0';
			return n;
		}
		if ((c == 0x7f || c == '\b') && n) {
			n--;
			console_write("\b \b", 3);
		} else if (c == 4 && !n) {	/* ^D on an empty line ends the shell */
			return -1;
		} else if (c >= ' ' && c < 0x7f && n < size - 1) {
			char ch = (char)c;

			buf[n++] = ch;
			console_write(&ch, 1);
		}
	}
}

void shell_run(void)
{
	char line[SHELL_LINE_MAX];

	printk("Pagoda shell: type 'help' for commands\n");
	for (;;) {
		printk("pagoda> ");
		if (read_line(line, sizeof(line)) < 0)
			platform_exit(EXIT_OK);
		shell_exec(line);
	}
}

SHELL_CMD(help, "list commands")
{
	(void)argc;
	(void)argv;
	for (const struct shell_cmd *c = __shellcmds_start; c < __shellcmds_end; c++)
		printk("  %-14s %s\n", c->name, c->help);
	return 0;
}

SHELL_CMD(poweroff, "power off (the simulator/QEMU exits 0)")
{
	(void)argc;
	(void)argv;
	platform_exit(EXIT_OK);
}

SHELL_CMD(reboot, "reset the system")
{
	(void)argc;
	(void)argv;
	platform_reboot();
}

/* Decimal or 0x-hex; false on anything else (NULL, empty, a bare "0x", stray characters). */
bool shell_parse_ulong(const char *s, unsigned long *out)
{
	unsigned long v = 0;
	unsigned int base = 10;

	if (!s || !*s)
		return false;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		if (!*s)
			return false;
	}
	for (; *s; s++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned int)(*s - '0');
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = (unsigned int)(*s - 'a' + 10);
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = (unsigned int)(*s - 'A' + 10);
		else
			return false;
		v = v * base + d;
	}
	*out = v;
	return true;
}

SHELL_CMD(peek, "peek ADDR: read 64 bits, reporting a fault instead of taking it")
{
	unsigned long addr, val;
	long r;

	if (argc != 2 || !shell_parse_ulong(argv[1], &addr) || (addr & 7)) {
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

SHELL_CMD(crash, "crash [ADDR]: load from ADDR (default unmapped) without a fixup, to test the trap path")
{
	unsigned long addr = 0x08000000UL;

	if (argc == 2 && !shell_parse_ulong(argv[1], &addr)) {
		printk("usage: crash [ADDR]\n");
		return -1;
	}
	printk("loading from 0x%lx\n", addr);
	return (int)*(volatile unsigned long *)addr;
}
