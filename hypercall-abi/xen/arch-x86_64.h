/* SPDX-License-Identifier: MIT */
/* Legacy spelling kept so that old guest sources still find the arch ABI. */
#include "arch-x86/xen.h"
