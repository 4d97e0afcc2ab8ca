// SPDX-License-Identifier: BSD-2-Clause
/*
 * RISC-V PLIC (riscv,plic0 / sifive,plic-1.0.0), S-mode side: the firmware owns the S-mode
 * contexts that OpenSBI leaves to it. There may be several controllers: QEMU virt with -numa has
 * one per socket, each naming only its own harts' contexts in interrupts-extended. The context of
 * each hart comes from whichever controller's interrupts-extended names it (the entry that drives
 * cause 9, SEI, on that hart), never from a fixed formula.
 *
 * Interrupt numbers are Linux-style virtual numbers: controller i's source s is
 * i * PLIC_IRQS_PER_INSTANCE + s, so the first controller's numbers are its sources (what the
 * device tree's `interrupts` says when the device's interrupt-parent is that controller);
 * irq_of_parse_and_map() gives the number for any device.
 *
 * Each controller's sources are routed to the boot hart when it has a context there, else to the
 * first online hart that has one (a hart of another socket is then the one that takes them). The
 * external-interrupt handler claims until the claim register reads 0, in every controller where
 * the hart has a context, and completes each source after its handler ran; a source that fires
 * without a handler (a spurious or misrouted line) is reported once and masked, so it can never
 * become an interrupt storm.
 */
#include <asm/barrier.h>
#include <asm/csr.h>
#include <asm/io.h>
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
#include <regs/pagoda_map.h>

/* The riscv,plic0 layout (rtl/regs/plic.rdl describes the SoC's 32 sources and 2 contexts; QEMU's
 * PLICs have more of both at the same strides). */
#define PLIC_PRIORITY(i)	((unsigned)PLIC_PRIORITY_OFFSET + (unsigned)PLIC_PRIORITY_STRIDE * (i))
#define PLIC_ENABLE(ctx, i)	((unsigned)PLIC_ENABLE_OFFSET + (unsigned)PLIC_ENABLE_STRIDE * (ctx) + \
				 4u * ((i) / 32))
#define PLIC_CTX_REG(ctx, off) \
	((unsigned)PLIC_CTX_OFFSET + (off) + (unsigned)PLIC_CTX_STRIDE * (ctx))
#define PLIC_THRESHOLD(ctx)	PLIC_CTX_REG(ctx, PLIC_CTX_THRESHOLD_OFFSET)
#define PLIC_CLAIM(ctx)		PLIC_CTX_REG(ctx, PLIC_CTX_CLAIM_OFFSET)
#define PLIC_MAX_CONTEXTS	15872	/* the register map's limit */

/* QEMU virt has at most 8 sockets, one PLIC each. */
#define PLIC_MAX_INSTANCES	8
#define NR_IRQS			(PLIC_MAX_INSTANCES * PLIC_IRQS_PER_INSTANCE)

struct plic {
	unsigned long base;
	unsigned int ndev;	/* sources 1..ndev (riscv,ndev) */
	u32 phandle;		/* 0 when the node has none */
	int ctx[NR_CPUS];	/* S-mode context per CPU, -1 when this controller names none */
	int target_cpu;		/* CPU its sources are routed to; -1 when no online CPU has one */
	const char *name;
};

struct irq_desc {
	irq_handler_t handler;
	void *arg;
	const char *name;
	unsigned long count;
};

static struct plic plics[PLIC_MAX_INSTANCES];
static unsigned int nr_plics;
static bool plic_present;
static unsigned long plic_spurious;	/* claims of a source nobody handles */
static unsigned long plic_empty_claims;	/* SEI taken with nothing to claim */

static struct irq_desc irq_desc[NR_IRQS];
/* Held by request_irq/free_irq and around each handler call, so that free_irq never returns while
 * another hart still runs the handler it removes. */
static spinlock_t plic_lock = SPIN_LOCK_UNLOCKED;

static inline u32 plic_read(const struct plic *p, unsigned int off)
{
	return readl((void *)(p->base + off));
}

static inline void plic_write(const struct plic *p, unsigned int off, u32 val)
{
	writel(val, (void *)(p->base + off));
}

static void plic_set_enable(const struct plic *p, unsigned int ctx, unsigned int src, bool on)
{
	u32 word = plic_read(p, PLIC_ENABLE(ctx, src)), bit = 1u << (src % 32);

	plic_write(p, PLIC_ENABLE(ctx, src), on ? word | bit : word & ~bit);
}

