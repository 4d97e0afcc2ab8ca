# SPDX-License-Identifier: BSD-2-Clause
# The SoC's device tree: sbi/pagoda.dts -> $(BUILD)/sbi/pagoda.dtb (cpp, then dtc; warnings fail).
# SOC_ACCEL (1/0) says whether the SoC has pgaccel; default: when rtl/accel/pgaccel.sv exists.
# SOC_DCACHE (Makefile) is the core's data cache: with one, pgaccel's node says dma-noncoherent.
# Both are recorded in $(BUILD)/soc-config, rewritten only when they change, so that the DTB, the
# ROM and the simulators rebuild exactly when one flips.

SOC_ACCEL     ?= $(if $(wildcard rtl/accel/pgaccel.sv),1,0)
SOC_CONFIG    := $(BUILD)/soc-config
SOC_DTB       := $(BUILD)/sbi/pagoda.dtb
SOC_CPPDEFS   := $(if $(filter 1,$(SOC_ACCEL)),-DPAGODA_PGACCEL)
SOC_DTB_DEFS  := $(if $(filter-out 0,$(SOC_DCACHE)),-DPAGODA_DCACHE=$(SOC_DCACHE))
# Main memory (MEM, Makefile): the DRAM trees describe their controller or model.
SOC_DTB_DEFS  += $(if $(filter litedram,$(MEM)),-DPAGODA_MEM_LITEDRAM) \
                 $(if $(filter dramfast,$(MEM)),-DPAGODA_MEM_DRAMFAST)
# The caches' geometry for the cpu node, read from the RTL that sets it: the I$'s size from the
# core's package, the D$'s ways from pagoda_dcache's default (its size is SOC_DCACHE).
SOC_CACHE_RTL := rtl/core/pagoda_core_pkg.sv rtl/core/pagoda_dcache.sv
SOC_ICACHE    := $(shell sed -n 's/^ *localparam int unsigned ICACHE_BYTES *= *\([0-9]*\);.*/\1/p' rtl/core/pagoda_core_pkg.sv)
SOC_DC_WAYS   := $(shell sed -n 's/^ *parameter int unsigned WAYS *= *\([0-9]*\),.*/\1/p' rtl/core/pagoda_dcache.sv)
ifeq ($(SOC_ICACHE)$(SOC_DC_WAYS),)
$(error sbi.mk: ICACHE_BYTES or the D$$'s WAYS not found in $(SOC_CACHE_RTL))
endif

$(SOC_CONFIG): soc-force
	@mkdir -p $(@D)
	@echo "accel $(SOC_ACCEL) dcache $(SOC_DCACHE) mem $(MEM)" > $@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

.PHONY: dtb soc-force
soc-force:
dtb: $(SOC_DTB)

# The same tree for the default SoC built with the data cache (soc-selftest-dcache): pgaccel is
# then dma-noncoherent.
SOC_DCACHE_DTB := $(BUILD)/sbi/pagoda-dcache.dtb
$(SOC_DTB): SOC_CPPDEFS += $(SOC_DTB_DEFS)
$(SOC_DCACHE_DTB): SOC_CPPDEFS += -DPAGODA_DCACHE=4096

$(SOC_DTB) $(SOC_DCACHE_DTB): sbi/pagoda.dts $(SOC_CONFIG) $(REGS_MAP_H) $(SOC_CACHE_RTL)
	@mkdir -p $(@D)
	@cpp -nostdinc -undef -P -x assembler-with-cpp -I$(REGS_INC) $(SOC_CPPDEFS) \
		-DPAGODA_ICACHE_BYTES=$(SOC_ICACHE) -DPAGODA_DCACHE_WAYS=$(SOC_DC_WAYS) sbi/pagoda.dts \
		> $(@:.dtb=.pp.dts)
	@dtc -I dts -O dtb -o $@.tmp $(@:.dtb=.pp.dts) 2> $@.log; rc=$$?; \
	if [ $$rc -ne 0 ] || [ -s $@.log ]; then cat $@.log; rm -f $@.tmp; \
		echo "dtc: sbi/pagoda.dts must compile without warnings"; exit 1; fi
	@mv $@.tmp $@
