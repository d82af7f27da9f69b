# Builds the test guests: tiny freestanding 64-bit PV kernels.  Called by the
# top-level Makefile as
#   make -f <srcdir>/tests/guests/guests.mk SRC=<abs tests/guests> \
#        O=<abs build dir for tests/guests> ABI=<abs hypercall-abi> CC=<compiler>
# Every directory listed in GUESTS holds one guest, built from its *.c files
# and the runtime in lib/, into $(O)/<name>/<name> (an ELF64 with Xen notes).

SRC ?= $(CURDIR)
O   ?= $(CURDIR)
ABI ?= $(SRC)/../../hypercall-abi
CC  ?= gcc

GUESTS := $(shell sed -e 's/\#.*//' -e '/^[[:space:]]*$$/d' -e 's/[[:space:]].*//' \
            $(SRC)/guests.list)
# Guests that are not booted alone as dom0 by tests/guests/run: the halves
# of multi-domain tests, started by their own suite entries.
GUESTS += boot-domains domu-peer sysenter xs-domu iret-fault

CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
          -ffreestanding -fno-builtin -fno-pie -fno-pic -fno-stack-protector \
          -fno-asynchronous-unwind-tables -mno-red-zone -mgeneral-regs-only \
          -mcmodel=kernel -I$(ABI) -I$(SRC)/lib -MMD -MP
LDFLAGS := -nostdlib -static -no-pie -Wl,-T,$(SRC)/lib/guest.lds \
           -Wl,-z,max-page-size=4096 -Wl,--build-id=none -Wl,--no-warn-rwx-segments

LIB_OBJS := $(addprefix $(O)/lib/,head.o runtime.o vsnprintf.o traps.o mm.o user.o events.o smp.o)

# Guests that use the hypercall page instead of direct `syscall`.
extra-hypercall-page := $(O)/lib/hcpage.o

objs-of = $(patsubst $(SRC)/%.c,$(O)/%.o,$(wildcard $(SRC)/$(1)/*.c))
BINS := $(foreach g,$(GUESTS),$(O)/$(g)/$(g))

all: $(BINS)

$(O)/lib/%.o: $(SRC)/lib/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

$(O)/lib/%.o: $(SRC)/lib/%.S
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

GUEST_OBJS := $(foreach g,$(GUESTS),$(call objs-of,$(g)))
$(GUEST_OBJS): $(O)/%.o: $(SRC)/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

.SECONDEXPANSION:
$(BINS): $(O)/%: $$(call objs-of,$$(*D)) \
        $(LIB_OBJS) $$(extra-$$(*D)) $(SRC)/lib/guest.lds
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.o,$^)

clean:
	rm -rf $(O)/lib $(foreach g,$(GUESTS),$(O)/$(g))

.PHONY: all clean
-include $(shell find $(O) -name '*.d' 2>/dev/null)
