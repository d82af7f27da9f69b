/*
 * Compiles the generated layout assertions into every hypervisor build, so a
 * public structure that drifts from Xen 4.17's layout breaks the build.
 */
#include <asm/abi-checks.h>
