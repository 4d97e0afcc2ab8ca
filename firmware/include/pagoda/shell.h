// SPDX-License-Identifier: BSD-2-Clause
/* Console shell commands, registered with SHELL_CMD from any subsystem (mm adds buddyinfo, ...). */
#ifndef PAGODA_SHELL_H
#define PAGODA_SHELL_H

#include <stdbool.h>
#include <asm/sections.h>
#include <pagoda/compiler.h>

#define SHELL_LINE_MAX 128	/* with the NUL: 127 characters */
#define SHELL_ARGS_MAX 16	/* words, the command's name included */

struct shell_cmd {
	const char *name;
	const char *help;
	int (*fn)(int argc, char **argv);
	unsigned char min_args, max_args;	/* after the name; shell_exec() checks them */
};

/* A command with between min_args and max_args arguments after its name. */
#define SHELL_CMD_ARGS(cname, amin, amax, chelp) \
	static int shell_fn_##cname(int argc, char **argv); \
	static const struct shell_cmd shell_cmd_##cname __used __section(SHELLCMDS_SECTION) \
		__aligned(sizeof(void *)) = { #cname, chelp, shell_fn_##cname, amin, amax }; \
	static int shell_fn_##cname(int argc, char **argv)
/* A command that checks its own arguments. */
#define SHELL_CMD(cname, chelp) SHELL_CMD_ARGS(cname, 0, SHELL_ARGS_MAX - 1, chelp)

/*
 * The line editor, one input byte at a time (host-testable: the shell fuzzer feeds it). Printable
 * ASCII and tabs are kept, backspace/DEL edit, CR or LF ends the line. A line longer than
 * SHELL_LINE_MAX - 1 characters or holding any other byte is discarded whole at its end, with a
 * message: never cut, never run in part.
 */
struct shell_line {
	char buf[SHELL_LINE_MAX];
	unsigned int n;		/* characters in buf */
	unsigned long over;	/* characters typed past the end of buf */
	int bad_byte;		/* the first byte not allowed in a line, -1 when none */
};

enum shell_line_state {
	SHELL_LINE_MORE,	/* keep feeding */
	SHELL_LINE_DONE,	/* buf holds a whole line */
	SHELL_LINE_DISCARDED,	/* the line was refused (and said so) */
	SHELL_LINE_EOF,		/* ^D on an empty line */
};

void shell_line_reset(struct shell_line *l);
enum shell_line_state shell_line_feed(struct shell_line *l, int c);

void shell_run(void);
int shell_exec(char *line);	/* run one command line; returns the command's status */
/* Decimal or 0x-hex (lib/kstrtox.c); false on anything else, with a message when the number
 * does not fit in 64 bits (the caller prints its usage). */
bool shell_parse_ulong(const char *s, unsigned long *out);

#endif
