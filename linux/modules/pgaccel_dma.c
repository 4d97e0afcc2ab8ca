// SPDX-License-Identifier: GPL-2.0
/*
 * pgaccel_dma: Pagoda's pgaccel as a Linux dmaengine device (docs/pgaccel.md, "From Linux").
 *
 * One channel offering DMA_MEMSET: a memset of byte 0 is the engine's ZERO command, any other byte
 * its FILL with the byte in all eight lanes. The engine takes addresses and lengths in multiples of
 * 8 (fill_align), inside its RAM window below 4 GiB (the DMA mask). It queues up to QDEPTH commands
 * and completes them in order; the driver posts issued descriptors while slots are free, and the
 * DONE interrupt (through the PLIC) retires them: their cookies complete in the handler, their
 * callbacks run in a tasklet, and the freed slots take the next descriptors.
 *
 * Coherence: the SoC has no caches between the core and RAM, and the device tree does not say
 * dma-noncoherent, so Linux maps buffers for this device as coherent. What the driver still owes
 * the DMA API is ordering: writeq() fences the CPU's earlier stores before a post reaches the
 * engine, and readq() of the completion orders it before the client's later loads.
 * The register layout is the firmware's firmware/drivers/pgaccel_regs.h (same offsets, restated
 * here because a module cannot include the firmware's headers).
 */
#include <linux/dmaengine.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "dmaengine.h"		/* drivers/dma: cookie and callback helpers */

#define PGACCEL_REG_ID		0x000
#define PGACCEL_REG_CAPS	0x008
#define PGACCEL_REG_RAM_BASE	0x010
#define PGACCEL_REG_RAM_SIZE	0x018
#define PGACCEL_REG_IRQ_EN	0x020
#define PGACCEL_REG_STATUS	0x028
#define PGACCEL_REG_CMD_ADDR	0x040
#define PGACCEL_REG_CMD_LEN	0x048
#define PGACCEL_REG_CMD_ARG	0x050
#define PGACCEL_REG_CMD_POST	0x058
#define PGACCEL_REG_COMP	0x060
#define PGACCEL_REG_CNT_BUSY	0x080
#define PGACCEL_REG_CNT_BYTES	0x088
#define PGACCEL_REG_WIN_BASE	0x0a0	/* version 1.1: the DMA window [WIN_BASE, WIN_END) */
#define PGACCEL_REG_WIN_END	0x0a8
#define PGACCEL_REG_WIN_CTRL	0x0b0

#define PGACCEL_ID_MAGIC	0x50474143u	/* "PGAC" */
#define PGACCEL_VERSION_WINDOW	0x101
#define PGACCEL_WIN_LOCK	BIT(0)
#define PGACCEL_CAPS_QDEPTH(c)	((unsigned int)((c) & 0xff))
#define PGACCEL_IRQ_DONE	BIT(0)
#define PGACCEL_ST_BUSY		BIT(0)
#define PGACCEL_ST_REJECTED	BIT(3)
#define PGACCEL_OP_ZERO		1
#define PGACCEL_OP_FILL		2
#define PGACCEL_POST(op, tag)	((u64)(op) | (u64)((tag) & 0xff) << 24)
#define PGACCEL_COMP_VALID	BIT_ULL(63)
#define PGACCEL_COMP_ERR(c)	((unsigned int)(((c) >> 40) & 0xf))
#define PGACCEL_COMP_TAG(c)	((unsigned int)(((c) >> 48) & 0xff))

struct pgaccel_desc {
	struct dma_async_tx_descriptor txd;
	struct list_head node;
	dma_addr_t dst;
	u64 len, pattern;
	unsigned int op;
	unsigned int err;		/* the completion's ERR, 0 = done */
};

struct pgaccel_dma {
	struct dma_device dma;
	struct dma_chan chan;
	void __iomem *regs;
	struct device *dev;
	int irq;
	unsigned int qdepth;
	u64 ram_base, ram_size;		/* what the engine accepts: its DMA window */

	spinlock_t lock;		/* the lists below, the slots, the tag counter */
	struct list_head submitted;	/* tx_submit'ed, not yet issue_pending'ed */
	struct list_head issued;	/* issued, waiting for a free slot */
	struct list_head running;	/* posted to the engine, in post (= completion) order */
	struct list_head done;		/* completed, callback not yet run */
	unsigned int in_engine;		/* posted and not yet retired: slots in use */
	u8 tag;
	dma_cookie_t failed_cookie;	/* the last cookie that completed with an error */
	struct tasklet_struct tasklet;
};

