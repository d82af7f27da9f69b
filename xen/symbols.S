	.section .tessera_symbols, "a", @progbits
	.balign 8
	.globl symbols_count, symbols_table, symbols_names
symbols_count:
	.quad 467
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
	.quad 0xffff82d040200300
	.long 77, 0
	.quad 0xffff82d0402009d0
	.long 93, 0
	.quad 0xffff82d040200a30
	.long 108, 0
	.quad 0xffff82d040200a66
	.long 126, 0
	.quad 0xffff82d040200a80
	.long 137, 0
	.quad 0xffff82d040200af0
	.long 145, 0
	.quad 0xffff82d040200b00
	.long 162, 0
	.quad 0xffff82d040200b10
	.long 185, 0
	.quad 0xffff82d040200b50
	.long 197, 0
	.quad 0xffff82d040200b80
	.long 210, 0
	.quad 0xffff82d040200bb0
	.long 219, 0
	.quad 0xffff82d040200c10
	.long 233, 0
	.quad 0xffff82d040200c20
	.long 247, 0
	.quad 0xffff82d040200cd0
	.long 266, 0
	.quad 0xffff82d040200f10
	.long 282, 0
	.quad 0xffff82d0402011e0
	.long 296, 0
	.quad 0xffff82d0402013e0
	.long 312, 0
	.quad 0xffff82d0402014a0
	.long 324, 0
	.quad 0xffff82d0402016d0
	.long 337, 0
	.quad 0xffff82d040201720
	.long 360, 0
	.quad 0xffff82d040201800
	.long 379, 0
	.quad 0xffff82d040201970
	.long 393, 0
	.quad 0xffff82d040201a80
	.long 402, 0
	.quad 0xffff82d040201ab0
	.long 411, 0
	.quad 0xffff82d040201b00
	.long 424, 0
	.quad 0xffff82d040201b10
	.long 432, 0
	.quad 0xffff82d040201b20
	.long 440, 0
	.quad 0xffff82d040201b30
	.long 448, 0
	.quad 0xffff82d040201b40
	.long 456, 0
	.quad 0xffff82d040201b50
	.long 464, 0
	.quad 0xffff82d040201b60
	.long 472, 0
	.quad 0xffff82d040201b70
	.long 480, 0
	.quad 0xffff82d040201b80
	.long 488, 0
	.quad 0xffff82d040201b90
	.long 496, 0
	.quad 0xffff82d040201ba0
	.long 504, 0
	.quad 0xffff82d040201bb0
	.long 513, 0
	.quad 0xffff82d040201bc0
	.long 522, 0
	.quad 0xffff82d040201bd0
	.long 531, 0
	.quad 0xffff82d040201be0
	.long 540, 0
	.quad 0xffff82d040201bf0
	.long 549, 0
	.quad 0xffff82d040201c00
	.long 558, 0
	.quad 0xffff82d040201c10
	.long 567, 0
	.quad 0xffff82d040201c20
	.long 576, 0
	.quad 0xffff82d040201c30
	.long 585, 0
	.quad 0xffff82d040201c40
	.long 594, 0
	.quad 0xffff82d040201c50
	.long 603, 0
	.quad 0xffff82d040201c60
	.long 612, 0
	.quad 0xffff82d040201c70
	.long 621, 0
	.quad 0xffff82d040201c80
	.long 630, 0
	.quad 0xffff82d040201c90
	.long 639, 0
	.quad 0xffff82d040201ca0
	.long 648, 0
	.quad 0xffff82d040201cb0
	.long 657, 0
	.quad 0xffff82d040201cc0
	.long 666, 0
	.quad 0xffff82d040201cd0
	.long 675, 0
	.quad 0xffff82d040201ce0
	.long 684, 0
	.quad 0xffff82d040201cf0
	.long 693, 0
	.quad 0xffff82d040201d00
	.long 702, 0
	.quad 0xffff82d040201d10
	.long 711, 0
	.quad 0xffff82d040201d20
	.long 720, 0
	.quad 0xffff82d040201d30
	.long 729, 0
	.quad 0xffff82d040201d40
	.long 738, 0
	.quad 0xffff82d040201d50
	.long 747, 0
	.quad 0xffff82d040201d60
	.long 756, 0
	.quad 0xffff82d040201d70
	.long 765, 0
	.quad 0xffff82d040201d80
	.long 774, 0
	.quad 0xffff82d040201d90
	.long 783, 0
	.quad 0xffff82d040201da0
	.long 792, 0
	.quad 0xffff82d040201db0
	.long 801, 0
	.quad 0xffff82d040201dc0
	.long 810, 0
	.quad 0xffff82d040201dd0
	.long 819, 0
	.quad 0xffff82d040201de0
	.long 828, 0
	.quad 0xffff82d040201df0
	.long 837, 0
	.quad 0xffff82d040201e00
	.long 846, 0
	.quad 0xffff82d040201e10
	.long 855, 0
	.quad 0xffff82d040201e20
	.long 864, 0
	.quad 0xffff82d040201e30
	.long 873, 0
	.quad 0xffff82d040201e40
	.long 882, 0
	.quad 0xffff82d040201e50
	.long 891, 0
	.quad 0xffff82d040201e60
	.long 900, 0
	.quad 0xffff82d040201e70
	.long 909, 0
	.quad 0xffff82d040201e80
	.long 918, 0
	.quad 0xffff82d040201e90
	.long 927, 0
	.quad 0xffff82d040201ea0
	.long 936, 0
	.quad 0xffff82d040201eb0
	.long 945, 0
	.quad 0xffff82d040201ec0
	.long 954, 0
	.quad 0xffff82d040201ed0
	.long 963, 0
	.quad 0xffff82d040201ee0
	.long 972, 0
	.quad 0xffff82d040201ef0
	.long 981, 0
	.quad 0xffff82d040201f00
	.long 990, 0
	.quad 0xffff82d040201f10
	.long 999, 0
	.quad 0xffff82d040201f20
	.long 1008, 0
	.quad 0xffff82d040201f30
	.long 1017, 0
	.quad 0xffff82d040201f40
	.long 1026, 0
	.quad 0xffff82d040201f50
	.long 1035, 0
	.quad 0xffff82d040201f60
	.long 1044, 0
	.quad 0xffff82d040201f70
	.long 1053, 0
	.quad 0xffff82d040201f80
	.long 1062, 0
	.quad 0xffff82d040201f90
	.long 1071, 0
	.quad 0xffff82d040201fa0
	.long 1080, 0
	.quad 0xffff82d040201fb0
	.long 1089, 0
	.quad 0xffff82d040201fc0
	.long 1098, 0
	.quad 0xffff82d040201fd0
	.long 1107, 0
	.quad 0xffff82d040201fe0
	.long 1116, 0
	.quad 0xffff82d040201ff0
	.long 1125, 0
	.quad 0xffff82d040202000
	.long 1134, 0
	.quad 0xffff82d040202010
	.long 1143, 0
	.quad 0xffff82d040202020
	.long 1152, 0
	.quad 0xffff82d040202030
	.long 1161, 0
	.quad 0xffff82d040202040
	.long 1170, 0
	.quad 0xffff82d040202050
	.long 1179, 0
	.quad 0xffff82d040202060
	.long 1188, 0
	.quad 0xffff82d040202070
	.long 1197, 0
	.quad 0xffff82d040202080
	.long 1206, 0
	.quad 0xffff82d040202090
	.long 1215, 0
	.quad 0xffff82d0402020a0
	.long 1224, 0
	.quad 0xffff82d0402020b0
	.long 1233, 0
	.quad 0xffff82d0402020c0
	.long 1242, 0
	.quad 0xffff82d0402020d0
	.long 1251, 0
	.quad 0xffff82d0402020e0
	.long 1260, 0
	.quad 0xffff82d0402020f0
	.long 1269, 0
	.quad 0xffff82d040202100
	.long 1278, 0
	.quad 0xffff82d040202110
	.long 1287, 0
	.quad 0xffff82d040202120
	.long 1296, 0
	.quad 0xffff82d040202130
	.long 1305, 0
	.quad 0xffff82d040202140
	.long 1314, 0
	.quad 0xffff82d040202150
	.long 1324, 0
	.quad 0xffff82d040202160
	.long 1334, 0
	.quad 0xffff82d040202170
	.long 1344, 0
	.quad 0xffff82d040202180
	.long 1354, 0
	.quad 0xffff82d040202190
	.long 1364, 0
	.quad 0xffff82d0402021a0
	.long 1374, 0
	.quad 0xffff82d0402021b0
	.long 1384, 0
	.quad 0xffff82d0402021c0
	.long 1394, 0
	.quad 0xffff82d0402021d0
	.long 1404, 0
	.quad 0xffff82d0402021e0
	.long 1414, 0
	.quad 0xffff82d0402021f0
	.long 1424, 0
	.quad 0xffff82d040202200
	.long 1434, 0
	.quad 0xffff82d040202210
	.long 1444, 0
	.quad 0xffff82d040202220
	.long 1454, 0
	.quad 0xffff82d040202230
	.long 1464, 0
	.quad 0xffff82d040202240
	.long 1474, 0
	.quad 0xffff82d040202250
	.long 1484, 0
	.quad 0xffff82d040202260
	.long 1494, 0
	.quad 0xffff82d040202270
	.long 1504, 0
	.quad 0xffff82d040202280
	.long 1514, 0
	.quad 0xffff82d040202290
	.long 1524, 0
	.quad 0xffff82d0402022a0
	.long 1534, 0
	.quad 0xffff82d0402022b0
	.long 1544, 0
	.quad 0xffff82d0402022c0
	.long 1554, 0
	.quad 0xffff82d0402022d0
	.long 1564, 0
	.quad 0xffff82d0402022e0
	.long 1574, 0
	.quad 0xffff82d0402022f0
	.long 1584, 0
	.quad 0xffff82d040202300
	.long 1594, 0
	.quad 0xffff82d040202310
	.long 1604, 0
	.quad 0xffff82d040202320
	.long 1614, 0
	.quad 0xffff82d040202330
	.long 1624, 0
	.quad 0xffff82d040202340
	.long 1634, 0
	.quad 0xffff82d040202350
	.long 1644, 0
	.quad 0xffff82d040202360
	.long 1654, 0
	.quad 0xffff82d040202370
	.long 1664, 0
	.quad 0xffff82d040202380
	.long 1674, 0
	.quad 0xffff82d040202390
	.long 1684, 0
	.quad 0xffff82d0402023a0
	.long 1694, 0
	.quad 0xffff82d0402023b0
	.long 1704, 0
	.quad 0xffff82d0402023c0
	.long 1714, 0
	.quad 0xffff82d0402023d0
	.long 1724, 0
	.quad 0xffff82d0402023e0
	.long 1734, 0
	.quad 0xffff82d0402023f0
	.long 1744, 0
	.quad 0xffff82d040202400
	.long 1754, 0
	.quad 0xffff82d040202410
	.long 1764, 0
	.quad 0xffff82d040202420
	.long 1774, 0
	.quad 0xffff82d040202430
	.long 1784, 0
	.quad 0xffff82d040202440
	.long 1794, 0
	.quad 0xffff82d040202450
	.long 1804, 0
	.quad 0xffff82d040202460
	.long 1814, 0
	.quad 0xffff82d040202470
	.long 1824, 0
	.quad 0xffff82d040202480
	.long 1834, 0
	.quad 0xffff82d040202490
	.long 1844, 0
	.quad 0xffff82d0402024a0
	.long 1854, 0
	.quad 0xffff82d0402024b0
	.long 1864, 0
	.quad 0xffff82d0402024c0
	.long 1874, 0
	.quad 0xffff82d0402024d0
	.long 1884, 0
	.quad 0xffff82d0402024e0
	.long 1894, 0
	.quad 0xffff82d0402024f0
	.long 1904, 0
	.quad 0xffff82d040202500
	.long 1914, 0
	.quad 0xffff82d040202510
	.long 1924, 0
	.quad 0xffff82d040202520
	.long 1934, 0
	.quad 0xffff82d040202530
	.long 1944, 0
	.quad 0xffff82d040202540
	.long 1954, 0
	.quad 0xffff82d040202550
	.long 1964, 0
	.quad 0xffff82d040202560
	.long 1974, 0
	.quad 0xffff82d040202570
	.long 1984, 0
	.quad 0xffff82d040202580
	.long 1994, 0
	.quad 0xffff82d040202590
	.long 2004, 0
	.quad 0xffff82d0402025a0
	.long 2014, 0
	.quad 0xffff82d0402025b0
	.long 2024, 0
	.quad 0xffff82d0402025c0
	.long 2034, 0
	.quad 0xffff82d0402025d0
	.long 2044, 0
	.quad 0xffff82d0402025e0
	.long 2054, 0
	.quad 0xffff82d0402025f0
	.long 2064, 0
	.quad 0xffff82d040202600
	.long 2074, 0
	.quad 0xffff82d040202610
	.long 2084, 0
	.quad 0xffff82d040202620
	.long 2094, 0
	.quad 0xffff82d040202630
	.long 2104, 0
	.quad 0xffff82d040202640
	.long 2114, 0
	.quad 0xffff82d040202650
	.long 2124, 0
	.quad 0xffff82d040202660
	.long 2134, 0
	.quad 0xffff82d040202670
	.long 2144, 0
	.quad 0xffff82d040202680
	.long 2154, 0
	.quad 0xffff82d040202690
	.long 2164, 0
	.quad 0xffff82d0402026a0
	.long 2174, 0
	.quad 0xffff82d0402026b0
	.long 2184, 0
	.quad 0xffff82d0402026c0
	.long 2194, 0
	.quad 0xffff82d0402026d0
	.long 2204, 0
	.quad 0xffff82d0402026e0
	.long 2214, 0
	.quad 0xffff82d0402026f0
	.long 2224, 0
	.quad 0xffff82d040202700
	.long 2234, 0
	.quad 0xffff82d040202710
	.long 2244, 0
	.quad 0xffff82d040202720
	.long 2254, 0
	.quad 0xffff82d040202730
	.long 2264, 0
	.quad 0xffff82d040202740
	.long 2274, 0
	.quad 0xffff82d040202750
	.long 2284, 0
	.quad 0xffff82d040202760
	.long 2294, 0
	.quad 0xffff82d040202770
	.long 2304, 0
	.quad 0xffff82d040202780
	.long 2314, 0
	.quad 0xffff82d040202790
	.long 2324, 0
	.quad 0xffff82d0402027a0
	.long 2334, 0
	.quad 0xffff82d0402027b0
	.long 2344, 0
	.quad 0xffff82d0402027c0
	.long 2354, 0
	.quad 0xffff82d0402027d0
	.long 2364, 0
	.quad 0xffff82d0402027e0
	.long 2374, 0
	.quad 0xffff82d0402027f0
	.long 2384, 0
	.quad 0xffff82d040202800
	.long 2394, 0
	.quad 0xffff82d040202810
	.long 2404, 0
	.quad 0xffff82d040202820
	.long 2414, 0
	.quad 0xffff82d040202830
	.long 2424, 0
	.quad 0xffff82d040202840
	.long 2434, 0
	.quad 0xffff82d040202850
	.long 2444, 0
	.quad 0xffff82d040202860
	.long 2454, 0
	.quad 0xffff82d040202870
	.long 2464, 0
	.quad 0xffff82d040202880
	.long 2474, 0
	.quad 0xffff82d040202890
	.long 2484, 0
	.quad 0xffff82d0402028a0
	.long 2494, 0
	.quad 0xffff82d0402028b0
	.long 2504, 0
	.quad 0xffff82d0402028c0
	.long 2514, 0
	.quad 0xffff82d0402028d0
	.long 2524, 0
	.quad 0xffff82d0402028e0
	.long 2534, 0
	.quad 0xffff82d0402028f0
	.long 2544, 0
	.quad 0xffff82d040202900
	.long 2554, 0
	.quad 0xffff82d040202910
	.long 2564, 0
	.quad 0xffff82d040202920
	.long 2574, 0
	.quad 0xffff82d040202930
	.long 2584, 0
	.quad 0xffff82d040202940
	.long 2594, 0
	.quad 0xffff82d040202950
	.long 2604, 0
	.quad 0xffff82d040202960
	.long 2614, 0
	.quad 0xffff82d040202970
	.long 2624, 0
	.quad 0xffff82d040202980
	.long 2634, 0
	.quad 0xffff82d040202990
	.long 2644, 0
	.quad 0xffff82d0402029a0
	.long 2654, 0
	.quad 0xffff82d0402029b0
	.long 2664, 0
	.quad 0xffff82d0402029c0
	.long 2674, 0
	.quad 0xffff82d0402029d0
	.long 2684, 0
	.quad 0xffff82d0402029e0
	.long 2694, 0
	.quad 0xffff82d0402029f0
	.long 2704, 0
	.quad 0xffff82d040202a00
	.long 2714, 0
	.quad 0xffff82d040202a10
	.long 2724, 0
	.quad 0xffff82d040202a20
	.long 2734, 0
	.quad 0xffff82d040202a30
	.long 2744, 0
	.quad 0xffff82d040202a40
	.long 2754, 0
	.quad 0xffff82d040202a50
	.long 2764, 0
	.quad 0xffff82d040202a60
	.long 2774, 0
	.quad 0xffff82d040202a70
	.long 2784, 0
	.quad 0xffff82d040202a80
	.long 2794, 0
	.quad 0xffff82d040202a90
	.long 2804, 0
	.quad 0xffff82d040202aa0
	.long 2814, 0
	.quad 0xffff82d040202ab0
	.long 2824, 0
	.quad 0xffff82d040202ac0
	.long 2834, 0
	.quad 0xffff82d040202ad0
	.long 2844, 0
	.quad 0xffff82d040202ae0
	.long 2854, 0
	.quad 0xffff82d040202af0
	.long 2864, 0
	.quad 0xffff82d040202b00
	.long 2874, 0
	.quad 0xffff82d040202c60
	.long 2885, 0
	.quad 0xffff82d040202ca0
	.long 2900, 0
	.quad 0xffff82d040202ce0
	.long 2909, 0
	.quad 0xffff82d040202f90
	.long 2921, 0
	.quad 0xffff82d040202fa0
	.long 2943, 0
	.quad 0xffff82d040203010
	.long 2967, 0
	.quad 0xffff82d040203030
	.long 2980, 0
	.quad 0xffff82d040203070
	.long 3001, 0
	.quad 0xffff82d040203200
	.long 3019, 0
	.quad 0xffff82d040203240
	.long 3029, 0
	.quad 0xffff82d0402032c0
	.long 3045, 0
	.quad 0xffff82d0402036a0
	.long 3059, 0
	.quad 0xffff82d0402036c0
	.long 3068, 0
	.quad 0xffff82d0402036e0
	.long 3086, 0
	.quad 0xffff82d040203730
	.long 3092, 0
	.quad 0xffff82d040203da0
	.long 3106, 0
	.quad 0xffff82d040203fc0
	.long 3126, 0
	.quad 0xffff82d040204030
	.long 3144, 0
	.quad 0xffff82d0402040b0
	.long 3150, 0
	.quad 0xffff82d0402040d0
	.long 3164, 0
	.quad 0xffff82d040204120
	.long 3180, 0
	.quad 0xffff82d0402041f0
	.long 3194, 0
	.quad 0xffff82d040204250
	.long 3209, 0
	.quad 0xffff82d040204280
	.long 3221, 0
	.quad 0xffff82d0402042c0
	.long 3225, 0
	.quad 0xffff82d040204310
	.long 3235, 0
	.quad 0xffff82d040204460
	.long 3245, 0
	.quad 0xffff82d040204610
	.long 3269, 0
	.quad 0xffff82d040204680
	.long 3282, 0
	.quad 0xffff82d0402047d0
	.long 3297, 0
	.quad 0xffff82d0402048b0
	.long 3314, 0
	.quad 0xffff82d0402048f0
	.long 3331, 0
	.quad 0xffff82d040204a60
	.long 3339, 0
	.quad 0xffff82d040204ad0
	.long 3349, 0
	.quad 0xffff82d040204bc0
	.long 3360, 0
	.quad 0xffff82d040204c60
	.long 3370, 0
	.quad 0xffff82d040204c80
	.long 3386, 0
	.quad 0xffff82d040204f90
	.long 3401, 0
	.quad 0xffff82d040205010
	.long 3415, 0
	.quad 0xffff82d0402050b0
	.long 3424, 0
	.quad 0xffff82d040205170
	.long 3440, 0
	.quad 0xffff82d0402051d0
	.long 3448, 0
	.quad 0xffff82d040205250
	.long 3461, 0
	.quad 0xffff82d040205440
	.long 3470, 0
	.quad 0xffff82d040205460
	.long 3490, 0
	.quad 0xffff82d0402054b0
	.long 3513, 0
	.quad 0xffff82d0402054c0
	.long 3534, 0
	.quad 0xffff82d040205810
	.long 3551, 0
	.quad 0xffff82d040205920
	.long 3572, 0
	.quad 0xffff82d040205a60
	.long 3590, 0
	.quad 0xffff82d040205d80
	.long 3608, 0
	.quad 0xffff82d040205f20
	.long 3620, 0
	.quad 0xffff82d040206630
	.long 3632, 0
	.quad 0xffff82d0402066b0
	.long 3645, 0
	.quad 0xffff82d0402067a0
	.long 3658, 0
	.quad 0xffff82d040206870
	.long 3675, 0
	.quad 0xffff82d040206930
	.long 3683, 0
	.quad 0xffff82d040206a50
	.long 3696, 0
	.quad 0xffff82d040207100
	.long 3708, 0
	.quad 0xffff82d040207140
	.long 3719, 0
	.quad 0xffff82d040207160
	.long 3740, 0
	.quad 0xffff82d040207170
	.long 3753, 0
	.quad 0xffff82d040207280
	.long 3767, 0
	.quad 0xffff82d0402072e0
	.long 3785, 0
	.quad 0xffff82d0402073c0
	.long 3793, 0
	.quad 0xffff82d040207400
	.long 3800, 0
	.quad 0xffff82d040207440
	.long 3819, 0
	.quad 0xffff82d0402076d0
	.long 3825, 0
	.quad 0xffff82d040207a20
	.long 3839, 0
	.quad 0xffff82d040207a90
	.long 3849, 0
	.quad 0xffff82d040207af0
	.long 3859, 0
	.quad 0xffff82d040207b00
	.long 3874, 0
	.quad 0xffff82d040207b10
	.long 3886, 0
	.quad 0xffff82d040207b50
	.long 3901, 0
	.quad 0xffff82d040207bb0
	.long 3915, 0
	.quad 0xffff82d040207c60
	.long 3927, 0
	.quad 0xffff82d040207cf0
	.long 3940, 0
	.quad 0xffff82d040207d30
	.long 3960, 0
	.quad 0xffff82d040207db0
	.long 3976, 0
	.quad 0xffff82d040207e80
	.long 3992, 0
	.quad 0xffff82d0402081a0
	.long 4009, 0
	.quad 0xffff82d040208590
	.long 4025, 0
	.quad 0xffff82d040208770
	.long 4041, 0
	.quad 0xffff82d0402087e0
	.long 4061, 0
	.quad 0xffff82d0402088d0
	.long 4080, 0
	.quad 0xffff82d040208930
	.long 4100, 0
	.quad 0xffff82d040208a00
	.long 4119, 0
	.quad 0xffff82d040208b10
	.long 4136, 0
	.quad 0xffff82d040208ba0
	.long 4146, 0
	.quad 0xffff82d040208bc0
	.long 4164, 0
	.quad 0xffff82d040208be0
	.long 4183, 0
	.quad 0xffff82d040208c20
	.long 4201, 0
	.quad 0xffff82d040208d10
	.long 4211, 0
	.quad 0xffff82d040208fb0
	.long 4224, 0
	.quad 0xffff82d040208fe0
	.long 4235, 0
	.quad 0xffff82d040209000
	.long 4249, 0
	.quad 0xffff82d040209030
	.long 4271, 0
	.quad 0xffff82d040209080
	.long 4283, 0
	.quad 0xffff82d0402090b0
	.long 4294, 0
	.quad 0xffff82d0402090f0
	.long 4312, 0
	.quad 0xffff82d040209100
	.long 4329, 0
	.quad 0xffff82d0402091d0
	.long 4349, 0
	.quad 0xffff82d040209270
	.long 4372, 0
	.quad 0xffff82d040209340
	.long 4386, 0
	.quad 0xffff82d0402093e0
	.long 4402, 0
	.quad 0xffff82d040209410
	.long 4421, 0
	.quad 0xffff82d040209470
	.long 4439, 0
	.quad 0xffff82d040209500
	.long 4457, 0
	.quad 0xffff82d0402095e0
	.long 4469, 0
	.quad 0xffff82d040209690
	.long 4480, 0
	.quad 0xffff82d040209710
	.long 4492, 0
	.quad 0xffff82d040209810
	.long 4511, 0
	.quad 0xffff82d040209880
	.long 4524, 0
	.quad 0xffff82d0402098e0
	.long 4541, 0
	.quad 0xffff82d040209b70
	.long 4556, 0
	.quad 0xffff82d040209c10
	.long 4567, 0
	.quad 0xffff82d040209c20
	.long 4576, 0
	.quad 0xffff82d040209c40
	.long 4590, 0
	.quad 0xffff82d040209d40
	.long 4602, 0
	.quad 0xffff82d040209db0
	.long 4614, 0
	.quad 0xffff82d040209e70
	.long 4624, 0
	.quad 0xffff82d040209f00
	.long 4639, 0
	.quad 0xffff82d040209f30
	.long 4649, 0
	.quad 0xffff82d040209f80
	.long 4664, 0
	.quad 0xffff82d040209f90
	.long 4679, 0
	.quad 0xffff82d040209fe0
	.long 4687, 0
	.quad 0xffff82d04020a020
	.long 4701, 0
	.quad 0xffff82d04020a0a0
	.long 4715, 0
	.quad 0xffff82d04020a120
	.long 4729, 0
	.quad 0xffff82d04020a180
	.long 4747, 0
	.quad 0xffff82d04020a470
	.long 4755, 0
	.quad 0xffff82d04020a4b0
	.long 4764, 0
	.quad 0xffff82d04020a550
	.long 4769, 0
	.quad 0xffff82d04020a600
	.long 4784, 0
	.quad 0xffff82d04020a740
	.long 4794, 0
	.quad 0xffff82d04020a760
	.long 4805, 0
	.quad 0xffff82d04020a7e0
	.long 4815, 0
	.quad 0xffff82d04020aaa0
	.long 4824, 0
	.quad 0xffff82d04020ac80
	.long 4832, 0
	.quad 0xffff82d04020b470
	.long 4847, 0
	.quad 0xffff82d04020b820
	.long 4862, 0
	.quad 0xffff82d04020b860
	.long 4875, 0
	.quad 0xffff82d04020b890
	.long 4889, 0
	.quad 0xffff82d04020b8e0
	.long 4907, 0
	.quad 0xffff82d04020b900
	.long 4923, 0
	.quad 0xffff82d04020b980
	.long 4934, 0
	.quad 0xffff82d04020b9e0
	.long 4958, 0
	.quad 0xffff82d04020ba00
	.long 4974, 0
	.quad 0xffff82d04020bc70
	.long 4995, 0
	.quad 0xffff82d04020bcc0
	.long 5006, 0
	.quad 0xffff82d04020bf00
	.long 5016, 0
	.quad 0xffff82d04020c050
	.long 5027, 0
	.quad 0xffff82d04020c070
	.long 5042, 0
	.quad 0xffff82d04020c0a0
	.long 5060, 0
	.quad 0xffff82d04020c200
	.long 5072, 0
	.quad 0xffff82d04020c5f0
	.long 5086, 0
	.quad 0xffff82d04020c620
	.long 5100, 0
	.quad 0xffff82d04020c640
	.long 5120, 0
	.quad 0xffff82d04020c690
	.long 5140, 0
	.quad 0xffff82d04020c980
	.long 5146, 0
	.quad 0xffff82d04020ca00
	.long 5159, 0
	.quad 0xffff82d04020ca10
	.long 5175, 0
	.quad 0xffff82d04020ca40
	.long 5188, 0
	.quad 0xffff82d04020ca70
	.long 5201, 0
	.quad 0xffff82d04020ca80
	.long 5208, 0
	.quad 0xffff82d04020cac0
	.long 5216, 0
	.quad 0xffff82d04020cad0
	.long 5223, 0
	.quad 0xffff82d04020cb10
	.long 5230, 0
	.quad 0xffff82d04020cb40
	.long 5237, 0
	.quad 0xffff82d04020cb70
	.long 5245, 0
	.quad 0xffff82d04020cba0
	.long 5252, 0
	.quad 0xffff82d04020cbe0
	.long 5260, 0
	.quad 0xffff82d04020cc10
	.long 5267, 0
	.quad 0xffff82d04020cc60
	.long 5275, 0
	.quad 0xffff82d04020ce00
	.long 5286, 0
	.quad 0xffff82d04020d160
	.long 5297, 0
	.quad 0xffff82d04020db90
	.long 5307, 0
	.quad 0xffff82d04020dbd0
	.long 5316, 0
	.quad 0xffff82d04020dc70
	.long 5331, 0
	.quad 0xffff82d04020dd32
	.long 5351, 0
