/* test-code.c — typed code values (zicha-code.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Table-driven: every sample names the kind, the input, the expected status,
 * the expected canonical form and (for problems) a piece of the expected
 * Chinese message. Valid 统一社会信用代码 were computed with the MOD 31 and
 * GB 11714 rules of /work/shared/reference/uscc.py; the first ten are the
 * known-good samples listed there.
 */
#include "config.h"

#include <string.h>

#include "zicha-code.h"
#include "zicha-test.h"

typedef struct
{
  ZichaCodeKind    kind;
  const char      *input;
  ZichaCodeStatus  status;
  const char      *normalized;  /* NULL: same as input (or none, if INVALID) */
  const char      *message_zh;  /* a substring of message_zh, or NULL */
} Sample;

#define GOOD(k, in, norm)      { ZICHA_CODE_##k, in, ZICHA_CODE_OK, norm, NULL }
#define SAME(k, in)            { ZICHA_CODE_##k, in, ZICHA_CODE_OK, NULL, NULL }
#define WARN(k, in, norm, msg) { ZICHA_CODE_##k, in, ZICHA_CODE_WARNING, norm, msg }
#define BAD(k, in, msg)        { ZICHA_CODE_##k, in, ZICHA_CODE_INVALID, NULL, msg }

static const Sample samples[] = {
  /* 统一社会信用代码 — the ten good samples of uscc.py */
  SAME (USCC, "91350200776049653A"),
  SAME (USCC, "91350500798359476R"),
  SAME (USCC, "91350503MA31DKY80A"),
  SAME (USCC, "91350200MA31E12PXF"),
  SAME (USCC, "91440101MA5CJQ4N59"),
  SAME (USCC, "913502000728319549"),
  SAME (USCC, "123502001549897397"),
  SAME (USCC, "913502115628130384"),
  SAME (USCC, "9135021359498494XQ"),
  SAME (USCC, "91350213678251743X"),
  /* computed: every GB 32100 category, central “10” registrations */
  SAME (USCC, "12100000400000624D"),
  SAME (USCC, "12110000208981186Q"),
  SAME (USCC, "12100000939W0B221U"),
  SAME (USCC, "52440300929519856C"),
  SAME (USCC, "9135020073H45K1648"),
  SAME (USCC, "11100000571WL59C7C"),
  SAME (USCC, "51110108J1476M797H"),
  SAME (USCC, "93370100043774PJ0Q"),
  SAME (USCC, "92440101M6E239465T"),
  SAME (USCC, "N2330100928Y08676P"),
  SAME (USCC, "12330106031091X3X0"),
  SAME (USCC, "133100002577Q41J71"),
  SAME (USCC, "5311000023T8T14294"),
  SAME (USCC, "Y111000080Y23G3364"),
  SAME (USCC, "A1110000L6BMWT826X"),
  SAME (USCC, "713205000F2715813W"),
  SAME (USCC, "81610100B41819X47D"),
  /* normalization: lower case, full width, spaces, zero-width space */
  GOOD (USCC, "91350200776049653a", "91350200776049653A"),
  GOOD (USCC, "９１３５０２００７７６０４９６５３Ａ", "91350200776049653A"),
  GOOD (USCC, " 9135 0200 7760 4965 3A ", "91350200776049653A"),
  GOOD (USCC, "\xe2\x80\x8b" "91350503ma31dky80a", "91350503MA31DKY80A"),
  GOOD (USCC, "91350200776049653A\t\n", "91350200776049653A"),
  /* the inner GB 11714 check and an unknown region are warnings */
  WARN (USCC, "121100004000006205", "121100004000006205", "组织机构代码）的校验位应为“4”"),
  WARN (USCC, "914403004000006200", "914403004000006200", "校验位应为“4”，实际为“0”"),
  WARN (USCC, "12990000398259791H", "12990000398259791H", "第3–4位“99”不是省级行政区划代码"),
  WARN (USCC, "91770100190748334X", "91770100190748334X", "第3–4位“77”"),
  BAD (USCC, "", "未填写"),
  BAD (USCC, " \xe3\x80\x80 ", "未填写"),
  BAD (USCC, "9135020077604965", "应为18位，实际为16位"),
  BAD (USCC, "913502007760496533AA", "实际为20位"),
  BAD (USCC, "123456789012345", "15位的旧工商注册号"),
  BAD (USCC, "913502007760496I3A", "第16位字符“I”不是统一社会信用代码允许的字符"),
  BAD (USCC, "91350200776O49653A", "第12位字符“O”"),
  BAD (USCC, "91350200776049653S", "第18位字符“S”"),
  BAD (USCC, "9135020077604965-A", "第17位字符“-”"),
  BAD (USCC, "91350200中76049653A", "第9位字符“中”"),
  BAD (USCC, "B1350200776049653A", "第1位“B”不是有效的登记管理部门代码"),
  BAD (USCC, "01350200776049653A", "第1位“0”"),
  BAD (USCC, "94350200776049653A", "第2位“4”不是登记管理部门代码“9”下的机构类别代码"),
  BAD (USCC, "1A350200776049653A", "第2位“A”"),
  BAD (USCC, "913A0200776049653A", "第4位“A”应为数字"),
  BAD (USCC, "91350200776049653B", "第18位校验码应为“A”"),
  BAD (USCC, "91350203M0001QAY9B", "第18位校验码应为“9”"),
  BAD (USCC, "91350500798359476X", "第18位校验码应为“R”"),
  BAD (USCC, "12100000400000624E", "第18位校验码应为“D”"),
  BAD (USCC, "91440101MA5CJQ4N58", "第18位校验码应为“9”"),
  BAD (USCC, "91350200776049635A", "第18位校验码应为“E”"),
  BAD (USCC, "９１３５０２００７７６０４９６５３Ｂ", "第18位校验码应为“A”"),

  /* 手机号码 */
  SAME (MOBILE, "13812345678"),
  SAME (MOBILE, "13912345678"),
  SAME (MOBILE, "15012345678"),
  SAME (MOBILE, "18612345678"),
  SAME (MOBILE, "19912345678"),
  SAME (MOBILE, "16612345678"),
  SAME (MOBILE, "17012345678"),
  SAME (MOBILE, "14512345678"),
  SAME (MOBILE, "15900001111"),
  GOOD (MOBILE, "+86 138 1234 5678", "13812345678"),
  GOOD (MOBILE, "+8613812345678", "13812345678"),
  GOOD (MOBILE, "008613812345678", "13812345678"),
  GOOD (MOBILE, "8613812345678", "13812345678"),
  GOOD (MOBILE, "138-1234-5678", "13812345678"),
  GOOD (MOBILE, "138 1234 5678", "13812345678"),
  GOOD (MOBILE, "(+86)13812345678", "13812345678"),
  GOOD (MOBILE, "１３８１２３４５６７８", "13812345678"),
  GOOD (MOBILE, "+86-138-1234-5678", "13812345678"),
  GOOD (MOBILE, " 13800138000 ", "13800138000"),
  GOOD (MOBILE, "0086 139 0000 0000", "13900000000"),
  GOOD (MOBILE, "13800138000\xe2\x80\x8b", "13800138000"),
  GOOD (MOBILE, "＋８６　１３８　００１３　８０００", "13800138000"),
  BAD (MOBILE, "", "未填写"),
  BAD (MOBILE, "1381234567", "应为11位数字，实际为10位"),
  BAD (MOBILE, "138123456789", "实际为12位"),
  BAD (MOBILE, "12812345678", "第2位“2”无效"),
  BAD (MOBILE, "11012345678", "第2位“1”"),
  BAD (MOBILE, "10012345678", "第2位“0”"),
  BAD (MOBILE, "23812345678", "应以“1”开头"),
  BAD (MOBILE, "010-12345678", "固定电话"),
  BAD (MOBILE, "+8601012345678", "固定电话"),
  BAD (MOBILE, "+1 2025550100", "中国大陆手机号码"),
  BAD (MOBILE, "+852 91234567", "中国大陆"),
  BAD (MOBILE, "1381234567a", "不能有字符“a”"),
  BAD (MOBILE, "138.1234.5678", "不能有字符“.”"),
  BAD (MOBILE, "13812345678转1", "不能有字符“转”"),
  BAD (MOBILE, "86138123456", "应以“1”开头"),
  BAD (MOBILE, "+86 1381234567", "实际为10位"),
  BAD (MOBILE, "一三八一二三四五六七八", "不能有字符“一”"),
  BAD (MOBILE, "abc", "不能有字符“a”"),
  BAD (MOBILE, "13812345678/13912345678", "不能有字符“/”"),
  BAD (MOBILE, "138 1234 567", "实际为10位"),

  /* 固定电话 */
  SAME (PHONE, "010-12345678"),
  SAME (PHONE, "021-62345678"),
  SAME (PHONE, "020-87654321"),
  SAME (PHONE, "0755-86013388"),
  SAME (PHONE, "0371-6555123"),
  SAME (PHONE, "0898-66123456"),
  SAME (PHONE, "0891-6812345"),
  SAME (PHONE, "010-62751234-8001"),
  GOOD (PHONE, "(010)12345678", "010-12345678"),
  GOOD (PHONE, "010 12345678", "010-12345678"),
  GOOD (PHONE, "01012345678", "010-12345678"),
  GOOD (PHONE, "029 8866 5544", "029-88665544"),
  GOOD (PHONE, "(0571)88886666", "0571-88886666"),
  GOOD (PHONE, "（０２１）６２３４５６７８", "021-62345678"),
  GOOD (PHONE, "０１０－１２３４５６７８", "010-12345678"),
  GOOD (PHONE, "010-62751234转8001", "010-62751234-8001"),
  GOOD (PHONE, "0371-65551234 ext. 12", "0371-65551234-12"),
  GOOD (PHONE, "0571 8888 6666 EXT 12", "0571-88886666-12"),
  GOOD (PHONE, "010-12345678 分机 8001", "010-12345678-8001"),
  GOOD (PHONE, "010-12345678#12", "010-12345678-12"),
  GOOD (PHONE, "01012345678-123", "010-12345678-123"),
  GOOD (PHONE, "+86 21 6234 5678", "021-62345678"),
  GOOD (PHONE, "0086-10-62751234", "010-62751234"),
  GOOD (PHONE, "+86(10)62751234", "010-62751234"),
  GOOD (PHONE, "(0371)6555-1234", "0371-65551234"),
  GOOD (PHONE, "010—62751234", "010-62751234"),
  BAD (PHONE, "", "未填写"),
  BAD (PHONE, "13812345678", "这是手机号码，请填写在移动电话栏"),
  BAD (PHONE, "+86 138 1234 5678", "这是手机号码，请填写在移动电话栏"),
  BAD (PHONE, "138-1234-5678", "这是手机号码"),
  BAD (PHONE, "12345678", "缺少区号"),
  BAD (PHONE, "62751234", "缺少区号"),
  BAD (PHONE, "011-12345678", "区号“011”不存在"),
  BAD (PHONE, "0101-2345678", "区号“0101”不存在"),
  BAD (PHONE, "037-1234567", "以“03”开头的区号是4位"),
  BAD (PHONE, "02-12345678", "区号“02”太短"),
  BAD (PHONE, "0-12345678", "区号“0”太短"),
  BAD (PHONE, "00852-12345678", "国际长途前缀"),
  BAD (PHONE, "021-02345678", "不能以“0”开头"),
  BAD (PHONE, "0371-123456", "应为7–8位，实际为6位"),
  BAD (PHONE, "010-123456789", "实际为9位"),
  BAD (PHONE, "010-12345678-1234567", "实际为15位"),
  BAD (PHONE, "4008123123", "400/800 号码不是固定电话"),
  BAD (PHONE, "800-810-1234", "400/800"),
  BAD (PHONE, "010-12345678转abc", "分机号“abc”应为1–6位数字"),
  BAD (PHONE, "010-12345678转1234567", "分机号“1234567”"),
  BAD (PHONE, "(010-12345678", "括号不完整"),
  BAD (PHONE, "010-(1234)5678", "括号只能用于区号"),
  BAD (PHONE, "010--12345678", "“-”的位置不正确"),
  BAD (PHONE, "010-1234567a", "不能有字符“a”"),
  BAD (PHONE, "+1 415 5550100", "只接受中国大陆固定电话号码"),
  BAD (PHONE, "123-456", "固定电话应以区号开头"),
  BAD (PHONE, "2019-07-10", "缺少区号"),

  /* ICP备案号 */
  SAME (ICP, "京ICP备12345678号"),
  SAME (ICP, "京ICP备12345678号-1"),
  SAME (ICP, "京ICP证110507号"),
  SAME (ICP, "京ICP证040867号-3"),
  SAME (ICP, "豫ICP备20006012号-1"),
  SAME (ICP, "京ICP备2024077296号-1"),
  SAME (ICP, "京ICP备12034000号-2"),
  SAME (ICP, "沪ICP备05003215号"),
  SAME (ICP, "粤ICP备123456号"),
  SAME (ICP, "新ICP备1234567号"),
  SAME (ICP, "藏ICP备2021000123号-99"),
  SAME (ICP, "蒙ICP备12345678号-100"),
  SAME (ICP, "黑ICP备2020012345号"),
  SAME (ICP, "琼ICP备12345678号"),
  SAME (ICP, "宁ICP证123456号"),
  GOOD (ICP, "京icp备12345678号", "京ICP备12345678号"),
  GOOD (ICP, "京ＩＣＰ备１２３４５６７８号－２", "京ICP备12345678号-2"),
  GOOD (ICP, "京 ICP 备 2024077296 号-1", "京ICP备2024077296号-1"),
  GOOD (ICP, " 鄂ICP备13004621号 ", "鄂ICP备13004621号"),
  GOOD (ICP, "湘ICP备12345678号—1", "湘ICP备12345678号-1"),
  GOOD (ICP, "京Icp证110507号", "京ICP证110507号"),
  BAD (ICP, "", "未填写"),
  BAD (ICP, "黔ICP备12345678号", "应为省份简称“贵”，而不是“黔”"),
  BAD (ICP, "滇ICP备12345678号", "“云”"),
  BAD (ICP, "港ICP备12345678号", "第1个字“港”不是内地31个省级行政区的简称"),
  BAD (ICP, "ICP备12345678号", "第1个字“I”"),
  BAD (ICP, "京ICP备案12345678号", "而不是“ICP备案”"),
  BAD (ICP, "京ICP备12345678", "缺少“号”字"),
  BAD (ICP, "京ICP备12345678-1", "缺少“号”字"),
  BAD (ICP, "京ICP证1234567号", "ICP证编号应为6位数字，实际为7位"),
  BAD (ICP, "京ICP备12345号", "应为6–10位数字，实际为5位"),
  BAD (ICP, "京ICP备12345678901号", "实际为11位"),
  BAD (ICP, "京ICP备12345678号-0", "网站序号“-0”"),
  BAD (ICP, "京ICP备12345678号-1234", "网站序号“-1234”"),
  BAD (ICP, "京ICP备12345678号-a", "网站序号“-A”"),
  BAD (ICP, "京IPC备12345678号", "后应为“ICP”"),
  BAD (ICP, "京ICP12345678号", "后应为“备”"),
  BAD (ICP, "京ICP备12345678号码", "“号”后多了“码”"),
  BAD (ICP, "京ICP备12345678号号", "“号”后多了“号”"),
  BAD (ICP, "京ICP备号", "后应为数字编号"),
  BAD (ICP, "京ICP备B2-20090001", "后应为数字编号"),
  BAD (ICP, "京ICP备12345678a号", "编号后应为“号”，而不是“A”"),
  BAD (ICP, "京公网安备11010502030143号", "后应为“ICP”"),

  /* 公网安备号 */
  SAME (GABA, "京公网安备 11010502030143号"),
  GOOD (GABA, "京公网安备11010502030143号", "京公网安备 11010502030143号"),
  GOOD (GABA, "京公网安备11010802044671号", "京公网安备 11010802044671号"),
  GOOD (GABA, "粤公网安备44030002017573号", "粤公网安备 44030002017573号"),
  GOOD (GABA, "沪公网安备 31010402001234号 ", "沪公网安备 31010402001234号"),
  GOOD (GABA, "浙公网安备33010602011771号", "浙公网安备 33010602011771号"),
  GOOD (GABA, "川公网安备51010702001234号", "川公网安备 51010702001234号"),
  GOOD (GABA, "苏公网安备32010202010001号", "苏公网安备 32010202010001号"),
  GOOD (GABA, "鲁公网安备37020202000123号", "鲁公网安备 37020202000123号"),
  GOOD (GABA, "鄂公网安备42010602000206号", "鄂公网安备 42010602000206号"),
  GOOD (GABA, "湘公网安备43010502000101号", "湘公网安备 43010502000101号"),
  GOOD (GABA, "津公网安备12010402000100号", "津公网安备 12010402000100号"),
  GOOD (GABA, "冀公网安备13010202000001号", "冀公网安备 13010202000001号"),
  GOOD (GABA, "晋公网安备14010502000001号", "晋公网安备 14010502000001号"),
  GOOD (GABA, "蒙公网安备15010202000001号", "蒙公网安备 15010202000001号"),
  GOOD (GABA, "辽公网安备21010202000001号", "辽公网安备 21010202000001号"),
  GOOD (GABA, "黑公网安备23010202000001号", "黑公网安备 23010202000001号"),
  GOOD (GABA, "渝公网安备50010302000001号", "渝公网安备 50010302000001号"),
  GOOD (GABA, "贵公网安备52010202000001号", "贵公网安备 52010202000001号"),
  GOOD (GABA, "新公网安备65010202000001号", "新公网安备 65010202000001号"),
  GOOD (GABA, "京公网安备　１１０１０５０２０３０１４３号", "京公网安备 11010502030143号"),
  GOOD (GABA, "京公网安备 110105 02030143号", "京公网安备 11010502030143号"),
  WARN (GABA, "京公网安备110105008661号", "京公网安备 110105008661号", "旧式12位编号"),
  BAD (GABA, "", "未填写"),
  BAD (GABA, "港公网安备11010502030143号", "第1个字“港”不是内地31个省级行政区的简称"),
  BAD (GABA, "黔公网安备52010202000001号", "应为省份简称“贵”"),
  BAD (GABA, "公网安备11010502030143号", "第1个字“公”"),
  BAD (GABA, "京公安网备11010502030143号", "后应为“公网安备”"),
  BAD (GABA, "京ICP备12345678号", "后应为“公网安备”"),
  BAD (GABA, "京公网安备44030002017573号", "编号前两位“44”是广东（粤）的代码，与“京”不一致"),
  BAD (GABA, "粤公网安备11010502030143号", "是北京（京）的代码"),
  BAD (GABA, "京公网安备99030002017573号", "编号前两位“99”不是省级行政区划代码"),
  BAD (GABA, "新公网安备71010202000001号", "编号前两位“71”不是省级行政区划代码"),
  BAD (GABA, "京公网安备1101050203014号", "应为14位数字，实际为13位"),
  BAD (GABA, "京公网安备110105020301434号", "实际为15位"),
  BAD (GABA, "沪公网安备 3101040200123号", "实际为13位"),
  BAD (GABA, "京公网安备11010502030143", "缺少“号”字"),
  BAD (GABA, "京公网安备号", "后应为数字编号"),
  BAD (GABA, "京公网安备11010502030143号号", "只有一个“号”字"),
  BAD (GABA, "京公网安备1101050203014X号", "而不是“X号”"),
  BAD (GABA, "京公网安备11-010502030143号", "而不是“-010502030143号”"),
  BAD (GABA, "京公网安备", "后应为数字编号"),
  BAD (GABA, "11010502030143", "第1个字“1”"),

  /* 等保备案证明编号 */
  SAME (DENGBAO, "11010513001-00001"),
  SAME (DENGBAO, "44030012345-19001"),
  SAME (DENGBAO, "31010412345-00002"),
  SAME (DENGBAO, "32010099999-00010"),
  SAME (DENGBAO, "51010000001-12345"),
  SAME (DENGBAO, "65010012345-00001"),
  SAME (DENGBAO, "00000013001-00001"),
  SAME (DENGBAO, "21020012345-00003"),
  SAME (DENGBAO, "35020300001-00001"),
  SAME (DENGBAO, "37020000123-18001"),
  SAME (DENGBAO, "42010600010-00001"),
  SAME (DENGBAO, "61010000001-00001"),
  SAME (DENGBAO, "53010200005-00020"),
  SAME (DENGBAO, "13010000001-00001"),
  SAME (DENGBAO, "50010300001-00003"),
  SAME (DENGBAO, "63000000001-00001"),
  GOOD (DENGBAO, "1101051300100001", "11010513001-00001"),
  GOOD (DENGBAO, "11010513001—00001", "11010513001-00001"),
  GOOD (DENGBAO, "11010513001 - 00001", "11010513001-00001"),
  GOOD (DENGBAO, "４４０３０００１２３４－００００１", "44030001234-00001"),
  GOOD (DENGBAO, "11010513001－0000１", "11010513001-00001"),
  WARN (DENGBAO, "99010513001-00001", "99010513001-00001", "前两位“99”不是省级行政区划代码"),
  BAD (DENGBAO, "", "未填写"),
  BAD (DENGBAO, "11010513001", "缺少5位系统编号"),
  BAD (DENGBAO, "1101051300-100001", "“-”应在第11位数字之后"),
  BAD (DENGBAO, "1101-0513001-00001", "“-”应在第11位数字之后"),
  BAD (DENGBAO, "11010513001--00001", "“-”应在第11位数字之后"),
  BAD (DENGBAO, "1101051300A-00001", "不能有字符“A”"),
  BAD (DENGBAO, "11010513001-0001", "应为16位数字（11位备案单位编号＋5位系统编号），实际为15位"),
  BAD (DENGBAO, "11010513001-000001", "实际为17位"),
  BAD (DENGBAO, "110105130010000", "实际为15位"),
  BAD (DENGBAO, "11010513001-00001-1", "实际为17位"),
  BAD (DENGBAO, "11010513001/00001", "不能有字符“/”"),
  BAD (DENGBAO, "备案证明编号11010513001-00001", "不能有字符“备”"),
  BAD (DENGBAO, "ABCDEFGHIJK-LMNOP", "不能有字符“A”"),
  BAD (DENGBAO, "1101051300100001X", "不能有字符“X”"),
  BAD (DENGBAO, "1 2 3", "实际为3位"),
  BAD (DENGBAO, "11010513001.00001", "不能有字符“.”"),
  BAD (DENGBAO, "110105130010000100", "实际为18位"),
  BAD (DENGBAO, "0", "实际为1位"),
  BAD (DENGBAO, "11010513001_00001", "不能有字符“_”"),
  BAD (DENGBAO, "第11010513001-00001号", "不能有字符“第”"),

  /* IP地址 */
  SAME (IP, "192.168.1.10"),
  SAME (IP, "10.0.0.1"),
  SAME (IP, "172.16.0.1"),
  SAME (IP, "8.8.8.8"),
  SAME (IP, "202.112.0.36"),
  SAME (IP, "1.1.1.1"),
  SAME (IP, "255.255.255.255"),
  SAME (IP, "100.64.0.1"),
  SAME (IP, "114.114.114.114"),
  SAME (IP, "2001:db8::1"),
  SAME (IP, "240e:1:2::3"),
  SAME (IP, "fd00::1"),
  SAME (IP, "2408:8000::1"),
  SAME (IP, "2001:da8:8000:1::80"),
  SAME (IP, "::ffff:1.2.3.4"),
  GOOD (IP, "2001:DB8::1", "2001:db8::1"),
  GOOD (IP, "2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
  GOOD (IP, "１９２．１６８．１．１", "192.168.1.1"),
  GOOD (IP, " 192.168.1.1 ", "192.168.1.1"),
  GOOD (IP, "192. 168. 1. 1", "192.168.1.1"),
  GOOD (IP, "192。168。1。1", "192.168.1.1"),
  WARN (IP, "127.0.0.1", "127.0.0.1", "回环地址"),
  WARN (IP, "::1", "::1", "回环地址"),
  WARN (IP, "0.0.0.0", "0.0.0.0", "未指定地址"),
  WARN (IP, "224.0.0.1", "224.0.0.1", "组播地址"),
  WARN (IP, "FE80::1", "fe80::1", "链路本地地址"),
  BAD (IP, "", "未填写"),
  BAD (IP, "010.1.1.1", "第1段“010”有前导零"),
  BAD (IP, "192.168.001.1", "第3段“001”有前导零，含义不明确（可能被当作八进制），请写成“1”"),
  BAD (IP, "00.1.1.1", "请写成“0”"),
  BAD (IP, "1.2.3", "应为4段数字，实际为3段"),
  BAD (IP, "1.2.3.4.5", "实际为5段"),
  BAD (IP, "1.2.3.4.", "实际为5段"),
  BAD (IP, "256.1.1.1", "第1段“256”超出范围"),
  BAD (IP, "1.2.3.1000", "第4段“1000”超出范围"),
  BAD (IP, "abc", "不是IP地址"),
  BAD (IP, "www.example.edu.cn", "不是IP地址"),
  BAD (IP, "0x7f.0.0.1", "不是IP地址"),
  BAD (IP, "1.2.3.-1", "不是IP地址"),
  BAD (IP, "192.168.1.1/24", "不是IP地址"),
  BAD (IP, "1..2.3", "第2段为空"),
  BAD (IP, "2001:db8:::1", "不是有效的IPv6地址"),
  BAD (IP, "1:2:3:4:5:6:7:8:9", "不是有效的IPv6地址"),
  BAD (IP, "::g", "不是有效的IPv6地址"),
  BAD (IP, "[::1]", "不是有效的IPv6地址"),
  BAD (IP, "fe80::1%eth0", "接口标识"),
  BAD (IP, "192.168.1.1:80", "不能带端口号"),
  BAD (IP, "12345", "实际为1段"),

  /* 网址 */
  SAME (URL, "https://www.example.edu.cn"),
  SAME (URL, "http://www.example.edu.cn/"),
  SAME (URL, "https://www.moe.gov.cn/jyb_xxgk/"),
  SAME (URL, "https://jwc.example.edu.cn:8443/login?x=1"),
  SAME (URL, "http://192.168.1.10/"),
  SAME (URL, "http://[2001:db8::1]:8080/"),
  SAME (URL, "https://xn--fiq228c.xn--fiqs8s/"),
  SAME (URL, "https://www.example.edu.cn/a%20b"),
  SAME (URL, "https://www.example.edu.cn/a%2Fb"),
  SAME (URL, "https://www.example.edu.cn/search?q=%E4%B8%AD"),
  SAME (URL, "https://www.tsinghua.edu.cn/index.htm"),
  SAME (URL, "https://a-b.example.cn"),
  SAME (URL, "https://www.example.edu.cn/#top"),
  SAME (URL, "http://10.0.0.1:8080/admin"),
  SAME (URL, "https://www.gov.cn/zhengce/"),
  SAME (URL, "https://beian.mps.gov.cn/#/query/webSearch?code=11010502030143"),
  GOOD (URL, "HTTP://WWW.EXAMPLE.EDU.CN/Path", "http://www.example.edu.cn/Path"),
  GOOD (URL, "ｈｔｔｐｓ：／／ｗｗｗ．ｅｘａｍｐｌｅ．ｅｄｕ．ｃｎ", "https://www.example.edu.cn"),
  GOOD (URL, " https://www.pku.edu.cn ", "https://www.pku.edu.cn"),
  GOOD (URL, "http://[2001:DB8::1]:8080/", "http://[2001:db8::1]:8080/"),
  GOOD (URL, "http://中文.中国/", "http://xn--fiq228c.xn--fiqs8s/"),
  GOOD (URL, "https://Mail.Example.edu.cn/", "https://mail.example.edu.cn/"),
  WARN (URL, "www.example.edu.cn", "http://www.example.edu.cn", "已按“http://”补全"),
  WARN (URL, "www.example.edu.cn/news/1.html", "http://www.example.edu.cn/news/1.html", "已按“http://”补全"),
  WARN (URL, "www.example.edu.cn:8080/a", "http://www.example.edu.cn:8080/a", "已按“http://”补全"),
  WARN (URL, "http://user:pw@X.cn", "http://user:pw@x.cn", "用户名或密码"),
  BAD (URL, "", "未填写"),
  BAD (URL, "ftp://x.cn", "只接受“http://”或“https://”开头的网址，这里是“ftp”"),
  BAD (URL, "file:///etc/passwd", "这里是“file”"),
  BAD (URL, "http://", "缺少主机名"),
  BAD (URL, "http://exa mple.com", "不能有空格"),
  BAD (URL, "www.example.edu.cn 网站", "不能有空格"),
  BAD (URL, "http://x..cn", "空的一段"),
  BAD (URL, "https://www.example.edu.cn./", "空的一段"),
  BAD (URL, "http://1.2.3/", "既不是有效的域名，也不是有效的IP地址"),
  BAD (URL, "http://a.b.c.123", "既不是有效的域名"),
  BAD (URL, "mailto:a@b.cn", "应以“http://”或“https://”开头"),
  BAD (URL, "javascript:alert(1)", "应以“http://”或“https://”开头"),
  BAD (URL, "http:/www.x.cn", "应以“http://”或“https://”开头"),
  BAD (URL, "localhost", "域名“localhost”不完整"),
  BAD (URL, "http://www", "不完整"),
  BAD (URL, "http://x.cn:99999/", "端口号无效"),
  BAD (URL, "https://www.example.edu.cn:abc/", "端口号无效"),
  BAD (URL, "http://x_y.cn", "不能有字符“_”"),
  BAD (URL, "http://ex!ample.cn", "不能有字符“!”"),
  BAD (URL, "http://-x.cn", "不能以“-”开头或结尾"),
  BAD (URL, "http://[::1", "不是有效的网址"),
  BAD (URL, "https://x.cn/a%zz", "不是有效的网址"),

  /* 电子邮箱 */
  SAME (EMAIL, "zhangsan@example.edu.cn"),
  SAME (EMAIL, "a@b.cn"),
  SAME (EMAIL, "zhang_san+tag@mail.example.edu.cn"),
  SAME (EMAIL, "12345678@qq.com"),
  SAME (EMAIL, "user-name@163.com"),
  SAME (EMAIL, "a.b.c@sub.domain.gov.cn"),
  SAME (EMAIL, "x@xn--fiq228c.xn--fiqs8s"),
  SAME (EMAIL, "a@中文.中国"),
  SAME (EMAIL, "o'brien@example.com"),
  SAME (EMAIL, "first.last@example.co.uk"),
  SAME (EMAIL, "x_y@abc-def.com"),
  SAME (EMAIL, "test!#$%&*@example.org"),
  SAME (EMAIL, "a1@b2.c3"),
  SAME (EMAIL, "admin@edu.cn"),
  SAME (EMAIL, "noreply@service.example.edu.cn"),
  GOOD (EMAIL, "Zhang.San@Example.EDU.cn", "Zhang.San@example.edu.cn"),
  GOOD (EMAIL, "ABC@EXAMPLE.COM", "ABC@example.com"),
  GOOD (EMAIL, "a＠b.cn", "a@b.cn"),
  GOOD (EMAIL, " x@y.cn ", "x@y.cn"),
  GOOD (EMAIL, "ｔｅｓｔ＠ｅｘａｍｐｌｅ．ｃｏｍ", "test@example.com"),
  GOOD (EMAIL, "x@y.com\xe2\x80\x8b", "x@y.com"),
  GOOD (EMAIL, "zhangsan@example。edu。cn", "zhangsan@example.edu.cn"),
  BAD (EMAIL, "", "未填写"),
  BAD (EMAIL, "a@b", "域名“b”不完整"),
  BAD (EMAIL, "ab.cn", "缺少“@”"),
  BAD (EMAIL, "a@@b.cn", "只能有一个“@”"),
  BAD (EMAIL, "a@b@c.cn", "只能有一个“@”"),
  BAD (EMAIL, "a b@c.cn", "不能有空格"),
  BAD (EMAIL, "张三@b.cn", "不能有字符“张”"),
  BAD (EMAIL, ".a@b.cn", "“.”不能在开头、结尾或连续出现"),
  BAD (EMAIL, "a.@b.cn", "“.”不能在开头"),
  BAD (EMAIL, "a..b@c.cn", "“.”不能在开头"),
  BAD (EMAIL, "a@b..cn", "空的一段"),
  BAD (EMAIL, "a@b.cn.", "空的一段"),
  BAD (EMAIL, "a@-b.cn", "不能以“-”开头或结尾"),
  BAD (EMAIL, "@b.cn", "缺少用户名"),
  BAD (EMAIL, "a@", "缺少域名"),
  BAD (EMAIL, "a@1.2.3.4", "不能是IP地址"),
  BAD (EMAIL, "a@[1.2.3.4]", "不能是IP地址"),
  BAD (EMAIL, "a@b_c.cn", "不能有字符“_”"),
  BAD (EMAIL, "a(b)@c.cn", "不能有字符“(”"),
  BAD (EMAIL, "a@b.123", "既不是有效的域名"),
  BAD (EMAIL, "mailto:a@b.cn", "不能有字符“:”"),
  BAD (EMAIL, "0123456789012345678901234567890123456789012345678901234567890123456789@b.cn", "用户名太长"),

  /* 邮政编码 */
  SAME (POSTCODE, "100084"),
  SAME (POSTCODE, "100871"),
  SAME (POSTCODE, "200433"),
  SAME (POSTCODE, "510275"),
  SAME (POSTCODE, "310027"),
  SAME (POSTCODE, "430072"),
  SAME (POSTCODE, "610065"),
  SAME (POSTCODE, "710049"),
  SAME (POSTCODE, "300072"),
  SAME (POSTCODE, "210093"),
  SAME (POSTCODE, "230026"),
  SAME (POSTCODE, "350108"),
  SAME (POSTCODE, "650091"),
  SAME (POSTCODE, "830046"),
  SAME (POSTCODE, "730000"),
  SAME (POSTCODE, "750021"),
  SAME (POSTCODE, "810016"),
  SAME (POSTCODE, "850000"),
  SAME (POSTCODE, "010021"),
  SAME (POSTCODE, "030006"),
  SAME (POSTCODE, "570228"),
  GOOD (POSTCODE, "100 084", "100084"),
  GOOD (POSTCODE, "１００８７１", "100871"),
  BAD (POSTCODE, "", "未填写"),
  BAD (POSTCODE, "999077", "不以“9”开头"),
  BAD (POSTCODE, "999078", "不以“9”开头"),
  BAD (POSTCODE, "900000", "不以“9”开头"),
  BAD (POSTCODE, "999999", "不以“9”开头"),
  BAD (POSTCODE, "001234", "不以“00”开头"),
  BAD (POSTCODE, "000000", "不以“00”开头"),
  BAD (POSTCODE, "10008", "应为6位数字，实际为5位"),
  BAD (POSTCODE, "1000841", "实际为7位"),
  BAD (POSTCODE, "12345", "实际为5位"),
  BAD (POSTCODE, "9", "实际为1位"),
  BAD (POSTCODE, "1000 84 1", "实际为7位"),
  BAD (POSTCODE, "10008a", "第6位“a”不是数字"),
  BAD (POSTCODE, "10008O", "第6位“O”不是数字"),
  BAD (POSTCODE, "abcdef", "第1位“a”"),
  BAD (POSTCODE, "10-0084", "第3位“-”"),
  BAD (POSTCODE, "邮编100084", "第1位“邮”"),
  BAD (POSTCODE, "100084.", "第7位“.”"),
  BAD (POSTCODE, "A00084", "第1位“A”"),
  BAD (POSTCODE, "1000８4X", "第7位“X”"),

  /* 行政区划代码 */
  SAME (REGION, "110000"),
  SAME (REGION, "110101"),
  SAME (REGION, "110108"),
  SAME (REGION, "120000"),
  SAME (REGION, "130100"),
  SAME (REGION, "140105"),
  SAME (REGION, "150102"),
  SAME (REGION, "210102"),
  SAME (REGION, "230103"),
  SAME (REGION, "310104"),
  SAME (REGION, "320102"),
  SAME (REGION, "330106"),
  SAME (REGION, "350102"),
  SAME (REGION, "420111"),
  SAME (REGION, "440300"),
  SAME (REGION, "460100"),
  SAME (REGION, "500101"),
  SAME (REGION, "510107"),
  SAME (REGION, "540102"),
  SAME (REGION, "650102"),
  SAME (REGION, "429004"),
  SAME (REGION, "710000"),
  SAME (REGION, "810000"),
  SAME (REGION, "820000"),
  GOOD (REGION, "11 01 08", "110108"),
  GOOD (REGION, "４４０１０６", "440106"),
  WARN (REGION, "810001", "810001", "只列出省级代码“810000”"),
  WARN (REGION, "710100", "710100", "只列出省级代码“710000”"),
  BAD (REGION, "", "未填写"),
  BAD (REGION, "990000", "前两位“99”不是省级行政区划代码"),
  BAD (REGION, "100000", "前两位“10”"),
  BAD (REGION, "000000", "前两位“00”"),
  BAD (REGION, "160000", "前两位“16”"),
  BAD (REGION, "240000", "前两位“24”"),
  BAD (REGION, "380000", "前两位“38”"),
  BAD (REGION, "470000", "前两位“47”"),
  BAD (REGION, "550000", "前两位“55”"),
  BAD (REGION, "660000", "前两位“66”"),
  BAD (REGION, "720000", "前两位“72”"),
  BAD (REGION, "830000", "前两位“83”"),
  BAD (REGION, "110001", "第3–4位为“00”（省级）时第5–6位也应为“00”，这里是“01”"),
  BAD (REGION, "440099", "这里是“99”"),
  BAD (REGION, "11010", "应为6位数字，实际为5位"),
  BAD (REGION, "1101011", "实际为7位"),
  BAD (REGION, "1101a0", "第5位“a”不是数字"),
  BAD (REGION, "北京110000", "第1位“北”"),
  BAD (REGION, "11-01-08", "第3位“-”"),
  BAD (REGION, "11010８x", "第7位“x”"),

  /* 日期 */
  SAME (DATE, "2019-07-10"),
  SAME (DATE, "2020-02-29"),
  SAME (DATE, "2000-02-29"),
  SAME (DATE, "1990-01-01"),
  SAME (DATE, "2100-12-31"),
  SAME (DATE, "2024-12-31"),
  SAME (DATE, "1999-09-09"),
  SAME (DATE, "2038-01-19"),
  SAME (DATE, "2016-02-29"),
  SAME (DATE, "2019-04-30"),
  GOOD (DATE, "2019年7月10日", "2019-07-10"),
  GOOD (DATE, "2019/7/10", "2019-07-10"),
  GOOD (DATE, "2019.7.10", "2019-07-10"),
  GOOD (DATE, "2019-7-1", "2019-07-01"),
  GOOD (DATE, "2019 年 7 月 10 日", "2019-07-10"),
  GOOD (DATE, "２０１９年７月１０日", "2019-07-10"),
  GOOD (DATE, "2019/07/10", "2019-07-10"),
  GOOD (DATE, "2019.07.10", "2019-07-10"),
  GOOD (DATE, "2019年12月1日", "2019-12-01"),
  GOOD (DATE, "2019－07－10", "2019-07-10"),
  GOOD (DATE, "2019—07—10", "2019-07-10"),
  GOOD (DATE, "2021/1/31", "2021-01-31"),
  BAD (DATE, "", "未填写"),
  BAD (DATE, "2019-02-29", "2019年不是闰年，2月没有29日"),
  BAD (DATE, "2100-02-29", "2100年不是闰年"),
  BAD (DATE, "2019-13-01", "月份“13”无效"),
  BAD (DATE, "2019-00-10", "月份“00”无效"),
  BAD (DATE, "2019-04-31", "2019年4月没有31日"),
  BAD (DATE, "2019-06-31", "这个月有30天"),
  BAD (DATE, "2019-01-32", "没有32日"),
  BAD (DATE, "2019-01-00", "没有0日"),
  BAD (DATE, "2019年02月30日", "2019年2月没有30日"),
  BAD (DATE, "1989-12-31", "年份“1989”超出范围"),
  BAD (DATE, "2101-01-01", "年份“2101”超出范围"),
  BAD (DATE, "2019/07-10", "分隔符不一致"),
  BAD (DATE, "2019年7月10", "分隔符不一致"),
  BAD (DATE, "2019-7-10日", "分隔符不一致"),
  BAD (DATE, "19-07-10", "不是日期"),
  BAD (DATE, "20190710", "不是日期"),
  BAD (DATE, "2019-07-10T00:00", "不是日期"),
  BAD (DATE, "July 10, 2019", "不是日期"),
  BAD (DATE, "10/07/2019", "不是日期"),
  BAD (DATE, "昨天", "不是日期"),
};

/* Kinds whose every invalid sample must name the expected message. */
static const ZichaCodeKind message_required[] = {
  ZICHA_CODE_USCC, ZICHA_CODE_PHONE, ZICHA_CODE_ICP, ZICHA_CODE_GABA,
};

static const char *
status_name (ZichaCodeStatus status)
{
  switch (status)
    {
    case ZICHA_CODE_OK:
      return "OK";
    case ZICHA_CODE_WARNING:
      return "WARNING";
    case ZICHA_CODE_INVALID:
      return "INVALID";
    default:
      return "?";
    }
}

/* Every expectation of one sample; on a mismatch the failure names the
 * sample and what came back. */
static void
assert_sample (const Sample *sample)
{
  g_autoptr(ZichaCodeCheck) check = zicha_code_check (sample->kind, sample->input);
  const char *expected_normalized = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);

  CU_ASSERT_PTR_NOT_NULL_FATAL (check);

  if (sample->status != ZICHA_CODE_INVALID)
    expected_normalized = sample->normalized != NULL ? sample->normalized : sample->input;

  if (check->status != sample->status)
    g_string_append_printf (problems, " status %s, expected %s;",
                            status_name (check->status), status_name (sample->status));

  if (g_strcmp0 (check->normalized, expected_normalized) != 0)
    g_string_append_printf (problems, " normalized “%s”, expected “%s”;",
                            check->normalized ? check->normalized : "(null)",
                            expected_normalized ? expected_normalized : "(null)");

  if (check->status == ZICHA_CODE_OK)
    {
      if (check->message_zh != NULL || check->message_en != NULL)
        g_string_append (problems, " OK with a message;");
    }
  else if (check->message_zh == NULL || check->message_en == NULL
           || check->message_zh[0] == '\0' || check->message_en[0] == '\0')
    g_string_append (problems, " missing message;");
  else if (sample->message_zh != NULL && strstr (check->message_zh, sample->message_zh) == NULL)
    g_string_append_printf (problems, " message “%s” lacks “%s”;",
                            check->message_zh, sample->message_zh);

  /* The canonical form is a fixed point. */
  if (check->status != ZICHA_CODE_INVALID && check->normalized != NULL)
    {
      g_autoptr(ZichaCodeCheck) again = zicha_code_check (sample->kind, check->normalized);

      if (again->status == ZICHA_CODE_INVALID || g_strcmp0 (again->normalized, check->normalized) != 0)
        g_string_append_printf (problems, " canonical form “%s” does not check back to itself;",
                                check->normalized);
    }

  if (problems->len > 0)
    {
      g_autofree char *report = g_strdup_printf ("%s “%s”:%s", zicha_code_kind_to_name (sample->kind),
                                                 sample->input, problems->str);

      g_printerr ("\n  FAILED %s\n", report);
      CU_assertImplementation (CU_FALSE, __LINE__, report, __FILE__, "", CU_FALSE);
    }
  else
    CU_PASS ("sample");
}