static inline struct pgaccel_dma *to_pgaccel(struct dma_chan *chan)
{
	return container_of(chan, struct pgaccel_dma, chan);
}

static inline struct pgaccel_desc *to_desc(struct dma_async_tx_descriptor *txd)
{
	return container_of(txd, struct pgaccel_desc, txd);
}

/* Post issued descriptors while the engine has free slots. Called with pd->lock held. */
static void pgaccel_start(struct pgaccel_dma *pd)
{
	struct pgaccel_desc *d;

	while (pd->in_engine < pd->qdepth && !list_empty(&pd->issued)) {
		d = list_first_entry(&pd->issued, struct pgaccel_desc, node);
		writeq(d->dst, pd->regs + PGACCEL_REG_CMD_ADDR);
		writeq(d->len, pd->regs + PGACCEL_REG_CMD_LEN);
		writeq(d->pattern, pd->regs + PGACCEL_REG_CMD_ARG);
		writeq(PGACCEL_POST(d->op, pd->tag++), pd->regs + PGACCEL_REG_CMD_POST);
		list_move_tail(&d->node, &pd->running);
		pd->in_engine++;
	}
}

/* Retire every completion the engine holds, oldest first. Called with pd->lock held. */
static unsigned int pgaccel_retire(struct pgaccel_dma *pd)
{
	unsigned int n = 0;
	u64 comp;

	while ((comp = readq(pd->regs + PGACCEL_REG_COMP)) & PGACCEL_COMP_VALID) {
		struct pgaccel_desc *d = list_first_entry_or_null(&pd->running,
								   struct pgaccel_desc, node);

		if (WARN_ON_ONCE(!d))
			break;	/* a completion nobody posted: the engine and driver disagree */
		d->err = PGACCEL_COMP_ERR(comp);
		if (d->err) {
			dev_err(pd->dev, "command at %pad+%llu failed: error %u\n", &d->dst, d->len,
				d->err);
			pd->failed_cookie = d->txd.cookie;
		}
		dma_cookie_complete(&d->txd);
		list_move_tail(&d->node, &pd->done);
		pd->in_engine--;
		n++;
	}
	return n;
}

static irqreturn_t pgaccel_irq(int irq, void *data)
{
	struct pgaccel_dma *pd = data;
	unsigned int n;

	spin_lock(&pd->lock);
	n = pgaccel_retire(pd);
	pgaccel_start(pd);
	spin_unlock(&pd->lock);
	if (!n)
		return IRQ_NONE;
	tasklet_schedule(&pd->tasklet);
	return IRQ_HANDLED;
}

/* Callbacks outside the hard interrupt, as dmaengine clients expect; then the memory goes. */
static void pgaccel_tasklet(struct tasklet_struct *t)
{
	struct pgaccel_dma *pd = from_tasklet(pd, t, tasklet);
	struct pgaccel_desc *d, *tmp;
	unsigned long flags;
	LIST_HEAD(list);

	spin_lock_irqsave(&pd->lock, flags);
	list_splice_tail_init(&pd->done, &list);
	spin_unlock_irqrestore(&pd->lock, flags);
	list_for_each_entry_safe(d, tmp, &list, node) {
		struct dmaengine_result res = {
			.result = d->err ? DMA_TRANS_ABORTED : DMA_TRANS_NOERROR,
			.residue = d->err ? d->len : 0,
		};

		dmaengine_desc_get_callback_invoke(&d->txd, &res);
		list_del(&d->node);
		kfree(d);
	}
}

static dma_cookie_t pgaccel_tx_submit(struct dma_async_tx_descriptor *txd)
{
	struct pgaccel_dma *pd = to_pgaccel(txd->chan);
	unsigned long flags;
	dma_cookie_t cookie;

	spin_lock_irqsave(&pd->lock, flags);
	cookie = dma_cookie_assign(txd);
	list_add_tail(&to_desc(txd)->node, &pd->submitted);
	spin_unlock_irqrestore(&pd->lock, flags);
	return cookie;
}

