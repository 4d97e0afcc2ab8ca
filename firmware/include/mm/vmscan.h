// SPDX-License-Identifier: BSD-2-Clause
/* Reclaim (mm/vmscan.c): kswapd per node and direct reclaim, behind the slow path's hooks. */
#ifndef MM_VMSCAN_H
#define MM_VMSCAN_H

#include <pagoda/types.h>

struct task_struct;

int kswapd_init(void);		/* a kswapd for every online node, and the slow-path hooks */
int kswapd_run(int nid);	/* 0 or -12 */
void kswapd_stop(int nid);
struct task_struct *kswapd_task(int nid);
/* Asleep with no request waiting: its last balancing run is over. */
bool kswapd_is_sleeping(int nid);
int kswapd_failures(int nid);	/* runs in a row that freed nothing */

#endif