static void
assert_samples_of_kind (ZichaCodeKind kind)
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    if (samples[i].kind == kind)
      {
        assert_sample (&samples[i]);
        n++;
      }

  CU_ASSERT (n > 0);
}

#define DEFINE_KIND_TEST(name, KIND)             \
  static void                                     \
  test_##name (void)                              \
  {                                               \
    assert_samples_of_kind (ZICHA_CODE_##KIND);   \
  }

DEFINE_KIND_TEST (uscc, USCC)
DEFINE_KIND_TEST (mobile, MOBILE)
DEFINE_KIND_TEST (phone, PHONE)
DEFINE_KIND_TEST (icp, ICP)
DEFINE_KIND_TEST (gaba, GABA)
DEFINE_KIND_TEST (dengbao, DENGBAO)
DEFINE_KIND_TEST (ip, IP)
DEFINE_KIND_TEST (url, URL)
DEFINE_KIND_TEST (email, EMAIL)
DEFINE_KIND_TEST (postcode, POSTCODE)
DEFINE_KIND_TEST (region, REGION)
DEFINE_KIND_TEST (date, DATE)

/* The table itself: at least 20 valid and 20 invalid samples per kind, and
 * an expected message on every invalid sample of the kinds that need one. */
static void
test_table_coverage (void)
{
  for (guint kind = 0; kind < ZICHA_N_CODE_KINDS; kind++)
    {
      guint valid = 0;
      guint invalid = 0;
      gboolean messages_required = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (message_required); i++)
        if (message_required[i] == kind)
          messages_required = TRUE;

      for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
        {
          if (samples[i].kind != kind)
            continue;
          if (samples[i].status == ZICHA_CODE_OK)
            valid++;
          else if (samples[i].status == ZICHA_CODE_INVALID)
            {
              invalid++;
              if (messages_required)
                CU_ASSERT_PTR_NOT_NULL (samples[i].message_zh);
            }
        }

      if (valid < 20 || invalid < 20)
        g_printerr ("\n  kind %s has %u valid and %u invalid samples\n",
                    zicha_code_kind_to_name (kind), valid, invalid);
      CU_ASSERT (valid >= 20);
      CU_ASSERT (invalid >= 20);
    }
}

