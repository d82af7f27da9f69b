	.section .tessera_symbols, "a", @progbits
	.balign 8
	.globl symbols_count, symbols_table, symbols_names
symbols_count:
	.quad 0
symbols_table:
symbols_names:
	.section .note.GNU-stack, "", @progbits
