/* One Xen ELF note (assembly only): namesz, descsz, type, "Xen", payload. */
.macro xen_note type, payload:vararg
    .pushsection .note.Xen, "a", @note
    .balign 4
    .long 4f - 3f, 6f - 5f, \type
3:  .asciz "Xen"
4:  .balign 4
5:  \payload
6:  .balign 4
    .popsection
.endm
