	.section .tessera_symbols, "a", @progbits
	.balign 8
	.globl symbols_count, symbols_table, symbols_names
symbols_count:
	.quad 319
symbols_table:
	.quad 0xffff82d040200000
	.long 0, 0
	.quad 0xffff82d040200020
	.long 7, 0
	.quad 0xffff82d040200060
	.long 18, 0
	.quad 0xffff82d040200118
	.long 33, 0
	.quad 0xffff82d040200124
	.long 50, 0
	.quad 0xffff82d040200150
	.long 58, 0
	.quad 0xffff82d040200800
	.long 74, 0
	.quad 0xffff82d040200860
	.long 89, 0
	.quad 0xffff82d0402008a0
	.long 107, 0
	.quad 0xffff82d040200ad0
	.long 120, 0
	.quad 0xffff82d040200b20
	.long 143, 0
	.quad 0xffff82d040200c00
	.long 162, 0
	.quad 0xffff82d040200d70
	.long 176, 0
	.quad 0xffff82d040200e80
	.long 185, 0
	.quad 0xffff82d040200eb0
	.long 194, 0
	.quad 0xffff82d040200f00
	.long 207, 0
	.quad 0xffff82d040200f10
	.long 215, 0
	.quad 0xffff82d040200f20
	.long 223, 0
	.quad 0xffff82d040200f30
	.long 231, 0
	.quad 0xffff82d040200f40
	.long 239, 0
	.quad 0xffff82d040200f50
	.long 247, 0
	.quad 0xffff82d040200f60
	.long 255, 0
	.quad 0xffff82d040200f70
	.long 263, 0
	.quad 0xffff82d040200f80
	.long 271, 0
	.quad 0xffff82d040200f90
	.long 279, 0
	.quad 0xffff82d040200fa0
	.long 287, 0
	.quad 0xffff82d040200fb0
	.long 296, 0
	.quad 0xffff82d040200fc0
	.long 305, 0
	.quad 0xffff82d040200fd0
	.long 314, 0
	.quad 0xffff82d040200fe0
	.long 323, 0
	.quad 0xffff82d040200ff0
	.long 332, 0
	.quad 0xffff82d040201000
	.long 341, 0
	.quad 0xffff82d040201010
	.long 350, 0
	.quad 0xffff82d040201020
	.long 359, 0
	.quad 0xffff82d040201030
	.long 368, 0
	.quad 0xffff82d040201040
	.long 377, 0
	.quad 0xffff82d040201050
	.long 386, 0
	.quad 0xffff82d040201060
	.long 395, 0
	.quad 0xffff82d040201070
	.long 404, 0
	.quad 0xffff82d040201080
	.long 413, 0
	.quad 0xffff82d040201090
	.long 422, 0
	.quad 0xffff82d0402010a0
	.long 431, 0
	.quad 0xffff82d0402010b0
	.long 440, 0
	.quad 0xffff82d0402010c0
	.long 449, 0
	.quad 0xffff82d0402010d0
	.long 458, 0
	.quad 0xffff82d0402010e0
	.long 467, 0
	.quad 0xffff82d0402010f0
	.long 476, 0
	.quad 0xffff82d040201100
	.long 485, 0
	.quad 0xffff82d040201110
	.long 494, 0
	.quad 0xffff82d040201120
	.long 503, 0
	.quad 0xffff82d040201130
	.long 512, 0
	.quad 0xffff82d040201140
	.long 521, 0
	.quad 0xffff82d040201150
	.long 530, 0
	.quad 0xffff82d040201160
	.long 539, 0
	.quad 0xffff82d040201170
	.long 548, 0
	.quad 0xffff82d040201180
	.long 557, 0
	.quad 0xffff82d040201190
	.long 566, 0
	.quad 0xffff82d0402011a0
	.long 575, 0
	.quad 0xffff82d0402011b0
	.long 584, 0
	.quad 0xffff82d0402011c0
	.long 593, 0
	.quad 0xffff82d0402011d0
	.long 602, 0
	.quad 0xffff82d0402011e0
	.long 611, 0
	.quad 0xffff82d0402011f0
	.long 620, 0
	.quad 0xffff82d040201200
	.long 629, 0
	.quad 0xffff82d040201210
	.long 638, 0
	.quad 0xffff82d040201220
	.long 647, 0
	.quad 0xffff82d040201230
	.long 656, 0
	.quad 0xffff82d040201240
	.long 665, 0
	.quad 0xffff82d040201250
	.long 674, 0
	.quad 0xffff82d040201260
	.long 683, 0
	.quad 0xffff82d040201270
	.long 692, 0
	.quad 0xffff82d040201280
	.long 701, 0
	.quad 0xffff82d040201290
	.long 710, 0
	.quad 0xffff82d0402012a0
	.long 719, 0
	.quad 0xffff82d0402012b0
	.long 728, 0
	.quad 0xffff82d0402012c0
	.long 737, 0
	.quad 0xffff82d0402012d0
	.long 746, 0
	.quad 0xffff82d0402012e0
	.long 755, 0
	.quad 0xffff82d0402012f0
	.long 764, 0
	.quad 0xffff82d040201300
	.long 773, 0
	.quad 0xffff82d040201310
	.long 782, 0
	.quad 0xffff82d040201320
	.long 791, 0
	.quad 0xffff82d040201330
	.long 800, 0
	.quad 0xffff82d040201340
	.long 809, 0
	.quad 0xffff82d040201350
	.long 818, 0
	.quad 0xffff82d040201360
	.long 827, 0
	.quad 0xffff82d040201370
	.long 836, 0
	.quad 0xffff82d040201380
	.long 845, 0
	.quad 0xffff82d040201390
	.long 854, 0
	.quad 0xffff82d0402013a0
	.long 863, 0
	.quad 0xffff82d0402013b0
	.long 872, 0
	.quad 0xffff82d0402013c0
	.long 881, 0
	.quad 0xffff82d0402013d0
	.long 890, 0
	.quad 0xffff82d0402013e0
	.long 899, 0
	.quad 0xffff82d0402013f0
	.long 908, 0
	.quad 0xffff82d040201400
	.long 917, 0
	.quad 0xffff82d040201410
	.long 926, 0
	.quad 0xffff82d040201420
	.long 935, 0
	.quad 0xffff82d040201430
	.long 944, 0
	.quad 0xffff82d040201440
	.long 953, 0
	.quad 0xffff82d040201450
	.long 962, 0
	.quad 0xffff82d040201460
	.long 971, 0
	.quad 0xffff82d040201470
	.long 980, 0
	.quad 0xffff82d040201480
	.long 989, 0
	.quad 0xffff82d040201490
	.long 998, 0
	.quad 0xffff82d0402014a0
	.long 1007, 0
	.quad 0xffff82d0402014b0
	.long 1016, 0
	.quad 0xffff82d0402014c0
	.long 1025, 0
	.quad 0xffff82d0402014d0
	.long 1034, 0
	.quad 0xffff82d0402014e0
	.long 1043, 0
	.quad 0xffff82d0402014f0
	.long 1052, 0
	.quad 0xffff82d040201500
	.long 1061, 0
	.quad 0xffff82d040201510
	.long 1070, 0
	.quad 0xffff82d040201520
	.long 1079, 0
	.quad 0xffff82d040201530
	.long 1088, 0
	.quad 0xffff82d040201540
	.long 1097, 0
	.quad 0xffff82d040201550
	.long 1107, 0
	.quad 0xffff82d040201560
	.long 1117, 0
	.quad 0xffff82d040201570
	.long 1127, 0
	.quad 0xffff82d040201580
	.long 1137, 0
	.quad 0xffff82d040201590
	.long 1147, 0
	.quad 0xffff82d0402015a0
	.long 1157, 0
	.quad 0xffff82d0402015b0
	.long 1167, 0
	.quad 0xffff82d0402015c0
	.long 1177, 0
	.quad 0xffff82d0402015d0
	.long 1187, 0
	.quad 0xffff82d0402015e0
	.long 1197, 0
	.quad 0xffff82d0402015f0
	.long 1207, 0
	.quad 0xffff82d040201600
	.long 1217, 0
	.quad 0xffff82d040201610
	.long 1227, 0
	.quad 0xffff82d040201620
	.long 1237, 0
	.quad 0xffff82d040201630
	.long 1247, 0
	.quad 0xffff82d040201640
	.long 1257, 0
	.quad 0xffff82d040201650
	.long 1267, 0
	.quad 0xffff82d040201660
	.long 1277, 0
	.quad 0xffff82d040201670
	.long 1287, 0
	.quad 0xffff82d040201680
	.long 1297, 0
	.quad 0xffff82d040201690
	.long 1307, 0
	.quad 0xffff82d0402016a0
	.long 1317, 0
	.quad 0xffff82d0402016b0
	.long 1327, 0
	.quad 0xffff82d0402016c0
	.long 1337, 0
	.quad 0xffff82d0402016d0
	.long 1347, 0
	.quad 0xffff82d0402016e0
	.long 1357, 0
	.quad 0xffff82d0402016f0
	.long 1367, 0
	.quad 0xffff82d040201700
	.long 1377, 0
	.quad 0xffff82d040201710
	.long 1387, 0
	.quad 0xffff82d040201720
	.long 1397, 0
	.quad 0xffff82d040201730
	.long 1407, 0
	.quad 0xffff82d040201740
	.long 1417, 0
	.quad 0xffff82d040201750
	.long 1427, 0
	.quad 0xffff82d040201760
	.long 1437, 0
	.quad 0xffff82d040201770
	.long 1447, 0
	.quad 0xffff82d040201780
	.long 1457, 0
	.quad 0xffff82d040201790
	.long 1467, 0
	.quad 0xffff82d0402017a0
	.long 1477, 0
	.quad 0xffff82d0402017b0
	.long 1487, 0
	.quad 0xffff82d0402017c0
	.long 1497, 0
	.quad 0xffff82d0402017d0
	.long 1507, 0
	.quad 0xffff82d0402017e0
	.long 1517, 0
	.quad 0xffff82d0402017f0
	.long 1527, 0
	.quad 0xffff82d040201800
	.long 1537, 0
	.quad 0xffff82d040201810
	.long 1547, 0
	.quad 0xffff82d040201820
	.long 1557, 0
	.quad 0xffff82d040201830
	.long 1567, 0
	.quad 0xffff82d040201840
	.long 1577, 0
	.quad 0xffff82d040201850
	.long 1587, 0
	.quad 0xffff82d040201860
	.long 1597, 0
	.quad 0xffff82d040201870
	.long 1607, 0
	.quad 0xffff82d040201880
	.long 1617, 0
	.quad 0xffff82d040201890
	.long 1627, 0
	.quad 0xffff82d0402018a0
	.long 1637, 0
	.quad 0xffff82d0402018b0
	.long 1647, 0
	.quad 0xffff82d0402018c0
	.long 1657, 0
	.quad 0xffff82d0402018d0
	.long 1667, 0
	.quad 0xffff82d0402018e0
	.long 1677, 0
	.quad 0xffff82d0402018f0
	.long 1687, 0
	.quad 0xffff82d040201900
	.long 1697, 0
	.quad 0xffff82d040201910
	.long 1707, 0
	.quad 0xffff82d040201920
	.long 1717, 0
	.quad 0xffff82d040201930
	.long 1727, 0
	.quad 0xffff82d040201940
	.long 1737, 0
	.quad 0xffff82d040201950
	.long 1747, 0
	.quad 0xffff82d040201960
	.long 1757, 0
	.quad 0xffff82d040201970
	.long 1767, 0
	.quad 0xffff82d040201980
	.long 1777, 0
	.quad 0xffff82d040201990
	.long 1787, 0
	.quad 0xffff82d0402019a0
	.long 1797, 0
	.quad 0xffff82d0402019b0
	.long 1807, 0
	.quad 0xffff82d0402019c0
	.long 1817, 0
	.quad 0xffff82d0402019d0
	.long 1827, 0
	.quad 0xffff82d0402019e0
	.long 1837, 0
	.quad 0xffff82d0402019f0
	.long 1847, 0
	.quad 0xffff82d040201a00
	.long 1857, 0
	.quad 0xffff82d040201a10
	.long 1867, 0
	.quad 0xffff82d040201a20
	.long 1877, 0
	.quad 0xffff82d040201a30
	.long 1887, 0
	.quad 0xffff82d040201a40
	.long 1897, 0
	.quad 0xffff82d040201a50
	.long 1907, 0
	.quad 0xffff82d040201a60
	.long 1917, 0
	.quad 0xffff82d040201a70
	.long 1927, 0
	.quad 0xffff82d040201a80
	.long 1937, 0
	.quad 0xffff82d040201a90
	.long 1947, 0
	.quad 0xffff82d040201aa0
	.long 1957, 0
	.quad 0xffff82d040201ab0
	.long 1967, 0
	.quad 0xffff82d040201ac0
	.long 1977, 0
	.quad 0xffff82d040201ad0
	.long 1987, 0
	.quad 0xffff82d040201ae0
	.long 1997, 0
	.quad 0xffff82d040201af0
	.long 2007, 0
	.quad 0xffff82d040201b00
	.long 2017, 0
	.quad 0xffff82d040201b10
	.long 2027, 0
	.quad 0xffff82d040201b20
	.long 2037, 0
	.quad 0xffff82d040201b30
	.long 2047, 0
	.quad 0xffff82d040201b40
	.long 2057, 0
	.quad 0xffff82d040201b50
	.long 2067, 0
	.quad 0xffff82d040201b60
	.long 2077, 0
	.quad 0xffff82d040201b70
	.long 2087, 0
	.quad 0xffff82d040201b80
	.long 2097, 0
	.quad 0xffff82d040201b90
	.long 2107, 0
	.quad 0xffff82d040201ba0
	.long 2117, 0
	.quad 0xffff82d040201bb0
	.long 2127, 0
	.quad 0xffff82d040201bc0
	.long 2137, 0
	.quad 0xffff82d040201bd0
	.long 2147, 0
	.quad 0xffff82d040201be0
	.long 2157, 0
	.quad 0xffff82d040201bf0
	.long 2167, 0
	.quad 0xffff82d040201c00
	.long 2177, 0
	.quad 0xffff82d040201c10
	.long 2187, 0
	.quad 0xffff82d040201c20
	.long 2197, 0
	.quad 0xffff82d040201c30
	.long 2207, 0
	.quad 0xffff82d040201c40
	.long 2217, 0
	.quad 0xffff82d040201c50
	.long 2227, 0
	.quad 0xffff82d040201c60
	.long 2237, 0
	.quad 0xffff82d040201c70
	.long 2247, 0
	.quad 0xffff82d040201c80
	.long 2257, 0
	.quad 0xffff82d040201c90
	.long 2267, 0
	.quad 0xffff82d040201ca0
	.long 2277, 0
	.quad 0xffff82d040201cb0
	.long 2287, 0
	.quad 0xffff82d040201cc0
	.long 2297, 0
	.quad 0xffff82d040201cd0
	.long 2307, 0
	.quad 0xffff82d040201ce0
	.long 2317, 0
	.quad 0xffff82d040201cf0
	.long 2327, 0
	.quad 0xffff82d040201d00
	.long 2337, 0
	.quad 0xffff82d040201d10
	.long 2347, 0
	.quad 0xffff82d040201d20
	.long 2357, 0
	.quad 0xffff82d040201d30
	.long 2367, 0
	.quad 0xffff82d040201d40
	.long 2377, 0
	.quad 0xffff82d040201d50
	.long 2387, 0
	.quad 0xffff82d040201d60
	.long 2397, 0
	.quad 0xffff82d040201d70
	.long 2407, 0
	.quad 0xffff82d040201d80
	.long 2417, 0
	.quad 0xffff82d040201d90
	.long 2427, 0
	.quad 0xffff82d040201da0
	.long 2437, 0
	.quad 0xffff82d040201db0
	.long 2447, 0
	.quad 0xffff82d040201dc0
	.long 2457, 0
	.quad 0xffff82d040201dd0
	.long 2467, 0
	.quad 0xffff82d040201de0
	.long 2477, 0
	.quad 0xffff82d040201df0
	.long 2487, 0
	.quad 0xffff82d040201e00
	.long 2497, 0
	.quad 0xffff82d040201e10
	.long 2507, 0
	.quad 0xffff82d040201e20
	.long 2517, 0
	.quad 0xffff82d040201e30
	.long 2527, 0
	.quad 0xffff82d040201e40
	.long 2537, 0
	.quad 0xffff82d040201e50
	.long 2547, 0
	.quad 0xffff82d040201e60
	.long 2557, 0
	.quad 0xffff82d040201e70
	.long 2567, 0
	.quad 0xffff82d040201e80
	.long 2577, 0
	.quad 0xffff82d040201e90
	.long 2587, 0
	.quad 0xffff82d040201ea0
	.long 2597, 0
	.quad 0xffff82d040201eb0
	.long 2607, 0
	.quad 0xffff82d040201ec0
	.long 2617, 0
	.quad 0xffff82d040201ed0
	.long 2627, 0
	.quad 0xffff82d040201ee0
	.long 2637, 0
	.quad 0xffff82d040201ef0
	.long 2647, 0
	.quad 0xffff82d040201f00
	.long 2657, 0
	.quad 0xffff82d040201f40
	.long 2672, 0
	.quad 0xffff82d040201f70
	.long 2681, 0
	.quad 0xffff82d0402021d0
	.long 2693, 0
	.quad 0xffff82d040202220
	.long 2699, 0
	.quad 0xffff82d0402025f0
	.long 2713, 0
	.quad 0xffff82d0402026e0
	.long 2733, 0
	.quad 0xffff82d040202750
	.long 2751, 0
	.quad 0xffff82d0402027d0
	.long 2757, 0
	.quad 0xffff82d0402027f0
	.long 2771, 0
	.quad 0xffff82d0402028c0
	.long 2785, 0
	.quad 0xffff82d040202930
	.long 2798, 0
	.quad 0xffff82d040202a80
	.long 2813, 0
	.quad 0xffff82d040202b60
	.long 2830, 0
	.quad 0xffff82d040202ba0
	.long 2847, 0
	.quad 0xffff82d040202d10
	.long 2855, 0
	.quad 0xffff82d040202d80
	.long 2865, 0
	.quad 0xffff82d040202e20
	.long 2875, 0
	.quad 0xffff82d0402031c0
	.long 2890, 0
	.quad 0xffff82d040203240
	.long 2904, 0
	.quad 0xffff82d040203250
	.long 2917, 0
	.quad 0xffff82d040203360
	.long 2931, 0
	.quad 0xffff82d0402033c0
	.long 2949, 0
	.quad 0xffff82d040203410
	.long 2957, 0
	.quad 0xffff82d040203450
	.long 2964, 0
	.quad 0xffff82d0402036e0
	.long 2970, 0
	.quad 0xffff82d040203a30
	.long 2984, 0
	.quad 0xffff82d040203a50
	.long 3002, 0
	.quad 0xffff82d040203a70
	.long 3021, 0
	.quad 0xffff82d040203af0
	.long 3034, 0
	.quad 0xffff82d040203b00
	.long 3050, 0
	.quad 0xffff82d040203b30
	.long 3063, 0
	.quad 0xffff82d040203b40
	.long 3070, 0
	.quad 0xffff82d040203b80
	.long 3078, 0
	.quad 0xffff82d040203b90
	.long 3085, 0
	.quad 0xffff82d040203bd0
	.long 3092, 0
	.quad 0xffff82d040203c00
	.long 3099, 0
	.quad 0xffff82d040203c30
	.long 3107, 0
	.quad 0xffff82d040203c60
	.long 3114, 0
	.quad 0xffff82d040203ca0
	.long 3122, 0
	.quad 0xffff82d040203cd0
	.long 3129, 0
	.quad 0xffff82d040203d20
	.long 3137, 0
	.quad 0xffff82d040203ec0
	.long 3148, 0
	.quad 0xffff82d040204220
	.long 3159, 0
	.quad 0xffff82d040204c50
	.long 3169, 0
	.quad 0xffff82d040204c90
	.long 3178, 0
	.quad 0xffff82d040204d30
	.long 3193, 0
	.quad 0xffff82d040204df2
	.long 3213, 0