/* The controller and source of a virtual interrupt number a handler can be registered for. */
static struct plic *irq_to_plic(unsigned int irq, unsigned int *src)
{
	unsigned int i = irq / PLIC_IRQS_PER_INSTANCE, s = irq % PLIC_IRQS_PER_INSTANCE;

	if (irq >= NR_IRQS || i >= nr_plics || s == 0 || s > plics[i].ndev)
		return NULL;
	*src = s;
	return &plics[i];
}

bool irq_controller_present(void)
{
	return plic_present;
}

unsigned int irq_controller_count(void)
{
	return plic_present ? nr_plics : 0;
}

unsigned long irq_count(unsigned int irq)
{
	return irq < NR_IRQS ? irq_desc[irq].count : 0;
}

int irq_target_cpu(unsigned int irq)
{
	unsigned int src;
	struct plic *p = plic_present ? irq_to_plic(irq, &src) : NULL;

	return p ? p->target_cpu : -1;
}

/* Claim and complete everything pending at one context of one controller. */
static bool plic_claim_all(struct plic *p, unsigned int first_irq, unsigned int ctx)
{
	bool claimed = false;
	u32 src;

	while ((src = plic_read(p, PLIC_CLAIM(ctx))) != 0) {
		struct irq_desc *d = src < PLIC_IRQS_PER_INSTANCE ? &irq_desc[first_irq + src] : NULL;

		claimed = true;
		spin_lock(&plic_lock);
		if (d && d->handler) {
			d->count++;
			d->handler(first_irq + src, d->arg);
		} else {
			/* Mask it before completing, so the gateway cannot present it again. */
			plic_write(p, PLIC_PRIORITY(src), 0);
			plic_set_enable(p, ctx, src, false);
			if (!plic_spurious++)
				pr_err("plic: %s: source %u fired with no handler; masked\n", p->name,
				       src);
		}
		spin_unlock(&plic_lock);
		plic_write(p, PLIC_CLAIM(ctx), src);
	}
	return claimed;
}

static void plic_handle_irq(void)
{
	unsigned int cpu = smp_processor_id();
	bool claimed = false, have_ctx = false;

	for (unsigned int i = 0; i < nr_plics; i++) {
		if (plics[i].ctx[cpu] < 0)
			continue;
		have_ctx = true;
		claimed |= plic_claim_all(&plics[i], i * PLIC_IRQS_PER_INSTANCE,
					  (unsigned int)plics[i].ctx[cpu]);
	}
	if (!have_ctx) {	/* SEIE is only set where a context exists; never claim blindly */
		csr_clear(sie, SIE_SEIE);
		pr_err("plic: external interrupt on hart %lu, which has no S-mode context\n",
		       cpu_hartid[cpu]);
		return;
	}
	if (!claimed)
		plic_empty_claims++;	/* another context, or a source that dropped before the claim */
}

int request_irq(unsigned int irq, irq_handler_t fn, void *arg, const char *name)
{
	unsigned long flags;
	unsigned int src;
	struct plic *p;

	if (!plic_present)
		return IRQ_ENODEV;
	p = irq_to_plic(irq, &src);
	if (!fn || !p)
		return IRQ_EINVAL;
	if (p->target_cpu < 0)
		return IRQ_ENODEV;	/* no online hart can take this controller's interrupts */
	spin_lock_irqsave(&plic_lock, flags);
	if (irq_desc[irq].handler) {
		spin_unlock_irqrestore(&plic_lock, flags);
		return IRQ_EBUSY;
	}
	irq_desc[irq].handler = fn;
	irq_desc[irq].arg = arg;
	irq_desc[irq].name = name;
	plic_write(p, PLIC_PRIORITY(src), 1);
	plic_set_enable(p, (unsigned int)p->ctx[p->target_cpu], src, true);
	spin_unlock_irqrestore(&plic_lock, flags);
	return 0;
}