/*
 * A memset the engine can do, or NULL: dst and len multiples of 8 (fill_align), len below 4 GiB,
 * the range inside the engine's RAM window. The engine checks all this again (ERR_ALIGN, ERR_RANGE);
 * refusing here lets the client fall back to the CPU instead of getting a failed transfer.
 */
static struct dma_async_tx_descriptor *
pgaccel_prep_memset(struct dma_chan *chan, dma_addr_t dst, int value, size_t len,
		    unsigned long flags)
{
	struct pgaccel_dma *pd = to_pgaccel(chan);
	struct pgaccel_desc *d;
	u8 byte = value;

	if (!len || (dst | len) & 7 || len >= SZ_4G || dst < pd->ram_base ||
	    dst - pd->ram_base > pd->ram_size || len > pd->ram_size - (dst - pd->ram_base))
		return NULL;
	d = kzalloc(sizeof(*d), GFP_NOWAIT);
	if (!d)
		return NULL;
	dma_async_tx_descriptor_init(&d->txd, chan);
	d->txd.tx_submit = pgaccel_tx_submit;
	d->txd.flags = flags;
	d->dst = dst;
	d->len = len;
	d->op = byte ? PGACCEL_OP_FILL : PGACCEL_OP_ZERO;
	d->pattern = 0x0101010101010101ULL * byte;
	INIT_LIST_HEAD(&d->node);
	return &d->txd;
}

static void pgaccel_issue_pending(struct dma_chan *chan)
{
	struct pgaccel_dma *pd = to_pgaccel(chan);
	unsigned long flags;

	spin_lock_irqsave(&pd->lock, flags);
	list_splice_tail_init(&pd->submitted, &pd->issued);
	pgaccel_start(pd);
	spin_unlock_irqrestore(&pd->lock, flags);
}

static enum dma_status pgaccel_tx_status(struct dma_chan *chan, dma_cookie_t cookie,
					 struct dma_tx_state *state)
{
	struct pgaccel_dma *pd = to_pgaccel(chan);
	enum dma_status st = dma_cookie_status(chan, cookie, state);

	if (st == DMA_COMPLETE && cookie == READ_ONCE(pd->failed_cookie))
		return DMA_ERROR;
	return st;
}

/*
 * Drop what has not reached the engine. Commands already posted cannot be recalled: they run to
 * completion and are retired as usual, without callbacks (terminate_all's contract).
 */
static int pgaccel_terminate_all(struct dma_chan *chan)
{
	struct pgaccel_dma *pd = to_pgaccel(chan);
	struct pgaccel_desc *d, *tmp;
	unsigned long flags;
	LIST_HEAD(list);

	spin_lock_irqsave(&pd->lock, flags);
	list_splice_tail_init(&pd->submitted, &list);
	list_splice_tail_init(&pd->issued, &list);
	list_for_each_entry(d, &pd->running, node) {
		d->txd.callback = NULL;
		d->txd.callback_result = NULL;
	}
	list_for_each_entry(d, &pd->done, node) {
		d->txd.callback = NULL;
		d->txd.callback_result = NULL;
	}
	spin_unlock_irqrestore(&pd->lock, flags);
	list_for_each_entry_safe(d, tmp, &list, node)
		kfree(d);
	return 0;
}

/* Wait (bounded) for the posted commands to retire and their tasklet to finish. */
static void pgaccel_synchronize(struct dma_chan *chan)
{
	struct pgaccel_dma *pd = to_pgaccel(chan);
	unsigned long timeout = jiffies + HZ;
	bool busy;

	do {
		unsigned long flags;

		spin_lock_irqsave(&pd->lock, flags);
		busy = pd->in_engine != 0;
		spin_unlock_irqrestore(&pd->lock, flags);
		if (busy)
			usleep_range(100, 1000);
	} while (busy && time_before(jiffies, timeout));
	if (busy)
		dev_err(pd->dev, "commands still in the engine after 1 s\n");
	tasklet_kill(&pd->tasklet);
}

static int pgaccel_alloc_chan_resources(struct dma_chan *chan)
{
	dma_cookie_init(chan);
	return 0;
}

static void pgaccel_free_chan_resources(struct dma_chan *chan)
{
	pgaccel_terminate_all(chan);
	pgaccel_synchronize(chan);
}

