// SPDX-License-Identifier: BSD-2-Clause
/*
 * Page migration (Linux mm/migrate.c): migrate_pages() moves isolated anonymous pages to targets a
 * callback hands out, with the same passes and outcomes as Linux's (-EAGAIN retried up to
 * NR_MAX_MIGRATE_PAGES_RETRY passes, -ENOMEM ends the run, other failures are final), and
 * putback_movable_pages() returns what was not moved. The rmap step is mm/anon.c's
 * anon_move_mapping().
 */
#include <pagoda/printk.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/migrate.h>
#include "internal.h"

/* One page (Linux unmap_and_move): MIGRATEPAGE_SUCCESS with the page gone from the list and
 * freed, -EAGAIN to try again in a later pass, -ENOMEM without a target, else a final failure. */
static int unmap_and_move(new_page_t get_new_page, free_page_t put_new_page, unsigned long private,
			  struct page *page, enum migrate_mode mode)
{
	struct page *newpage;
	int rc;

	if (page_ref_count(page) == 1) {
		/* Unmapped while isolated: only the isolation's reference is left. */
		list_del(&page->lru);
		putback_anon_page(page);
		return MIGRATEPAGE_SUCCESS;
	}
	newpage = get_new_page(page, private);
	if (!newpage)
		return -ENOMEM;
	rc = anon_move_mapping(page, newpage, mode != MIGRATE_ASYNC);
	if (rc == -ENOENT) {
		/* Unmapped between the test above and the lock: nothing to move. */
		rc = MIGRATEPAGE_SUCCESS;
		put_new_page(newpage, private);
		list_del(&page->lru);
		putback_anon_page(page);
		return rc;
	}
	if (rc) {
		put_new_page(newpage, private);
		return rc;
	}
	list_del(&page->lru);
	put_page(page);	/* the isolation's reference: the old page is free now */
	return MIGRATEPAGE_SUCCESS;
}

int migrate_pages(struct list_head *from, new_page_t get_new_page, free_page_t put_new_page,
		  unsigned long private, enum migrate_mode mode, unsigned int *nr_succeeded)
{
	unsigned int succeeded = 0, failed = 0, retry = 1;
	struct page *page, *next;
	LIST_HEAD(ret_pages);

	for (int pass = 0; pass < NR_MAX_MIGRATE_PAGES_RETRY && retry; pass++) {
		retry = 0;
		list_for_each_entry_safe(page, next, from, lru) {
			int rc = unmap_and_move(get_new_page, put_new_page, private, page, mode);

			if (rc == MIGRATEPAGE_SUCCESS) {
				succeeded++;
			} else if (rc == -EAGAIN) {
				retry++;
			} else if (rc == -ENOMEM) {
				/* No target left: the rest stay where they are. */
				list_for_each_entry(page, from, lru)
					failed++;
				retry = 0;
				goto out;
			} else {
				failed++;
				list_move_tail(&page->lru, &ret_pages);
			}
		}
	}
	failed += retry;
out:
	while (!list_empty(&ret_pages))
		list_move_tail(ret_pages.next, from);
	count_vm_events(PGMIGRATE_SUCCESS, succeeded);
	count_vm_events(PGMIGRATE_FAIL, failed);
	if (nr_succeeded)
		*nr_succeeded = succeeded;
	return (int)failed;
}

void putback_movable_pages(struct list_head *l)
{
	while (!list_empty(l)) {
		struct page *page = list_first_entry(l, struct page, lru);

		list_del(&page->lru);
		putback_anon_page(page);
	}
}
