/* Kernel flag values -> the PPM_* values of the event schema. The conversions
 * the kernel module makes too are shared with it (native/driver/common/
 * ppm_flags.h); flags_fs.h and flags_proc.h add those only the probe needs. */
#pragma once

#include "base.h"
#include "ppm_flags.h"