static void
test_null_and_empty (void)
{
  for (guint kind = 0; kind < ZICHA_N_CODE_KINDS; kind++)
    {
      g_autoptr(ZichaCodeCheck) null_check = zicha_code_check (kind, NULL);
      g_autoptr(ZichaCodeCheck) blank_check = zicha_code_check (kind, "\xe3\x80\x80\t ");
      g_autofree char *normalized = zicha_code_normalize (kind, NULL);

      CU_ASSERT_EQUAL (null_check->status, ZICHA_CODE_INVALID);
      CU_ASSERT_PTR_NULL (null_check->normalized);
      ZICHA_ASSERT_STR_EQ (null_check->message_zh, "未填写");
      ZICHA_ASSERT_STR_EQ (null_check->message_en, "Empty");
      CU_ASSERT_EQUAL (blank_check->status, ZICHA_CODE_INVALID);
      ZICHA_ASSERT_STR_EQ (blank_check->message_zh, "未填写");
      ZICHA_ASSERT_STR_EQ (normalized, "");
    }
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(ZichaCodeCheck) check = zicha_code_check (ZICHA_CODE_USCC, "9135\xff" "0200776049653A");
  g_autofree char *normalized = zicha_code_normalize (ZICHA_CODE_USCC, "9135\xff");

  CU_ASSERT_EQUAL (check->status, ZICHA_CODE_INVALID);
  CU_ASSERT_PTR_NOT_NULL (strstr (check->message_zh, "字符编码"));
  CU_ASSERT_TRUE (g_utf8_validate (normalized, -1, NULL));
}

