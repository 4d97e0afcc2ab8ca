// SPDX-License-Identifier: BSD-2-Clause
/*
 * parse_early_params(): the command line handed to the early_param() handlers (pagoda/init.h), as
 * Linux's parse_early_param() does. Portable: the host's allocator tests boot with varied bootargs
 * through it.
 */
#include <pagoda/boot.h>
#include <pagoda/init.h>
#include <pagoda/printk.h>
#include <pagoda/string.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Hand one word (len bytes at w, "key" or "key=value") to the handlers of its key. */
static int do_early_param(const char *w, size_t len)
{
	const char *eq = memchr(w, '=', len);
	size_t klen = eq ? (size_t)(eq - w) : len, vlen = eq ? len - klen - 1 : 0;
	char val[BOOTARG_VALUE_MAX];
	int bad = 0;

	for (const struct early_param *p = __start_early_param; p < __stop_early_param; p++) {
		if (strlen(p->name) != klen || strncmp(p->name, w, klen))
			continue;
		if (vlen >= sizeof(val)) {
			/* Never a cut value: it could parse as something the user did not write. */
			pr_warn("bootargs: the value of '%.*s' is longer than %d characters, ignored\n",
				(int)klen, w, BOOTARG_VALUE_MAX - 1);
			return 1;
		}
		memcpy(val, eq ? eq + 1 : "", vlen);
		val[vlen] = '\0';
		if (p->setup(eq ? val : NULL)) {
			pr_warn("bootargs: bad value '%.*s' ignored\n", (int)len, w);
			bad++;
		}
	}
	return bad;
}

size_t list_item_len(const char *p)
{
	const char *comma = strchr(p, ',');

	return comma ? (size_t)(comma - p) : strlen(p);
}

bool name_in_prefix_list(const char *name, const char *list)
{
	for (const char *p = list;; p++) {
		size_t n = list_item_len(p);

		if (n && !strncmp(name, p, n))
			return true;
		p += n;
		if (!*p)
			return false;
	}
}

int parse_early_params(const char *args)
{
	int bad = 0;

	while (args && *args) {
		const char *w;

		while (is_blank(*args))
			args++;
		w = args;
		while (*args && !is_blank(*args))
			args++;
		if (args > w)
			bad += do_early_param(w, (size_t)(args - w));
	}
	return bad;
}
