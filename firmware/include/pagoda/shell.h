/* Console shell commands, registered with SHELL_CMD from any subsystem (mm adds buddyinfo, ...). */
#ifndef PAGODA_SHELL_H
#define PAGODA_SHELL_H

#include <stdbool.h>
#include <pagoda/compiler.h>

struct shell_cmd {
	const char *name;
	const char *help;
	int (*fn)(int argc, char **argv);
};

#define SHELL_CMD(cname, chelp) \
	static int shell_fn_##cname(int argc, char **argv); \
	static const struct shell_cmd shell_cmd_##cname __used __section(".shellcmds") \
		__aligned(sizeof(void *)) = { #cname, chelp, shell_fn_##cname }; \
	static int shell_fn_##cname(int argc, char **argv)

void shell_run(void);
int shell_exec(char *line);	/* run one command line; returns the command's status */
bool shell_parse_ulong(const char *s, unsigned long *out);	/* decimal or 0x-hex arguments */

#endif
