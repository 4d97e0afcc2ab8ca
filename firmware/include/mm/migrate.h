// SPDX-License-Identifier: BSD-2-Clause
/* Page migration (mm/migrate.c, Linux mm/migrate.c): move isolated anonymous pages to new pages
 * handed out by a callback, rewriting their mappings. */
#ifndef MM_MIGRATE_H
#define MM_MIGRATE_H

#include <pagoda/list.h>

struct page;

enum migrate_mode {
	MIGRATE_ASYNC,		/* never wait for an owner's lock */
	MIGRATE_SYNC_LIGHT,	/* wait for locks */
	MIGRATE_SYNC,		/* wait for locks (Linux: also for writeback, which anon pages have not) */
};

#define MIGRATEPAGE_SUCCESS 0
/* Linux NR_MAX_MIGRATE_PAGES_RETRY: passes over the pages that answered -EAGAIN. */
#define NR_MAX_MIGRATE_PAGES_RETRY 10

typedef struct page *new_page_t(struct page *page, unsigned long private);
typedef void free_page_t(struct page *page, unsigned long private);

/*
 * Migrate the isolated pages on `from` (linked through page->lru, each with the isolation's
 * reference): a target from get_new_page per page, given back through put_new_page when unused.
 * Migrated pages leave the list and are freed; the rest stay on it for putback_movable_pages().
 * Returns the number not migrated (0 = all), counting PGMIGRATE_SUCCESS/PGMIGRATE_FAIL.
 * *nr_succeeded (may be NULL) gets the number migrated.
 */
int migrate_pages(struct list_head *from, new_page_t get_new_page, free_page_t put_new_page,
		  unsigned long private, enum migrate_mode mode, unsigned int *nr_succeeded);
/* Back to their owners' lists, dropping the isolation's reference (Linux putback_movable_pages). */
void putback_movable_pages(struct list_head *l);

#endif