/* The register file answers with the right ID, and the engine is idle with nothing waiting. */
static int pgaccel_check_hw(struct pgaccel_dma *pd)
{
	u64 id = readq(pd->regs + PGACCEL_REG_ID);
	u64 caps = readq(pd->regs + PGACCEL_REG_CAPS);

	if ((u32)id != PGACCEL_ID_MAGIC) {
		dev_err(pd->dev, "ID 0x%llx: not a pgaccel\n", id);
		return -ENODEV;
	}
	pd->qdepth = PGACCEL_CAPS_QDEPTH(caps);
	pd->ram_base = readq(pd->regs + PGACCEL_REG_RAM_BASE);
	pd->ram_size = readq(pd->regs + PGACCEL_REG_RAM_SIZE);
	/*
	 * From 1.1 the engine refuses anything outside its DMA window, which the boot ROM set and
	 * locked (RAM from OpenSBI's hand-over address up; the device tree's pagoda,dma-window says
	 * the same and reserves the RAM below it). prep_memset offers only ranges inside it.
	 */
	if ((id >> 32) >= PGACCEL_VERSION_WINDOW) {
		u64 wb = readq(pd->regs + PGACCEL_REG_WIN_BASE);
		u64 we = readq(pd->regs + PGACCEL_REG_WIN_END);
		u64 end = min(pd->ram_base + pd->ram_size, we);

		pd->ram_base = max(pd->ram_base, wb);
		pd->ram_size = end > pd->ram_base ? end - pd->ram_base : 0;
		dev_info(pd->dev, "DMA window [%#llx, %#llx)%s\n", wb, we,
			 readq(pd->regs + PGACCEL_REG_WIN_CTRL) & PGACCEL_WIN_LOCK ?
			 ", locked" : ", NOT locked");
	}
	if (!pd->qdepth || !pd->ram_size) {
		dev_err(pd->dev, "CAPS 0x%llx, RAM window %llu bytes: unusable\n", caps, pd->ram_size);
		return -ENODEV;
	}
	if (readq(pd->regs + PGACCEL_REG_STATUS) & PGACCEL_ST_BUSY) {
		dev_err(pd->dev, "busy at probe: another owner is using it\n");
		return -EBUSY;
	}
	while (readq(pd->regs + PGACCEL_REG_COMP) & PGACCEL_COMP_VALID)
		;	/* stale completions from the firmware before Linux */
	writeq(PGACCEL_ST_REJECTED, pd->regs + PGACCEL_REG_STATUS);
	dev_info(pd->dev, "pgaccel %u.%u, %u slots, RAM window %#llx+%#llx\n",
		 (unsigned int)(id >> 40) & 0xff, (unsigned int)(id >> 32) & 0xff, pd->qdepth,
		 pd->ram_base, pd->ram_size);
	return 0;
}

static void pgaccel_selftest_done(void *arg)
{
	complete(arg);
}

/*
 * dmatest only ever sets non-zero bytes (FILL). Before the channel is offered, zero a buffer the
 * CPU filled, through the channel's own prep/submit/issue path and the DONE interrupt, so the
 * ZERO command and the completion path are known to work; a wrong byte fails the probe.
 */
