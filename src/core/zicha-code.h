/* zicha-code.h — typed code values: check, explain, normalize
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each ZichaCodeKind is one of the typed codes a form item can carry
 * (统一社会信用代码, phone numbers, ICP备案号, …). zicha_code_check() tells
 * whether a value is acceptable and, if not, explains exactly what is wrong
 * in one Chinese and one English sentence. The validation engine decides
 * whether a field is required; these functions only look at values.
 *
 * Input handling common to every kind (zicha_code_normalize()): invalid
 * UTF-8 is repaired for normalization (and reported INVALID by the check),
 * the text is NFKC-normalized (full-width “ＡＢＣ１２３”, “（）”, “＠”,
 * “：”, the ideographic space become ASCII), dashes (‐ ‑ ‒ – — ― −) become
 * “-”, “。” becomes “.”, invisible format characters (zero-width space,
 * BOM) are dropped and leading/trailing white space is trimmed. Then, per
 * kind: spaces are removed where the code has none (everything except
 * phone, URL and e-mail; a phone number keeps single spaces as separators,
 * URL and e-mail keep them so the check can reject them), and ASCII
 * letters are upper-cased for 统一社会信用代码 and ICP备案号 (Chinese
 * characters are never changed). zicha_code_normalize() never rejects
 * anything; the canonical form to store is ZichaCodeCheck.normalized.
 *
 * Messages carry no final full stop, so callers can place them in a
 * sentence or after a field label. Chinese messages use full-width
 * punctuation and quote characters and values with “”.
 *
 * The rules of each kind (sources: /work/shared/reference/form-2019.md §3):
 *
 * USCC     统一社会信用代码 (GB 32100-2015): 18 characters from
 *          0123456789ABCDEFGHJKLMNPQRTUWXY. Pos 1–2 登记管理部门码 +
 *          机构类别码 must be one of the combinations of GB 32100 (11 12 13
 *          19 21 29 31–35 39 41 49 51 52 53 59 61 62 69 71 72 79 81 89 91
 *          92 93 A1 A9 N1 N2 N3 N9 Y1), pos 3–8 are digits, pos 18 is the
 *          MOD 31 check character. WARNING: pos 9–17 fail the GB 11714
 *          MOD 11 check, or pos 3–4 are neither a province code nor “10”
 *          (central registration, e.g. 12100000…). A 15-digit number gets
 *          a hint that it is an old registration number.
 * MOBILE   11 digits 1[3-9]xxxxxxxxx. Spaces, “-”, parentheses and a
 *          +86 / 0086 / 86 prefix are accepted and removed.
 * PHONE    Landline only: area code (010, 020–029, or 4 digits 03xx–09xx;
 *          these codes are prefix-free, so the area code can be found
 *          without a separator) + 7–8 digit number not starting with 0,
 *          optional extension of 1–6 digits after 转 / 分机 / ext / x / # /
 *          “-”. Accepts (010)12345678, 010 12345678, +86 10 12345678.
 *          Normalized: 010-12345678 or 010-12345678-123. Mobile numbers
 *          and 400/800 numbers are INVALID with a hint.
 * ICP      <省简称>ICP备<6–10 digits>号[-n] or <省简称>ICP证<6 digits>号[-n],
 *          省简称 one of the 31 mainland abbreviations, n is 1–3 digits
 *          not starting with 0. Normalized: 京ICP备12345678号-1.
 * GABA     <省简称>公网安备<14 digits>号; the first two digits must be the
 *          GB/T 2260 code of that province. Legacy 12-digit numbers are
 *          a WARNING. Normalized: 京公网安备 11010502030143号.
 * DENGBAO  等保备案证明编号: 16 digits = 11-digit 备案单位编号 (6-digit
 *          受理公安机关代码 + 5-digit sequence number) + 5-digit 系统编号,
 *          written with or without “-” after the 11th digit. Normalized:
 *          11010513001-00001. Assumed, not stated by the reference: the
 *          受理公安机关代码 starts with the province's GB/T 2260 code (or
 *          “00” for 公安部); anything else is only a WARNING. The year
 *          sometimes seen at the start of the 系统编号 is not validated.
 * IP       IPv4 or IPv6 as GInetAddress parses it (dotted quad only, no
 *          leading zeros, no zone index). Loopback, unspecified, multicast
 *          and link-local addresses are a WARNING. Normalized by
 *          g_inet_address_to_string() (IPv6 lower case, compressed).
 * URL      http/https with a host (DNS name with at least two labels, or
 *          an IP address). A bare host such as www.example.edu.cn (no
 *          “://”, no “@”) is accepted as http://… with a WARNING telling
 *          that the scheme was assumed. User name/password in the URL is a
 *          WARNING. Checked as parsed with G_URI_FLAGS_NONE (broken
 *          %-escapes are invalid); normalized by g_uri_to_string() with
 *          the host in lower case (IDN hosts in their ASCII form, as GUri
 *          gives them) and the user's %-escapes kept as written.
 * EMAIL    local@domain: one “@”, no spaces, ASCII local part (RFC 5322
 *          atext and single dots, at most 64 characters), domain a DNS name
 *          with a dot. Normalized with a lower-case domain.
 * POSTCODE 6 digits. China Post zones start 0–8; “00” and a first digit 9
 *          are not used in the mainland (999077/999078 are the
 *          international codes of Hong Kong and Macao).
 * REGION   6 digits GB/T 2260: pos 1–2 a province-level code (11–15 21–23
 *          31–37 41–46 50–54 61–65 71 81 82), pos 3–4 prefecture (00 =
 *          the province itself), pos 5–6 county (00 = the prefecture); a
 *          province-level code must end in 0000. 71/81/82 with anything but
 *          0000 is a WARNING (GB/T 2260 lists only the province level).
 * DATE     YYYY-MM-DD, also YYYY/M/D, YYYY.M.D and YYYY年M月D日, a real
 *          calendar date (GDate) in the years 1990–2100. Normalized: ISO.
 */
