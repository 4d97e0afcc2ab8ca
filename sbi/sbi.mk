# SPDX-License-Identifier: BSD-2-Clause
# The SoC's device tree: sbi/pagoda.dts -> $(BUILD)/sbi/pagoda.dtb (cpp, then dtc; warnings fail).
# SOC_ACCEL (1/0) says whether the SoC has pgaccel; default: when rtl/accel/pgaccel.sv exists.
# The choice is recorded in $(BUILD)/soc-accel, rewritten only when it changes, so that the DTB
# and the simulator rebuild exactly when it flips.

SOC_ACCEL     ?= $(if $(wildcard rtl/accel/pgaccel.sv),1,0)
SOC_ACCEL_CFG := $(BUILD)/soc-accel
SOC_DTB       := $(BUILD)/sbi/pagoda.dtb
SOC_CPPDEFS   := $(if $(filter 1,$(SOC_ACCEL)),-DPAGODA_PGACCEL)

$(SOC_ACCEL_CFG): soc-force
	@mkdir -p $(@D)
	@echo "$(SOC_ACCEL)" > $@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

.PHONY: dtb soc-force
soc-force:
dtb: $(SOC_DTB)

# The same tree for the SoC built with the data cache (soc-selftest-dcache): pgaccel is then
# dma-noncoherent.
SOC_DCACHE_DTB := $(BUILD)/sbi/pagoda-dcache.dtb
$(SOC_DCACHE_DTB): SOC_CPPDEFS += -DPAGODA_DCACHE

$(SOC_DTB) $(SOC_DCACHE_DTB): sbi/pagoda.dts $(SOC_ACCEL_CFG) $(REGS_MAP_H)
	@mkdir -p $(@D)
	@cpp -nostdinc -undef -P -x assembler-with-cpp -I$(REGS_INC) $(SOC_CPPDEFS) sbi/pagoda.dts \
		> $(@:.dtb=.pp.dts)
	@dtc -I dts -O dtb -o $@.tmp $(@:.dtb=.pp.dts) 2> $@.log; rc=$$?; \
	if [ $$rc -ne 0 ] || [ -s $@.log ]; then cat $@.log; rm -f $@.tmp; \
		echo "dtc: sbi/pagoda.dts must compile without warnings"; exit 1; fi
	@mv $@.tmp $@
