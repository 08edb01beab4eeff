/*
 * Constants of the scap savefile format (a pcapng-like sequence of blocks).
 *
 * Every block is: u32 type, u32 total length (header + body + padding + trailer),
 * body, zero padding to a multiple of 4, u32 trailer repeating the total length.
 * All integers are little-endian. The numbers below are the ones libscap has
 * written over the years; files from every generation must stay readable.
 */
#ifndef SINSPECT_SCAP_FORMAT_H
#define SINSPECT_SCAP_FORMAT_H

#include <stdint.h>

#define SCAP_BLOCK_HEADER_SIZE 8u
#define SCAP_BLOCK_TRAILER_SIZE 4u
#define SCAP_BLOCK_OVERHEAD (SCAP_BLOCK_HEADER_SIZE + SCAP_BLOCK_TRAILER_SIZE)

/* Section header block: type spells "\n\r\r\n" so text-mode mangling is detectable. */
#define SCAP_BT_SECTION_HEADER 0x0A0D0D0Au
#define SCAP_SHB_MAGIC 0x1A2B3C4Du
#define SCAP_SHB_MAGIC_SWAPPED 0x4D3C2B1Au
#define SCAP_SHB_BODY_SIZE 16u /* magic u32, major u16, minor u16, section length u64 */
#define SCAP_FORMAT_MAJOR 1u
#define SCAP_FORMAT_MINOR 2u

/* Machine info. The _INT numbers were used before libscap's first release. */
#define SCAP_BT_MACHINE_INFO 0x201u
#define SCAP_BT_MACHINE_INFO_INT 0x8002ABCDu

/* Process (thread) list, one generation per version. */
#define SCAP_BT_PROCLIST_V1 0x202u
#define SCAP_BT_PROCLIST_V1_INT 0x8000ABCDu
#define SCAP_BT_PROCLIST_V2 0x207u
#define SCAP_BT_PROCLIST_V2_INT 0x8013ABCDu
#define SCAP_BT_PROCLIST_V3 0x209u
#define SCAP_BT_PROCLIST_V3_INT 0x8014ABCDu
#define SCAP_BT_PROCLIST_V4 0x210u
#define SCAP_BT_PROCLIST_V5 0x211u
#define SCAP_BT_PROCLIST_V6 0x212u
#define SCAP_BT_PROCLIST_V7 0x213u
#define SCAP_BT_PROCLIST_V8 0x214u
#define SCAP_BT_PROCLIST_V9 0x215u

/* File descriptors of one thread. */
#define SCAP_BT_FDLIST 0x203u
#define SCAP_BT_FDLIST_INT 0x8001ABCDu
#define SCAP_BT_FDLIST_V2 0x218u

/* Events: plain, with flags (EVF), v1 (no nparams) or v2, u16 or u32 length arrays. */
#define SCAP_BT_EV 0x204u
#define SCAP_BT_EV_INT 0x8010ABCDu
#define SCAP_BT_EV_V2 0x216u
#define SCAP_BT_EV_V2_LARGE 0x221u
#define SCAP_BT_EVF 0x208u
#define SCAP_BT_EVF_V2 0x217u
#define SCAP_BT_EVF_V2_LARGE 0x222u

/* Network interfaces. */
#define SCAP_BT_IFLIST 0x205u
#define SCAP_BT_IFLIST_INT 0x8011ABCDu
#define SCAP_BT_IFLIST_V2 0x219u

/* Users and groups. */
#define SCAP_BT_USERLIST 0x206u
#define SCAP_BT_USERLIST_INT 0x8012ABCDu
#define SCAP_BT_USERLIST_V2 0x220u

/* Size of struct ppm_evt_hdr: ts u64, tid u64, len u32, type u16, nparams u32. */
#define SCAP_EVT_HDR_V2_SIZE 26u
/* The v1 header lacks nparams. */
#define SCAP_EVT_HDR_V1_SIZE 22u

/* Machine info body: num_cpus u32, memory u64, max_pid u64, hostname[128], 4 x u64. */
#define SCAP_MACHINE_INFO_SIZE 180u
#define SCAP_HOSTNAME_SIZE 128u

/* Interface entry types. */
#define SCAP_II_IPV4 1u
#define SCAP_II_IPV6 2u
#define SCAP_II_IPV4_NOLINKSPEED 3u
#define SCAP_II_IPV6_NOLINKSPEED 4u

/* User list entry types. */
#define SCAP_USERBLOCK_USER 0u
#define SCAP_USERBLOCK_GROUP 1u

/* File descriptor types (scap_fd_type). */
enum scap_fd_kind {
	SCAP_FDT_UNKNOWN = 0,
	SCAP_FDT_FILE = 1,
	SCAP_FDT_DIRECTORY = 2,
	SCAP_FDT_IPV4_SOCK = 3,
	SCAP_FDT_IPV6_SOCK = 4,
	SCAP_FDT_IPV4_SERVSOCK = 5,
	SCAP_FDT_IPV6_SERVSOCK = 6,
	SCAP_FDT_FIFO = 7,
	SCAP_FDT_UNIX_SOCK = 8,
	SCAP_FDT_EVENT = 9,
	SCAP_FDT_UNSUPPORTED = 10,
	SCAP_FDT_SIGNALFD = 11,
	SCAP_FDT_EVENTPOLL = 12,
	SCAP_FDT_INOTIFY = 13,
	SCAP_FDT_TIMERFD = 14,
	SCAP_FDT_NETLINK = 15,
	SCAP_FDT_FILE_V2 = 16,
	SCAP_FDT_BPF = 17,
	SCAP_FDT_USERFAULTFD = 18,
	SCAP_FDT_IOURING = 19,
	SCAP_FDT_MEMFD = 20,
	SCAP_FDT_PIDFD = 21,
};

/* The newest fd type sysdig 0.29.3 can read back; newer ones are written as UNSUPPORTED. */
#define SCAP_FDT_MAX_LEGACY SCAP_FDT_FILE_V2

/* Layer 4 protocols of socket fds. */
#define SCAP_L4_UNKNOWN 0u
#define SCAP_L4_NA 1u
#define SCAP_L4_TCP 2u
#define SCAP_L4_UDP 3u
#define SCAP_L4_ICMP 4u
#define SCAP_L4_RAW 5u

/* Event types whose v1 length field was 3 bytes too long (libscap compensates). */
#define SCAP_PPME_NOTIFICATION_E 280u
#define SCAP_PPME_INFRASTRUCTURE_EVENT_E 286u

/*
 * Field size limits that sysdig 0.29.3's reader enforces. The reader here is
 * lenient; the writer truncates to them so its files stay readable by sysdig.
 */
#define SCAP_MAX_PATH_SIZE 1024u
#define SCAP_MAX_ARGS_SIZE 4096u
#define SCAP_MAX_ENV_SIZE 4096u
#define SCAP_MAX_CGROUPS_SIZE 4096u
#define SCAP_MAX_CREDENTIALS_STR_LEN 256u

/* Sizes of the normalised batch record (see docs/ARCHITECTURE.md). */
#define SCAP_RECORD_PREFIX_SIZE 8u /* cpuid u16, reserved u16, flags u32 */
#define SCAP_RECORD_HEADER_SIZE (SCAP_RECORD_PREFIX_SIZE + SCAP_EVT_HDR_V2_SIZE)

static inline uint32_t scap_pad4(uint64_t n)
{
	return (uint32_t)((4 - (n & 3)) & 3);
}

#endif
