/* The sinspect kernel module: one character device per possible CPU
 * (/dev/sinspect<cpu>) giving userspace that CPU's ring buffer through mmap,
 * and the ioctls that configure, start and stop the capture. */
#include <linux/cdev.h>
#include <linux/cpumask.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>
#include <linux/version.h>
#include <linux/vmalloc.h>

#include "capture.h"
#include "fillers/fillers.h"
#include "filter.h"
#include "sinspect_kmod_abi.h"

static unsigned int ring_bytes = 8 * 1024 * 1024;
module_param(ring_bytes, uint, 0444);
MODULE_PARM_DESC(ring_bytes, "bytes of ring buffer per CPU (a power of two, at least 128 KiB)");

static dev_t g_devt;
static struct cdev g_cdev;
static struct class *g_class;
static DEFINE_MUTEX(g_lock);   /* open/close/ioctl against each other */
static int g_open_count;

static int dev_open(struct inode *inode, struct file *f)
{
	int cpu = iminor(inode);
	struct sinspect_ring *r;
	int err = 0;

	if (cpu >= nr_cpu_ids || !cpu_possible(cpu))
		return -ENODEV;
	mutex_lock(&g_lock);
	if (g_open_count == 0) {
		/* a new capture: nothing of the previous one's settings */
		capture_defaults();
		filter_clear();
		err = capture_alloc_rings(ring_bytes);
		if (err)
			goto out;
	}
	r = capture_ring(cpu);
	if (!r) {
		err = -ENODEV;
		goto out_free;
	}
	if (r->open) {
		err = -EBUSY;
		goto out_free;
	}
	r->open = true;
	f->private_data = r;
	g_open_count++;
	goto out;
out_free:
	if (g_open_count == 0)
		capture_free_rings();
out:
	mutex_unlock(&g_lock);
	return err;
}

static int dev_release(struct inode *inode, struct file *f)
{
	struct sinspect_ring *r = f->private_data;

	mutex_lock(&g_lock);
	r->open = false;
	if (--g_open_count == 0) {
		/* Nobody reads any more: stop the probes before the memory goes. */
		capture_detach_all();
		capture_free_rings();
		filter_clear();
	}
	mutex_unlock(&g_lock);
	return 0;
}

static int dev_mmap(struct file *f, struct vm_area_struct *vma)
{
	struct sinspect_ring *r = f->private_data;
	unsigned long len = vma->vm_end - vma->vm_start;

	if (vma->vm_pgoff == 0) {
		if (len != PAGE_SIZE)
			return -EINVAL;
		return remap_vmalloc_range(vma, r->info, 0);
	}
	if (vma->vm_pgoff == 1) {
		if (len != r->size || (vma->vm_flags & VM_WRITE))
			return -EINVAL;
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
		vm_flags_clear(vma, VM_MAYWRITE);
#else
		vma->vm_flags &= ~VM_MAYWRITE;
#endif
		return remap_vmalloc_range(vma, r->data, 0);
	}
	return -EINVAL;
}

static long set_u32(unsigned long arg, u32 *out)
{
	return copy_from_user(out, (void __user *)arg, sizeof(*out)) ? -EFAULT : 0;
}