void free_irq(unsigned int irq)
{
	unsigned long flags;
	unsigned int src;
	struct plic *p = plic_present ? irq_to_plic(irq, &src) : NULL;

	if (!p || p->target_cpu < 0)
		return;
	spin_lock_irqsave(&plic_lock, flags);
	if (!irq_desc[irq].handler)
		pr_warn("plic: free_irq(%u): no handler registered\n", irq);
	plic_set_enable(p, (unsigned int)p->ctx[p->target_cpu], src, false);
	plic_write(p, PLIC_PRIORITY(src), 0);
	irq_desc[irq].handler = NULL;
	irq_desc[irq].arg = NULL;
	spin_unlock_irqrestore(&plic_lock, flags);
}

static int plic_index_by_phandle(u32 phandle)
{
	for (unsigned int i = 0; i < nr_plics; i++)
		if (phandle && plics[i].phandle == phandle)
			return (int)i;
	return -1;
}

int irq_of_parse_and_map(const void *fdt, int node, unsigned int index)
{
	const u8 *cells;
	int len, i, n;
	u32 parent = 0, src;

	/* interrupt-parent is inherited from the nearest ancestor that has one. */
	for (n = node; n >= 0; n = fdt_parent_offset(fdt, n))
		if (fdt_read_u32(fdt, n, "interrupt-parent", &parent) == FDT_OK)
			break;
	cells = fdt_getprop(fdt, node, "interrupts", &len);
	if (!plic_present || n < 0 || !cells || len < 0 || (unsigned int)len / 4 <= index)
		return 0;
	i = plic_index_by_phandle(parent);
	src = fdt32_ld(cells + 4 * index);	/* a PLIC has #interrupt-cells = 1 */
	if (i < 0 || src == 0 || src > plics[i].ndev || src >= PLIC_IRQS_PER_INSTANCE)
		return 0;
	return i * PLIC_IRQS_PER_INSTANCE + (int)src;
}

/* One controller: its registers, sources and the contexts of the online harts it names. */
static int plic_setup_one(const void *fdt, int node, struct plic *p)
{
	u64 base, size;
	u32 threshold;
	int probe_ctx = -1;

	p->name = fdt_node_name(fdt, node);
	if (fdt_reg(fdt, node, 0, &base, &size) || size < PLIC_THRESHOLD(1)) {
		pr_err("plic: %s: bad reg\n", p->name);
		return -1;
	}
	if (fdt_read_u32(fdt, node, "riscv,ndev", &p->ndev) || p->ndev == 0 || p->ndev > 1023) {
		pr_err("plic: %s: riscv,ndev missing or out of range\n", p->name);
		return -1;
	}
	if (fdt_read_u32(fdt, node, "phandle", &p->phandle))
		p->phandle = 0;
	for (unsigned int c = 0; c < NR_CPUS; c++) {
		int ctx = -1;

		if (cpu_online(c)) {
			ctx = fdt_irq_context(fdt, node, cpu_hartid[c], IRQ_S_EXT);
			if (ctx == FDT_ERR_NOTFOUND) {
				ctx = -1;
			} else if (ctx < 0) {
				pr_err("plic: %s: malformed interrupts-extended (%s)\n", p->name,
				       fdt_strerror(ctx));
				return -1;
			} else if (ctx >= PLIC_MAX_CONTEXTS || PLIC_CLAIM((unsigned int)ctx) >= size) {
				pr_err("plic: %s: context %d of hart %lu is outside reg\n", p->name,
				       ctx, cpu_hartid[c]);
				return -1;
			}
		}
		p->ctx[c] = ctx;
		if (probe_ctx < 0)
			probe_ctx = ctx;
	}
	p->target_cpu = p->ctx[smp_processor_id()] >= 0 ? (int)smp_processor_id() : -1;
	for (unsigned int c = 0; c < NR_CPUS && p->target_cpu < 0; c++)
		if (p->ctx[c] >= 0)
			p->target_cpu = (int)c;
	p->base = (unsigned long)base;
	if (probe_ctx >= 0 &&
	    probe_read32(p->base + PLIC_THRESHOLD((unsigned int)probe_ctx), &threshold)) {
		pr_err("plic: %s: no device answers at 0x%lx\n", p->name, p->base);
		return -1;
	}
	if (p->ndev >= PLIC_IRQS_PER_INSTANCE)
		pr_warn("plic: %s: %u sources, handlers only for 1..%u\n", p->name, p->ndev,
			PLIC_IRQS_PER_INSTANCE - 1);
	return 0;
}

