/*
 * RISC-V PLIC (riscv,plic0 / sifive,plic-1.0.0), S-mode side: the firmware owns the S-mode
 * contexts that OpenSBI leaves to it. The context of each hart comes from the controller's
 * interrupts-extended (the entry that drives cause 9, SEI, on that hart), never from a fixed
 * formula, so QEMU virt's M/S pairs and the Pagoda SoC's single hart are found the same way.
 *
 * Every source is routed to the boot hart. The external-interrupt handler claims until the
 * claim register reads 0 and completes each source after its handler ran; a source that fires
 * without a handler (a spurious or misrouted line) is reported once and masked, so it can never
 * become an interrupt storm.
 */
#include <asm/barrier.h>
#include <asm/csr.h>
#include <asm/ptrace.h>
#include <pagoda/boot.h>
#include <pagoda/fdt.h>
#include <pagoda/init.h>
#include <pagoda/irq.h>
#include <pagoda/printk.h>
#include <pagoda/shell.h>
#include <pagoda/smp.h>
#include <pagoda/spinlock.h>
#include <pagoda/string.h>

#define PLIC_PRIORITY(i)	(4u * (i))
#define PLIC_ENABLE(ctx, i)	(0x2000u + 0x80u * (ctx) + 4u * ((i) / 32))
#define PLIC_THRESHOLD(ctx)	(0x200000u + 0x1000u * (ctx))
#define PLIC_CLAIM(ctx)		(0x200004u + 0x1000u * (ctx))
#define PLIC_MAX_CONTEXTS	15872	/* the register map's limit */

/* Sources the firmware can register; the PLIC may have more (riscv,ndev up to 1023). */
#define PLIC_MAX_IRQ 127

struct irq_desc {
	irq_handler_t handler;
	void *arg;
	const char *name;
	unsigned long count;
};

static struct {
	bool present;
	unsigned long base;
	unsigned int ndev;	/* sources 1..ndev */
	int ctx[NR_CPUS];	/* S-mode context per CPU, -1 when the DT names none */
	unsigned int target_cpu;
	unsigned long spurious;	/* claims of a source nobody handles */
	unsigned long empty_claims;	/* SEI taken with nothing to claim */
} plic;

static struct irq_desc irq_desc[PLIC_MAX_IRQ + 1];
static spinlock_t plic_lock = SPIN_LOCK_UNLOCKED;

static inline u32 plic_read(unsigned int off)
{
	return *(volatile u32 *)(plic.base + off);
}

static inline void plic_write(unsigned int off, u32 val)
{
	*(volatile u32 *)(plic.base + off) = val;
}

static void plic_set_enable(unsigned int ctx, unsigned int irq, bool on)
{
	u32 word = plic_read(PLIC_ENABLE(ctx, irq)), bit = 1u << (irq % 32);

	plic_write(PLIC_ENABLE(ctx, irq), on ? word | bit : word & ~bit);
}

/* A source a handler can be registered for. */
static bool irq_valid(unsigned int irq)
{
	return irq != 0 && irq <= plic.ndev && irq <= PLIC_MAX_IRQ;
}

bool irq_controller_present(void)
{
	return plic.present;
}

unsigned long irq_count(unsigned int irq)
{
	return irq <= PLIC_MAX_IRQ ? irq_desc[irq].count : 0;
}

static void plic_handle_irq(void)
{
	int hart_ctx = plic.ctx[smp_processor_id()];
	unsigned int ctx = (unsigned int)hart_ctx;
	bool claimed = false;
	u32 id;

	if (hart_ctx < 0) {	/* SEIE is only set where a context exists; never claim blindly */
		csr_clear(sie, SIE_SEIE);
		pr_err("plic: external interrupt on hart %lu, which has no S-mode context\n",
		       cpu_hartid[smp_processor_id()]);
		return;
	}
	while ((id = plic_read(PLIC_CLAIM(ctx))) != 0) {
		struct irq_desc *d = id <= PLIC_MAX_IRQ ? &irq_desc[id] : NULL;

		claimed = true;
		if (d && d->handler) {
			d->count++;
			d->handler(id, d->arg);
		} else {
			/* Mask it before completing, so the gateway cannot present it again. */
			plic_write(PLIC_PRIORITY(id), 0);
			plic_set_enable(ctx, id, false);
			if (!plic.spurious++)
				pr_err("plic: source %u fired with no handler; masked\n", id);
		}
		plic_write(PLIC_CLAIM(ctx), id);
	}
	if (!claimed)
		plic.empty_claims++;	/* another context, or a source that dropped before the claim */
}

int request_irq(unsigned int irq, irq_handler_t fn, void *arg, const char *name)
{
	unsigned long flags;
	int ctx;

	if (!plic.present)
		return IRQ_ENODEV;
	if (!fn || !irq_valid(irq))
		return IRQ_EINVAL;
	ctx = plic.ctx[plic.target_cpu];
	spin_lock_irqsave(&plic_lock, flags);
	if (irq_desc[irq].handler) {
		spin_unlock_irqrestore(&plic_lock, flags);
		return IRQ_EBUSY;
	}
	irq_desc[irq].handler = fn;
	irq_desc[irq].arg = arg;
	irq_desc[irq].name = name;
	plic_write(PLIC_PRIORITY(irq), 1);
	plic_set_enable((unsigned int)ctx, irq, true);
	spin_unlock_irqrestore(&plic_lock, flags);
	return 0;
}