symbols_names:
	.asciz "_start"
	.asciz "mb2_header"
	.asciz "mb2_header_end"
	.asciz "start64_identity"
	.asciz "start64"
	.asciz "detach_from_loader"
	.asciz "multiboot_parse"
	.asciz "e820_type_name"
	.asciz "boot_usable_bytes"
	.asciz "ap_start64"
	.asciz "add_cpu"
	.asciz "apic_x2apic_mode"
	.asciz "apic_tsc_deadline_mode"
	.asciz "pic_disable"
	.asciz "apic_read_id"
	.asciz "apic_eoi"
	.asciz "apic_send_icr"
	.asciz "apic_send_ipi"
	.asciz "apic_timer_program"
	.asciz "apic_local_init"
	.asciz "apic_bsp_init"
	.asciz "acpi_parse_madt"
	.asciz "ioapic_init"
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
	.asciz "ioremap_uc"
	.asciz "parse_selftest"
	.asciz "boot_map"
	.asciz "__start_xen"
	.asciz "event_check_interrupt"
	.asciz "call_function_interrupt"
	.asciz "get_irq_regs"
	.asciz "smp_send_event_check"
	.asciz "smp_call_function"
	.asciz "idle_loop"
	.asciz "start_secondary"
	.asciz "smp_boot_cpus"
	.asciz "mark_cpu"
	.asciz "selftest_timer_fn"
	.asciz "check"
	.asciz "boot_selftest"
	.asciz "trigger_debug_fault"
	.asciz "machine_power_off"
	.asciz "panic"
	.asciz "assert_failed"
	.asciz "machine_restart"
	.asciz "symbol_lookup"
	.asciz "set_time_scale"
	.asciz "scale_delta"
	.asciz "NOW"
	.asciz "ns_to_tsc"
	.asciz "time_init"
	.asciz "time_check_against_hpet"
	.asciz "print_symbol"
	.asciz "show_registers"
	.asciz "show_stack_trace"
	.asciz "set_intr_handler"
	.asciz "do_trap"
	.asciz "table_map"
	.asciz "find_table"
	.asciz "rsdp_scan"
	.asciz "acpi_find_table"
	.asciz "acpi_boot_init"
	.asciz "acpi_enter_s5"
	.asciz "pt_alloc"
	.asciz "split_superpage"
	.asciz "pt_free"
	.asciz "free_subtree"
	.asciz "unmap_in"
	.asciz "map_or_panic.part.0"
	.asciz "paging_detect_features"
	.asciz "paging_have_1g_pages"
	.asciz "map_pages_to_xen"
	.asciz "destroy_xen_mappings"
	.asciz "xen_mapping_flags"
	.asciz "paging_build_idle"
	.asciz "check_scrub"
	.asciz "mm_selftest"
	.asciz "range_insert"
	.asciz "boot_reserve"
	.asciz "alloc_boot_pages"
	.asciz "ft_back"
	.asciz "firmware_map"
	.asciz "memory_init"
	.asciz "poll_input"
	.asciz "console_force_unlock"
	.asciz "console_init"
	.asciz "console_write"
	.asciz "console_ring_read"
	.asciz "vprintk"
	.asciz "printk"
	.asciz "console_input_init"
	.asciz "apply"
	.asciz "cmdline_parse"
	.asciz "dump_runq"
	.asciz "show_help"
	.asciz "reboot_machine"
	.asciz "dump_timers"
	.asciz "dump_registers"
	.asciz "dump_this_cpu"
	.asciz "dump_memory"
	.asciz "dump_domains"
	.asciz "register_keyhandler"
	.asciz "handle_keypress"
	.asciz "keyhandler_init"
	.asciz "alloc_heap_pages"
	.asciz "free_heap_pages"
	.asciz "init_heap_pages"
	.asciz "alloc_xenheap_pages"
	.asciz "free_xenheap_pages"
	.asciz "alloc_domheap_pages"
	.asciz "free_domheap_pages"
	.asciz "heap_free_blocks"
	.asciz "dump_heap"
	.asciz "report_bad_option"
	.asciz "cmdline_parse_boot"
	.asciz "parse_sched_param"
	.asciz "unit_lock"
	.asciz "migrate_unit"
	.asciz "sched_find"
	.asciz "sched_default"
	.asciz "sched_set_default_mem"
	.asciz "sched_alloc"
	.asciz "sched_free"
	.asciz "sched_arena_alloc"
	.asciz "sched_arena_free"
	.asciz "sched_instance_init"
	.asciz "sched_instance_destroy"
	.asciz "sched_add_cpu"
	.asciz "sched_init_unit"
	.asciz "sched_destroy_unit"
	.asciz "sched_insert_unit"
	.asciz "sched_remove_unit"
	.asciz "sched_sleep"
	.asciz "sched_wake"
	.asciz "sched_yield"
	.asciz "sched_set_affinity"
	.asciz "sched_adjust"
	.asciz "sched_get_params"
	.asciz "sched_schedule"
	.asciz "sched_dump"
	.asciz "c2_yield"
	.asciz "c2_get_params"
	.asciz "c2_pick_cpu"
	.asciz "runq_insert"
	.asciz "c2_adjust"
	.asciz "c2_insert_unit"
	.asciz "c2_deinit"
	.asciz "c2_alloc_udata"
	.asciz "c2_alloc_pdata"
	.asciz "c2_init"
	.asciz "c2_free_udata"
	.asciz "c2_init_pdata"
	.asciz "c2_free_pdata"
	.asciz "find_idler.isra.0"
	.asciz "c2_dump"
	.asciz "c2_sleep"
	.asciz "burn"
	.asciz "c2_remove_unit"
	.asciz "move_unit"
	.asciz "c2_migrate"
	.asciz "pull_from"
	.asciz "pull_one"
	.asciz "c2_wake"
	.asciz "c2_do_schedule"
	.asciz "sched_selftest"
	.asciz "open_softirq"
	.asciz "raise_softirq"
	.asciz "cpu_raise_softirq"
	.asciz "softirq_pending"
	.asciz "do_softirq"
	.asciz "spin_debug_irq_mismatch"
	.asciz "timer_interrupt"
	.asciz "timer_softirq_action"
	.asciz "init_timer"
	.asciz "set_timer"
	.asciz "stop_timer"
	.asciz "timer_cpu_init"
	.asciz "timer_subsys_init"
	.asciz "dump_timerq"
	.asciz "xmalloc_bytes"
	.asciz "xzalloc_bytes"
	.asciz "xmalloc_array_bytes"
	.asciz "xzalloc_array_bytes"
	.asciz "xfree"
	.asciz "ns16550_init"
	.asciz "ns16550_present"
	.asciz "ns16550_putc"
	.asciz "ns16550_getc"
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