/* Start from nothing enabled in our contexts: a boot loader may have left sources on. */
static void plic_reset_contexts(const struct plic *p)
{
	for (unsigned int c = 0; c < NR_CPUS; c++) {
		if (p->ctx[c] < 0)
			continue;
		for (unsigned int i = 0; i <= p->ndev; i += 32)
			plic_write(p, PLIC_ENABLE((unsigned int)p->ctx[c], i), 0);
		plic_write(p, PLIC_THRESHOLD((unsigned int)p->ctx[c]), 0);
	}
	for (unsigned int i = 1; i <= p->ndev; i++)
		plic_write(p, PLIC_PRIORITY(i), 0);
}

/* Run on every online hart: take external interrupts where some controller has our context. */
static void plic_enable_local(void *unused)
{
	unsigned int cpu = smp_processor_id();

	(void)unused;
	for (unsigned int i = 0; i < nr_plics; i++)
		if (plics[i].ctx[cpu] >= 0) {
			csr_set(sie, SIE_SEIE);
			return;
		}
}

static int plic_next_node(const void *fdt, int from)
{
	int a = fdt_node_offset_by_compatible(fdt, from, "riscv,plic0");
	int b = fdt_node_offset_by_compatible(fdt, from, "sifive,plic-1.0.0");

	if (a < 0 || b < 0)
		return a < 0 ? b : a;
	return a < b ? a : b;	/* offsets grow in depth-first order */
}

static int plic_probe(void)
{
	const void *fdt = boot_info.fdt;
	unsigned int n = 0, c;
	int node;

	for (node = plic_next_node(fdt, -1); node >= 0; node = plic_next_node(fdt, node)) {
		if (n == PLIC_MAX_INSTANCES) {
			pr_err("plic: more than %d controllers in the device tree\n",
			       PLIC_MAX_INSTANCES);
			return -1;
		}
		if (plic_setup_one(fdt, node, &plics[n]))
			return -1;
		n++;
	}
	if (!n)
		return 0;	/* no PLIC: device drivers poll */
	for_each_online_cpu(c) {
		bool found = false;

		for (unsigned int i = 0; i < n; i++)
			found |= plics[i].ctx[c] >= 0;
		if (!found)
			pr_warn("plic: no S-mode context for hart %lu in any controller\n",
				cpu_hartid[c]);
	}
	nr_plics = n;
	for (unsigned int i = 0; i < n; i++)
		plic_reset_contexts(&plics[i]);
	plic_present = true;
	irq_handler_external = plic_handle_irq;
	mb();
	smp_call_on_all(plic_enable_local, NULL);
	for (unsigned int i = 0; i < n; i++) {
		const struct plic *p = &plics[i];

		if (p->target_cpu < 0) {
			printk("plic:     %s at 0x%lx, %u sources, no online hart has a context\n",
			       p->name, p->base, p->ndev);
			continue;
		}
		printk("plic:     %s at 0x%lx, %u sources (irq %u+), S-mode context %d (hart %lu)\n",
		       p->name, p->base, p->ndev, i * PLIC_IRQS_PER_INSTANCE,
		       p->ctx[p->target_cpu], cpu_hartid[p->target_cpu]);
	}
	return 0;
}
core_initcall(plic_probe);

/* For the self-tests: does controller i name a context for `cpu`, and is it where its sources go. */
int irq_controller_context(unsigned int i, unsigned int cpu)
{
	return i < nr_plics && cpu < NR_CPUS ? plics[i].ctx[cpu] : -1;
}

/* The equivalent of /proc/interrupts. */
SHELL_CMD_ARGS(interrupts, 0, 0, "device interrupts: irq, count, handler")
{
	(void)argc;
	(void)argv;
	if (!plic_present) {
		printk("no interrupt controller\n");
		return 0;
	}
	printk("%6s %10s  %s\n", "irq", "count", "handler");
	for (unsigned int irq = 1; irq < NR_IRQS; irq++)
		if (irq_desc[irq].handler || irq_desc[irq].count)
			printk("%6u %10lu  %s\n", irq, irq_desc[irq].count,
			       irq_desc[irq].handler ? irq_desc[irq].name : "(freed)");
	printk("spurious %lu, empty claims %lu\n", plic_spurious, plic_empty_claims);
	return 0;
}