static int pgaccel_selftest(struct pgaccel_dma *pd)
{
	DECLARE_COMPLETION_ONSTACK(done);
	struct dma_async_tx_descriptor *tx;
	const size_t len = 2 * PAGE_SIZE;
	dma_addr_t dma;
	int ret = 0;
	u8 *buf;

	buf = dma_alloc_coherent(pd->dev, len, &dma, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	memset(buf, 0xa5, len);
	dma_cookie_init(&pd->chan);
	tx = pgaccel_prep_memset(&pd->chan, dma + 8, 0, len - 16, DMA_PREP_INTERRUPT);
	if (!tx) {
		ret = -EINVAL;
		goto out;
	}
	tx->callback = pgaccel_selftest_done;
	tx->callback_param = &done;
	dmaengine_submit(tx);
	pgaccel_issue_pending(&pd->chan);
	if (!wait_for_completion_timeout(&done, HZ)) {
		dev_err(pd->dev, "self-test: no completion interrupt within 1 s\n");
		pgaccel_terminate_all(&pd->chan);
		pgaccel_synchronize(&pd->chan);
		ret = -EIO;
		goto out;
	}
	/* the range zeroed, the 8 bytes on either side untouched */
	if (memchr_inv(buf + 8, 0, len - 16) || memchr_inv(buf, 0xa5, 8) ||
	    memchr_inv(buf + len - 8, 0xa5, 8)) {
		dev_err(pd->dev, "self-test: ZERO left wrong bytes\n");
		ret = -EIO;
	}
out:
	dma_free_coherent(pd->dev, len, buf, dma);
	return ret;
}

static int pgaccel_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct pgaccel_dma *pd;
	int ret;

	pd = devm_kzalloc(dev, sizeof(*pd), GFP_KERNEL);
	if (!pd)
		return -ENOMEM;
	pd->dev = dev;
	pd->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(pd->regs))
		return PTR_ERR(pd->regs);
	pd->irq = platform_get_irq(pdev, 0);
	if (pd->irq < 0)
		return pd->irq;
	ret = pgaccel_check_hw(pd);
	if (ret)
		return ret;
	/* CMD_ADDR >= 2^32 is ERR_RANGE: buffers must come from the low 4 GiB. */
	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(32));
	if (ret)
		return ret;

	spin_lock_init(&pd->lock);
	INIT_LIST_HEAD(&pd->submitted);
	INIT_LIST_HEAD(&pd->issued);
	INIT_LIST_HEAD(&pd->running);
	INIT_LIST_HEAD(&pd->done);
	tasklet_setup(&pd->tasklet, pgaccel_tasklet);

	ret = devm_request_irq(dev, pd->irq, pgaccel_irq, 0, dev_name(dev), pd);
	if (ret)
		return ret;
	writeq(PGACCEL_IRQ_DONE, pd->regs + PGACCEL_REG_IRQ_EN);

	pd->chan.device = &pd->dma;
	ret = pgaccel_selftest(pd);
	if (ret) {
		writeq(0, pd->regs + PGACCEL_REG_IRQ_EN);
		return ret;
	}
	dev_info(dev, "self-test: ZERO by interrupt passed\n");

	dma_cap_set(DMA_MEMSET, pd->dma.cap_mask);
	pd->dma.dev = dev;
	pd->dma.fill_align = DMAENGINE_ALIGN_8_BYTES;
	pd->dma.device_alloc_chan_resources = pgaccel_alloc_chan_resources;
	pd->dma.device_free_chan_resources = pgaccel_free_chan_resources;
	pd->dma.device_prep_dma_memset = pgaccel_prep_memset;
	pd->dma.device_issue_pending = pgaccel_issue_pending;
	pd->dma.device_tx_status = pgaccel_tx_status;
	pd->dma.device_terminate_all = pgaccel_terminate_all;
	pd->dma.device_synchronize = pgaccel_synchronize;
	INIT_LIST_HEAD(&pd->dma.channels);
	list_add_tail(&pd->chan.device_node, &pd->dma.channels);

	ret = dma_async_device_register(&pd->dma);
	if (ret) {
		writeq(0, pd->regs + PGACCEL_REG_IRQ_EN);
		return ret;
	}
	platform_set_drvdata(pdev, pd);
	return 0;
}

static int pgaccel_remove(struct platform_device *pdev)
{
	struct pgaccel_dma *pd = platform_get_drvdata(pdev);

	dma_async_device_unregister(&pd->dma);
	writeq(0, pd->regs + PGACCEL_REG_IRQ_EN);
	devm_free_irq(&pdev->dev, pd->irq, pd);
	tasklet_kill(&pd->tasklet);
	return 0;
}

static const struct of_device_id pgaccel_of_match[] = {
	{ .compatible = "pagoda,pgaccel" },
	{ }
};
MODULE_DEVICE_TABLE(of, pgaccel_of_match);

static struct platform_driver pgaccel_driver = {
	.probe = pgaccel_probe,
	.remove = pgaccel_remove,
	.driver = {
		.name = "pgaccel-dma",
		.of_match_table = pgaccel_of_match,
	},
};
module_platform_driver(pgaccel_driver);

MODULE_DESCRIPTION("Pagoda pgaccel zero/fill engine as a dmaengine memset device");
MODULE_LICENSE("GPL");