typedef struct
{
  ZichaCodeKind  kind;
  const char    *input;
  const char    *expected;
} NormalizeSample;

static void
test_normalize (void)
{
  static const NormalizeSample cases[] = {
    { ZICHA_CODE_USCC, " ９１３５ ０２００７７６０４９６５３ａ ", "91350200776049653A" },
    { ZICHA_CODE_USCC, "9135-0200", "9135-0200" },
    { ZICHA_CODE_ICP, "京icp备　１２３４５６７８号－１", "京ICP备12345678号-1" },
    { ZICHA_CODE_GABA, " 京公网安备 11010502030143号 ", "京公网安备11010502030143号" },
    { ZICHA_CODE_MOBILE, "+86 138 1234 5678", "+8613812345678" },
    { ZICHA_CODE_MOBILE, "＋８６（１３８）", "+86(138)" },
    { ZICHA_CODE_PHONE, "010   1234\xe3\x80\x80" "5678", "010 1234 5678" },
    { ZICHA_CODE_PHONE, "（010）12345678 转 8", "(010)12345678 转 8" },
    { ZICHA_CODE_DENGBAO, "11010513001—00001", "11010513001-00001" },
    { ZICHA_CODE_DENGBAO, "11010513001\xe2\x80\x90" "00001", "11010513001-00001" },
    { ZICHA_CODE_IP, "１９２。１６８ . 1 . 1", "192.168.1.1" },
    { ZICHA_CODE_URL, "  ｈｔｔｐ：／／ｘ．ｃｎ ", "http://x.cn" },
    { ZICHA_CODE_URL, "http://x.cn/a b", "http://x.cn/a b" },
    { ZICHA_CODE_EMAIL, "a b＠c.cn", "a b@c.cn" },
    { ZICHA_CODE_EMAIL, "Zhang@Example.CN", "Zhang@Example.CN" },
    { ZICHA_CODE_DATE, "2019 年 7 月 10 日", "2019年7月10日" },
    { ZICHA_CODE_POSTCODE, "\xef\xbb\xbf" "100084\xe2\x80\x8b", "100084" },
    { ZICHA_CODE_REGION, "\xc2\xa0" "110108\n", "110108" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalized = zicha_code_normalize (cases[i].kind, cases[i].input);

      if (g_strcmp0 (normalized, cases[i].expected) != 0)
        g_printerr ("\n  normalize %s “%s” gave “%s”, expected “%s”\n",
                    zicha_code_kind_to_name (cases[i].kind), cases[i].input,
                    normalized, cases[i].expected);
      ZICHA_ASSERT_STR_EQ (normalized, cases[i].expected);
    }
}

static void
test_english_messages (void)
{
  g_autoptr(ZichaCodeCheck) uscc = zicha_code_check (ZICHA_CODE_USCC, "91350200776049653B");
  g_autoptr(ZichaCodeCheck) length = zicha_code_check (ZICHA_CODE_USCC, "9135020077604965");
  g_autoptr(ZichaCodeCheck) phone = zicha_code_check (ZICHA_CODE_PHONE, "13812345678");
  g_autoptr(ZichaCodeCheck) gaba = zicha_code_check (ZICHA_CODE_GABA, "京公网安备44030002017573号");

  CU_ASSERT_PTR_NOT_NULL (strstr (uscc->message_en, "(position 18) should be “A”"));
  CU_ASSERT_PTR_NOT_NULL (strstr (length->message_en, "this one has 16"));
  CU_ASSERT_PTR_NOT_NULL (strstr (phone->message_en, "mobile phone field"));
  CU_ASSERT_PTR_NOT_NULL (strstr (gaba->message_en, "Guangdong"));
}

static void
test_kind_names (void)
{
  static const char * const names[] = {
    "uscc", "mobile", "phone", "icp", "gaba", "dengbao",
    "ip", "url", "email", "postcode", "region", "date",
  };
  ZichaCodeKind kind;

  CU_ASSERT_EQUAL (G_N_ELEMENTS (names), ZICHA_N_CODE_KINDS);

  for (guint i = 0; i < ZICHA_N_CODE_KINDS; i++)
    {
      kind = ZICHA_N_CODE_KINDS;
      ZICHA_ASSERT_STR_EQ (zicha_code_kind_to_name (i), names[i]);
      CU_ASSERT_TRUE (zicha_code_kind_from_name (names[i], &kind));
      CU_ASSERT_EQUAL (kind, i);
      CU_ASSERT_PTR_NOT_NULL (zicha_code_kind_label_zh (i));

      for (guint j = 0; j < i; j++)
        CU_ASSERT_STRING_NOT_EQUAL (zicha_code_kind_label_zh (i), zicha_code_kind_label_zh (j));
    }

  ZICHA_ASSERT_STR_EQ (zicha_code_kind_label_zh (ZICHA_CODE_USCC), "统一社会信用代码");
  CU_ASSERT_TRUE (zicha_code_kind_from_name ("USCC", &kind));
  CU_ASSERT_EQUAL (kind, ZICHA_CODE_USCC);
  CU_ASSERT_TRUE (zicha_code_kind_from_name ("date", NULL));

  kind = ZICHA_CODE_DATE;
  CU_ASSERT_FALSE (zicha_code_kind_from_name ("telephone", &kind));
  CU_ASSERT_FALSE (zicha_code_kind_from_name ("", &kind));
  CU_ASSERT_FALSE (zicha_code_kind_from_name (NULL, &kind));
  CU_ASSERT_EQUAL (kind, ZICHA_CODE_DATE);
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/code/table-coverage", test_table_coverage },
    { "/code/uscc", test_uscc },
    { "/code/mobile", test_mobile },
    { "/code/phone", test_phone },
    { "/code/icp", test_icp },
    { "/code/gaba", test_gaba },
    { "/code/dengbao", test_dengbao },
    { "/code/ip", test_ip },
    { "/code/url", test_url },
    { "/code/email", test_email },
    { "/code/postcode", test_postcode },
    { "/code/region", test_region },
    { "/code/date", test_date },
    { "/code/null-and-empty", test_null_and_empty },
    { "/code/invalid-utf8", test_invalid_utf8 },
    { "/code/normalize", test_normalize },
    { "/code/english-messages", test_english_messages },
    { "/code/kind-names", test_kind_names },
    { NULL, NULL }
  };

  return zicha_test_run ("code", NULL, NULL, cases);
}