#pragma once

#include <glib.h>

#include "zicha-types.h"

G_BEGIN_DECLS

typedef enum
{
  ZICHA_CODE_USCC,      /* 统一社会信用代码 GB 32100-2015 */
  ZICHA_CODE_MOBILE,    /* 手机号 */
  ZICHA_CODE_PHONE,     /* 固定电话 (landline, with area code, optional extension) */
  ZICHA_CODE_ICP,       /* ICP备案号 / ICP证 */
  ZICHA_CODE_GABA,      /* 公网安备号 (京公网安备 11010502030143号) */
  ZICHA_CODE_DENGBAO,   /* 等保备案证明编号 */
  ZICHA_CODE_IP,        /* IPv4 or IPv6 */
  ZICHA_CODE_URL,       /* http/https URL */
  ZICHA_CODE_EMAIL,
  ZICHA_CODE_POSTCODE,  /* 邮政编码, 6 digits */
  ZICHA_CODE_REGION,    /* 行政区划代码, 6 digits, GB/T 2260 structure */
  ZICHA_CODE_DATE,      /* YYYY-MM-DD; also 2019年7月10日, 2019/7/10, 2019.7.10 */
  ZICHA_N_CODE_KINDS
} ZichaCodeKind;

typedef enum
{
  ZICHA_CODE_OK,
  ZICHA_CODE_WARNING,
  ZICHA_CODE_INVALID,
} ZichaCodeStatus;

typedef struct
{
  ZichaCodeStatus  status;
  char            *normalized;  /* always set when status != INVALID; the canonical form to store */
  char            *message_zh;  /* NULL when OK; explains exactly what is wrong */
  char            *message_en;  /* NULL when OK */
} ZichaCodeCheck;

/* input may be NULL, which is checked like "" (INVALID, 未填写 / Empty). */
ZichaCodeCheck *zicha_code_check          (ZichaCodeKind  kind,
                                           const char    *input);
void            zicha_code_check_free     (ZichaCodeCheck *check);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaCodeCheck, zicha_code_check_free)

/* The lexical clean-up described above; never NULL (input NULL gives ""). */
char           *zicha_code_normalize      (ZichaCodeKind  kind,
                                           const char    *input);

/* Names: "uscc", "mobile", "phone", "icp", "gaba", "dengbao", "ip", "url",
 * "email", "postcode", "region", "date" (ASCII case-insensitive). */
gboolean        zicha_code_kind_from_name (const char    *name,
                                           ZichaCodeKind *kind);
const char     *zicha_code_kind_to_name   (ZichaCodeKind  kind);
const char     *zicha_code_kind_label_zh  (ZichaCodeKind  kind);

G_END_DECLS
