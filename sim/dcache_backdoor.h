// SPDX-License-Identifier: BSD-2-Clause
// The simulators' view of memory through the core's data cache (rtl/core/pagoda_dcache.sv). The
// cache is write-back: what the core last stored may sit in a dirty line and not be in RAM yet,
// and a harness that writes RAM behind the core (HTIF's fromhost, the syscall proxy's result) must
// not leave a stale copy in the cache. So a harness reads and writes RAM words through this view:
// a word whose line is valid in the cache is read from the cache, and a write goes to RAM and to
// the cached copy (the line keeps its dirty bit, the two copies of the word agree). Both reach the
// cache's arrays through `verilator public_flat_rw` handles; nothing here drives the design.
#ifndef PAGODA_DCACHE_BACKDOOR_H
#define PAGODA_DCACHE_BACKDOOR_H

#include <cstddef>
#include <cstdint>
#include "verilated.h"

static inline bool dcache_bit(uint64_t v, unsigned i) { return (v >> i) & 1; }
template <std::size_t W> static inline bool dcache_bit(const VlWide<W> &v, unsigned i)
{
	return (v[i / 32] >> (i % 32)) & 1;
}

// Lines are numbered {way, set} (way after way): line i's lane j at data[i * 8 + j], its tag at
// tag[i], its valid bit valid[i]; ways is the cache's WAYS (its bd_ways), sets = lines / ways.
template <std::size_t DN, class TT, std::size_t TN, class VB> struct DcacheView {
	VlUnpacked<uint64_t, DN> *data;
	VlUnpacked<TT, TN> *tag;
	VB *valid;
	const uint8_t *ways;
	static constexpr unsigned LINES = TN;
	// the lane of paddr (8-byte aligned) if its line is cached, else nullptr
	uint64_t *lane(uint64_t paddr) const
	{
		unsigned sets = LINES / *ways, ib = 0;
		while ((1u << ib) < sets)
			ib++;
		unsigned set = (paddr >> 6) & (sets - 1);
		uint64_t t = (paddr & 0xffffffffull) >> (6 + ib);
		if (paddr >> 32)
			return nullptr;
		for (unsigned w = 0; w < *ways; w++) {
			unsigned i = w * sets + set;
			if (dcache_bit(*valid, i) && (uint64_t)(*tag)[i] == t)
				return &(*data)[i * 8 + ((paddr >> 3) & 7)];
		}
		return nullptr;
	}
};

template <std::size_t DN, class TT, std::size_t TN, class VB>
static inline DcacheView<DN, TT, TN, VB> dcache_view(VlUnpacked<uint64_t, DN> *d,
						     VlUnpacked<TT, TN> *t, VB *v, const uint8_t *ways)
{
	static_assert(DN == TN * 8, "eight 64-bit lanes per line");
	return DcacheView<DN, TT, TN, VB>{d, t, v, ways};
}

#endif