symbols_names:
	.asciz "_start"
	.asciz "mb2_header"
	.asciz "mb2_header_end"
	.asciz "start64_identity"
	.asciz "start64"
	.asciz "multiboot_parse"
	.asciz "e820_type_name"
	.asciz "boot_usable_bytes"
	.asciz "cpu_identify"
	.asciz "cpu_enable_protections"
	.asciz "cpu_print_features"
	.asciz "cpu_desc_init"
	.asciz "idt_init"
	.asciz "load_idt"
	.asciz "common_entry"
	.asciz "entry_0"
	.asciz "entry_1"
	.asciz "entry_2"
	.asciz "entry_3"
	.asciz "entry_4"
	.asciz "entry_5"
	.asciz "entry_6"
	.asciz "entry_7"
	.asciz "entry_8"
	.asciz "entry_9"
	.asciz "entry_10"
	.asciz "entry_11"
	.asciz "entry_12"
	.asciz "entry_13"
	.asciz "entry_14"
	.asciz "entry_15"
	.asciz "entry_16"
	.asciz "entry_17"
	.asciz "entry_18"
	.asciz "entry_19"
	.asciz "entry_20"
	.asciz "entry_21"
	.asciz "entry_22"
	.asciz "entry_23"
	.asciz "entry_24"
	.asciz "entry_25"
	.asciz "entry_26"
	.asciz "entry_27"
	.asciz "entry_28"
	.asciz "entry_29"
	.asciz "entry_30"
	.asciz "entry_31"
	.asciz "entry_32"
	.asciz "entry_33"
	.asciz "entry_34"
	.asciz "entry_35"
	.asciz "entry_36"
	.asciz "entry_37"
	.asciz "entry_38"
	.asciz "entry_39"
	.asciz "entry_40"
	.asciz "entry_41"
	.asciz "entry_42"
	.asciz "entry_43"
	.asciz "entry_44"
	.asciz "entry_45"
	.asciz "entry_46"
	.asciz "entry_47"
	.asciz "entry_48"
	.asciz "entry_49"
	.asciz "entry_50"
	.asciz "entry_51"
	.asciz "entry_52"
	.asciz "entry_53"
	.asciz "entry_54"
	.asciz "entry_55"
	.asciz "entry_56"
	.asciz "entry_57"
	.asciz "entry_58"
	.asciz "entry_59"
	.asciz "entry_60"
	.asciz "entry_61"
	.asciz "entry_62"
	.asciz "entry_63"
	.asciz "entry_64"
	.asciz "entry_65"
	.asciz "entry_66"
	.asciz "entry_67"
	.asciz "entry_68"
	.asciz "entry_69"
	.asciz "entry_70"
	.asciz "entry_71"
	.asciz "entry_72"
	.asciz "entry_73"
	.asciz "entry_74"
	.asciz "entry_75"
	.asciz "entry_76"
	.asciz "entry_77"
	.asciz "entry_78"
	.asciz "entry_79"
	.asciz "entry_80"
	.asciz "entry_81"
	.asciz "entry_82"
	.asciz "entry_83"
	.asciz "entry_84"
	.asciz "entry_85"
	.asciz "entry_86"
	.asciz "entry_87"
	.asciz "entry_88"
	.asciz "entry_89"
	.asciz "entry_90"
	.asciz "entry_91"
	.asciz "entry_92"
	.asciz "entry_93"
	.asciz "entry_94"
	.asciz "entry_95"
	.asciz "entry_96"
	.asciz "entry_97"
	.asciz "entry_98"
	.asciz "entry_99"
	.asciz "entry_100"
	.asciz "entry_101"
	.asciz "entry_102"
	.asciz "entry_103"
	.asciz "entry_104"
	.asciz "entry_105"
	.asciz "entry_106"
	.asciz "entry_107"
	.asciz "entry_108"
	.asciz "entry_109"
	.asciz "entry_110"
	.asciz "entry_111"
	.asciz "entry_112"
	.asciz "entry_113"
	.asciz "entry_114"
	.asciz "entry_115"
	.asciz "entry_116"
	.asciz "entry_117"
	.asciz "entry_118"
	.asciz "entry_119"
	.asciz "entry_120"
	.asciz "entry_121"
	.asciz "entry_122"
	.asciz "entry_123"
	.asciz "entry_124"
	.asciz "entry_125"
	.asciz "entry_126"
	.asciz "entry_127"
	.asciz "entry_128"
	.asciz "entry_129"
	.asciz "entry_130"
	.asciz "entry_131"
	.asciz "entry_132"
	.asciz "entry_133"
	.asciz "entry_134"
	.asciz "entry_135"
	.asciz "entry_136"
	.asciz "entry_137"
	.asciz "entry_138"
	.asciz "entry_139"
	.asciz "entry_140"
	.asciz "entry_141"
	.asciz "entry_142"
	.asciz "entry_143"
	.asciz "entry_144"
	.asciz "entry_145"
	.asciz "entry_146"
	.asciz "entry_147"
	.asciz "entry_148"
	.asciz "entry_149"
	.asciz "entry_150"
	.asciz "entry_151"
	.asciz "entry_152"
	.asciz "entry_153"
	.asciz "entry_154"
	.asciz "entry_155"
	.asciz "entry_156"
	.asciz "entry_157"
	.asciz "entry_158"
	.asciz "entry_159"
	.asciz "entry_160"
	.asciz "entry_161"
	.asciz "entry_162"
	.asciz "entry_163"
	.asciz "entry_164"
	.asciz "entry_165"
	.asciz "entry_166"
	.asciz "entry_167"
	.asciz "entry_168"
	.asciz "entry_169"
	.asciz "entry_170"
	.asciz "entry_171"
	.asciz "entry_172"
	.asciz "entry_173"
	.asciz "entry_174"
	.asciz "entry_175"
	.asciz "entry_176"
	.asciz "entry_177"
	.asciz "entry_178"
	.asciz "entry_179"
	.asciz "entry_180"
	.asciz "entry_181"
	.asciz "entry_182"
	.asciz "entry_183"
	.asciz "entry_184"
	.asciz "entry_185"
	.asciz "entry_186"
	.asciz "entry_187"
	.asciz "entry_188"
	.asciz "entry_189"
	.asciz "entry_190"
	.asciz "entry_191"
	.asciz "entry_192"
	.asciz "entry_193"
	.asciz "entry_194"
	.asciz "entry_195"
	.asciz "entry_196"
	.asciz "entry_197"
	.asciz "entry_198"
	.asciz "entry_199"
	.asciz "entry_200"
	.asciz "entry_201"
	.asciz "entry_202"
	.asciz "entry_203"
	.asciz "entry_204"
	.asciz "entry_205"
	.asciz "entry_206"
	.asciz "entry_207"
	.asciz "entry_208"
	.asciz "entry_209"
	.asciz "entry_210"
	.asciz "entry_211"
	.asciz "entry_212"
	.asciz "entry_213"
	.asciz "entry_214"
	.asciz "entry_215"
	.asciz "entry_216"
	.asciz "entry_217"
	.asciz "entry_218"
	.asciz "entry_219"
	.asciz "entry_220"
	.asciz "entry_221"
	.asciz "entry_222"
	.asciz "entry_223"
	.asciz "entry_224"
	.asciz "entry_225"
	.asciz "entry_226"
	.asciz "entry_227"
	.asciz "entry_228"
	.asciz "entry_229"
	.asciz "entry_230"
	.asciz "entry_231"
	.asciz "entry_232"
	.asciz "entry_233"
	.asciz "entry_234"
	.asciz "entry_235"
	.asciz "entry_236"
	.asciz "entry_237"
	.asciz "entry_238"
	.asciz "entry_239"
	.asciz "entry_240"
	.asciz "entry_241"
	.asciz "entry_242"
	.asciz "entry_243"
	.asciz "entry_244"
	.asciz "entry_245"
	.asciz "entry_246"
	.asciz "entry_247"
	.asciz "entry_248"
	.asciz "entry_249"
	.asciz "entry_250"
	.asciz "entry_251"
	.asciz "entry_252"
	.asciz "entry_253"
	.asciz "entry_254"
	.asciz "entry_255"
	.asciz "parse_selftest"
	.asciz "boot_map"
	.asciz "__start_xen"
	.asciz "check"
	.asciz "boot_selftest"
	.asciz "trigger_debug_fault"
	.asciz "machine_power_off"
	.asciz "panic"
	.asciz "assert_failed"
	.asciz "symbol_lookup"
	.asciz "print_symbol"
	.asciz "show_registers"
	.asciz "show_stack_trace"
	.asciz "set_intr_handler"
	.asciz "do_trap"
	.asciz "table_map"
	.asciz "rsdp_scan"
	.asciz "acpi_boot_init"
	.asciz "acpi_enter_s5"
	.asciz "console_init"
	.asciz "console_write"
	.asciz "console_ring_read"
	.asciz "vprintk"
	.asciz "printk"
	.asciz "apply"
	.asciz "cmdline_parse"
	.asciz "report_bad_option"
	.asciz "cmdline_parse_boot"
	.asciz "ns16550_init"
	.asciz "ns16550_present"
	.asciz "ns16550_putc"
	.asciz "memcpy"
	.asciz "memmove"
	.asciz "memset"
	.asciz "memcmp"
	.asciz "strlen"
	.asciz "strnlen"
	.asciz "strcmp"
	.asciz "strncmp"
	.asciz "strchr"
	.asciz "strlcpy"
	.asciz "put_string"
	.asciz "put_number"
	.asciz "vsnprintf"
	.asciz "snprintf"
	.asciz "simple_strtoul"
	.asciz "parse_size_and_unit"
	.asciz "_etext"
	.section .note.GNU-stack, "", @progbits