static long dev_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct sinspect_kmod_stats st;
	struct sinspect_syscall_mask mask;
	long err = 0;
	u32 v;

	mutex_lock(&g_lock);
	switch (cmd) {
	case SINSPECT_IOC_START:
		err = capture_start();
		break;
	case SINSPECT_IOC_STOP:
		capture_stop();
		break;
	case SINSPECT_IOC_SET_SNAPLEN:
		err = set_u32(arg, &v);
		if (!err && (v == 0 || v > SINSPECT_KMOD_MAX_SNAPLEN))
			err = -EINVAL;
		if (!err)
			WRITE_ONCE(g_settings.snaplen, v);
		break;
	case SINSPECT_IOC_SET_SYSCALLS:
		if (copy_from_user(&mask, (void __user *)arg, sizeof(mask)))
			err = -EFAULT;
		else
			memcpy(g_settings.syscalls, mask.bits, sizeof(mask.bits));
		break;
	case SINSPECT_IOC_SET_TRACEPOINTS:
		err = set_u32(arg, &v);
		if (!err && (v & ~SINSPECT_KMOD_TP_ALL))
			err = -EINVAL;
		/* Takes effect at the next start (attaching may sleep). */
		if (!err)
			WRITE_ONCE(g_settings.tracepoints, v);
		break;
	case SINSPECT_IOC_SET_PAGE_FAULTS:
		err = set_u32(arg, &v);
		if (!err)
			WRITE_ONCE(g_settings.tracepoints, v ? g_settings.tracepoints | SINSPECT_KMOD_TP_PAGE_FAULT
						    : g_settings.tracepoints & ~SINSPECT_KMOD_TP_PAGE_FAULT);
		break;
	case SINSPECT_IOC_SET_DROP_FAILED:
		err = set_u32(arg, &v);
		if (!err)
			WRITE_ONCE(g_settings.drop_failed, v ? 1 : 0);
		break;
	case SINSPECT_IOC_SET_FILTER:
		/* allowed while capturing: the filter is swapped under RCU */
		err = filter_set((const void __user *)arg);
		break;
	case SINSPECT_IOC_GET_STATS:
		capture_sum_stats(&st);
		if (copy_to_user((void __user *)arg, &st, sizeof(st)))
			err = -EFAULT;
		break;
	case SINSPECT_IOC_GET_API_VERSION:
		v = SINSPECT_KMOD_API_VERSION;
		if (copy_to_user((void __user *)arg, &v, sizeof(v)))
			err = -EFAULT;
		break;
	default:
		err = -ENOTTY;
	}
	mutex_unlock(&g_lock);
	return err;
}

static const struct file_operations g_fops = {
	.owner = THIS_MODULE,
	.open = dev_open,
	.release = dev_release,
	.mmap = dev_mmap,
	.unlocked_ioctl = dev_ioctl,
};

static char *devnode(
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
	const struct device *dev,
#else
	struct device *dev,
#endif
	umode_t *mode)
{
	if (mode)
		*mode = 0600;
	return NULL;
}

static int __init sinspect_init(void)
{
	int cpu, err;

	if (ring_bytes < 128 * 1024 || (ring_bytes & (ring_bytes - 1)) || ring_bytes > (1u << 30)) {
		pr_err("sinspect: ring_bytes must be a power of two between 128 KiB and 1 GiB\n");
		return -EINVAL;
	}
	fillers_init();
	err = alloc_chrdev_region(&g_devt, 0, nr_cpu_ids, SINSPECT_KMOD_NAME);
	if (err)
		return err;
	cdev_init(&g_cdev, &g_fops);
	err = cdev_add(&g_cdev, g_devt, nr_cpu_ids);
	if (err)
		goto fail_region;
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	g_class = class_create(SINSPECT_KMOD_NAME);
#else
	g_class = class_create(THIS_MODULE, SINSPECT_KMOD_NAME);
#endif
	if (IS_ERR(g_class)) {
		err = PTR_ERR(g_class);
		goto fail_cdev;
	}
	g_class->devnode = devnode;
	for_each_possible_cpu(cpu) {
		struct device *d = device_create(g_class, NULL, MKDEV(MAJOR(g_devt), cpu), NULL,
						 SINSPECT_KMOD_NAME "%d", cpu);
		if (IS_ERR(d)) {
			err = PTR_ERR(d);
			goto fail_devices;
		}
	}
	pr_info("sinspect: loaded, %u CPU devices, %u-byte rings\n", num_possible_cpus(), ring_bytes);
	return 0;
fail_devices:
	for_each_possible_cpu(cpu)
		device_destroy(g_class, MKDEV(MAJOR(g_devt), cpu));
	class_destroy(g_class);
fail_cdev:
	cdev_del(&g_cdev);
fail_region:
	unregister_chrdev_region(g_devt, nr_cpu_ids);
	return err;
}

static void __exit sinspect_exit(void)
{
	int cpu;

	/* Devices are closed (the module is pinned while open), so no probe
	 * is attached and the last close removed the filter. */
	filter_clear();
	for_each_possible_cpu(cpu)
		device_destroy(g_class, MKDEV(MAJOR(g_devt), cpu));
	class_destroy(g_class);
	cdev_del(&g_cdev);
	unregister_chrdev_region(g_devt, nr_cpu_ids);
	pr_info("sinspect: unloaded\n");
}

module_init(sinspect_init);
module_exit(sinspect_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sinspect system-call capture driver");
MODULE_AUTHOR("the sinspect authors");