void free_irq(unsigned int irq)
{
	unsigned long flags;

	if (!plic.present || !irq_valid(irq))
		return;
	spin_lock_irqsave(&plic_lock, flags);
	if (!irq_desc[irq].handler)
		pr_warn("plic: free_irq(%u): no handler registered\n", irq);
	plic_set_enable((unsigned int)plic.ctx[plic.target_cpu], irq, false);
	plic_write(PLIC_PRIORITY(irq), 0);
	irq_desc[irq].handler = NULL;
	irq_desc[irq].arg = NULL;
	spin_unlock_irqrestore(&plic_lock, flags);
}

static int plic_probe(void)
{
	const void *fdt = boot_info.fdt;
	int node = fdt_node_offset_by_compatible(fdt, -1, "riscv,plic0");
	unsigned int cpu = smp_processor_id();
	u64 base, size;
	u32 ndev, threshold;

	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "sifive,plic-1.0.0");
	if (node < 0)
		return 0;	/* no PLIC: device drivers poll */
	if (fdt_reg(fdt, node, 0, &base, &size) || size < PLIC_THRESHOLD(1)) {
		pr_err("plic: %s: bad reg\n", fdt_node_name(fdt, node));
		return -1;
	}
	if (fdt_read_u32(fdt, node, "riscv,ndev", &ndev) || ndev == 0 || ndev > 1023) {
		pr_err("plic: %s: riscv,ndev missing or out of range\n", fdt_node_name(fdt, node));
		return -1;
	}
	for (unsigned int c = 0; c < NR_CPUS; c++) {
		int ctx = -1;

		if (cpu_online(c)) {
			ctx = fdt_irq_context(fdt, node, cpu_hartid[c], IRQ_S_EXT);
			if (ctx == FDT_ERR_NOTFOUND) {
				ctx = -1;
			} else if (ctx < 0) {
				pr_err("plic: %s: malformed interrupts-extended (%s)\n",
				       fdt_node_name(fdt, node), fdt_strerror(ctx));
				return -1;
			} else if (ctx >= PLIC_MAX_CONTEXTS || PLIC_CLAIM((unsigned int)ctx) >= size) {
				pr_err("plic: context %d of hart %lu is outside reg\n", ctx,
				       cpu_hartid[c]);
				return -1;
			}
		}
		plic.ctx[c] = ctx;
	}
	if (plic.ctx[cpu] < 0) {
		pr_err("plic: no S-mode context for hart %lu; device interrupts off\n",
		       cpu_hartid[cpu]);
		return -1;
	}
	if (probe_read32((unsigned long)base + PLIC_THRESHOLD(plic.ctx[cpu]), &threshold)) {
		pr_err("plic: no device answers at 0x%llx\n", (unsigned long long)base);
		return -1;
	}
	plic.ndev = ndev;
	plic.base = (unsigned long)base;
	plic.target_cpu = cpu;
	if (plic.ndev > PLIC_MAX_IRQ)
		pr_warn("plic: %u sources, handlers only for 1..%u\n", plic.ndev, PLIC_MAX_IRQ);
	/* Start from nothing enabled in our contexts: a boot loader may have left sources on. */
	for (unsigned int c = 0; c < NR_CPUS; c++) {
		if (plic.ctx[c] < 0)
			continue;
		for (unsigned int i = 0; i <= plic.ndev; i += 32)
			plic_write(PLIC_ENABLE((unsigned int)plic.ctx[c], i), 0);
		plic_write(PLIC_THRESHOLD((unsigned int)plic.ctx[c]), 0);
	}
	for (unsigned int i = 1; i <= plic.ndev; i++)
		plic_write(PLIC_PRIORITY(i), 0);
	plic.present = true;
	irq_handler_external = plic_handle_irq;
	csr_set(sie, SIE_SEIE);
	printk("plic:     at 0x%lx, %u sources, S-mode context %d (hart %lu)\n", plic.base,
	       plic.ndev, plic.ctx[cpu], cpu_hartid[cpu]);
	return 0;
}
core_initcall(plic_probe);

/* The equivalent of /proc/interrupts. */
SHELL_CMD(interrupts, "device interrupts: source, count, handler")
{
	(void)argc;
	(void)argv;
	if (!plic.present) {
		printk("no interrupt controller\n");
		return 0;
	}
	printk("%6s %10s  %s\n", "source", "count", "handler");
	for (unsigned int i = 1; i <= plic.ndev && i <= PLIC_MAX_IRQ; i++)
		if (irq_desc[i].handler || irq_desc[i].count)
			printk("%6u %10lu  %s\n", i, irq_desc[i].count,
			       irq_desc[i].handler ? irq_desc[i].name : "(freed)");
	printk("spurious %lu, empty claims %lu\n", plic.spurious, plic.empty_claims);
	return 0;
}
